import Foundation
import Testing

@testable import LimberKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// sitemap.xml, the feed and JSON-LD, read back the way search engines and feed readers read them.
@Suite struct SearchEngineFileTests {
    let output: String
    let base = "https://example.org/guide/"

    init() throws {
        let site = try TestSite.make()
        output = site + "/public"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
    }

    /// The text of every element called `name`, from a well-formed XML file (else nil).
    func elements(_ name: String, in file: String) -> [String]? {
        final class Collector: NSObject, XMLParserDelegate {
            let name: String
            var values: [String] = []
            var current: String?
            init(name: String) { self.name = name }
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if element == name { current = "" }
                if element == "link", name == "link@href", let href = attributes["href"] { values.append(href) }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(
                _ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?
            ) {
                if element == name, let value = current { values.append(value) }
                if element == name { current = nil }
            }
        }
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let parser = XMLParser(data: data)
        let collector = Collector(name: name)
        parser.delegate = collector
        return parser.parse() ? collector.values : nil
    }

    @Test func theSitemapListsExactlyThePagesThatExist() throws {
        let locations = try #require(elements("loc", in: output + "/sitemap.xml"), "sitemap.xml is not well-formed")
        // A programme's sheet shows nothing without a programme in its address: not a page to index.
        let pages = TestSite.snapshot(output).keys.filter {
            $0.hasSuffix("index.html") && $0 != "programme/sheet/index.html"
        }
        .map { base + String($0.dropLast("index.html".count)) }
        #expect(Set(locations) == Set(pages))
        #expect(locations.count == pages.count, "no page twice")
        let dates = try #require(elements("lastmod", in: output + "/sitemap.xml"))
        #expect(dates.contains("2026-01-15"), "the date of the pigeon pose")
    }

    @Test func robotsPointsToTheSitemap() {
        #expect(TestSite.read(output + "/robots.txt").contains("Sitemap: \(base)sitemap.xml"))
    }

    @Test func theFeedHasDatedContentNewestFirst() throws {
        let titles = try #require(elements("title", in: output + "/feed.xml"), "feed.xml is not well-formed")
        #expect(titles == ["Test Stretches", "Evening Hips", "Pigeon Pose"])
        let updated = try #require(elements("updated", in: output + "/feed.xml"))
        #expect(updated == ["2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-01-15T00:00:00Z"])
        let links = try #require(elements("link@href", in: output + "/feed.xml"))
        #expect(links.contains(base + "routines/evening-hips/"))
    }

    @Test func theFeedKeepsTheNewestFifty() throws {
        let site = try TestSite.make()
        for day in 1...60 {
            let date = String(format: "2025-%02d-%02d", (day - 1) / 28 + 1, (day - 1) % 28 + 1)
            try """
            ---
            title: Dated Stretch \(day)
            summary: One of many dated stretches.
            kind: static
            level: beginner
            targets: [calves]
            dose: 30 s
            date: \(date)
            ---
            Hold it.
            """.write(toFile: site + "/content/stretches/dated-\(day).md", atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        let updated = try #require(elements("updated", in: site + "/public/feed.xml"), "feed.xml is not well-formed")
        // The feed's own date, then one an entry.
        #expect(updated.count == 1 + SiteFiles.feedEntries)
        #expect(updated.dropFirst().prefix(2) == ["2026-02-01T00:00:00Z", "2026-01-15T00:00:00Z"], "newest first")
        #expect(!updated.contains("2025-01-01T00:00:00Z"), "the oldest entries are left out")
    }

    /// The JSON-LD block of a page, parsed.
    func structuredData(_ page: String) throws -> [String: Any] {
        let html = TestSite.read(output + "/" + page)
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(json as? [String: Any])
    }

    @Test func stretchesAreHowTosWithTheirSteps() throws {
        let data = try structuredData("stretches/pigeon-pose/index.html")
        #expect(data["@type"] as? String == "HowTo")
        #expect(data["totalTime"] as? String == "PT1M35S")
        let steps = try #require(data["step"] as? [[String: Any]])
        #expect(
            steps.compactMap { $0["text"] as? String } == [
                "Start on hands and knees.", "Slide one knee forward.", "Lower your hips.",
            ])
        #expect(data["image"] as? String == base + "images/pigeon.svg")
    }

    @Test func routinesAreExercisePlans() throws {
        let data = try structuredData("routines/evening-hips/index.html")
        #expect(data["@type"] as? String == "ExercisePlan")
        #expect(data["activityDuration"] as? String == "PT5M15S")
    }

    @Test func pagesCarryCanonicalAndSharingTags() {
        let html = TestSite.read(output + "/stretches/pigeon-pose/index.html")
        #expect(html.contains("<link rel=\"canonical\" href=\"\(base)stretches/pigeon-pose/\">"))
        #expect(html.contains("<meta name=\"description\" content=\"A deep hip opener from the floor.\">"))
        #expect(html.contains("<meta property=\"og:image\" content=\"\(base)images/pigeon.svg\">"))
        #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        #expect(html.contains("width=\"120\" height=\"80\""), "the picture's size from its file")
        #expect(html.contains("href=\"mailto:?subject=Pigeon%20Pose"))
    }

    @Test func theNotFoundPageLinksFromTheHostsRoot() {
        let html = TestSite.read(output + "/404.html")
        #expect(html.contains("href=\"/guide/index.html\""))
        #expect(!html.contains("href=\"../"))
    }

    @Test func stylesheetsAndScriptsCarryAHashOfTheirBytes() throws {
        let files = TestSite.snapshot(output).keys
        let stylesheet = try #require(files.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        let hash = stylesheet.dropFirst("style.".count).dropLast(".css".count)
        #expect(hash.count == 8 && hash.allSatisfy(\.isHexDigit))
        #expect(TestSite.read(output + "/index.html").contains("href=\"\(stylesheet)\""))
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/one", buildDate: "2026-03-01"))
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/two", buildDate: "2026-03-01"))
        let one = TestSite.snapshot(site + "/one")
        #expect(one.count > 20)
        #expect(one == TestSite.snapshot(site + "/two"))
    }

    @Test func theBaseURLCanBeGivenOnTheCommandLine() throws {
        let site = try TestSite.make()
        var options = BuildOptions(siteFolder: site)
        options.baseURL = "https://example.com/some/sub/path"
        _ = try SiteBuilder.build(options)
        #expect(TestSite.read(site + "/public/sitemap.xml").contains("<loc>https://example.com/some/sub/path/</loc>"))
        #expect(TestSite.read(site + "/public/404.html").contains("href=\"/some/sub/path/index.html\""))
    }
}
