import Foundation

@testable import LimberKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A web server on the loopback address that answers every request with an empty picture and
/// writes down its path: a place a drawing or a page must never reach.
final class RecordingListener {
    let process: Process
    let port: Int
    private let log: String

    /// `http://127.0.0.1:PORT` (no slash at the end).
    var origin: String { "http://127.0.0.1:\(port)" }

    static let server = """
        import http.server, sys
        log = open(sys.argv[2], "a", buffering=1)
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                if self.path != "/ready":
                    log.write(self.command + " " + self.path + "\\n")
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Content-Length", "0")
                self.end_headers()
            do_GET = do_POST = do_HEAD = do_OPTIONS = answer
            def log_message(self, *arguments):
                pass
        http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
        """

    /// Listens on a free port between 20000 and 60000 once it answers.
    init() throws {
        log = TestSite.temporaryFolder() + "/requests.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        for _ in 0..<10 {
            let port = Int.random(in: 20000...60000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", Self.server, "\(port)", log]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                if !process.isRunning { break }
                if StaticServer.status("http://127.0.0.1:\(port)/ready") == 200 {
                    self.process = process
                    self.port = port
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            StaticServer.end(process)
        }
        throw StaticServer.Failure(description: "the recording listener did not start on any of 10 ports")
    }

    /// Every request that reached the listener, as `METHOD /path`.
    var requests: [String] {
        TestSite.read(log).split(separator: "\n").map(String.init)
    }

    deinit { StaticServer.end(process) }
}
