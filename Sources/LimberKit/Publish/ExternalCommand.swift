import Foundation

/// A program from the system that `limber publish` hands the upload to (`git`, `rsync`,
/// `rclone`), or that a build makes the search index with (`pagefind`), found on `PATH`, run with
/// its arguments as a list (never through a shell), with what it printed kept for the error when
/// it fails.
struct ExternalCommand {
    let name: String
    let path: String

    /// The program on `PATH`; nil when it is not installed.
    init?(_ name: String) {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard
            let found = folders.map({ "\($0)/\(name)" }).first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else { return nil }
        self.name = name
        self.path = found
    }

    /// The program at `path`, as given.
    init(name: String, path: String) {
        self.name = name
        self.path = path
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the program and waits for it; `environment` is added to this process's own.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        // What it says on standard error goes to a file, so a chatty program never blocks on a
        // full pipe while its standard output is read.
        let errPath = NSTemporaryDirectory() + "limber-stderr-\(getpid())-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { unlink(errPath) }
        guard let err = FileHandle(forWritingAtPath: errPath) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the program and returns what it printed; fails with what it said on an error.
    @discardableResult
    func check(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil, doing: String)
        throws(PublishFailed) -> String
    {
        let output: Output
        do {
            output = try run(arguments, environment: environment, in: folder)
        } catch {
            throw PublishFailed(message: "cannot run \(path): \(error)")
        }
        guard output.status == 0 else {
            let said = Self.redacted(output.stderr.split(separator: "\n").suffix(6).joined(separator: "\n"))
            throw PublishFailed(message: "\(doing) failed (\(name) exited with \(output.status)):\n\(said)")
        }
        return output.stdout
    }

    /// `scheme://user:secret@host` as `scheme://user:***@host`, wherever it appears in `text`.
    static func redacted(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: "://([^/@\\s:]+):[^/@\\s]+@")
        return pattern.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "://$1:***@")
    }
}
