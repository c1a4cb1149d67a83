import Foundation
import Testing

@testable import LimberKit

/// Pages, scripts and other files a browser runs are published from `content/` only when the
/// author says `unsafe_html: true`; without it each is an error (`Fixtures/broken/runnable-files/`,
/// checked by `BrokenSiteTests`), and other files are copied as they are.
@Suite struct RunnableFileTests {
    @Test func unsafeHTMLPublishesThemAsTheyAre() throws {
        let site = try TestSite.make(overlay: "broken/runnable-files")
        let settings = site + "/content/site.yaml"
        try (TestSite.read(settings) + "unsafe_html: true\n").write(toFile: settings, atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        let source = TestSite.fixtures + "/broken/runnable-files/content/"
        for file in [
            "extras/page.html", "extras/app.MJS", "extras/feed.xml", "extras/tool.wasm", "images/drawing.svgz",
        ] {
            #expect(
                FileManager.default.contents(atPath: site + "/public/" + file)
                    == FileManager.default.contents(atPath: source + file), "\(file)")
        }
    }

    @Test func withoutItOnlyTheOtherFilesWouldBePublished() throws {
        let site = try TestSite.make()
        try "handout\n".write(toFile: site + "/content/handout.txt", atomically: true, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        #expect(TestSite.read(site + "/public/handout.txt") == "handout\n")

        try "<script>alert(1)</script>".write(toFile: site + "/content/page.htm", atomically: true, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site, buildDate: "2026-01-01")))
        #expect(text.contains("content/page.htm:1:1: error: 'page.htm' is a web page"), "\(text)")
        #expect(text.contains("'unsafe_html: true' in content/site.yaml"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public/page.htm"))
    }
}
