import Foundation
import Testing

@testable import LimberKit

/// Doses in the site's language, both ways: read in the language's words (and in English on every
/// site), and shown in them.
@Suite struct DoseWordsTests {
    static func words(_ language: String) -> DoseWords { DoseWords.builtIn[language]! }

    // MARK: - Reading

    /// Doses as a physio writes them in each language, each with its English equivalent.
    static let written: [(String, String, String)] = [
        ("de", "2 × 30 s je Seite", "2 x 30 s each side"),
        ("de", "30 Sek. pro Bein", "30 s each leg"),
        ("de", "45 Sekunden je Arm", "45 s each arm"),
        ("de", "1 Min. 30 s", "1 min 30 s"),
        ("de", "2 Minuten pro Seite", "2 min each side"),
        ("de", "3 Sätze à 10 Wdh.", "3 sets of 10 reps"),
        ("de", "3 Sätze zu je 10 Wiederholungen, Pause 30 s", "3 sets of 10 reps, rest 30 s"),
        ("de", "5 tiefe Atemzüge", "5 deep breaths"),
        ("de", "1 tiefer Atemzug", "1 deep breath"),
        ("de", "10 langsame Wdh., 5 s halten", "10 slow reps, 5 s hold"),
        ("de", "10 × 5 s halten je Seite", "10 x 5 s hold each side"),
        ("de", "30 s halten", "30 s hold"),
        ("de", "2 × 30 s, Pause 15 s", "2 x 30 s, rest 15 s"),
        ("de", "3 × 30 s mit 15 s Pause zwischen den Sätzen", "3 x 30 s with 15 s rest between sets"),
        ("de", "8 bis 12 Wdh.", "8 to 12 reps"),
        ("de", "2-3 Durchgänge à 8-12 Wdh. pro Bein", "2-3 sets of 8-12 reps each leg"),
        ("de", "30 SEK. JE SEITE", "30 s each side"),
        ("fr", "2 × 30 s de chaque côté", "2 x 30 s each side"),
        ("fr", "30 secondes par jambe", "30 s each leg"),
        ("fr", "3 séries de 10 répétitions", "3 sets of 10 reps"),
        ("fr", "5 respirations profondes", "5 deep breaths"),
        ("fr", "10 répétitions lentes, 5 s de maintien", "10 slow reps, 5 s hold"),
        ("fr", "10 × 5 s de maintien", "10 x 5 s hold"),
        ("fr", "3 × 30 s, repos 15 s", "3 x 30 s, rest 15 s"),
        ("fr", "2 × 30 s avec 15 s de repos entre les séries", "2 x 30 s with 15 s rest between sets"),
        ("fr", "8 à 12 rép. par bras", "8 to 12 reps each arm"),
        ("es", "2 × 30 s por lado", "2 x 30 s each side"),
        ("es", "30 segundos por pierna", "30 s each leg"),
        ("es", "3 series de 10 repeticiones", "3 sets of 10 reps"),
        ("es", "5 respiraciones profundas", "5 deep breaths"),
        ("es", "8 a 12 repeticiones", "8 to 12 reps"),
        ("es", "3 × 30 s, descanso 15 s", "3 x 30 s, rest 15 s"),
        ("es", "10 × 5 s de mantenimiento", "10 x 5 s hold"),
        ("es", "2 × 30 s con 15 s de descanso", "2 x 30 s with 15 s rest"),
        ("es", "10 reps with a 5 s hold", "10 x 5 s hold"),
        ("it", "2 × 30 s per lato", "2 x 30 s each side"),
        ("it", "30 secondi per gamba", "30 s each leg"),
        ("it", "3 serie da 10 ripetizioni", "3 sets of 10 reps"),
        ("it", "5 respirazioni profonde", "5 deep breaths"),
        ("it", "10 × 5 s di tenuta", "10 x 5 s hold"),
        ("it", "3 × 30 s, recupero 15 s", "3 x 30 s, rest 15 s"),
        ("it", "8 a 12 ripetizioni", "8 to 12 reps"),
        ("nl", "2 × 30 s per kant", "2 x 30 s each side"),
        ("nl", "30 seconden per been", "30 s each leg"),
        ("nl", "3 sets van 10 herhalingen", "3 sets of 10 reps"),
        ("nl", "5 diepe ademhalingen", "5 deep breaths"),
        ("nl", "10 × 5 s vasthouden", "10 x 5 s hold"),
        ("nl", "3 × 30 s, rust 15 s", "3 x 30 s, rest 15 s"),
        ("nl", "8 tot 12 herhalingen", "8 to 12 reps"),
        ("nl", "2 × 30 s met 15 s rust", "2 x 30 s with 15 s rest"),
        ("pt", "2 × 30 s de cada lado", "2 x 30 s each side"),
        ("pt", "30 segundos por perna", "30 s each leg"),
        ("pt", "3 séries de 10 repetições", "3 sets of 10 reps"),
        ("pt", "5 respirações profundas", "5 deep breaths"),
        ("pt", "10 × 5 s de sustentação", "10 x 5 s hold"),
        ("pt", "3 × 30 s, descanso 15 s", "3 x 30 s, rest 15 s"),
        ("pt", "8 a 12 repetições", "8 to 12 reps"),
        ("pt", "2 × 30 s com 15 s de descanso", "2 x 30 s with 15 s rest"),
    ]

