import Foundation
import Testing

@testable import LimberKit

/// No built page links to a file, image or `#fragment` that is not there (`SiteLinks`).
@Suite struct LinkCheckTests {
    static func broken(_ site: String) throws -> (broken: [SiteLinks.Broken], pages: Int) {
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let baseURL = TestSite.read(site + "/content/site.yaml").split(separator: "\n")
            .first { $0.hasPrefix("base_url:") }
            .map { $0.dropFirst("base_url:".count).trimmingCharacters(in: .whitespaces) }
        let withSlash = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        return (SiteLinks.check(site + "/out", baseURL: withSlash), report.pages)
    }

    /// A body's link is read as the page it leads to: percent signs decoded where there are any,
    /// a stray one kept as written.
    @Test func aBodysLinkIsDecodedWhereItHasPercentSigns() {
        #expect(LinkCheck.resolve("../../images/a%20b.png", from: "stretches/x/") == "images/a b.png")
        #expect(LinkCheck.resolve("../../images/100%.png", from: "stretches/x/") == "images/100%.png")
        #expect(LinkCheck.resolve("../y/", from: "stretches/x/") == "stretches/y")
        #expect(LinkCheck.resolve("../../../y/", from: "stretches/x/") == nil)
    }

    @Test func theRepositorysSiteHasNoBrokenLinks() throws {
        let (broken, pages) = try Self.broken(try TestSite.repositorySite())
        #expect(pages > 1)
        #expect(broken.isEmpty, "broken links:\n\(broken.map(\.description).joined(separator: "\n"))")
    }

    @Test func theFixtureSiteHasNoBrokenLinks() throws {
        let (broken, pages) = try Self.broken(try TestSite.make())
        #expect(pages > 1)
        #expect(broken.isEmpty, "broken links:\n\(broken.map(\.description).joined(separator: "\n"))")
    }

    @Test func theListsPagesHaveNoBrokenLinks() throws {
        let (broken, pages) = try Self.broken(try TestSite.make("paged"))
        #expect(pages > 30)
        #expect(broken.isEmpty, "broken links:\n\(broken.map(\.description).joined(separator: "\n"))")
    }

    @Test func theFixtureSiteWithArticlesAndPagesHasNoBrokenLinks() throws {
        let (broken, pages) = try Self.broken(try TestSite.make("blog"))
        #expect(pages > 1)
        #expect(broken.isEmpty, "broken links:\n\(broken.map(\.description).joined(separator: "\n"))")
    }

    @Test func theCheckerFindsBrokenLinksImagesAndFragments() throws {
        let folder = TestSite.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let index = """
            <!doctype html><html><head><link rel="stylesheet" href="style.css?v=1"></head><body id="top">
            <a href="sub/">ok</a> <a href='sub/page.html#here'>ok</a> <a href="#top">ok</a> <a href="#">ok</a>
            <a href="sub/page.html?x=1&amp;y=2#here">ok</a> <a href="https://example.com/nowhere">out</a>
            <a href="mailto:a@example.org">mail</a> <a href="https://example.org/site/sub/">own, absolute</a>
            <link rel="canonical" href="https://example.org/site/">
            <meta property="og:image" content="https://example.org/site/pic.png">
            <!-- <a href="commented-out.html">not a link</a> -->
            <script>const s = '<a href="in-script.html">';</script>
            <a href="missing.html">1</a> <a href="sub/page.html#nowhere">2</a> <a href="#gone">3</a>
            <img src="missing.png" alt=""> <img srcset="pic.png 1x, missing-2x.png 2x" src="pic.png" alt="">
            <a href="/sub/page.html">4</a> <a href="../outside.html">5</a>
            <a href="https://example.org/site/absent/">6</a>
            </body></html>
            """
        try index.write(toFile: folder + "/index.html", atomically: true, encoding: .utf8)
        try "<!doctype html><p id=here><a href=\"../index.html#top\">back</a> <a href=\"..\">up</a>"
            .write(toFile: folder + "/sub/page.html", atomically: true, encoding: .utf8)
        try "<!doctype html><title>sub</title>".write(
            toFile: folder + "/sub/index.html", atomically: true, encoding: .utf8)
        // The 404 page is served at any address, so its links start with the base URL's path.
        let notFound = """
            <!doctype html><a href="/site/sub/page.html#here">ok</a> <a href="/site/">ok</a>
            <a href="/x.html">7</a>
            """
        try notFound.write(toFile: folder + "/404.html", atomically: true, encoding: .utf8)
        for file in ["style.css", "pic.png"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + file, contents: Data())
        }

        let broken = SiteLinks.check(folder, baseURL: "https://example.org/site/")
        #expect(
            broken.map(\.link) == [
                "/x.html", "missing.html", "sub/page.html#nowhere", "#gone", "missing.png", "missing-2x.png",
                "/sub/page.html", "../outside.html", "https://example.org/site/absent/",
            ], "\(broken)")
        #expect(broken.map(\.page) == ["404.html"] + Array(repeating: "index.html", count: 8))
        #expect(broken.first { $0.link == "#gone" }?.reason == "no id \"gone\" in index.html")
    }
}
