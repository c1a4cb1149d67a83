import Foundation
import Testing

@testable import LimberKit

/// A content type is declared once (`ContentKind`): a throwaway type, drills, declared in the test
/// alone is read, checked, written, listed in the sitemap and the feed, and redone on an edit;
/// and each of the table's readers has every type of Limber's own.
@Suite struct ContentKindTests {
    /// Drills: the `drills` fixture adds two to the basic guide, and a `drill` template.
    static let drills = ContentKind.entries(
        folder: "drills", noun: "drill", fields: ["reps"], template: "drill", inSitemap: true, inFeed: true)

    static func options(_ site: String, kinds: [ContentKind] = ContentKind.builtIn + [drills]) -> BuildOptions {
        var options = BuildOptions(siteFolder: site, buildDate: "2026-03-01")
        options.kinds = kinds
        return options
    }

    // MARK: - A type declared in a test

    @Test func aDeclaredTypeIsBuiltIntoPagesAtItsPath() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        let report = try SiteBuilder.build(Self.options(site))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let page = TestSite.read(site + "/public/drills/hip-circles/index.html")
        #expect(page.contains("<h1>Hip Circles</h1>"))
        #expect(page.contains("<dt>reps</dt><dd>10 each way</dd>"))
        #expect(page.contains("Ten slow circles each way to wake the hips up."))
        // Its body's embed is shown like any other body's.
        #expect(page.contains("Pigeon Pose"))
        #expect(TestSite.read(site + "/public/drills/ankle-rocks/index.html").contains("<h1>Ankle Rocks</h1>"))
    }

    @Test func aDeclaredTypeIsInTheSitemapAndTheFeedAsDeclared() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        _ = try SiteBuilder.build(Self.options(site))
        let sitemap = TestSite.read(site + "/public/sitemap.xml")
        #expect(sitemap.contains("drills/hip-circles/</loc><lastmod>2026-02-10</lastmod>"))
        #expect(sitemap.contains("drills/ankle-rocks/</loc>"))
        let feed = TestSite.read(site + "/public/feed.xml")
        #expect(feed.contains("<title>Hip Circles</title>"))
        #expect(!feed.contains("Ankle Rocks"), "a drill without a date has no place in the feed")

        var unlisted = Self.drills
        unlisted.inSitemap = false
        unlisted.inFeed = false
        let other = try TestSite.make("basic", overlay: "drills")
        _ = try SiteBuilder.build(Self.options(other, kinds: ContentKind.builtIn + [unlisted]))
        #expect(FileManager.default.fileExists(atPath: other + "/public/drills/hip-circles/index.html"))
        #expect(!TestSite.read(other + "/public/sitemap.xml").contains("drills/"))
        #expect(!TestSite.read(other + "/public/feed.xml").contains("Hip Circles"))
    }

    @Test func aTypeOfLimbersOwnLeftOutOfTheSitemapIsLeftOut() throws {
        let site = try TestSite.make("blog")
        var pages = ContentKind.pages
        pages.inSitemap = false
        let kinds = ContentKind.builtIn.map { $0.folder == "pages" ? pages : $0 }
        _ = try SiteBuilder.build(Self.options(site, kinds: kinds))
        let sitemap = TestSite.read(site + "/public/sitemap.xml")
        #expect(!sitemap.contains("/about/</loc>"))
        #expect(sitemap.contains("/articles/why-we-stretch/</loc>"))
        #expect(FileManager.default.fileExists(atPath: site + "/public/about/index.html"))
    }

    @Test func theTemplateOfADeclaredTypeIsChecked() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        let template = site + "/templates/drill.mustache"
        try TestSite.read(template).replacingOccurrences(of: "{{entry.title}}", with: "{{entry.tittle}}")
            .write(toFile: template, atomically: true, encoding: .utf8)
        let failure = try #require(TestSite.failureText(Self.options(site)))
        #expect(failure.contains("templates/drill.mustache:4:9: error: the drill page has no 'entry.tittle'"))
        #expect(failure.contains("did you mean 'entry.title'?"))
    }

    @Test func aThemeWithoutADeclaredTypesTemplateIsAnError() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        try FileManager.default.removeItem(atPath: site + "/templates/drill.mustache")
        let failure = try #require(TestSite.failureText(Self.options(site)))
        #expect(failure.contains("templates/drill.mustache:1:1: error: the theme has no 'drill' page template"))
    }

    @Test func aDeclaredTypesFieldsAreCheckedAndItsFolderIsTaken() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        try "---\ntitle: Toe Taps\nrep: 5\n---\n".write(
            toFile: site + "/content/drills/toe-taps.md", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/content/pages", withIntermediateDirectories: true)
        try "---\ntitle: Drills\n---\n".write(
            toFile: site + "/content/pages/drills.md", atomically: true, encoding: .utf8)
        let failure = try #require(TestSite.failureText(Self.options(site)))
        #expect(failure.contains("content/drills/toe-taps.md:3:1: error: unknown field 'rep'"))
        #expect(failure.contains("the page slug 'drills' is taken by the site's own 'drills/'"))
    }

    @Test func withoutItsDeclarationTheFolderIsNotRead() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        let report = try SiteBuilder.build(Self.options(site, kinds: ContentKind.builtIn))
        let warning = try #require(report.diagnostics.first { $0.message.contains("content/drills/") })
        #expect(warning.message == "content/drills/ holds 2 Markdown files that Limber does not read")
        #expect(
            warning.note
                == "Limber reads Markdown only in content/stretches/, content/routines/, content/articles/ and content/pages/"
        )
        #expect(!FileManager.default.fileExists(atPath: site + "/public/drills"))
    }

    @Test func anEditToAnEmbeddedStretchRedoesTheDeclaredTypesPages() throws {
        let site = try TestSite.make("basic", overlay: "drills")
        let (content, problems) = ContentLoader.load(
            SiteFolder(root: site), kinds: ContentKind.builtIn + [Self.drills])
        let loaded = try #require(content, "\(problems)")
        let guide = try #require(Guide.resolve(loaded).0)
        #expect(guide.entries.map(\.slug) == ["ankle-rocks", "hip-circles"])
        #expect(Incremental.prosePages(guide, shown: (["pigeon-pose"], [])) == ["drills/hip-circles/index.html"])
        #expect(Incremental.prosePages(guide, shown: (["leg-swings"], [])).isEmpty)
    }

    // MARK: - The table's readers

    @Test func everyTypesTemplatesAreRequiredAndChecked() throws {
        let sampleTemplates = Set(SampleGuide.make().pages.map(\.template))
        for kind in ContentKind.builtIn {
            for template in kind.templates {
                #expect(Theme.pageTemplates.contains(template), "Theme does not require \(kind.folder)'s \(template)")
                #expect(sampleTemplates.contains(template), "TemplateCheck never renders \(template)")
            }
        }
        for template in ContentKind.generatedTemplates {
            #expect(sampleTemplates.contains(template), "TemplateCheck never renders \(template)")
        }
        let withDrills = Set(SampleGuide.make(kinds: ContentKind.builtIn + [Self.drills]).pages.map(\.template))
        #expect(withDrills.contains("drill"))
    }

    @Test func everyTypesFolderIsReservedAndReadAndItsFilesSampled() {
        let kinds = ContentKind.builtIn + [Self.drills]
        let sample = SampleGuide.make(kinds: kinds)
        let sampled: [String: Bool] = [
            "stretches": !sample.stretches.isEmpty, "routines": !sample.routines.isEmpty,
            "articles": !sample.articles.isEmpty, "pages": !sample.plainPages.isEmpty,
            "drills": sample.entries.contains { $0.kind == "drills" },
        ]
        for kind in kinds {
            #expect(TopLevel.reserved(kinds).contains(kind.folder), "\(kind.folder) is not reserved")
            #expect(sampled[kind.folder] == true, "the sample guide has no \(kind.noun)")
            let file = "content/\(kind.folder)/x.md"
            #expect(kind.reading == .everyBuild || BuildCache.isSource(file), "\(file) is not kept between builds")
            #expect(kind.reading == .kept || !BuildCache.isSource(file), "\(file) is kept between builds")
        }
        #expect(Set(TopLevel.reserved()) == Set(ContentKind.builtIn.map(\.folder) + TopLevel.generated))
    }

    @Test func newFilesGoWhereTheTableSays() throws {
        let site = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: site)
        #expect(try Scaffold.newStretch(title: "Cat Cow", site: site) == "content/stretches/cat-cow.md")
        #expect(try Scaffold.newPage(title: "About", site: site) == "content/pages/about.md")
        for kind in ContentKind.builtIn where kind.folder != "pages" {
            #expect(throws: Scaffold.Failure.self) { try Scaffold.newPage(title: kind.folder, site: site) }
        }
    }
}
