import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which folder a build may put its site in. A build replaces its output folder whole, so a folder
/// that holds anything else (a home folder, `~/www` with other files, the site's own `content/`)
/// is refused before anything is written; a folder that an earlier build of this site wrote, or
/// one the user names with `--force`, is replaced.
enum OutputClaim {
    /// The file, in an output's state folder (`OutputPlace.state`), that lists every file the last
    /// build wrote into it: the mark that the output is this site's own.
    static func manifest(_ state: String) -> String { state + "/files" }

    /// The folder a build of `output` really writes: a symbolic link is followed to its target (the
    /// link stays, the folder it leads to is updated), also when the target does not exist yet.
    static func resolve(_ output: String) -> String {
        var path = PathComponents.absolute(output)
        for _ in 0..<40 {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return path }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &buffer, Int(PATH_MAX))
            guard count > 0 else { return path }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = PathComponents.absolute(target, from: PathComponents.folder(of: path))
        }
        return path
    }

    /// Refuses an output that would take the user's files with it; `force` allows replacing a
    /// folder that is not this site's own output, never one that holds the site or its sources.
    static func check(output: String, site: String, state: String, force: Bool) throws(BuildFailed) {
        let real = PathComponents.real(output)
        let siteReal = PathComponents.real(site)
        if real == siteReal || PathComponents.isInside(siteReal, real) {
            throw refusal(output, "it holds the site itself", note: "write the site into a folder of its own")
        }
        for source in ["content", "templates", ".limber"] {
            let sourceReal = PathComponents.real(site + "/" + source)
            if real == sourceReal || PathComponents.isInside(real, sourceReal) {
                throw refusal(
                    output, "it is inside the site's \(source)/ folder",
                    note: "the output is read back as part of the site; write it beside them, like public/")
            }
        }
        var info = stat()
        guard stat(output, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw refusal(output, "it is a file, not a folder", note: "name a folder to write the site into")
        }
        guard !force, !isEmptyFolder(output), !wasWritten(by: state, output: output) else { return }
        throw refusal(
            output, "it holds files that no build of this site wrote",
            note: "a build replaces the whole folder: choose an empty or new folder, or add --force to replace it"
                + " and everything in it")
    }

    /// Records that the output now holds exactly `files`, as a build of this site wrote them.
    static func record(_ files: some Sequence<String>, state: String) {
        var text = files.sorted().joined(separator: "\n")
        text += "\n"
        let path = manifest(state)
        do {
            try StagedOutput.writeFile(path + ".new", Array(text.utf8))
            guard rename(path + ".new", path) == 0 else { throw OutputError(message: errnoText()) }
        } catch {
            unlink(path + ".new")
        }
    }

    /// The files an earlier build of this site wrote into the output, by what it recorded.
    static func recorded(state: String) -> Set<String> {
        guard let bytes = try? SiteFolder.readFile(manifest(state)) else { return [] }
        return Set(bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Whether an earlier build of this site wrote `output`: it left a list of its files (or, from
    /// builds made before that list, its cache) in the output's state folder.
    static func wasWritten(by state: String, output: String) -> Bool {
        access(manifest(state), F_OK) == 0 || access(state + "/cache", F_OK) == 0
    }

    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func isEmptyFolder(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { return false }
        }
        return true
    }

    /// Whether `path` is a mount point (a Docker bind mount, say), which no rename can replace.
    static func isMountPoint(_ path: String) -> Bool {
        let real = PathComponents.real(path)
        var own = stat()
        var parent = stat()
        guard stat(real, &own) == 0, stat(PathComponents.folder(of: real), &parent) == 0 else { return false }
        if own.st_dev != parent.st_dev { return true }
        // A bind mount of a folder on the same file system keeps the device: ask the kernel.
        guard let table = try? SiteFolder.readFile("/proc/self/mountinfo") else { return false }
        for line in table.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count > 4 else { continue }
            if unescapeMountPath(String(decoding: fields[4], as: UTF8.self)) == real { return true }
        }
        return false
    }

    /// `/proc/self/mountinfo` writes a space, tab, newline and backslash in a path as `\ooo`.
    private static func unescapeMountPath(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "\\"), index + 3 < source.count,
                let value = UInt8(String(decoding: source[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func refusal(_ output: String, _ reason: String, note: String) -> BuildFailed {
        BuildFailed(diagnostics: [
            .error(at: .commandLine, "will not write the site into \(output): \(reason)", note: note)
        ])
    }
}

extension PathComponents {
    /// `path` made absolute from `base` (the current folder by default), with `.`, `..` and
    /// repeated slashes worked out, by bytes; symbolic links are left as they are.
    static func absolute(_ path: String, from base: String = FileManager.default.currentDirectoryPath) -> String {
        let joined = path.utf8.first == UInt8(ascii: "/") ? path : base + "/" + path
        var parts: [Substring.UTF8View.SubSequence] = []
        for part in joined.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
    }

    /// `path` with every symbolic link resolved, also when its end does not exist yet: the part
    /// that exists is resolved, and the rest is added to it.
    static func real(_ path: String) -> String {
        var existing = absolute(path)
        var rest: [String] = []
        while existing != "/" {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            rest.append(name(of: existing))
            existing = folder(of: existing)
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    /// Whether `inner` is strictly inside `outer` (both absolute, resolved).
    static func isInside(_ inner: String, _ outer: String) -> Bool {
        outer == "/" ? inner != "/" : inner.utf8.starts(with: (outer + "/").utf8)
    }
}
