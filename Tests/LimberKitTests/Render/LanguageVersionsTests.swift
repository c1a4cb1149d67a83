import Foundation
import Testing

@testable import LimberKit

/// A guide in two languages (`languages: [en, de]`): the `bilingual` fixture is the repository's
/// English guide with one stretch and the routine translated into German (`*.de.md`), an
/// Impressum in German only, and a German routine that uses an English-only stretch.
@Suite struct LanguageVersionsTests {
    static func build() throws -> String {
        let site = try TestSite.make("bilingual")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return site + "/public"
    }

    static func page(_ output: String, _ path: String) -> String { TestSite.read(output + "/" + path) }

    /// The `hreflang` alternates of a page: language → absolute address.
    static func alternates(_ html: String) -> [String: String] {
        let pattern = try! NSRegularExpression(pattern: #"<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">"#)
        var found: [String: String] = [:]
        for match in SiteLinks.matches(of: pattern, in: html) { found[match[1]] = match[2] }
        return found
    }

    @Test func eachLanguageHasItsOwnFolderAndEveryLinkOfEitherLeadsToAFile() throws {
        let output = try Self.build()
        let files = Set(FileManager.default.subpaths(atPath: output) ?? [])
        #expect(files.contains("stretches/half-kneeling-hip-flexor-stretch/index.html"))
        #expect(files.contains("de/stretches/half-kneeling-hip-flexor-stretch/index.html"))
        #expect(files.contains("de/routines/hip-flexor-relief/sheet/index.html"))
        #expect(files.contains("de/feed.xml") || !files.contains("feed.xml"))
        #expect(files.contains("de/cards.js"))
        // A stretch with no German file has no German page; the German page is German only.
        #expect(!files.contains("de/stretches/static-low-lunge/index.html"))
        #expect(files.contains("de/impressum/index.html") && !files.contains("impressum/index.html"))
        #expect(!files.contains("de/404.html"))
        let german = Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html")
        #expect(german.contains("<html lang=\"de\""))
        #expect(german.contains("Hüftbeuger-Dehnung im Halbknien"))
        #expect(Self.page(output, "de/index.html").contains("href=\"../impressum/index.html\"") == false)
        #expect(Self.page(output, "de/index.html").contains("href=\"impressum/index.html\""))
        // Theme files, pictures and the English pages are shared: a German page reaches them
        // one folder further up, and no link anywhere leads nowhere.
        #expect(SiteLinks.check(output, baseURL: "https://stretches.example.org/").isEmpty)
    }

    @Test func pagesLinkToTheirTranslationsBothWaysAndOnlyToThem() throws {
        let output = try Self.build()
        let english = Self.alternates(Self.page(output, "stretches/half-kneeling-hip-flexor-stretch/index.html"))
        let german = Self.alternates(Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html"))
        let base = "https://stretches.example.org/"
        let expected = [
            "en": base + "stretches/half-kneeling-hip-flexor-stretch/",
            "de": base + "de/stretches/half-kneeling-hip-flexor-stretch/",
            "x-default": base + "stretches/half-kneeling-hip-flexor-stretch/",
        ]
        #expect(english == expected)
        #expect(german == expected)
        // Every page that names alternates is named by each of them in return.
        for file in SiteLinks.htmlPages(in: output) {
            let own = Self.alternates(Self.page(output, file))
            for (language, url) in own where language != "x-default" {
                let path = String(url.dropFirst(base.count)) + "index.html"
                #expect(Self.alternates(Self.page(output, path)) == own, "\(file) → \(path)")
            }
        }
        // A page in one language only has no switcher and no alternates.
        for file in ["de/impressum/index.html", "about/index.html"] {
            let page = Self.page(output, file)
            #expect(Self.alternates(page).isEmpty, "\(file)")
            #expect(!page.contains("language-switcher"), "\(file)")
        }
        // The switcher names each language in itself and marks the page's own.
        let page = Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html")
        #expect(page.contains("hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(page.contains("hreflang=\"de\" lang=\"de\" aria-current=\"page\">Deutsch</a>"))
        #expect(page.contains("href=\"../../../stretches/half-kneeling-hip-flexor-stretch/index.html\""))
    }

    @Test func theSitemapListsEveryLanguageWithItsAlternates() throws {
        let output = try Self.build()
        let sitemap = Self.page(output, "sitemap.xml")
        #expect(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
        let base = "https://stretches.example.org/"
        let pair =
            "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"\(base)routines/hip-flexor-relief/\"/>"
            + "<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"\(base)de/routines/hip-flexor-relief/\"/>"
        #expect(sitemap.contains("<loc>\(base)routines/hip-flexor-relief/</loc>"))
        #expect(sitemap.contains("<loc>\(base)de/routines/hip-flexor-relief/</loc>"))
        #expect(sitemap.components(separatedBy: pair).count == 3)
        #expect(sitemap.contains("<loc>\(base)de/impressum/</loc></url>"))
        // Every address in it is a page of the output.
        let loc = try NSRegularExpression(pattern: "<loc>([^<]+)</loc>")
        for match in SiteLinks.matches(of: loc, in: sitemap) {
            let path = String(match[1].dropFirst(base.count))
            #expect(FileManager.default.fileExists(atPath: output + "/" + path + "index.html"), "\(path)")
        }
    }

    @Test func aGermanRoutineShowsAnEnglishOnlyStretchInEnglishWithANote() throws {
        let output = try Self.build()
        for file in ["de/routines/hip-flexor-relief/index.html", "de/routines/hip-flexor-relief/sheet/index.html"] {
            let page = Self.page(output, file)
            let root = file.hasSuffix("sheet/index.html") ? "../../../../" : "../../../"
            #expect(
                page.contains(
                    "<a href=\"\(root)stretches/static-low-lunge/index.html\" lang=\"en\">Static Low Lunge</a>"
                        + " <span class=\"step-language\">(Englisch)</span>"), "\(file)")
            // The translated step links to its German page, with no note.
            #expect(page.contains(">Hüftbeuger-Dehnung im Halbknien</a></h"), "\(file)")
        }
        let player = Self.page(output, "de/routines/hip-flexor-relief/index.html")
        #expect(player.contains("\"url\":\"../../../stretches/static-low-lunge/index.html\""))
        #expect(player.contains("\"url\":\"../../stretches/half-kneeling-hip-flexor-stretch/index.html\""))
    }

    /// One search index for the whole site, with an index for each language (Pagefind reads
    /// `<html lang>`), which a German page's search box finds one folder up.
    @Test(.needs(SearchIndexTests.pagefind)) func eachLanguageIsSearchedInItsOwnIndex() throws {
        let site = try TestSite.make("bilingual")
        var options = BuildOptions(siteFolder: site, buildDate: "2026-03-01")
        options.pagefind = SearchIndexTests.pagefind
        _ = try SiteBuilder.build(options)
        let output = site + "/public"
        let entry = Self.page(output, "pagefind/pagefind-entry.json")
        #expect(entry.contains("\"en\"") && entry.contains("\"de\""), "\(entry)")
        #expect(!FileManager.default.fileExists(atPath: output + "/de/pagefind"))
        let german = Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html")
        #expect(german.contains("data-site-root=\"../../../\" data-language-folder=\"de/\""))
        #expect(german.contains("placeholder=\"Suchen\""))
    }

    @Test func eachLanguageMayNameTheSiteInItsOwnWords() throws {
        let site = try TestSite.make("bilingual")
        let yaml = site + "/content/site.yaml"
        try TestSite.read(yaml).replacingOccurrences(
            of: "languages: [en, de]",
            with: """
                languages:
                  en: {}
                  de:
                    title: Hüftbeuger dehnen
                    description: Sechs Dehnübungen für die Hüftbeuger.
                """
        ).write(toFile: yaml, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        let output = site + "/public"
        let german = Self.page(output, "de/index.html")
        #expect(german.contains("<title>Hüftbeuger dehnen</title>"))
        #expect(german.contains("<p>Sechs Dehnübungen für die Hüftbeuger.</p>"))
        let english = Self.page(output, "index.html")
        #expect(english.contains("<title>Hip Flexor Stretches</title>"))
        #expect(!english.contains("Hüftbeuger dehnen"))
        #expect(
            Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html").contains(
                "<title>Hüftbeuger-Dehnung im Halbknien · Hüftbeuger dehnen</title>"))

        try TestSite.read(yaml).replacingOccurrences(of: "  en: {}", with: "  en: yes\n  fr: {titel: x}")
            .write(toFile: yaml, atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("content/site.yaml:4:7: error: 'en' in 'languages' should be a group of fields"))
        #expect(text.contains("content/site.yaml:5:8: error: unknown field 'titel'"))
    }

