import Foundation
import Testing

@testable import LimberKit

/// axe-core (from `.venv/axe`, put there by `scripts/setup.sh test`) finds no violation on the
/// pages of articles, their lists, a plain page and the home page that leads with them, in the
/// light and the dark colour scheme. `Tests/Browser/axe_pages.py` drives headless Chromium.
@Suite(
    .tags(.browser), .needs(Tool.venv("bin/python"), Tool.venv("axe/axe.min.js"), "chromedriver", "chromium"),
    .serialized)
struct AccessibilityTests {
    static let python = TestSite.repository + "/.venv/bin/python"
    static let script = TestSite.repository + "/Tests/Browser/axe_pages.py"
    static let axe = TestSite.repository + "/.venv/axe/axe.min.js"

    static func audit(_ urls: [String]) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: python), FileManager.default.fileExists(atPath: axe),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(
                description: "Selenium, axe-core or chromium-driver is missing: run scripts/setup.sh test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["300", python, script, axe] + urls
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func articlesTheirListsAndPlainPagesPassAxe() throws {
        let site = try TestSite.make("blog")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let repository = try TestSite.repositorySite()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: repository, output: repository + "/out"))
        let pages = [
            site + "/out/articles/three-for-the-hips/index.html", site + "/out/articles/index.html",
            site + "/out/tags/hips/index.html", site + "/out/about/index.html", site + "/out/index.html",
            repository + "/out/articles/stretching-tight-hip-flexors-for-lower-back-pain/index.html",
        ]
        let (status, output) = try Self.audit(pages.map { "file://" + $0 })
        #expect(status == 0, "\(output)")
        #expect(output.contains("12 passed, 0 failed"), "\(output)")
    }

    /// The logo beside the title in the header, and on the sheet, with the site's own footer link.
    @Test func pagesWithALogoPassAxe() throws {
        let site = try SnippetTests.site()
        try BrandIconsTests.logoSVG.write(toFile: site + "/content/images/logo.svg", atomically: true, encoding: .utf8)
        try PictureTests.append("logo: images/logo.svg\n", to: site + "/content/site.yaml")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let pages = ["index.html", "stretches/pigeon-pose/index.html", "routines/evening-hips/sheet/index.html"]
        let (status, output) = try Self.audit(pages.map { "file://" + site + "/out/" + $0 })
        #expect(status == 0, "\(output)")
        #expect(output.contains("6 passed, 0 failed"), "\(output)")
    }

    @Test func theListsOfEveryRoutineAndEveryStretchPassAxe() throws {
        let output = try WholeListTests.build()
        let pages = [
            "routines/index.html", "routines/page/2/index.html", "stretches/index.html", "stretches/page/5/index.html",
        ]
        let (status, printed) = try Self.audit(pages.map { "file://" + output + "/" + $0 })
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("8 passed, 0 failed"), "\(printed)")
    }

    @Test func aPictureWithoutTextIsAViolation() throws {
        let page = TestSite.temporaryFolder() + "/page.html"
        try
            "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><main><h1>x</h1><img src=\"a.png\"></main></body></html>"
            .write(toFile: page, atomically: true, encoding: .utf8)
        let (status, output) = try Self.audit(["file://" + page])
        #expect(status != 0)
        #expect(output.contains("image-alt"), "\(output)")
    }
}
