import Foundation

/// A command-line program the tests use as a person would (pdfinfo, zbarimg, curl, wrk…), installed
/// by `scripts/setup.sh test`.
enum Tool {
    struct Missing: Error, CustomStringConvertible { var description: String }

    /// Runs `name` and returns what it printed on standard output.
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let path = ["/usr/bin", "/usr/local/bin", "/bin"].map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw Missing(description: "\(name) is not installed: run `scripts/setup.sh test`") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
