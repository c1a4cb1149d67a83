import Foundation
import Testing

@testable import LimberKit

/// The search boxes in headless Chromium (`Tests/Browser/search_check.py`, Selenium): a word that
/// only one stretch's cues have finds that stretch, typed with the keyboard alone, over HTTP with
/// Pagefind's index and from disk with the search over `cards.js`; the chips narrow the home page's
/// box, and the status line says what was found.
@Suite(
    .tags(.browser, .network), .needs(Tool.venv("bin/python"), Tool.venv("bin/pagefind"), "chromedriver", "chromium"),
    .serialized)
struct SearchBrowserTests {
    static let script = TestSite.repository + "/Tests/Browser/search_check.py"
    /// Only the couch stretch's new cue has it (and the routine that shows its cues).
    static let word = "tailbone"

    /// The basic site with a cue that names the tailbone on the couch stretch, built with its index.
    static func site() throws -> String {
        let site = try TestSite.make()
        let stretch = site + "/content/stretches/couch-stretch.md"
        try TestSite.read(stretch).replacingOccurrences(
            of: "equipment: [couch]", with: "equipment: [couch]\ncues:\n  - Tuck the tailbone under"
        ).write(toFile: stretch, atomically: false, encoding: .utf8)
        var options = BuildOptions(siteFolder: site, output: site + "/out")
        options.pagefind = Tool.venv("bin/pagefind")
        _ = try SiteBuilder.build(options)
        return site
    }

    static func check(_ url: String, engine: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["300", PlayerBrowserTests.python, script, url, word, "couch-stretch", engine]
        process.currentDirectoryURL = URL(fileURLWithPath: TestSite.repository + "/Tests/Browser")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        return printed
    }

    @Test func overHTTPPagefindsIndexFindsAStretchByAWordOfItsCues() throws {
        let site = try Self.site()
        // The cues are in a file of their own, which only the search without an index loads.
        #expect(TestSite.read(site + "/out/cues.js").contains("Tuck the tailbone under"))
        #expect(!TestSite.read(site + "/out/cards.js").contains(Self.word))
        let server = try StaticServer(directory: site + "/out")
        defer { server.stop() }
        let printed = try Self.check(server.origin + "/", engine: "pagefind")
        #expect(printed.contains("ok: over HTTP the search asks Pagefind's index"), "\(printed)")
        #expect(printed.contains("ok: 'tailbone', a word of its cues, finds couch-stretch"), "\(printed)")
    }

    @Test func fromDiskTheSearchOverCardsFindsItToo() throws {
        let site = try Self.site()
        let printed = try Self.check("file://" + site + "/out/", engine: "cards")
        #expect(printed.contains("ok: from disk the search reads cards.js"), "\(printed)")
        #expect(printed.contains("ok: 'tailbone', a word of its cues, finds couch-stretch"), "\(printed)")
    }
}
