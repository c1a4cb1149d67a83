import Foundation

/// `limber serve` in a process of its own, as a person runs it. (In the test process its server
/// would share the concurrency pool with tests that block, and stall on a 2-core machine.)
final class ServeProcess {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    /// The address pages are served at, and the folder they are built into.
    private(set) var url = ""
    private(set) var folder = ""
    /// What it printed until it served: the first build's report.
    private(set) var started = ""

    /// `descriptorLimit` runs it under `ulimit -n`, as a shell with a low limit would.
    init(site: String, arguments: [String] = ["--port", "0"], descriptorLimit: Int? = nil) throws {
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                [
                    "-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", CommandLineTests.executable, "serve",
                    site,
                ]
                + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
            process.arguments = ["serve", site] + arguments
        }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(30)
        while !printed.contains("public/ is left") && process.isRunning && Date() < deadline {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        url = printed.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
        started = printed
        if let range = printed.range(of: "files are in ") {
            folder = String(printed[range.upperBound...].prefix { $0 != ";" })
        }
    }

    /// The port it listens on.
    var port: UInt16 { UInt16(url.split(separator: ":").last?.split(separator: "/").first ?? "") ?? 0 }

    /// `http://127.0.0.1:PORT`, without the path of `base_url`.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// What it wrote to standard error, once it has stopped.
    func errors() -> String {
        process.waitUntilExit()
        return String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// What it printed after the address, once it has stopped.
    func laterOutput() -> String {
        process.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Sends `signal`; the seconds until the process ended, or nil if it still runs after `timeout`.
    /// (Its end is read from /proc, not from Foundation, which notices it later on a busy machine.)
    func stop(with signal: Int32, timeout: Double = 5) -> Double? {
        let pid = process.processIdentifier
        let start = Date()
        kill(pid, signal)
        while Date().timeIntervalSince(start) < timeout {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let state = stat.split(separator: ")").last?.split(separator: " ").first ?? "Z"
            if state == "Z" || state == "X" { return Date().timeIntervalSince(start) }
            usleep(2_000)
        }
        return nil
    }

    /// Stops it as Ctrl-C would; SIGKILL if that does not end it.
    func stop() {
        guard process.isRunning else { return }
        if stop(with: SIGTERM, timeout: 3) == nil { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
