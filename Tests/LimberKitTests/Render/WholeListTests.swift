import Foundation
import Testing

@testable import LimberKit

/// `routines/` and `stretches/` are pages of their own, paginated as the other lists are; the menu
/// on every page links to them, and the home page shows a few routines and links to the rest.
/// The `paged` fixture (`per_page: 3`, thirteen stretches) with three more routines: four in all.
@Suite struct WholeListTests {
    static func build() throws -> String {
        let site = try TestSite.make("paged")
        for (slug, title) in [
            ("a-calm-start", "A Calm Start"), ("back-ease", "Back Ease"), ("desk-break", "Desk Break"),
        ] {
            try """
            ---
            title: \(title)
            summary: \(title), in two steps.
            steps:
              - leg-swings
              - pigeon-pose
            ---
            Go slowly.

            """.write(toFile: site + "/content/routines/\(slug).md", atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return site + "/public"
    }

    /// The pages a list page links to under `prefix`, each once, in order.
    static func links(on page: String, under prefix: String, in output: String) -> [String] {
        PaginationTests.values(TestSite.read(output + "/" + page), tag: "a ", attribute: "href")
            .map { PaginationTests.target($0, from: page) }
            .filter { $0.hasPrefix(prefix) && !$0.contains("/sheet/") && !$0.hasPrefix(prefix + "page/") }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    @Test func everyRoutineIsOnExactlyOneOfTheRoutinesPages() throws {
        let output = try Self.build()
        let pages = PaginationTests.pages(from: "routines/index.html", in: output)
        #expect(pages == ["routines/index.html", "routines/page/2/index.html"])
        let shown = pages.map { page in
            Self.links(on: page, under: "routines/", in: output).filter { $0 != "routines/index.html" }
        }
        #expect(shown.map(\.count) == [3, 1])
        #expect(
            Set(shown.joined())
                == [
                    "routines/a-calm-start/index.html", "routines/back-ease/index.html",
                    "routines/desk-break/index.html", "routines/long-legs/index.html",
                ])
        let second = TestSite.read(output + "/routines/page/2/index.html")
        #expect(second.contains("<title>Routines (page 2 of 2) · Paged Stretches</title>"))
        #expect(second.contains("4–4 of 4 · page 2 of 2"))
    }

    @Test func everyStretchIsOnExactlyOneOfTheStretchesPages() throws {
        let output = try Self.build()
        let pages = PaginationTests.pages(from: "stretches/index.html", in: output)
        #expect(pages.count == 5)
        let cards = pages.map { PaginationTests.cards(on: $0, in: output) }
        #expect(cards.map(\.count) == [3, 3, 3, 3, 1], "\(cards)")
        #expect(Set(cards.joined()).count == 13)
        #expect(TestSite.read(output + "/stretches/index.html").contains("<h1>Stretches</h1>"))
    }

    @Test func theMenuOnEveryPageLinksToTheRoutinesAndStretchesPages() throws {
        let output = try Self.build()
        let pages = SiteLinks.htmlPages(in: output).filter { $0 != "404.html" }
        #expect(pages.count > 20)
        for page in pages {
            let html = TestSite.read(output + "/" + page)
            guard let start = html.range(of: "<nav class=\"site-nav\""),
                let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex)
            else {
                Issue.record("\(page) has no menu")
                continue
            }
            let menu = String(html[start.lowerBound..<end.upperBound])
            let links = PaginationTests.values(menu, tag: "a ", attribute: "href").map {
                PaginationTests.target($0, from: page)
            }
            #expect(links.contains("routines/index.html") && links.contains("stretches/index.html"), "\(page): \(menu)")
            #expect(!menu.contains("#routines") && !menu.contains("#stretches"), "\(page)")
        }
    }

    @Test func theHomePageShowsAFewRoutinesAndLinksToAll() throws {
        let output = try Self.build()
        let html = TestSite.read(output + "/index.html")
        #expect(html.components(separatedBy: "class=\"routine-item\"").count - 1 == 3)
        #expect(html.contains("<a href=\"routines/index.html\">All 4 routines</a>"))
        #expect(html.contains("<a href=\"stretches/index.html\">All stretches</a>"))
    }
}

/// Every page writes a day the same way: `date_format` in `site.yaml`, `d MMMM yyyy` unless set.
@Suite struct DateFormatTests {
    static func build(format: String?) throws -> String {
        let site = try TestSite.make("blog")
        if let format {
            let settings = site + "/content/site.yaml"
            try (TestSite.read(settings) + "date_format: \(format)\n").write(
                toFile: settings, atomically: false, encoding: .utf8)
        }
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        return site + "/public"
    }

    @Test func aRoutineAndAnArticleWriteTheirDatesAlike() throws {
        let output = try Self.build(format: nil)
        let routine = TestSite.read(output + "/routines/evening-hips/index.html")
        let article = TestSite.read(output + "/articles/why-we-stretch/index.html")
        #expect(routine.contains("Published <time datetime=\"2026-02-01\">1 February 2026</time>"))
        #expect(article.contains("<time datetime=\"2026-01-10\">10 January 2026</time>"))
        #expect(!routine.contains(">2026-02-01<"))
    }

    @Test func dateFormatInSiteYAMLChangesEveryDate() throws {
        let output = try Self.build(format: "MMMM d, yyyy")
        let routine = TestSite.read(output + "/routines/evening-hips/index.html")
        let article = TestSite.read(output + "/articles/why-we-stretch/index.html")
        let articles = TestSite.read(output + "/articles/index.html")
        let sheet = TestSite.read(output + "/routines/evening-hips/sheet/index.html")
        #expect(routine.contains("Published <time datetime=\"2026-02-01\">February 1, 2026</time>"))
        #expect(article.contains("<time datetime=\"2026-01-10\">January 10, 2026</time>"))
        #expect(articles.contains(">January 10, 2026</time>"))
        #expect(sheet.contains("<time datetime=\"2026-03-01\">March 1, 2026</time>"))
    }
}
