import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `limber publish`: builds the site for the target's address into a folder of its own under
/// `.limber/publish/`, stops on any error, and uploads what changed in three passes
/// (`PublishPasses`). What each target's tool needs to log in comes from its own configuration
/// (git's credential helpers, `~/.ssh/config`, `rclone.conf` or `RCLONE_CONFIG_*`), never from
/// `site.yaml`.
public enum Publisher {
    public struct Options: Sendable {
        public var siteFolder: String
        /// Overrides the `publish:` group's target.
        public var target: String?
        /// Prints the passes without touching the remote.
        public var dryRun = false
        /// Told what each pass is doing, for a progress line on a terminal.
        public var onProgress: (@Sendable (String) -> Void)?

        public init(siteFolder: String, target: String? = nil, dryRun: Bool = false) {
            self.siteFolder = siteFolder
            self.target = target
            self.dryRun = dryRun
        }
    }

    public struct Report: Sendable {
        public var target: PublishTarget
        public var passes: PublishPasses
        /// Bytes of the files uploaded.
        public var bytes: Int
        public var seconds: Double
        /// A git target whose branch already held this site: no commit was made.
        public var unchanged = false
        /// Warnings of the build.
        public var diagnostics: [Diagnostic]

        /// One line: what went where, how much, how long.
        public var summary: String {
            let uploaded = passes.files.count + passes.pages.count
            let size = ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)
            let time = String(format: "%.1f", seconds)
            if passes.isEmpty || unchanged { return "Published to \(target): nothing had changed (\(time) s)" }
            let removed = passes.removals.count
            return "Published to \(target): \(uploaded) file\(uploaded == 1 ? "" : "s") uploaded (\(size)), "
                + "\(removed) removed in \(time) s"
        }
    }

    public static func publish(_ options: Options) throws(PublishFailed) -> Report {
        let started = Date()
        let folder = SiteFolder(root: options.siteFolder)
        var found: [Diagnostic] = []
        let settings = ContentLoader.loadSettings(folder, into: &found)
        guard let settings else { throw PublishFailed(message: "the site's settings have errors", diagnostics: found) }
        guard let text = options.target ?? settings.publish.target else {
            throw PublishFailed(
                message:
                    "no target: give one with --to (git:URL#branch, ssh:USER@HOST:PATH, rclone:REMOTE:PATH) or write it in site.yaml as publish: target: …"
            )
        }
        let target = try PublishTarget.parse(text, branch: settings.publish.branch).get()

        // The build: for the address the site is read at, in a folder of this target's own.
        var hash = FNV()
        hash.add(target.description)
        let place = folder.root + "/.limber/publish/" + String(hash.value, radix: 16)
        do {
            try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
        } catch {
            throw PublishFailed(message: "cannot create \(place): \(error)")
        }
        var build = BuildOptions(siteFolder: folder.root, output: place + "/site")
        build.privateOutput = true
        build.baseURL = settings.publish.baseURL
        options.onProgress?("Building for \(settings.publish.baseURL ?? settings.baseURL)")
        let built: BuildReport
        do {
            built = try SiteBuilder.build(build)
        } catch {
            throw PublishFailed(message: "the site has errors: nothing was published", diagnostics: error.diagnostics)
        }
        let output = built.output
        let files = OutputClaim.recorded(state: OutputPlace.state(site: folder.root, output: output))
        let record = PublishRecord(path: place + "/published")

        var report: Report
        switch target {
        case .git(let repository, let branch):
            let baseURL = settings.publish.baseURL ?? settings.baseURL
            report = try GitTarget(repository: repository, branch: branch, work: place + "/git").publish(
                output, files: files, domain: GitTarget.customDomain(baseURL), record: record, dryRun: options.dryRun,
                progress: options.onProgress)
        case .ssh(let destination):
            report = try RsyncTarget(destination: destination).publish(
                output, files: files, record: record, dryRun: options.dryRun, progress: options.onProgress)
        case .rclone(let remote):
            report = try RcloneTarget(remote: remote).publish(
                output, files: files, record: record, dryRun: options.dryRun, progress: options.onProgress)
        }
        report.target = target
        report.diagnostics = built.diagnostics
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// The bytes of `files` in `folder`.
    static func size(of files: [String], in folder: String) -> Int {
        files.reduce(0) { total, file in
            var info = stat()
            return total + (stat(folder + "/" + file, &info) == 0 ? Int(info.st_size) : 0)
        }
    }
}

/// The files that publishes of this site have put on a target, kept in `.limber/publish/<hash>/`:
/// the only files a publish ever removes from it.
struct PublishRecord {
    let path: String

    var files: Set<String> {
        guard let bytes = try? SiteFolder.readFile(path) else { return [] }
        return Set(bytes.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) })
    }

    func write(_ files: Set<String>) throws(PublishFailed) {
        let text = files.sorted().joined(separator: "\n") + "\n"
        do {
            try StagedOutput.writeFile(path + ".new", Array(text.utf8))
            guard rename(path + ".new", path) == 0 else { throw OutputError(message: errnoText()) }
        } catch {
            throw PublishFailed(message: "cannot write \(path): \(error)")
        }
    }
}

/// A list of paths in a file, one a line, for a tool's `--files-from`.
struct FileList {
    let path: String

    init(_ files: [String], in folder: String, named name: String) throws(PublishFailed) {
        path = folder + "/" + name
        do {
            try StagedOutput.writeFile(path, Array((files.joined(separator: "\n") + "\n").utf8))
        } catch {
            throw PublishFailed(message: "cannot write \(path): \(error)")
        }
    }
}
