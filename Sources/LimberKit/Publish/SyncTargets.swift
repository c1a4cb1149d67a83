import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Publishing to a folder on a host over SSH with the system's `rsync`, comparing by checksum. SSH
/// logs in as `~/.ssh/config` (or `RSYNC_RSH`) says.
struct RsyncTarget {
    let destination: String

    func publish(
        _ output: String, files: Set<String>, record: PublishRecord, dryRun: Bool,
        progress: (@Sendable (String) -> Void)?
    ) throws(PublishFailed) -> Publisher.Report {
        guard let rsync = ExternalCommand("rsync") else {
            throw PublishFailed(message: "publishing over SSH needs rsync: apt-get install rsync openssh-client")
        }
        let remote = destination.hasSuffix("/") ? destination : destination + "/"
        let source = output + "/"
        // What rsync would send and remove: each line `%i|%n`, `*deleting|path` for a removal.
        progress?("Comparing with \(destination)")
        let listing = try rsync.check(
            ["-rlt", "--checksum", "--dry-run", "--delete", "--out-format=%i|%n", source, remote],
            doing: "comparing with \(destination)")
        var changed: [String] = []
        var new: Set<String> = []
        var gone: [String] = []
        for line in listing.split(separator: "\n") {
            guard let bar = line.firstIndex(of: "|") else { continue }
            let change = line[..<bar]
            let path = String(line[line.index(after: bar)...])
            if path.hasSuffix("/") { continue }
            if change.hasPrefix("*deleting") {
                gone.append(path)
            } else if change.dropFirst().first == "f", change.first == "<" || change.first == ">" {
                if change.dropFirst(2).hasPrefix("+++") { new.insert(path) } else { changed.append(path) }
            }
        }
        let published = record.files
        let passes = PublishPasses(
            changed: changed.filter(files.contains), new: new.intersection(files), gone: gone, published: published)
        let report = Publisher.Report(
            target: .ssh(destination: destination), passes: passes,
            bytes: Publisher.size(of: passes.files + passes.pages, in: output), seconds: 0, diagnostics: [])
        guard !dryRun, !passes.isEmpty else { return report }

        let work = PathComponents.folder(of: record.path)
        try record.write(published.union(files))
        for (name, list) in [("files", passes.files)] + passes.pageGroups where !list.isEmpty {
            progress?("Uploading \(list.count) \(name)")
            let fileList = try FileList(list, in: work, named: "upload")
            try rsync.check(
                ["-rlt", "--checksum", "--files-from=" + fileList.path, source, remote],
                doing: "uploading the \(name)")
        }
        if !passes.removals.isEmpty {
            progress?("Removing \(passes.removals.count) files")
            // An empty folder sent with --delete, and a filter that lets rsync see only the files
            // to remove (and their folders): it removes those, and folders they leave empty.
            let empty = work + "/empty"
            _ = mkdir(empty, 0o755)
            let filter = try FileList(Self.removalFilter(passes.removals), in: work, named: "removals")
            try rsync.check(
                ["-r", "--delete", "--filter=merge " + filter.path, empty + "/", remote], doing: "removing files")
        }
        try record.write(published.subtracting(passes.removals).union(files))
        return report
    }

    /// rsync filter rules that include exactly `files` and the folders they are in.
    static func removalFilter(_ files: [String]) -> [String] {
        func escaped(_ path: some StringProtocol) -> String {
            var text = ""
            for character in path {
                if "*?[\\".contains(character) { text.append("\\") }
                text.append(character)
            }
            return text
        }
        var rules: [String] = []
        var folders: Set<String> = []
        for file in files {
            let parts = file.split(separator: "/")
            for depth in 1..<max(parts.count, 1) {
                let folder = parts[..<depth].joined(separator: "/")
                if folders.insert(folder).inserted { rules.append("+ /" + escaped(folder) + "/") }
            }
            rules.append("+ /" + escaped(file))
        }
        return rules + ["- *"]
    }
}

/// Publishing to any of rclone's remotes (S3, R2, B2, Azure, GCS, SFTP, WebDAV, FTP) with the
/// system's `rclone`, comparing by checksum where both sides have one. Remotes come from
/// `rclone.conf` or `RCLONE_CONFIG_<NAME>_*` variables. On object stores, files whose names carry
/// a hash of their bytes are cached for a year and the rest for five minutes.
struct RcloneTarget {
    let remote: String

