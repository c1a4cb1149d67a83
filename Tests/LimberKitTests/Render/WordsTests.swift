import Foundation
import Testing

@testable import LimberKit

/// The theme's translation tables (`templates/i18n/`): each language Limber ships has every word
/// of the English table, a phrase with a number has the forms its language counts with, and the
/// words are chosen by the language's own rules.
@Suite struct WordsTests {
    static let tables = WordTables(files: BuiltInTheme.files)
    static let shipped = ["de", "en", "es", "fr", "it", "nl", "pt"]

    @Test func limberShipsATableForEachOfItsLanguages() {
        #expect(Self.tables.builtIn.keys.sorted() == Self.shipped)
        #expect(Self.tables.site.isEmpty && Self.tables.problems.isEmpty)
    }

    @Test(arguments: shipped) func eachTableHasExactlyTheEnglishKeys(_ language: String) throws {
        let english = try #require(Self.tables.builtIn["en"]).phrases
        let table = try #require(Self.tables.builtIn[language]).phrases
        let missing = Set(english.keys).subtracting(table.keys).sorted()
        let extra = Set(table.keys).subtracting(english.keys).sorted()
        #expect(missing.isEmpty, "templates/i18n/\(language).yaml has no \(missing)")
        #expect(extra.isEmpty, "templates/i18n/\(language).yaml has keys English has not: \(extra)")
        #expect(english.count > 250)
    }

    @Test(arguments: shipped) func eachPhraseKeepsTheEnglishPlaceholders(_ language: String) throws {
        let english = try #require(Self.tables.builtIn["en"]).phrases
        let table = try #require(Self.tables.builtIn[language]).phrases
        func placeholders(_ phrase: Phrase) -> Set<String> {
            let texts: [String] =
                switch phrase {
                case .text(let text): [text]
                case .plural(let forms): Array(forms.values)
                }
            var names: Set<String> = []
            for text in texts {
                for match in text.matches(of: /\{([a-z_]+)\}/) { names.insert(String(match.1)) }
            }
            return names
        }
        for (key, phrase) in table {
            guard let original = english[key] else { continue }
            // A form for one may say "one" in words rather than {count}.
            var expected = placeholders(original)
            var found = placeholders(phrase)
            expected.remove("count")
            found.remove("count")
            #expect(found == expected, "\(language) '\(key)' has \(found.sorted()), English \(expected.sorted())")
        }
    }

    @Test(arguments: shipped) func eachPhraseWithANumberHasTheFormsItsLanguageNeeds(_ language: String) throws {
        let table = try #require(Self.tables.builtIn[language]).phrases
        let needed = PluralCategory.needed(language: language)
        var plurals = 0
        for (key, phrase) in table {
            guard case .plural(let forms) = phrase else { continue }
            plurals += 1
            let missing = needed.subtracting(forms.keys)
            #expect(missing.isEmpty, "\(language) '\(key)' has no \(missing.map(\.rawValue).sorted())")
        }
        #expect(plurals >= 6)
    }

    @Test func eachLanguageCountsByItsOwnRules() {
        func categories(_ language: String) -> [String] {
            [0, 1, 2, 1_000_000].map { PluralCategory.of($0, language: language).rawValue }
        }
        #expect(categories("en") == ["other", "one", "other", "other"])
        #expect(categories("de") == ["other", "one", "other", "other"])
        #expect(categories("nl") == ["other", "one", "other", "other"])
        #expect(categories("es") == ["other", "one", "other", "many"])
        #expect(categories("it") == ["other", "one", "other", "many"])
        #expect(categories("fr") == ["one", "one", "other", "many"])
        #expect(categories("pt") == ["one", "one", "other", "many"])
        #expect(categories("pt-BR") == ["one", "one", "other", "many"])
        #expect(categories("pt-PT") == ["other", "one", "other", "many"])
    }

    @Test func aCountedPhraseTakesTheFormOfItsNumber() {
        let german = Self.tables.words(for: "de")
        #expect(german.count("stretch_count", 1) == "1 Dehnung")
        #expect(german.count("stretch_count", 6) == "6 Dehnungen")
        let french = Self.tables.words(for: "fr")
        #expect(french.count("step_count", 0) == "0 étape")
        #expect(french.count("step_count", 2) == "2 étapes")
        #expect(french.count("step_count", 1_000_000) == "1000000 d’étapes")
        let english = Self.tables.words(for: "en")
        #expect(english.count("stretch_count", 1) == "1 stretch")
        #expect(english.count("stretch_count", 0) == "0 stretches")
    }

    @Test func numbersTakeTheLanguagesDecimalSeparator() {
        #expect(Self.tables.words(for: "de").number(1.5) == "1,5")
        #expect(Self.tables.words(for: "fr").number(2.25) == "2,25")
        #expect(Self.tables.words(for: "en").number(1.5) == "1.5")
        #expect(Self.tables.words(for: "de").number(3) == "3")
    }

