import Foundation

@testable import LimberKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain static web server on the loopback address (`python3 -m http.server`), as any host that
/// serves a folder of files would be: no rewrites, no redirects to `index.html` but for folders.
final class StaticServer {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let process: Process
    let port: Int
    /// `http://127.0.0.1:PORT` (no slash at the end).
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Serves `directory` on a free port between 20000 and 60000 once it answers.
    init(directory: String) throws {
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : nil
        for _ in 0..<10 {
            let port = Int.random(in: 20000...60000)
            let process = Process()
            if let python {
                process.executableURL = URL(fileURLWithPath: python)
                process.arguments = []
            } else {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3"]
            }
            process.arguments! += ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", directory]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Up to 10 s for it to answer; a server that could not bind the port exits at once.
            for _ in 0..<100 {
                if !process.isRunning { break }
                if Self.status("http://127.0.0.1:\(port)/") != 0 {
                    self.process = process
                    self.port = port
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Self.end(process)
        }
        throw Failure(description: "python3 -m http.server did not start on any of 10 ports")
    }

    /// Ends the server with SIGKILL: a process started from a test's thread inherits its blocked
    /// signals, so SIGTERM (`Process.terminate()`) would wait forever.
    func stop() {
        Self.end(process)
    }

    static func end(_ process: Process) {
        guard process.isRunning else { return }
        _ = kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The HTTP status of a GET of `url` with curl (0 when nothing answered), and the body in `file`.
    static func status(_ url: String, saveTo file: String? = nil) -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = [
            "--silent", "--noproxy", "*", "--max-time", "10", "--output", file ?? "/dev/null",
            "--write-out", "%{http_code}", url,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return 0 }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self)) ?? 0
    }
}

/// The basic fixture site built for `https://example.org/some/sub/path/` into
/// `<folder>/www/some/sub/path`, as it would be uploaded under that subpath.
struct SubpathSite {
    static let subpath = "/some/sub/path/"
    static let baseURL = "https://example.org" + subpath

    /// The folder a server serves (`www`).
    var webRoot: String
    /// The built site (`www/some/sub/path`).
    var output: String
    var report: BuildReport

    init() throws {
        let site = try TestSite.make()
        webRoot = site + "/www"
        output = webRoot + String(Self.subpath.dropLast())
        try FileManager.default.createDirectory(
            atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var options = BuildOptions(siteFolder: site, output: output)
        options.baseURL = Self.baseURL  // as `limber build --base-url`
        report = try SiteBuilder.build(options)
    }
}
