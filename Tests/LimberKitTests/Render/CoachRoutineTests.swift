import Foundation
import Testing

@testable import LimberKit

/// The `coaches` fixture site: routines written the way a running coach writes them (frequencies in
/// her own words, a word before reps and breaths, the rest after the side, doses in words), as a
/// reader sees them on the sheet, the routine page and in the player.
@Suite struct CoachRoutineTests {
    static let built: (folder: String, diagnostics: [Diagnostic]) = {
        let site = try! TestSite.make("coaches")
        let report = try! SiteBuilder.build(BuildOptions(siteFolder: site, strict: true))
        return (site + "/public", report.diagnostics)
    }()

    static func page(_ path: String) -> String { TestSite.read(built.folder + "/" + path) }

    /// The headings of the sheet's tick grid, after `Step`, and how many boxes each step's row has.
    static func grid(_ slug: String) throws -> (headings: [String], boxesPerStep: Int) {
        let html = page("routines/\(slug)/sheet/index.html")
        let start = try #require(html.range(of: "<table class=\"tracking\">"))
        let table = html[start.lowerBound...]
        let end = try #require(table.range(of: "</table>"))
        let grid = String(table[..<end.upperBound])
        let headings = grid.components(separatedBy: "<th scope=\"col\">").dropFirst().map {
            String($0.prefix { $0 != "<" })
        }
        let rows = grid.components(separatedBy: "<th scope=\"row\">").count - 1
        let boxes = grid.components(separatedBy: "class=\"tick-box\"").count - 1
        return (Array(headings.dropFirst()), rows == 0 ? 0 : boxes / rows)
    }

    @Test func theSiteBuildsStrictlyWithoutAWord() {
        #expect(Self.built.diagnostics.isEmpty, "\(Self.built.diagnostics.map(\.description))")
        let routines = (try? FileManager.default.contentsOfDirectory(atPath: Self.built.folder + "/routines")) ?? []
        #expect(routines.filter { $0.hasPrefix("coach-") }.count >= 10)
    }

    // MARK: - The tick grid follows the frequency

    @Test(
        arguments: [
            ("coach-daily-reset", "Day", 7, 1),
            ("coach-twice-daily", "Day", 7, 2),
            ("coach-three-a-week", "Day", 7, 1),
            ("coach-every-other-day", "Day", 7, 1),
            ("coach-long-run-day", "Week", 6, 1),
            ("coach-after-every-run", "", 12, 1),
            ("coach-before-bed", "", 12, 1),
        ] as [(String, String, Int, Int)])
    func theTickGridCountsWhatTheFrequencyCounts(slug: String, unit: String, columns: Int, boxes: Int) throws {
        let (headings, boxesPerStep) = try Self.grid(slug)
        let prefix = unit.isEmpty ? "" : unit + " "
        #expect(headings == (1...columns).map { "\(prefix)\($0)" })
        #expect(boxesPerStep == columns * boxes)
    }

    // MARK: - Frequencies as written

    @Test(
        arguments: [
            ("coach-after-every-run", "after every run"),
            ("coach-race-week", "morning and evening in race week"),
            ("coach-three-a-week", "3 times a week"),
            ("coach-long-run-day", "Once a week"),
        ])
    func theFrequencyShowsAsWrittenOrInItsNormalForm(slug: String, frequency: String) {
        let text = RoutineDoseTests.text(Self.page("routines/\(slug)/index.html"))
        #expect(text.contains("How often \(frequency)"))
        let sheet = RoutineDoseTests.text(Self.page("routines/\(slug)/sheet/index.html"))
        #expect(sheet.contains("How often: \(frequency)"))
    }

    // MARK: - Doses as coaches write them

    @Test(
        arguments: [
            ("coach-before-bed", ["5 deep breaths", "as long as comfortable", "until the hips soften"]),
            ("coach-after-every-run", ["10 slow reps · each leg", "3 × 12 reps, rest 30 s · each side"]),
            ("coach-hard-sessions", ["until relaxed", "2 × 30 s, rest 15 s · each side", "as long as comfortable"]),
            ("coach-daily-reset", ["3 × 8 controlled reps", "1 min", "6 slow breaths"]),
            ("coach-long-run-day", ["2 × 45 s · each side"]),
            ("coach-race-week", ["8 easy reps · each leg"]),
        ])
    func everyDoseShowsInItsNormalForm(slug: String, doses: [String]) throws {
        let text = RoutineDoseTests.text(Self.page("routines/\(slug)/index.html"))
        var rest = text[...]
        for dose in doses {
            let found = try #require(rest.range(of: dose), "\(dose) missing or out of order on \(slug)")
            rest = rest[found.upperBound...]
        }
    }

    // MARK: - Untimed steps

    @Test(
        arguments: [
            ("coach-after-every-run", "about 10 min + untimed steps"),
            ("coach-before-bed", "about 1 min + untimed steps"),
            // 2 min 42 s of stretching, the get-ready countdown and two changes of step.
            ("coach-daily-reset", "2 min 57 s"),
        ])
    func theTotalTimeCountsOnlyTimedSteps(slug: String, total: String) {
        for path in ["routines/\(slug)/index.html", "routines/\(slug)/sheet/index.html"] {
            #expect(RoutineDoseTests.text(Self.page(path)).contains("Total time \(total)"), "\(path)")
        }
    }

    @Test func thePlayerWaitsForDoneOnAnUntimedStep() throws {
        let html = Self.page("routines/coach-before-bed/index.html")
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"player-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
                as? [String: Any])
        let steps = try #require(data["steps"] as? [[String: Any]])
        #expect(steps.map { $0["untimed"] as? Bool ?? false } == [false, true, true])
        let pieces = try #require(steps[1]["pieces"] as? [[String: Any]])
        #expect(pieces.map { $0["kind"] as? String } == ["untimed"])
        #expect(steps[2]["dose"] as? String == "until the hips soften")
        // One figure, the player's own: no second "with changes" line.
        #expect(RoutineDoseTests.text(html).contains("Total time about 1 min + untimed steps"))
        #expect(!RoutineDoseTests.text(html).contains("with changes"))
    }

    @Test func aStretchWithADoseInWordsHasNoTimeInItsSearchEngineData() throws {
        let html = Self.page("stretches/childs-pose/index.html")
        #expect(RoutineDoseTests.text(html).contains("as long as comfortable"))
        #expect(!html.contains("\"totalTime\""))
    }
}
