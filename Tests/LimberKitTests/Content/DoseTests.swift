import Testing

@testable import LimberKit

@Suite struct DoseTests {
    @Test(arguments: [
        ("30 s each leg", Dose(amount: 30, unit: .seconds, side: "leg"), "30 s · each leg", 60),
        ("30 secs each leg", Dose(amount: 30, unit: .seconds, side: "leg"), "30 s · each leg", 60),
        ("2 min each leg", Dose(amount: 2, unit: .minutes, side: "leg"), "2 min · each leg", 240),
        ("5 reps each leg", Dose(amount: 5, unit: .reps, side: "leg"), "5 reps · each leg", 30),
        ("20 s each side", Dose(amount: 20, unit: .seconds, side: "side"), "20 s · each side", 40),
        ("3 x 30 s", Dose(sets: 3, amount: 30, unit: .seconds), "3 × 30 s", 90),
        ("1 min", Dose(amount: 1, unit: .minutes), "1 min", 60),
        ("1 rep", Dose(amount: 1, unit: .reps), "1 rep", 3),
        ("45 Seconds each arm", Dose(amount: 45, unit: .seconds, side: "arm"), "45 s · each arm", 90),
        ("3x20s each leg", Dose(sets: 3, amount: 20, unit: .seconds, side: "leg"), "3 × 20 s · each leg", 120),
        ("2 × 1 minute", Dose(sets: 2, amount: 1, unit: .minutes), "2 × 1 min", 120),
        ("10 reps each legs", Dose(amount: 10, unit: .reps, side: "leg"), "10 reps · each leg", 60),
    ])
    func parsesWhatPeopleWrite(text: String, expected: Dose, display: String, seconds: Int) throws {
        let dose = try Dose(parsing: text)
        #expect(dose == expected)
        #expect(dose.display == display)
        #expect(dose.seconds(repSeconds: 3) == seconds)
    }

    @Test(arguments: [
        ("", 0, "a dose starts with a number"),
        ("thirty seconds", 0, "a dose starts with a number"),
        ("30", 2, "missing a unit after 30"),
        ("30 hrs", 3, "unknown unit 'hrs' in dose"),
        ("30 s each knee", 10, "expected 'leg', 'arm' or 'side' after 'each'"),
        ("30 s both legs", 5, "unexpected text in dose"),
        ("30 s each leg please", 14, "unexpected text after the dose"),
        ("0 s", 0, "a dose of zero"),
    ])
    func reportsWhereADoseGoesWrong(text: String, offset: Int, message: String) {
        #expect(throws: DoseError.self) { try Dose(parsing: text) }
        do {
            _ = try Dose(parsing: text)
        } catch {
            #expect(error.offset == offset)
            #expect(error.message == message)
        }
    }

    @Test func repsCountAsTheSiteSays() throws {
        #expect(try Dose(parsing: "5 reps each leg").seconds(repSeconds: 4) == 40)
    }

    @Test(arguments: [(45, "45 s"), (60, "1 min"), (490, "8 min 10 s"), (3600, "60 min")])
    func formatsDurations(seconds: Int, text: String) {
        #expect(formatDuration(seconds: seconds) == text)
    }
}