    static let longCache = "Cache-Control: public, max-age=31536000, immutable"
    static let shortCache = "Cache-Control: public, max-age=300"

    func publish(
        _ output: String, files: Set<String>, record: PublishRecord, dryRun: Bool,
        progress: (@Sendable (String) -> Void)?
    ) throws(PublishFailed) -> Publisher.Report {
        guard let rclone = ExternalCommand("rclone") else {
            throw PublishFailed(message: "publishing with rclone needs rclone: apt-get install rclone")
        }
        let work = PathComponents.folder(of: record.path)
        progress?("Comparing with \(remote)")
        let combined = work + "/check"
        unlink(combined)
        let checked: ExternalCommand.Output
        do {
            checked = try rclone.run(["check", output, remote, "--combined", combined, "--log-level", "ERROR"])
        } catch {
            throw PublishFailed(message: "cannot run rclone: \(error)")
        }
        let lines = ((try? SiteFolder.readFile(combined)) ?? []).split(separator: UInt8(ascii: "\n"))
            .map { String(decoding: $0, as: UTF8.self) }
        var changed: [String] = []
        var new: Set<String> = []
        var gone: [String] = []
        if lines.isEmpty {
            // A remote folder that does not exist yet: everything is new.
            guard checked.stderr.contains("directory not found") || checked.status == 0 else {
                throw PublishFailed(message: "comparing with \(remote) failed:\n\(checked.stderr)")
            }
            new = files
        }
        for line in lines where line.count > 2 {
            let path = String(line.dropFirst(2))
            switch line.first {
            case "+": new.insert(path)
            case "*", "!": changed.append(path)
            case "-": gone.append(path)
            default: break
            }
        }
        let published = record.files
        let passes = PublishPasses(
            changed: changed.filter(files.contains), new: new.intersection(files), gone: gone, published: published)
        let report = Publisher.Report(
            target: .rclone(remote: remote), passes: passes,
            bytes: Publisher.size(of: passes.files + passes.pages, in: output), seconds: 0, diagnostics: [])
        guard !dryRun, !passes.isEmpty else { return report }

        let headers = storesHeaders(rclone)
        try record.write(published.union(files))
        for (name, list) in [("files", passes.files)] + passes.pageGroups where !list.isEmpty {
            progress?("Uploading \(list.count) \(name)")
            let groups =
                headers
                ? [
                    (list.filter(PublishPasses.isHashed), Self.longCache),
                    (list.filter { !PublishPasses.isHashed($0) }, Self.shortCache),
                ]
                : [(list, "")]
            for (group, header) in groups where !group.isEmpty {
                let fileList = try FileList(group, in: work, named: "upload")
                try rclone.check(
                    ["copy", output, remote, "--files-from-raw", fileList.path, "--no-traverse", "--checksum"]
                        + (header.isEmpty ? [] : ["--header-upload", header]),
                    doing: "uploading the \(name)")
            }
        }
        if !passes.removals.isEmpty {
            progress?("Removing \(passes.removals.count) files")
            let fileList = try FileList(passes.removals, in: work, named: "removals")
            try rclone.check(["delete", remote, "--files-from-raw", fileList.path], doing: "removing files")
        }
        try record.write(published.subtracting(passes.removals).union(files))
        return report
    }

    /// Whether the remote is an object store that keeps each file's HTTP headers.
    func storesHeaders(_ rclone: ExternalCommand) -> Bool {
        let name = remote.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        let objectStores: Set<String> = [
            "s3", "b2", "gcs", "google cloud storage", "azureblob", "swift", "oos", "qingstor",
        ]
        if name.isEmpty {  // `:s3,provider=…:bucket`, a remote written in the target itself
            let type = remote.dropFirst().prefix { $0 != "," && $0 != ":" }
            return objectStores.contains(String(type))
        }
        let variable = "RCLONE_CONFIG_" + name.uppercased().replacingOccurrences(of: "-", with: "_") + "_TYPE"
        if let type = ProcessInfo.processInfo.environment[variable] { return objectStores.contains(type.lowercased()) }
        guard let dump = try? rclone.run(["config", "dump"]), dump.status == 0,
            let json = try? JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: [String: Any]],
            let type = json[name]?["type"] as? String
        else { return false }
        return objectStores.contains(type.lowercased())
    }
}
