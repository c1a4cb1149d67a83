import Foundation
import Testing

@testable import LimberKit

/// A site with `language: de` shows every word of the theme in German: the repository's own guide,
/// built in German, shows no English word of the theme on any page.
@Suite struct TranslatedPagesTests {
    /// The repository's guide with `language` in `site.yaml` (and two stretches a page, so that
    /// lists have pages) and, when given, a site table of its own; its `public/` folder and what
    /// the build warned about.
    static func build(
        language: String, table: (language: String, text: String)? = nil
    ) throws -> (pages: String, report: BuildReport) {
        let site = try TestSite.repositorySite()
        let settings = site + "/content/site.yaml"
        let yaml = try String(contentsOfFile: settings, encoding: .utf8)
        try (yaml.replacingOccurrences(of: "language: en", with: "language: \(language)") + "per_page: 2\n")
            .write(toFile: settings, atomically: false, encoding: .utf8)
        if let table {
            try table.text.write(
                toFile: site + "/templates/i18n/\(table.language).yaml", atomically: false, encoding: .utf8)
        }
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return (site + "/public", report)
    }

    /// What a reader of `html` sees or hears: the text between tags, and the labels, alternative
    /// texts and titles in attributes, and the words a script shows from `data-` attributes.
    static func visibleText(_ html: String) -> String {
        var text = html.replacing(/<script[^>]*>[\s\S]*?<\/script>/, with: " ")
        text = text.replacing(/<style[^>]*>[\s\S]*?<\/style>/, with: " ")
        var attributes: [String] = []
        for match in text.matches(of: /(?:aria-label|alt|title|placeholder|data-copied|data-overleaf)="([^"]*)"/) {
            attributes.append(String(match.1))
        }
        text = text.replacing(/<[^>]+>/, with: " ")
        return SiteLinks.decodeEntities(text + " " + attributes.joined(separator: " "))
    }

    /// The English phrases of the theme whose German (or `language`) differs: each key's English text cut at its
    /// placeholders, pieces of two words or one of five letters or more.
    static func englishPhrases(unlike language: String = "de") throws -> [String: String] {
        let tables = WordTables(files: BuiltInTheme.files)
        let english = try #require(tables.builtIn["en"]).phrases
        let german = try #require(tables.builtIn[language]).phrases
        var phrases: [String: String] = [:]
        for (key, phrase) in english where german[key] != phrase {
            let texts: [String] =
                switch phrase {
                case .text(let text): [text]
                case .plural(let forms): Array(forms.values)
                }
            for text in texts {
                for piece in text.split(separator: /\{[a-z_]+\}/) {
                    let trimmed = piece.trimmingCharacters(in: CharacterSet(charactersIn: " :·,.()…→←"))
                    if trimmed.contains(" ") || trimmed.count >= 5 { phrases[trimmed] = key }
                }
            }
        }
        return phrases
    }

    /// How often `phrase` stands as whole words in `text`.
    static func occurrences(of phrase: String, in text: String) -> Int {
        var count = 0
        var rest = text[...]
        while let found = rest.range(of: phrase) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { count += 1 }
            rest = text[found.upperBound...]
        }
        return count
    }

    /// Words of a language that are written as English phrases of the theme, with why.
    static let sameInBoth: [String: Set<String>] = [
        "de": ["Programme"],  // the plural of "Programm"
        "it": ["routine"],  // Italian has the word, the same in the plural: "le routine"
    ]

    @Test(arguments: ["fr", "es", "it", "nl", "pt"])
    func noEnglishWordOfTheThemeOnAPageInAnotherLanguage(_ language: String) throws {
        let built = try Self.build(language: language)
        let tables = WordTables(files: BuiltInTheme.files)
        let english = try #require(tables.builtIn["en"]).phrases
        var markers = ""
        for key in english.keys.sorted() {
            let placeholders = english[key]!.text().matches(of: /\{[a-z_]+\}/).map { String($0.output) }
            markers += "\(key): \"[\(key)] \(placeholders.joined(separator: " "))\"\n"
        }
        let content = try Self.build(language: "en", table: ("en", markers))
        let phrases = try Self.englishPhrases(unlike: language)
        for page in SiteLinks.htmlPages(in: built.pages) {
            let html = TestSite.read(built.pages + "/" + page)
            #expect(html.contains("<html lang=\"\(language)\">"), "\(page)")
            let shown = Self.visibleText(html)
            let contentOnly = Self.visibleText(TestSite.read(content.pages + "/" + page))
            for (phrase, key) in phrases where !(Self.sameInBoth[language] ?? []).contains(phrase) {
                let found = Self.occurrences(of: phrase, in: shown)
                let fromContent = Self.occurrences(of: phrase, in: contentOnly)
                #expect(
                    found <= fromContent,
                    "\(language): \(page) shows the English '\(phrase)' (\(key)) \(found - fromContent) time(s) more than its content has it"
                )
            }
        }
        #expect(built.report.diagnostics.isEmpty, "\(built.report.diagnostics)")
    }

    @Test func noEnglishWordOfTheThemeOnAGermanPage() throws {
        let german = try Self.build(language: "de")
        // The guide's own text is English: the same guide built with every word of the theme
        // replaced by its key (the names it fills in kept) shows where the content itself has the
        // phrases, and how often.
        let tables = WordTables(files: BuiltInTheme.files)
        let english = try #require(tables.builtIn["en"]).phrases
        var markers = ""
        for key in english.keys.sorted() {
            let placeholders = english[key]!.text().matches(of: /\{[a-z_]+\}/).map { String($0.output) }
            markers += "\(key): \"[\(key)] \(placeholders.joined(separator: " "))\"\n"
        }
        let content = try Self.build(language: "en", table: ("en", markers))
        let phrases = try Self.englishPhrases()
        let pages = SiteLinks.htmlPages(in: german.pages)
        #expect(pages.count >= 25)
        for page in pages {
            let html = TestSite.read(german.pages + "/" + page)
            #expect(html.contains("<html lang=\"de\">"), "\(page)")
            let shown = Self.visibleText(html)
            let contentOnly = Self.visibleText(TestSite.read(content.pages + "/" + page))
            for (phrase, key) in phrases where !(Self.sameInBoth["de"] ?? []).contains(phrase) {
                let found = Self.occurrences(of: phrase, in: shown)
                let fromContent = Self.occurrences(of: phrase, in: contentOnly)
                #expect(
                    found <= fromContent,
                    "\(page) shows the English '\(phrase)' (\(key)) \(found - fromContent) time(s) more than its content has it"
                )
            }
        }
        // The German words are there.
        let routine = TestSite.read(german.pages + "/routines/hip-flexor-relief/index.html")
        #expect(
            routine.contains(">Routine starten</button>")
                && routine.contains("<dt data-pagefind-ignore>Gesamtdauer</dt>"))
        #expect(routine.contains("Min."))
        let sheet = TestSite.read(german.pages + "/routines/hip-flexor-relief/sheet/index.html")
        #expect(sheet.contains("<th scope=\"col\">Tag 1</th>") && sheet.contains("Gedruckt aus"))
        let second = TestSite.read(german.pages + "/stretches/page/2/index.html")
        #expect(second.contains("3–4 von 6 · Seite 2 von 3") && second.contains("Vorige Seite"))
        let areas = TestSite.read(german.pages + "/targets/index.html")
        #expect(areas.contains("Dehnung"))
        let cards = TestSite.read(german.pages + "/cards.js")
        #expect(cards.contains("\"Faszienrolle\"") && cards.contains("\"Einsteiger\""))
        #expect(!german.report.diagnostics.contains { $0.message.contains("translation") })
    }

    @Test func anEnglishSiteReadsItsOwnOverride() throws {
        let english = try Self.build(language: "en", table: ("en", "start_routine: Let's go\n"))
        let routine = TestSite.read(english.pages + "/routines/hip-flexor-relief/index.html")
        #expect(routine.contains(">Let&#39;s go</button>"))
        #expect(routine.contains("<dt data-pagefind-ignore>Total time</dt>"))
        #expect(english.report.diagnostics.isEmpty)
    }

    @Test func aGermanSitesOverrideOfOneKeyShowsOnItsPages() throws {
        let german = try Self.build(language: "de", table: ("de", "total_time: Dauer insgesamt\n"))
        let routine = TestSite.read(german.pages + "/routines/hip-flexor-relief/index.html")
        #expect(routine.contains("<dt data-pagefind-ignore>Dauer insgesamt</dt>"))
        #expect(routine.contains(">Routine starten</button>"))
        #expect(german.report.diagnostics.isEmpty)
    }

    @Test func aTypoInASitesTableIsAWarningWithASuggestion() throws {
        let german = try Self.build(language: "de", table: ("de", "total_tme: Dauer insgesamt\n"))
        let warning = try #require(german.report.diagnostics.first { $0.message.contains("total_tme") })
        #expect(warning.location == SourceLocation(path: "templates/i18n/de.yaml", line: 1, column: 1))
        #expect(warning.severity == .warning)
        #expect(warning.note == "did you mean 'total_time'?")
    }

    @Test func aLanguageWithoutATableIsAWarningAtItsSettingAndTheWordsAreEnglish() throws {
        let swedish = try Self.build(language: "sv")
        let warning = try #require(swedish.report.diagnostics.first { $0.message.contains("'sv'") })
        #expect(warning.location.path == "content/site.yaml")
        #expect(warning.location.line == 3)
        #expect(warning.location.column == 11)
        let routine = TestSite.read(swedish.pages + "/routines/hip-flexor-relief/index.html")
        #expect(routine.contains("<html lang=\"sv\">") && routine.contains(">Start routine</button>"))
    }

    @Test func aTemplateThatNamesAKeyNoTableHasIsAnErrorAtTheTag() throws {
        let site = try TestSite.repositorySite()
        let path = site + "/templates/404.mustache"
        let template = try String(contentsOfFile: path, encoding: .utf8)
        try template.replacingOccurrences(of: "{{t.not_found_heading}}", with: "{{t.not_found_headng}}")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let printed = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            printed.contains("templates/404.mustache:5:11: error: no translation table has the key 'not_found_headng'"))
        #expect(printed.contains("did you mean 'not_found_heading'?"))
    }
}
