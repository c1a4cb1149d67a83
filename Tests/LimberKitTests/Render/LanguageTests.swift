import Foundation
import Testing

@testable import LimberKit

/// A site in German or French: the addresses made from names (targets, equipment, tags, headings,
/// new files) and the days its pages write follow `language` in `site.yaml`; English is as before.
@Suite struct LanguageTests {
    /// The `basic` fixture in `language`, with a German stretch, a dated routine and an article,
    /// built on 2026-03-01.
    static func build(language: String) throws -> String {
        let site = try TestSite.make("basic")
        try """
        title: Dehnen mit Anna
        base_url: https://example.org/guide
        language: \(language)

        """.write(toFile: site + "/content/site.yaml", atomically: false, encoding: .utf8)
        try """
        ---
        title: Hüftbeuger dehnen
        summary: Im Ausfallschritt die Hüfte nach vorn schieben.
        kind: static
        level: beginner
        targets: [Hüftbeuger, Oberschenkel]
        equipment: [Fußbank]
        dose: 30 s each side
        ---
        ## Übungen für zu Hause

        Langsam ausatmen.

        """.write(toFile: site + "/content/stretches/hueftbeuger-dehnen.md", atomically: false, encoding: .utf8)
        try """
        ---
        title: Abendroutine
        summary: Zwei Dehnungen vor dem Schlafengehen.
        date: 2026-12-06
        steps:
          - hueftbeuger-dehnen
          - leg-swings
        ---
        Ruhig atmen.

        """.write(toFile: site + "/content/routines/abendroutine.md", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: site + "/content/articles", withIntermediateDirectories: true)
        try """
        ---
        title: Warum dehnen?
        summary: Was Dehnen bewirkt.
        date: 2026-12-06
        tags: [Rückengesundheit]
        ---
        Ein Text.

        """.write(toFile: site + "/content/articles/warum-dehnen.md", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return site + "/public"
    }

    static func page(_ output: String, _ path: String) -> String { TestSite.read(output + "/" + path) }

    @Test func germanNamesMakeGermanAddressesAndEveryLinkAgrees() throws {
        let output = try Self.build(language: "de")
        #expect(FileManager.default.fileExists(atPath: output + "/targets/hueftbeuger/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/equipment/fussbank/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/tags/rueckengesundheit/index.html"))
        let stretch = Self.page(output, "stretches/hueftbeuger-dehnen/index.html")
        #expect(stretch.contains("href=\"../../targets/hueftbeuger/index.html\""))
        #expect(stretch.contains("href=\"../../equipment/fussbank/index.html\""))
        #expect(stretch.contains("<h2 id=\"uebungen-fuer-zu-hause\">"))
        #expect(Self.page(output, "articles/warum-dehnen/index.html").contains("tags/rueckengesundheit/"))
        #expect(Self.page(output, CardIndex.fileName).contains("\"hueftbeuger\""))
        // No page or script anywhere still uses the address without the German spelling.
        for file in FileManager.default.subpaths(atPath: output) ?? [] where !file.hasSuffix(".pdf") {
            let text = Self.page(output, file)
            #expect(!text.contains("huftbeuger") && !text.contains("ruckengesundheit"), "\(file)")
        }
    }

    @Test func germanDatesAreWrittenTheGermanWay() throws {
        let output = try Self.build(language: "de")
        #expect(Self.page(output, "routines/abendroutine/index.html").contains(">6. Dezember 2026</time>"))
        #expect(Self.page(output, "routines/abendroutine/sheet/index.html").contains(">1. März 2026</time>"))
        #expect(Self.page(output, "articles/warum-dehnen/index.html").contains(">6. Dezember 2026</time>"))
    }

    @Test func frenchDatesAreWrittenTheFrenchWay() throws {
        let output = try Self.build(language: "fr")
        #expect(Self.page(output, "routines/abendroutine/index.html").contains(">6 décembre 2026</time>"))
        #expect(Self.page(output, "routines/abendroutine/sheet/index.html").contains(">1 mars 2026</time>"))
        // Outside German, umlauts lose their dots, as before.
        #expect(FileManager.default.fileExists(atPath: output + "/targets/huftbeuger/index.html"))
    }

    @Test func englishIsAsBefore() throws {
        let output = try Self.build(language: "en")
        #expect(Self.page(output, "routines/abendroutine/index.html").contains(">6 December 2026</time>"))
        #expect(Self.page(output, "routines/abendroutine/sheet/index.html").contains(">1 March 2026</time>"))
        #expect(FileManager.default.fileExists(atPath: output + "/targets/huftbeuger/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/targets/hip-flexors/index.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/targets/hueftbeuger/index.html"))
    }

    @Test func anAuthorsDateFormatIsKeptInEveryLanguage() throws {
        #expect(DateLabels(format: "d MMMM yyyy", language: "de").label("2026-12-06") == "6 Dezember 2026")
        #expect(
            DateLabels(format: DateLabels.defaultFormat(language: "de-AT"), language: "de-AT").label("2026-12-06")
                == "6. Dezember 2026")
        #expect(DateLabels.defaultFormat(language: "en-US") == "d MMMM yyyy")
        let spanish = DateLabels.defaultFormat(language: "es")
        #expect(DateLabels(format: spanish, language: "es").label("2026-12-06") == "6 de diciembre de 2026")
    }

    @Test(arguments: [
        ("Hüftbeuger", "de", "hueftbeuger"), ("Hu\u{308}ftbeuger", "de-AT", "hueftbeuger"),
        ("ÖLSTRASSE Äpfel", "de_CH", "oelstrasse-aepfel"), ("Straße", "de", "strasse"),
        ("Hüftbeuger", "en", "huftbeuger"),
        ("Hüftbeuger", "fr", "huftbeuger"), ("hip flexors", "de", "hip-flexors"),
    ])
    func slugsFollowTheLanguage(name: String, language: String, expected: String) {
        #expect(slug(for: name, language: language) == expected)
    }

    @Test func newStretchOnAGermanSiteNamesTheFileTheGermanWay() throws {
        let site = try TestSite.make("basic")
        // The language counts even while the rest of the file has a mistake to put right.
        try "title: Dehnen\nbase_url: not an address\nlanguage: de\n".write(
            toFile: site + "/content/site.yaml", atomically: false, encoding: .utf8)
        let path = try Scaffold.newStretch(title: "Hüftbeuger dehnen", site: site)
        #expect(path == "content/stretches/hueftbeuger-dehnen.md")
        #expect(FileManager.default.fileExists(atPath: site + "/" + path))
    }
}
