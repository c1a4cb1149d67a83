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

    init(site: String, arguments: [String] = ["--port", "0"]) throws {
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["serve", site] + arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var printed = ""
        let deadline = Date().addingTimeInterval(30)
        while !printed.contains("public/ is left") && process.isRunning && Date() < deadline {
            printed += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        url = printed.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init) ?? ""
        if let range = printed.range(of: "files are in ") {
            folder = String(printed[range.upperBound...].prefix { $0 != ";" })
        }
    }

    /// What it wrote to standard error, once it has stopped.
    func errors() -> String {
        process.waitUntilExit()
        return String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