    @Test func aRegionalLanguageTakesItsLanguagesTable() {
        #expect(Self.tables.words(for: "de-AT").text("start_routine") == "Routine starten")
        #expect(Self.tables.words(for: "pt-BR").text("total_time") == "Duração total")
    }

    @Test func durationsAndFrequenciesAreWrittenInTheLanguage() {
        let german = Self.tables.words(for: "de")
        #expect(german.duration(45) == "45 s")
        #expect(german.duration(490) == "8 Min. 10 s")
        #expect(german.duration(720...930) == "12 Min. – 15 Min. 30 s")
        #expect(german.frequency(.daily(2...2)) == "Zweimal täglich")
        #expect(german.frequency(.weekly(3...4)) == "3–4-mal pro Woche")
        #expect(Self.tables.words(for: "en").frequency(.weekly(3...4)) == "3–4 times a week")
        #expect(german.kind(.foamRolling) == "Faszienrolle")
        #expect(german.level(.beginner) == "Einsteiger")
    }

    @Test func placeholdersAreFilledAndOtherBracesKept() {
        #expect(Words.fill("{title}: {x} {", ["title": "Lunge"]) == "Lunge: {x} {")
    }

    @Test func theScriptsGetTheirWordsAsJSON() {
        let json = Self.tables.words(for: "de").scriptJSON["player"] ?? ""
        #expect(json.contains("\"player_pause\":\"Pause\""))
        #expect(json.contains("\"player_left_leg\":\"linkes Bein\""))
        #expect(!json.contains("programme_"))
        let filter = Self.tables.words(for: "de").scriptJSON["filter"] ?? ""
        #expect(filter.contains("\"filter_count\":{\"one\":\"{count} Dehnung\",\"other\":\"{count} Dehnungen\"}"))
    }

    // MARK: - A site's own tables

    @Test func aSiteTableOverridesSingleKeys() {
        var files = BuiltInTheme.files
        files["i18n/de.yaml"] = Array("start_routine: Los geht's\n".utf8)
        let tables = WordTables(files: files)
        let german = tables.words(for: "de")
        #expect(german.text("start_routine") == "Los geht's")
        #expect(german.text("total_time") == "Gesamtdauer")
        #expect(tables.problems.isEmpty)
        #expect(tables.problems(for: "de", at: SourceLocation(path: "content/site.yaml", line: 3, column: 11)).isEmpty)
    }

    @Test func aKeyTheThemeHasNotIsAWarningWithASuggestion() throws {
        var files = BuiltInTheme.files
        files["i18n/de.yaml"] = Array("# Mine\nstart_routin: Los\ndose:\n  reps: Wdh.\n".utf8)
        let tables = WordTables(files: files)
        let problem = try #require(tables.problems.first)
        #expect(tables.problems.count == 1)
        #expect(
            problem.description.hasPrefix(
                "templates/i18n/de.yaml:2:1: warning: 'start_routin' in the 'de' table is not one of the theme's words")
        )
        #expect(problem.note == "did you mean 'start_routine'?")
    }

    @Test func aLanguageWithoutATableIsAWarningAtItsSettingAndEnglish() throws {
        let setting = SourceLocation(path: "content/site.yaml", line: 3, column: 11)
        let problems = Self.tables.problems(for: "sv", at: setting)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(
            problem.description.hasPrefix(
                "content/site.yaml:3:11: warning: Limber has no translation table for 'sv': the theme's words are in English"
            ))
        #expect(Self.tables.words(for: "sv").text("start_routine") == "Start routine")
    }

    @Test func aSitesTableOfANewLanguageNamesTheKeysItLacks() throws {
        var files = BuiltInTheme.files
        files["i18n/sv.yaml"] = Array("start_routine: Starta rutinen\ntotal_time: Total tid\n".utf8)
        let tables = WordTables(files: files)
        let swedish = tables.words(for: "sv")
        #expect(swedish.text("start_routine") == "Starta rutinen")
        #expect(swedish.text("steps") == "Steps")
        let problems = tables.problems(for: "sv", at: SourceLocation(path: "content/site.yaml", line: 3, column: 11))
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.location == SourceLocation(path: "templates/i18n/sv.yaml", line: 1, column: 1))
        #expect(problem.message.hasPrefix("the 'sv' table has no 'add_reminders' and "))
        #expect(problem.message.hasSuffix("more: those words are shown in English"))
    }

    @Test func aPhraseWithANumberNeedsItsOtherForm() throws {
        var files = BuiltInTheme.files
        files["i18n/de.yaml"] = Array("stretch_count:\n  one: \"{count} Dehnung\"\n".utf8)
        let tables = WordTables(files: files)
        let problem = try #require(tables.problems.first)
        #expect(
            problem.description.hasPrefix("templates/i18n/de.yaml:1:1: warning: 'stretch_count' has no 'other' form"))
        #expect(tables.words(for: "de").count("stretch_count", 3) == "3 Dehnungen")
    }
}
