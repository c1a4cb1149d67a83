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
