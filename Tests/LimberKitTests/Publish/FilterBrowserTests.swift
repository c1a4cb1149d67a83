import Foundation
import Testing

@testable import LimberKit

/// The filter chips of the home page and the lists, pressed in headless Chromium on the fixture
/// site (with one stretch of more than 5 minutes added): each combination shows exactly the
/// stretches it should, as the built list pages and stretch pages say they are; the chips are kept
/// in the address. `Tests/Browser/filter_check.py` (Selenium, from `scripts/setup.sh test`) drives
/// the browser, from disk: the index of cards is a script, so it loads there too.
@Suite(.tags(.browser), .needs(Tool.venv("bin/python"), "chromedriver", "chromium"), .serialized)
struct FilterBrowserTests {
    static let script = TestSite.repository + "/Tests/Browser/filter_check.py"

    @Test func eachChipCombinationShowsExactlyItsStretches() throws {
        guard FileManager.default.isExecutableFile(atPath: PlayerBrowserTests.python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(description: "Selenium or chromium-driver is not installed: run scripts/setup.sh test")
        }
        let site = try TestSite.make(overlay: "filters")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["600", PlayerBrowserTests.python, Self.script, "file://" + site + "/out/"]
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
        #expect(printed.contains("chip combinations shows exactly its stretches"), "\(printed)")
    }
}
