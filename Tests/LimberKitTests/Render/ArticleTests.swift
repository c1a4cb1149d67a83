import Foundation
import Testing

@testable import LimberKit

/// The `blog` fixture: the basic guide with three articles (one a draft, two tagged, one embedding
/// two stretches and a routine) and three pages, in the menu, the footer or both.
@Suite struct ArticleTests {
    let output: String

    init() throws {
        let site = try TestSite.make("blog")
        output = site + "/public"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
    }

    func page(_ path: String) -> String { TestSite.read(output + "/" + path) }

    /// The text of `html` between `start` and the next `end`.
    func section(_ html: String, from start: String, to end: String) -> String {
        guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex)
        else { return "" }
        return String(html[from.lowerBound..<to.upperBound])
    }

    @Test func articlesAndPagesHaveTheirOwnFoldersAndTheDraftIsLeftOut() {
        for path in [
            "articles/index.html", "articles/why-we-stretch/index.html", "articles/three-for-the-hips/index.html",
            "tags/hips/index.html", "tags/beginners/index.html", "about/index.html", "privacy/index.html",
            "contact/index.html",
        ] {
            #expect(FileManager.default.fileExists(atPath: output + "/" + path), "\(path) is missing")
        }
        #expect(!FileManager.default.fileExists(atPath: output + "/articles/coming-soon"))
        #expect(!page("articles/index.html").contains("Coming soon"))
    }

    @Test func limberServeBuildsDrafts() throws {
        let site = try TestSite.make("blog")
        var options = BuildOptions(siteFolder: site, buildDate: "2026-03-01")
        options.drafts = true
        _ = try SiteBuilder.build(options)
        #expect(TestSite.read(site + "/public/articles/coming-soon/index.html").contains("<h1>Coming soon</h1>"))
    }

    @Test func theArticlesListAndTheHomePageShowTheNewestFirst() throws {
        let list = page("articles/index.html")
        let newer = try #require(list.range(of: "Three for the hips"))
        let older = try #require(list.range(of: "Why we stretch"))
        #expect(newer.lowerBound < older.lowerBound)

        let home = page("index.html")
        let latest = try #require(home.range(of: "Latest articles"))
        let routines = try #require(home.range(of: "id=\"routines\""))
        #expect(latest.lowerBound < routines.lowerBound, "the latest articles come before the routines")
        #expect(home.contains("href=\"articles/three-for-the-hips/index.html\""))
    }

    @Test func theListOfArticlesGoesOnAtPageTwoWithPerPage() throws {
        let site = try TestSite.make("blog")
        let settings = site + "/content/site.yaml"
        try (TestSite.read(settings) + "per_page: 1\n").write(toFile: settings, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        let first = TestSite.read(site + "/public/articles/index.html")
        let second = TestSite.read(site + "/public/articles/page/2/index.html")
        #expect(first.contains("Three for the hips") && !first.contains("Why we stretch"))
        #expect(first.contains("<a rel=\"next\" href=\"../articles/page/2/index.html\">"))
        #expect(second.contains("Why we stretch") && !second.contains("Three for the hips"))
        #expect(second.contains("<a rel=\"prev\" href=\"../../../articles/index.html\">"))
        #expect(second.contains("<title>Articles (page 2 of 2) · Test Stretches</title>"))
        #expect(TestSite.read(site + "/public/sitemap.xml").contains("articles/page/2/</loc>"))
    }

    @Test func anArticleShowsItsDatesAuthorReadingTimeAndTags() {
        let html = page("articles/why-we-stretch/index.html")
        #expect(html.contains("<time datetime=\"2026-01-10\">10 January 2026</time>"))
        #expect(html.contains("By A. Physio"))
        #expect(html.contains("1 min read"))
        #expect(html.contains("<a class=\"tag\" href=\"../../tags/beginners/index.html\">Beginners</a>"))
        let updated = page("articles/three-for-the-hips/index.html")
        #expect(updated.contains("Updated <time datetime=\"2026-02-25\">25 February 2026</time>"))
    }

    @Test func aTagPageListsItsArticles() {
        let hips = page("tags/hips/index.html")
        #expect(hips.contains("Three for the hips") && hips.contains("Why we stretch"))
        let beginners = page("tags/beginners/index.html")
        #expect(beginners.contains("Why we stretch") && !beginners.contains("Three for the hips"))
    }

    @Test func embedsShowTheStretchesAndTheRoutineAsTheyAreNow() {
        let html = page("articles/three-for-the-hips/index.html")
        // The couch stretch in full: its dose, cue, caution and picture, not its body.
        let full = section(
            html, from: "<section class=\"embed embed-stretch\" id=\"embed-couch-stretch\"", to: "</section>")
        #expect(full.contains("45 s · each leg"))
        #expect(full.contains("href=\"../../stretches/couch-stretch/index.html\""))
        #expect(!html.contains("Kneel with your back shin against the couch."), "an embed shows no body")
        // Leg swings as a card.
        #expect(html.contains("<article class=\"card level-beginner\">"))
        #expect(html.contains("10 reps · each leg"))
        // The routine with its total, a link to start it and one to print it.
        let routine = section(html, from: "<section class=\"embed embed-routine\"", to: "</section>")
        #expect(routine.contains("5 min 15 s"))
        #expect(routine.contains("href=\"../../routines/evening-hips/index.html\">Start the routine</a>"))
        #expect(routine.contains("href=\"../../routines/evening-hips/sheet/index.html\""))
        #expect(!html.contains("```") && !html.contains("<code>"))
    }

    @Test func pagesStandInTheMenuAndTheFooterAsTheySay() {
        for path in ["index.html", "stretches/pigeon-pose/index.html", "about/index.html"] {
            let html = page(path)
            let nav = section(html, from: "<nav class=\"site-nav\"", to: "</nav>")
            let about = nav.range(of: ">About</a>")
            let contact = nav.range(of: ">Contact</a>")
            #expect(about != nil && contact != nil && about!.lowerBound < contact!.lowerBound, "\(path): \(nav)")
            #expect(!nav.contains("Privacy"))
            let footer = section(html, from: "<footer", to: "</footer>")
            #expect(footer.contains(">About</a>") && footer.contains(">Privacy</a>") && !footer.contains("Contact"))
        }
        #expect(page("about/index.html").contains("<h1>About</h1>"))
    }

    @Test func articlesAreBlogPostingsForSearchEngines() throws {
        let html = page("articles/why-we-stretch/index.html")
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        let data = try #require(json as? [String: Any])
        #expect(data["@type"] as? String == "BlogPosting")
        #expect(data["datePublished"] as? String == "2026-01-10")
        #expect((data["author"] as? [String: Any])?["name"] as? String == "A. Physio")
        #expect(data["url"] as? String == "https://example.org/guide/articles/why-we-stretch/")
    }

    @Test func theFeedAndTheSitemapListTheArticles() {
        let feed = page("feed.xml")
        #expect(feed.contains("<id>https://example.org/guide/articles/three-for-the-hips/</id>"))
        #expect(feed.contains("<id>https://example.org/guide/articles/why-we-stretch/</id>"))
        #expect(feed.contains("<published>2026-02-20T00:00:00Z</published>"))
        #expect(!feed.contains("coming-soon"))
        let sitemap = page("sitemap.xml")
        for path in ["articles/", "articles/why-we-stretch/", "tags/hips/", "about/", "privacy/"] {
            #expect(sitemap.contains("<loc>https://example.org/guide/\(path)</loc>"), "\(path)")
        }
        #expect(
            sitemap.contains("<loc>https://example.org/guide/articles/three-for-the-hips/</loc><lastmod>2026-02-25"))
        #expect(!sitemap.contains("coming-soon"))
    }
}
