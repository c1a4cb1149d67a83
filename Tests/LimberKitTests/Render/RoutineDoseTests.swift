import Foundation
import Testing

@testable import LimberKit

/// The sheet fixtures' routines that together use every form of dose and frequency: what their
/// pages, sheets and search-engine data show, as a reader sees it.
@Suite struct RoutineDoseTests {
    struct Expected {
        var slug: String
        var total: String
        var frequency: String
        var ticksPerDay: Int
        var doses: [String]
    }

    static let routines = [
        Expected(
            slug: "neck-and-shoulders", total: "10 min 55 s", frequency: "Twice daily", ticksPerDay: 2,
            doses: [
                "10 × 5 s hold", "10 × 5 s hold · each side", "10 × 5 s hold", "10 × 5 s hold", "5 breaths", "30 s",
                "30 s · each arm", "1 min 30 s",
            ]),
        Expected(
            slug: "sets-and-rests", total: "16 min 45 s", frequency: "3 times a week", ticksPerDay: 1,
            doses: [
                "3 × 30 s", "3 × 10 reps", "3 × 10 reps", "2 × 10 reps · each side", "3 sets of 10 × 5 s hold",
                "3 × 30 s, rest 15 s", "3 × 30 s, rest 15 s", "1 min 30 s",
            ]),
        Expected(
            slug: "ranges", total: "9 min 49 s – 12 min 1 s", frequency: "3–4 times a week", ticksPerDay: 1,
            doses: [
                "30–60 s", "30–60 s", "30–60 s", "8–12 reps", "2–3 × 10 reps", "30 s · each side", "30 s · each leg",
                "2 min · each arm",
            ]),
        Expected(
            slug: "every-other-day", total: "6 min 15 s", frequency: "Every other day", ticksPerDay: 1,
            doses: ["10 reps", "20 s · each side", "5 reps · each leg", "2 min · each leg"]),
        Expected(
            slug: "daily", total: "3 min 50 s", frequency: "Daily", ticksPerDay: 1,
            doses: ["10 reps", "3 × 20 s", "1 min", "1 min"]),
    ]

    static let built: String = {
        let site = try! TestSite.make("sheets")
        _ = try! SiteBuilder.build(BuildOptions(siteFolder: site))
        return site + "/public"
    }()

    static func page(_ path: String) -> String { TestSite.read(built + "/" + path) }

    /// The page's text between tags, with runs of white space made one space.
    static func text(_ html: String) -> String {
        let stripped = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        return stripped.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test(arguments: routines.map(\.slug))
    func theRoutinePageShowsTheTotalFrequencyAndEveryDose(slug: String) throws {
        let expected = try #require(Self.routines.first { $0.slug == slug })
        let text = Self.text(Self.page("routines/\(slug)/index.html"))
        #expect(text.contains("Total time \(expected.total)"))
        #expect(text.contains("How often \(expected.frequency)"))
        var rest = text[...]
        for dose in expected.doses {
            let found = try #require(rest.range(of: dose), "\(dose) missing or out of order on \(slug)")
            rest = rest[found.upperBound...]
        }
    }

    @Test(arguments: routines.map(\.slug))
    func theSheetShowsTheFrequencyUnderTheTitleAndTicksToMatch(slug: String) throws {
        let expected = try #require(Self.routines.first { $0.slug == slug })
        let html = Self.page("routines/\(slug)/sheet/index.html")
        let text = Self.text(html)
        #expect(text.contains("Total time \(expected.total)"))
        let title = try #require(text.range(of: "Total time"))
        let often = try #require(text.range(of: "How often: \(expected.frequency)"))
        #expect(title.upperBound < often.lowerBound, "the frequency stands under the title")
        let boxes = Self.count("class=\"tick-box\"", in: html)
        #expect(boxes == expected.doses.count * 7 * expected.ticksPerDay)
    }

    @Test(arguments: routines.map(\.slug))
    func theSearchEngineDataHasTheFrequencyAndTime(slug: String) throws {
        let expected = try #require(Self.routines.first { $0.slug == slug })
        let html = Self.page("routines/\(slug)/index.html")
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
                as? [String: Any])
        #expect(json["activityFrequency"] as? String == expected.frequency)
        let parts = try #require(json["hasPart"] as? [[String: Any]])
        #expect(parts.map { $0["description"] as? String } == expected.doses)
        if slug == "ranges" {
            let duration = try #require(json["activityDuration"] as? [String: Any])
            #expect(duration["minValue"] as? Int == 589)
            #expect(duration["maxValue"] as? Int == 721)
            #expect(duration["unitCode"] as? String == "SEC")
        } else {
            #expect(json["activityDuration"] as? String != nil)
        }
    }

    @Test func theSheetPrintsEachCautionUnderItsStepAndTheRoutinesOwnApart() throws {
        let html = Self.page("routines/neck-and-shoulders/sheet/index.html")
        let text = Self.text(html)
        let step = try #require(text.range(of: "1 Cat and Cow"))
        let caution = try #require(text.range(of: "Caution for cat and cow: back off if it pinches."))
        let next = try #require(text.range(of: "2 Thread the Needle"))
        #expect(step.upperBound < caution.lowerBound && caution.upperBound < next.lowerBound)
        #expect(Self.count("Caution for cat and cow", in: text) == 1)
        let box = try #require(html.range(of: "class=\"sheet-cautions\""))
        let boxEnd = try #require(html.range(of: "</section>", range: box.upperBound..<html.endIndex))
        let boxText = Self.text(String(html[box.upperBound..<boxEnd.lowerBound]))
        #expect(boxText.contains("Stop if you feel tingling in your arms."))
        #expect(!boxText.contains("Caution for"), "the stretches' cautions are under their steps, not run together")
    }

    @Test func theSheetPrintsTheSummaryAndTheFirstParagraphOnly() {
        let text = Self.text(Self.page("routines/neck-and-shoulders/sheet/index.html"))
        #expect(text.contains("Holds per rep, breaths and plain holds, as a physio writes them."))
        #expect(text.contains("Do this routine in the morning and again in the evening, sitting tall in a firm chair."))
        #expect(!text.contains("A second paragraph"))
        #expect(Self.text(Self.page("routines/neck-and-shoulders/index.html")).contains("A second paragraph"))
    }

    /// The first paragraph comes before the steps on the routine's page, as it does on its sheet,
    /// and only once; the rest of the body comes after them.
    @Test func theRoutinePageShowsTheFirstParagraphBeforeTheSteps() throws {
        let text = Self.text(Self.page("routines/neck-and-shoulders/index.html"))
        let first = "Do this routine in the morning and again in the evening, sitting tall in a firm chair."
        let intro = try #require(text.range(of: first))
        let steps = try #require(text.range(of: "Steps 1 Cat and Cow"))
        let second = try #require(text.range(of: "A second paragraph"))
        #expect(intro.upperBound < steps.lowerBound && steps.upperBound < second.lowerBound)
        #expect(Self.count(first, in: text) == 1)
    }
}
