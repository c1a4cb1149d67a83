import Foundation
import Testing

@testable import LimberKit

/// SVGs that only draw (gradients, `url(#g)`, `<use href="#a">`, editor metadata, text that looks
/// like markup) are published byte for byte; the refused ones are in `Fixtures/broken/unsafe-svgs/`
/// with every error the build prints (`BrokenSiteTests`).
@Suite(.tags(.browser), .needs(Tool.venv("bin/python"), "chromedriver", "chromium"), .serialized)
struct SVGCheckTests {
    static let drawings = TestSite.fixtures + "/svg/drawings"
    static let names = ((try? FileManager.default.contentsOfDirectory(atPath: drawings)) ?? []).sorted()

    @Test func drawingsArePublishedUntouched() throws {
        #expect(Self.names.count >= 4)
        let site = try TestSite.make()
        for name in Self.names {
            try FileManager.default.copyItem(
                atPath: Self.drawings + "/" + name, toPath: site + "/content/images/" + name)
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        for name in Self.names {
            let published = FileManager.default.contents(atPath: site + "/public/images/" + name)
            #expect(published == FileManager.default.contents(atPath: Self.drawings + "/" + name), "\(name)")
        }
    }

    /// Each drawing the check accepts, opened on its own in Chromium (where an SVG's scripts
    /// would run), runs nothing and asks nothing of a listener on this machine; a file that the
    /// check refuses does both in the same browser, so the test can see it.
    @Test func nothingInAnAcceptedDrawingRunsInABrowser() throws {
        guard FileManager.default.isExecutableFile(atPath: PlayerBrowserTests.python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(description: "Selenium or chromium-driver is not installed: run scripts/setup.sh test")
        }
        let listener = try RecordingListener()
        let folder = TestSite.temporaryFolder()
        func place(_ source: String) throws -> String {
            let text = TestSite.read(source).replacingOccurrences(of: "PORT", with: "\(listener.port)")
            let path = folder + "/" + (source as NSString).lastPathComponent
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        var accepted: [String] = []
        for name in Self.names {
            let path = try place(Self.drawings + "/" + name)
            #expect(SVGCheck.findings(in: [UInt8](FileManager.default.contents(atPath: path)!)) == [], "\(name)")
            accepted.append(URL(fileURLWithPath: path).absoluteString)
        }
        let control = try place(TestSite.fixtures + "/svg/runs/script-and-handler.svg")
        #expect(!SVGCheck.findings(in: [UInt8](FileManager.default.contents(atPath: control)!)).isEmpty)
        let controlURL = URL(fileURLWithPath: control).absoluteString

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["300", PlayerBrowserTests.python, TestSite.repository + "/Tests/Browser/svg_check.py"]
        process.arguments! += accepted + [controlURL]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        for url in accepted { #expect(printed.contains("quiet: " + url), "\(printed)") }
        #expect(printed.contains("ran: " + controlURL), "the control ran nothing: \(printed)")
        let requests = listener.requests
        #expect(requests.allSatisfy { $0.hasSuffix("/onload") || $0.hasSuffix("/script") }, "\(requests)")
        #expect(!requests.isEmpty, "the control reached no listener")
    }

    /// Cuts of every file of both corpora, and bytes changed at random (with a fixed seed),
    /// are read to the end: a finding, or none, at a place inside the file, never a crash.
    @Test func cutAndChangedFilesAreReadWithoutACrash() throws {
        let refused = TestSite.fixtures + "/broken/unsafe-svgs/content/images"
        let files =
            Self.names.map { Self.drawings + "/" + $0 }
            + (try FileManager.default.contentsOfDirectory(atPath: refused)).sorted().map { refused + "/" + $0 }
        var random = SeededRandom(seed: 7)
        let pieces = Array("<>\"'&;#:-]![/=?\\x".utf8)
        for file in files {
            let bytes = [UInt8](FileManager.default.contents(atPath: file)!)
            let lines = bytes.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            var inputs = stride(from: 0, to: bytes.count, by: 5).map { Array(bytes[..<$0]) }
            for _ in 0..<100 {
                var changed = bytes
                changed[Int(random.next() % UInt64(bytes.count))] = pieces[Int(random.next() % UInt64(pieces.count))]
                inputs.append(changed)
            }
            for input in inputs {
                for finding in SVGCheck.findings(in: input) {
                    #expect((1...lines).contains(finding.at.line) && finding.at.column >= 1, "\(file): \(finding)")
                }
            }
            #expect(!SVGCheck.findings(in: []).isEmpty, "an empty file is no drawing")
        }
    }
}

/// A small generator with a fixed seed (SplitMix64), so a failing case comes back on every run.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
