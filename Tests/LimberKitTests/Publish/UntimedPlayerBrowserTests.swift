import Foundation
import Testing

@testable import LimberKit

/// The routine player on a routine with doses in words (`dose: {text: until relaxed}`), followed in
/// headless Chromium with the page's clock under the check's control: it waits on such a step until
/// Done. `Tests/Browser/untimed_check.py` drives the browser.
@Suite(.tags(.browser), .needs(Tool.venv("bin/python"), "chromedriver", "chromium"))
struct UntimedPlayerBrowserTests {
    @Test func thePlayerWaitsOnAStepInWordsUntilDone() throws {
        let python = TestSite.repository + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(description: "Selenium or chromium-driver is not installed: run scripts/setup.sh test")
        }
        let site = try TestSite.make("coaches")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "300", python, TestSite.repository + "/Tests/Browser/untimed_check.py",
            "file://" + site + "/out/routines/coach-before-bed/index.html",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("8 passed, 0 failed"), "\(printed)")
    }
}