    @Test(arguments: written)
    func aDoseInTheSitesLanguageIsTheSameDoseAsInEnglish(language: String, text: String, english: String) throws {
        #expect(try Dose(parsing: text, words: Self.words(language)) == Dose(parsing: english))
    }

    /// Every English form keeps working on a site in any language.
    @Test(arguments: DoseWords.shipped)
    func englishFormsReadOnEverySite(language: String) throws {
        for text in [
            "30 s each leg", "3 sets of 10 reps, 5 s hold", "10 reps with a 5 s hold", "8 to 12 reps",
            "2 x 30 s, rest 15 s between sets", "5 deep breaths", "1 min 30 s per side", "2x30s/side",
            "3 rounds of 30 s", "30 s on each side", "1 min.",
        ] {
            #expect(
                try Dose(parsing: text, words: Self.words(language)) == Dose(parsing: text), "\(language): \(text)")
        }
    }

    // MARK: - Showing

    /// Doses as each language's pages write them (read by a person before they were written here).
    static let shown: [(String, String, String)] = [
        ("de", "2 x 30 s each side", "2 × 30 s je Seite"),
        ("de", "30 s each leg", "30 s je Bein"),
        ("de", "1 min 30 s", "1 Min. 30 s"),
        ("de", "1-2 min", "1–2 Min."),
        ("de", "3 sets of 10 reps", "3 × 10 Wiederholungen"),
        ("de", "1 rep", "1 Wiederholung"),
        ("de", "5 deep breaths", "5 tiefe Atemzüge"),
        ("de", "1 deep breath", "1 tiefer Atemzug"),
        ("de", "10 x 5 s hold", "10 × 5 s halten"),
        ("de", "3 sets of 10 x 5 s hold", "3 Sätze à 10 × 5 s halten"),
        ("de", "10 slow reps, 5 s hold", "10 langsame Wiederholungen, 5 s halten"),
        ("de", "3 x 30 s, rest 15 s each leg", "3 × 30 s je Bein, Pause 15 s"),
        ("fr", "2 x 30 s each side", "2 × 30 s de chaque côté"),
        ("fr", "30 s each leg", "30 s de chaque jambe"),
        ("fr", "3 sets of 10 reps", "3 × 10 répétitions"),
        ("fr", "1 rep", "1 répétition"),
        ("fr", "5 deep breaths", "5 respirations profondes"),
        ("fr", "1 deep breath", "1 respiration profonde"),
        ("fr", "3 sets of 10 x 5 s hold", "3 séries de 10 × 5 s de maintien"),
        ("fr", "10 slow reps, 5 s hold", "10 répétitions lentes, 5 s de maintien"),
        ("fr", "3 x 30 s, rest 15 s each leg", "3 × 30 s de chaque jambe, repos 15 s"),
        ("es", "2 x 30 s each side", "2 × 30 s por lado"),
        ("es", "3 sets of 10 x 5 s hold", "3 series de 10 × 5 s de mantenimiento"),
        ("es", "5 deep breaths", "5 respiraciones profundas"),
        ("es", "10 slow reps, 5 s hold", "10 repeticiones lentas, 5 s de mantenimiento"),
        ("es", "3 x 30 s, rest 15 s each leg", "3 × 30 s por pierna, descanso 15 s"),
        ("it", "2 x 30 s each side", "2 × 30 s per lato"),
        ("it", "3 sets of 10 x 5 s hold", "3 serie da 10 × 5 s di tenuta"),
        ("it", "5 deep breaths", "5 respirazioni profonde"),
        ("it", "1 rep", "1 ripetizione"),
        ("it", "10 slow reps, 5 s hold", "10 ripetizioni lente, 5 s di tenuta"),
        ("it", "3 x 30 s, rest 15 s each leg", "3 × 30 s per gamba, recupero 15 s"),
        ("nl", "2 x 30 s each side", "2 × 30 s per kant"),
        ("nl", "3 sets of 10 x 5 s hold", "3 sets van 10 × 5 s vasthouden"),
        ("nl", "5 deep breaths", "5 diepe ademhalingen"),
        ("nl", "1 rep", "1 herhaling"),
        ("nl", "10 slow reps, 5 s hold", "10 langzame herhalingen, 5 s vasthouden"),
        ("nl", "3 x 30 s, rest 15 s each leg", "3 × 30 s per been, rust 15 s"),
        ("pt", "2 x 30 s each side", "2 × 30 s de cada lado"),
        ("pt", "3 sets of 10 x 5 s hold", "3 séries de 10 × 5 s de sustentação"),
        ("pt", "5 deep breaths", "5 respirações profundas"),
        ("pt", "1 rep", "1 repetição"),
        ("pt", "10 slow reps, 5 s hold", "10 repetições lentas, 5 s de sustentação"),
        ("pt", "3 x 30 s, rest 15 s each leg", "3 × 30 s de cada perna, descanso 15 s"),
    ]

    @Test(arguments: shown)
    func aDoseIsShownInTheSitesLanguageAndReadsBack(language: String, english: String, expected: String) throws {
        let dose = try Dose(parsing: english)
        let words = Self.words(language)
        #expect(dose.text(in: words) == expected)
        #expect(try Dose(parsing: dose.text(in: words), words: words) == dose)
    }

    @Test func englishIsShownAsBefore() throws {
        #expect(
            try Dose(parsing: "2 x 30 s, rest 10 s each leg").text(in: .english) == "2 × 30 s, rest 10 s · each leg")
        #expect(try Dose(parsing: "2 x 30 s each side").text(in: Self.words("en")) == "2 × 30 s · each side")
    }

    // MARK: - Mistakes

    /// The suggestion in a note, applied: what the author would write instead.
    static func suggestion(_ error: DoseError) -> String? {
        guard let note = error.note, note.hasPrefix("did you mean '"), note.hasSuffix("'?") else { return nil }
        return String(note.dropFirst("did you mean '".count).dropLast(2))
    }

    /// Misspelt words of each language: an error where the word is, and a suggestion that reads.
    static let misspelt: [(String, String, Int)] = [
        ("de", "30 Sekunen je Seite", 3),
        ("de", "30 s je Site", 8),
        ("de", "3 Sätze à 10 Whd.", 13),
        ("de", "30 Ske. je Seite", 3),
        ("de", "30 Ske.", 3),
        ("de", "3 Sätze 10 Wdh.", 8),
        ("de", "5 tiefe Atemzüg", 8),
        ("fr", "30 s de chaque coté", 15),
        ("fr", "3 séries de 10 répétitons", 15),
        ("es", "30 s por ldo", 9),
        ("es", "10 repeticines", 3),
        ("it", "30 s per lto", 9),
        ("it", "10 ripetizoni", 3),
        ("nl", "30 s per knt", 9),
        ("nl", "10 herhalinge", 3),
        ("pt", "30 s de cada ldo", 13),
        ("pt", "10 repetiçoes", 3),
    ]

    @Test(arguments: misspelt)
    func aMisspeltWordIsFoundAndItsSuggestionReads(language: String, text: String, offset: Int) throws {
        let words = Self.words(language)
        do {
            _ = try Dose(parsing: text, words: words)
            Issue.record("'\(text)' read without an error")
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
            let suggestion = try #require(Self.suggestion(error), "\(text): \(error)")
            #expect(throws: Never.self, "\(language): '\(suggestion)'") { try Dose(parsing: suggestion, words: words) }
        }
    }

    @Test func aSuggestionIsInTheSitesWords() throws {
        #expect(
            throws: DoseError(
                offset: 3, message: "unknown unit 'sekunen' in dose", note: "did you mean '30 Sekunden je Seite'?")
        ) {
            try Dose(parsing: "30 Sekunen je Seite", words: Self.words("de"))
        }
    }

    @Test func aWordThatSaysHowAsksForRepsOrBreathsInTheSitesWords() {
        #expect(
            throws: DoseError(
                offset: 7, message: "expected 'Wiederholungen' or 'Atemzüge' after 'tiefe'",
                note: "did you mean '5 tiefe Atemzüge'?")
        ) { try Dose(parsing: "5 tiefe", words: Self.words("de")) }
    }

    /// A dose in another language than the site's: the same dose in the site's words.
    @Test func aGermanDoseOnAnEnglishSiteIsSuggestedInEnglish() throws {
        do {
            _ = try Dose(parsing: "30 s je Seite")
            Issue.record("read without an error")
        } catch {
            #expect(error.offset == 5)
            #expect(error.note == "did you mean '30 s · each side'?")
            let suggestion = try #require(Self.suggestion(error))
            #expect(try Dose(parsing: suggestion) == Dose(parsing: "30 s each side"))
        }
        do {
            _ = try Dose(parsing: "5 respirations profondes", words: Self.words("de"))
            Issue.record("read without an error")
        } catch {
            #expect(error.note == "did you mean '5 tiefe Atemzüge'?")
        }
    }

    // MARK: - The tables

    /// Every shipped language names every key, and no word means two things in it or beside English.
    @Test(arguments: DoseWords.shipped)
    func everyLanguageHasEveryKey(language: String) throws {
        let bytes = try #require(BuiltInTheme.files["i18n/\(language).yaml"])
        let (table, problems) = DoseWords.read(
            String(decoding: bytes, as: UTF8.self), path: "templates/i18n/\(language).yaml", language: language)
        #expect(problems.isEmpty, "\(problems)")
        let words = try #require(table)
        for (key, _) in DoseWords.keys where key != "to" {
            let forms = try #require(words.forms[key], "\(language) has no '\(key)'")
            #expect(!forms.one.isEmpty && !forms.other.isEmpty, "\(language): \(key)")
        }
        var meaning: [String: [String]] = [:]
        for phrases in Self.words(language).reading.phrases.values {
            for phrase in phrases {
                let written = phrase.words.joined(separator: " ")
                #expect(
                    meaning[written] == nil || meaning[written] == phrase.means,
                    "\(language): '\(written)' means \(meaning[written] ?? []) and \(phrase.means)")
                meaning[written] = phrase.means
            }
        }
    }

    @Test func aMissingKeyOrAnUnknownOneIsLocated() {
        let (table, problems) = DoseWords.read(
            "title: x\ndose:\n  seconds: [s]\n  sekonds: [s]\n", path: "templates/i18n/sv.yaml", language: "sv")
        #expect(table == nil)
        #expect(problems.map(\.location.line) == [4, 3])
        #expect(problems.first?.note == "did you mean 'seconds'?")
    }

    // MARK: - The docs

    /// docs/content.md's examples in each language read and show as it says.
    @Test func everyDoseInTheLanguagesTableReadsAndShowsAsTheTableSays() throws {
        let rows = ContentDocsTests.table(startingWith: "| Language | You write | Shown as |")
        #expect(rows.count >= 14)
        for row in rows {
            let words = Self.words(try #require(ContentDocsTests.examples(row[0]).first))
            let shown = try #require(ContentDocsTests.examples(row[2]).first)
            for written in ContentDocsTests.examples(row[1]) {
                #expect(try Dose(parsing: written, words: words).text(in: words) == shown, "\(written)")
            }
        }
    }

    /// docs/content.md's table of words is the shipped tables', word for word.
    @Test func theDocsListEveryLanguagesWords() throws {
        let rows = ContentDocsTests.table(startingWith: "| Key | `en` |")
        #expect(rows.map { $0[0] } == DoseWords.keys.map { "`\($0.key)`" })
        for row in rows {
            let key = String(row[0].dropFirst().dropLast())
            for (column, language) in DoseWords.shipped.enumerated() {
                let forms = try #require(Self.words(language).forms[key])
                let cell = row[column + 1]
                let expected =
                    forms.one == forms.other ? forms.one : forms.one + forms.other
                #expect(ContentDocsTests.examples(cell) == expected, "\(language): \(key)")
            }
        }
    }

    // MARK: - A site's own words

    @Test func aSitesOwnTableAddsWordsAndChangesHowDosesAreShown() throws {
        let site = try TestSite.make("basic")
        try FileManager.default.createDirectory(atPath: site + "/templates/i18n", withIntermediateDirectories: true)
        try """
        greeting: Hallo
        dose:
          reps: {one: [Wdh.], other: [Wdh., Wiederholungen, Mal]}
          each: [pro, je]
        """.write(toFile: site + "/templates/i18n/de.yaml", atomically: false, encoding: .utf8)
        let (words, problems) = DoseWords.load(language: "de-AT", folder: SiteFolder(root: site))
        #expect(problems.isEmpty, "\(problems)")
        #expect(words.language == "de")
        let dose = try Dose(parsing: "3 × 10 Mal pro Bein", words: words)
        #expect(dose == (try Dose(parsing: "3 x 10 reps each leg")))
        #expect(dose.text(in: words) == "3 × 10 Wdh. pro Bein")
        // The keys the site leaves out are the built-in ones.
        #expect(try Dose(parsing: "5 tiefe Atemzüge", words: words).text(in: words) == "5 tiefe Atemzüge")
    }
}
