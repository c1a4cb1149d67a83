import Foundation
import Testing

@testable import LimberKit

/// A German site's doses, written in German, shown in German on every page that shows them.
@Suite struct DoseLanguageTests {
    /// The `basic` fixture in German: a stretch dosed `2 × 30 s je Seite` and a routine with it
    /// as a step, and with a step dosed in English.
    static func build() throws -> String {
        let site = try TestSite.make("basic")
        try """
        title: Dehnen mit Anna
        base_url: https://example.org/guide
        language: de

        """.write(toFile: site + "/content/site.yaml", atomically: false, encoding: .utf8)
        try """
        ---
        title: Hüftbeuger dehnen
        summary: Im Ausfallschritt die Hüfte nach vorn schieben.
        kind: static
        level: beginner
        targets: [Hüftbeuger]
        dose: 2 × 30 s je Seite
        ---
        Langsam ausatmen.

        """.write(toFile: site + "/content/stretches/hueftbeuger-dehnen.md", atomically: false, encoding: .utf8)
        try """
        ---
        title: Abendroutine
        summary: Zwei Dehnungen vor dem Schlafengehen.
        steps:
          - hueftbeuger-dehnen
          - stretch: leg-swings
            dose: 3 sets of 10 reps, rest 20 s
        ---
        Ruhig atmen.

        """.write(toFile: site + "/content/routines/abendroutine.md", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return site + "/public"
    }

    static func page(_ output: String, _ path: String) -> String { TestSite.read(output + "/" + path) }

    /// The site's own words, added after a build: the next build (in place, from its cache) shows
    /// doses in them, and reads every stretch again, so a word the site no longer has is an error.
    @Test func theSitesOwnWordsTakeEffectOnTheNextBuild() throws {
        let output = try Self.build()
        let site = String(output.dropLast("/public".count))
        try FileManager.default.createDirectory(atPath: site + "/templates/i18n", withIntermediateDirectories: true)
        try "dose:\n  each: [pro, je]\n".write(
            toFile: site + "/templates/i18n/de.yaml", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        #expect(Self.page(output, "stretches/hueftbeuger-dehnen/index.html").contains("2 × 30 s pro Seite"))
        #expect(Self.page(output, "routines/abendroutine/sheet/index.html").contains("2 × 30 s pro Seite"))

        try "dose:\n  each: [pro]\n".write(
            toFile: site + "/templates/i18n/de.yaml", atomically: false, encoding: .utf8)
        let printed = TestSite.failureText(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        #expect(
            printed?.contains(
                "content/stretches/hueftbeuger-dehnen.md:7:16: error: unexpected text in dose: '2 × 30 s je Seite'")
                == true, "\(printed ?? "built")")
    }

    /// The German site's doses and those of `DoseWordsTests.shown`, each in German as the build
    /// writes it, against the programme composer's JavaScript on the German site's composer page.
    @Test(.tags(.browser), .needs(Tool.venv("bin/python"), "chromedriver", "chromium"))
    func theComposerWritesGermanDosesAsTheBuildDoes() throws {
        let output = try Self.build()
        let (content, _) = ContentLoader.load(SiteFolder(root: String(output.dropLast("/public".count))))
        let loaded = try #require(content)
        let guide = try #require(Guide.resolve(loaded).0)
        let settings = guide.settings
        var doses = guide.stretches.map(\.dose) + guide.routines.flatMap { $0.steps.map { guide.dose(of: $0) } }
        doses += try DoseWordsTests.shown.filter { $0.0 == "de" }.map { try Dose(parsing: $0.1) }
        var cases: [String] = []
        for dose in doses {
            var json = JSONBytes("{\"what\":")
            JSONText.string(dose.display, into: &json)
            json +=
                ",\"settings\":{\"rep_seconds\":\(settings.repSeconds),\"breath_seconds\":\(settings.breathSeconds),\"get_ready\":\(settings.getReady),\"change_over\":\(settings.changeOver)},\"doses\":["
            json += ProgrammeData.doseJSON(dose) + "],\"displays\":["
            JSONText.string(dose.text(in: settings.doseWords), into: &json)
            let seconds = guide.time(of: [dose])
            json += "],\"seconds\":[\(seconds.lowerBound),\(seconds.upperBound)],\"total\":"
            JSONText.string(dose.isUntimed ? "untimed" : formatDuration(seconds: seconds), into: &json)
            json += "}"
            cases.append(json.text)
        }
        #expect(cases.contains { $0.contains("\"2 × 30 s je Seite\"") })
        let work = TestSite.temporaryFolder()
        try ("[" + cases.joined(separator: ",\n") + "]").write(
            toFile: work + "/expected.json", atomically: false, encoding: .utf8)
        let (status, printed) = try ProgrammeBrowserTests.run([
            "--times", work + "/expected.json", "file://" + output + "/programme/index.html",
        ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
    }

    @Test func germanDosesAreShownInGermanOnThePagesTheSheetAndInThePlayer() throws {
        let output = try Self.build()
        let stretch = Self.page(output, "stretches/hueftbeuger-dehnen/index.html")
        #expect(stretch.contains("2 × 30 s je Seite"))
        let routine = Self.page(output, "routines/abendroutine/index.html")
        #expect(routine.contains("2 × 30 s je Seite"))
        // An English dose on a German site is read, and shown in German.
        #expect(routine.contains("3 × 10 Wiederholungen, Pause 20 s"))
        let sheet = Self.page(output, "routines/abendroutine/sheet/index.html")
        #expect(sheet.contains("2 × 30 s je Seite"))
        #expect(sheet.contains("3 × 10 Wiederholungen, Pause 20 s"))
        // The player shows the dose as the page does; its pieces stay the same.
        let player = try #require(routine.range(of: "id=\"player-data\"")).upperBound
        #expect(routine[player...].contains("\"dose\":\"2 × 30 s je Seite\""))
        #expect(Self.page(output, CardIndex.fileName).contains("\"dose\":\"2 × 30 s je Seite\""))
        for page in [stretch, routine, sheet] {
            #expect(!page.contains("each side") && !page.contains("rest 20 s"))
        }
    }
}
