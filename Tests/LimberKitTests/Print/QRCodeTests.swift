import Foundation
import Testing

@testable import LimberKit

@Suite struct QRCodeTests {
    static let url = "https://stretches.example.org/routines/hip-flexor-relief/"

    @Test func encodesAURLAsASquareWithFinderPatterns() throws {
        let code = try QRCode(encoding: Self.url)
        #expect(code.width >= 21)
        #expect((code.width - 17) % 4 == 0, "a QR code is 17 + 4 × version modules wide")
        let last = code.width - 7
        for (left, top) in [(0, 0), (last, 0), (0, last)] {
            #expect(finderPattern(in: code, left: left, top: top) == Self.finder, "finder at \(left), \(top)")
        }
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: 0, y: code.width), "outside is light")
    }

    /// Scans the SVG the way a phone would: Chromium draws it, zbar reads it back.
    @Test(.tags(.browser), .needs("chromium", "zbarimg")) func roundTripsThroughChromiumAndZbar() throws {
        let chromium = try #require(executable("chromium"), "chromium is not on PATH: run `scripts/setup.sh test`")
        let zbarimg = try #require(executable("zbarimg"), "zbarimg is not on PATH: run `scripts/setup.sh test`")
        let folder = TestSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let svg = try QRCode(encoding: Self.url).svg(title: "Hip flexor relief")
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>QR</title>
            <style>html, body { margin: 0; background: #fff; } svg.qr { display: block; width: 300px; margin: 50px; }
            </style></head><body>\(svg)</body></html>
            """
        try html.write(toFile: folder + "/qr.html", atomically: false, encoding: .utf8)

        let screenshot = try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=400,400",
                "--user-data-dir=\(folder)/profile", "--screenshot=\(folder)/qr.png", "file://\(folder)/qr.html",
            ])
        try #require(screenshot.status == 0, "chromium failed: \(screenshot.errors)")
        try #require(FileManager.default.fileExists(atPath: folder + "/qr.png"), "no screenshot: \(screenshot.errors)")

        let scan = try run(zbarimg, ["--quiet", "--raw", folder + "/qr.png"])
        #expect(scan.status == 0, "zbarimg found no code: \(scan.errors)")
        #expect(scan.output == Self.url + "\n")
    }

    @Test func escapesTheTitle() throws {
        let svg = try QRCode(encoding: Self.url).svg(title: #"Hips <&> "knees""#)
        #expect(svg.contains(#">Hips &lt;&amp;&gt; &quot;knees&quot;</title>"#))
        #expect(!svg.contains("<&>"))
    }

    @Test func drawsOneCompactPathSizedByCSS() throws {
        let code = try QRCode(encoding: Self.url)
        let svg = code.svg(title: "Hip flexor relief")
        let side = code.width + 8
        #expect(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 \#(side) \#(side)""#))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        #expect(!svg.contains(" width=\"\(side)\" height=\"\(side)\" viewBox"))
        // The top row of the top-left finder is one run of seven modules, inside the quiet zone.
        #expect(svg.contains(#"d="M4 4h7v1h-7z"#))
    }

    /// The path draws exactly the dark modules, for a small code and for the largest there is
    /// (version 40, 177 modules a side, where every number in the path has three digits).
    @Test func pathDrawsEveryDarkModuleAndNoOther() throws {
        for text in [Self.url, String(repeating: "Stretch-0123456789/", count: 115)] {
            let code = try QRCode(encoding: text)
            let svg = code.svg(title: "Check")
            let path = try #require(svg.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
            var drawn = Set<[Int]>()
            for run in path.split(separator: "z") {
                // `Mx yhNv1h-Nz`: a run of N modules from (x, y), in the quiet zone's frame.
                let numbers = run.dropFirst().split(whereSeparator: { " hv-".contains($0) }).compactMap { Int($0) }
                try #require(numbers.count == 5, "\(run)")
                for x in numbers[0]..<(numbers[0] + numbers[2]) { drawn.insert([x - 4, numbers[1] - 4]) }
            }
            var dark = Set<[Int]>()
            for y in 0..<code.width { for x in 0..<code.width where code.isDark(x: x, y: y) { dark.insert([x, y]) } }
            #expect(drawn == dark, "width \(code.width)")
            if text != Self.url { #expect(code.width == 177) }
        }
    }

    @Test func namesTheTitleByTheText() throws {
        let first = try QRCode(encoding: Self.url).svg(title: "Scan me")
        let again = try QRCode(encoding: Self.url).svg(title: "Scan me")
        let other = try QRCode(encoding: Self.url + "#steps").svg(title: "Scan me")
        let id = try #require(labelID(first))
        #expect(id.hasPrefix("qr-") && id.count == 11)
        #expect(first.contains(#"<title id="\#(id)">"#))
        #expect(labelID(again) == id)
        #expect(labelID(other) != id)
    }

    @Test func refusesWhatCannotBeEncoded() {
        #expect(throws: QRCodeError.empty) { try QRCode(encoding: "") }
        #expect(throws: QRCodeError.containsNUL) { try QRCode(encoding: "a\u{0}b") }
        #expect(throws: QRCodeError.tooLong(bytes: 3000)) { try QRCode(encoding: String(repeating: "é", count: 1500)) }
    }

    // MARK: - Helpers

    /// Dark border, light ring, dark 3 × 3 centre.
    static let finder: [[Bool]] = (0..<7).map { y in
        (0..<7).map { x in
            let ring = max(abs(x - 3), abs(y - 3))
            return ring != 2
        }
    }

    private func finderPattern(in code: QRCode, left: Int, top: Int) -> [[Bool]] {
        (0..<7).map { y in (0..<7).map { x in code.isDark(x: left + x, y: top + y) } }
    }

    private func labelID(_ svg: String) -> String? {
        guard let start = svg.range(of: #"aria-labelledby=""#)?.upperBound,
            let end = svg[start...].firstIndex(of: "\"")
        else { return nil }
        return String(svg[start..<end])
    }

    private func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs a tool to completion, killing it after a minute so a hung browser fails the test.
    private func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        // Files, not pipes: Chromium's helper processes inherit them and can hold a pipe open after
        // the browser exits, and its chatter could fill a pipe that nobody reads yet.
        let base = NSTemporaryDirectory() + "limber-qr-" + UUID().uuidString
        let (outputPath, errorsPath) = (base + ".out", base + ".err")
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorsPath)
        }
        let files = try [outputPath, errorsPath].map { path in
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        }
        defer { for file in files { try? file.close() } }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = files[0]
        process.standardError = files[1]
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, TestSite.read(outputPath), TestSite.read(errorsPath))
    }
}