    /// Every German page of the bilingual guide, once the site has a German name: no English
    /// phrase of the theme, and no English word at all but what is marked `lang="en"` (the
    /// English-only stretch of the German routine, and the switcher's "English").
    @Test func noEnglishWordOfTheThemeOnAGermanPageOfTheBilingualGuide() throws {
        let site = try TestSite.make("bilingual")
        let yaml = site + "/content/site.yaml"
        try TestSite.read(yaml).replacingOccurrences(
            of: "languages: [en, de]",
            with: "languages:\n  en: {}\n  de: {title: Hüftbeuger dehnen, description: Sechs Dehnübungen.}"
        ).write(toFile: yaml, atomically: false, encoding: .utf8)
        let file = site + "/content/stretches/half-kneeling-hip-flexor-stretch.de.md"
        try TestSite.read(file).replacingOccurrences(of: "dose: 30 s each leg", with: "dose: 2 × 30 s je Seite")
            .write(toFile: file, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        let output = site + "/public"
        let phrases = try TranslatedPagesTests.englishPhrases()
        let pages = SiteLinks.htmlPages(in: output).filter { $0.hasPrefix("de/") }
        #expect(pages.count >= 10)
        for page in pages {
            var html = Self.page(output, page)
            #expect(html.contains("<html lang=\"de\""), "\(page)")
            html = html.replacing(/<(a|ul|p|span)[^>]*\slang="en"[^>]*>[\s\S]*?<\/\1>/, with: " ")
            html = html.replacing(/<img[^>]*\slang="en"[^>]*>/, with: " ")
            // Addresses are not words, and the English stretch's name stands in a German label
            // ("Vorsicht bei Static Low Lunge"), which cannot mark a part of itself.
            let text = TranslatedPagesTests.visibleText(html).replacing(/https?:\/\/[^\s<"]+/, with: " ")
                .replacingOccurrences(of: "Static Low Lunge", with: " ")
            for (phrase, key) in phrases
            where TranslatedPagesTests.occurrences(of: phrase, in: text) > 0
                && !(TranslatedPagesTests.sameInBoth["de"] ?? []).contains(phrase)
            {
                Issue.record("\(page): '\(phrase)' (\(key)) in English")
            }
        }
        let stretch = Self.page(output, "de/stretches/half-kneeling-hip-flexor-stretch/index.html")
        #expect(stretch.contains("2 × 30 s je Seite"))
    }

    @Test func aTranslationInALanguageTheSiteDoesNotHaveIsAnError() throws {
        let site = try TestSite.make("bilingual")
        try "---\ntitle: Étirement\n---\n".write(
            toFile: site + "/content/pages/about.fr.md", atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/pages/about.fr.md:1:1: error: 'fr' is not one of the site's languages"))
        #expect(text.contains("add it to 'languages' in site.yaml"))
    }

    @Test func aGuideInOneLanguageSaysHowToAddASecond() throws {
        let site = try TestSite.make("basic")
        try "---\ntitle: Über\n---\n".write(
            toFile: site + "/content/stretches/leg-swings.de.md", atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("content/stretches/leg-swings.de.md:1:1: error: 'de' is not one of the site's languages"))
        #expect(text.contains("'languages: [en, de]'"))
    }

    @Test func aPageOrFileOfTheFirstLanguageCannotTakeATranslationsFolder() throws {
        let site = try TestSite.make("bilingual")
        try "---\ntitle: DE\nslug: de\n---\n".write(
            toFile: site + "/content/pages/de-page.md", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: site + "/content/de", withIntermediateDirectories: true)
        try "x".write(toFile: site + "/content/de/notes.txt", atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/de/notes.txt:1:1: error: the file would be published in the folder of the site's translation 'de/'"
            ))
        #expect(
            text.contains("content/pages/de-page.md:3:7: error: the page slug 'de' is taken by the site's own 'de/'"))
    }

    @Test func languagesAndLanguageMustAgree() throws {
        let site = try TestSite.make("bilingual")
        let yaml = site + "/content/site.yaml"
        try (TestSite.read(yaml) + "language: fr\n").write(toFile: yaml, atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("error: 'language' is 'fr' but the first of 'languages' is 'en'"))
    }

    @Test func aMistakeInATranslationIsReportedOnceAtItsFile() throws {
        let site = try TestSite.make("bilingual")
        let file = site + "/content/routines/hip-flexor-relief.de.md"
        try TestSite.read(file).replacingOccurrences(
            of: "  - half-kneeling-hip-flexor-stretch", with: "  - half-kneeling"
        )
        .write(toFile: file, atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.components(separatedBy: "error:").count == 2, "\(text)")
        #expect(text.contains("content/routines/hip-flexor-relief.de.md:5:5: error: no stretch 'half-kneeling'"))
    }

    @Test func fileNamesNameTheirLanguage() {
        #expect(ContentLanguage.suffix(of: "hip-flexor.de.md") == "de")
        #expect(ContentLanguage.suffix(of: "hip-flexor.pt-br.md") == "pt-br")
        #expect(ContentLanguage.suffix(of: "hip-flexor.md") == nil)
        #expect(ContentLanguage.suffix(of: "v1.2.md") == nil)
        #expect(ContentLanguage.original(of: "content/stretches/hip-flexor.de.md") == "content/stretches/hip-flexor.md")
        #expect(ContentLanguage.name(of: "de") == "Deutsch")
        #expect(ContentLanguage.name(of: "fr") == "Français")
    }
}
