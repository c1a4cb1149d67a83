import Testing

@testable import LimberKit

@Suite struct FrequencyTests {
    @Test(
        arguments: [
            ("daily", Frequency.daily(1...1), "Daily", 1),
            ("every day", .daily(1...1), "Daily", 1),
            ("twice daily", .daily(2...2), "Twice daily", 2),
            ("Twice a day", .daily(2...2), "Twice daily", 2),
            ("3 times a day", .daily(3...3), "3 times daily", 3),
            ("3 times a week", .weekly(3...3), "3 times a week", 1),
            ("3-4 times a week", .weekly(3...4), "3–4 times a week", 1),
            ("3–4 times per week", .weekly(3...4), "3–4 times a week", 1),
            ("3 to 4 times weekly", .weekly(3...4), "3–4 times a week", 1),
            ("once a week", .weekly(1...1), "Once a week", 1),
            ("twice a week", .weekly(2...2), "Twice a week", 1),
            ("every other day", .everyOtherDay, "Every other day", 1),
        ] as [(String, Frequency, String, Int)])
    func readsHowOftenPeopleWriteIt(text: String, expected: Frequency, display: String, ticks: Int) throws {
        let frequency = try Frequency(parsing: text)
        #expect(frequency == expected)
        #expect(frequency.display == display)
        #expect(frequency.ticksPerDay == ticks)
        #expect(try Frequency(parsing: frequency.display) == frequency)
    }

    @Test(
        arguments: [
            ("twice a weak", 8, "expected 'day' or 'week'", "did you mean 'twice a week'?"),
            ("dayly", 0, "unknown frequency", "did you mean 'daily'?"),
            ("3 a week", 2, "expected 'times' after the number", "did you mean '3 times a week'?"),
            ("every other week", 12, "expected 'every day' or 'every other day'", nil),
            ("4-3 times a week", 0, "a range of times goes up, like '3-4 times'", nil),
            ("daily please", 6, "unexpected text after the frequency", nil),
        ] as [(String, Int, String, String?)])
    func namesTheNearestFrequencyWhenItDoesNotParse(text: String, offset: Int, message: String, note: String?) {
        do {
            _ = try Frequency(parsing: text)
            Issue.record("'\(text)' parsed")
        } catch {
            #expect(error.offset == offset)
            #expect(error.message == message)
            if let note { #expect(error.note == note) }
        }
    }
}

extension FrequencyTests {
    /// What a trainer writes that is no schedule is kept as written, with sessions to tick.
    @Test(
        arguments: [
            "after every run", "Before bed on training days", "when your back feels stiff", "every morning",
            "daily after work", "twice a day in race week", "on rest days",
        ])
    func freeTextIsShownAsWrittenWithSessionsToTick(text: String) {
        let (frequency, nearMiss) = Frequency.read(text)
        #expect(frequency == .text(text))
        #expect(frequency.display == text)
        #expect(frequency.tracking == .sessions)
        #expect(nearMiss == nil)
    }

    @Test(
        arguments: [
            ("daily", Frequency.Tracking.days(ticks: 1)),
            ("twice daily", .days(ticks: 2)),
            ("3x a week", .days(ticks: 1)),
            ("every other day", .days(ticks: 1)),
            ("once a week", .weeks),
            ("after every run", .sessions),
        ] as [(String, Frequency.Tracking)])
    func theTickGridFollowsTheFrequency(text: String, tracking: Frequency.Tracking) {
        #expect(Frequency.read(text).frequency.tracking == tracking)
    }

    /// Free text a small edit away from a known form is still free text, with where it went wrong and
    /// a form that reads.
    @Test(
        arguments: [
            ("3x a wek", 5, "expected 'day' or 'week'", "did you mean '3x a week'?"),
            ("twice a weak", 8, "expected 'day' or 'week'", "did you mean 'twice a week'?"),
            ("dayly", 0, "unknown frequency", "did you mean 'daily'?"),
            ("3 a week", 2, "expected 'times' after the number", "did you mean '3 times a week'?"),
            ("evrey other day", 0, "unknown frequency", "did you mean 'every other day'?"),
        ] as [(String, Int, String, String)])
    func nearMissesAreFreeTextWithASuggestion(text: String, offset: Int, message: String, note: String) throws {
        let (frequency, nearMiss) = Frequency.read(text)
        #expect(frequency == .text(text))
        let error = try #require(nearMiss)
        #expect(error.offset == offset)
        #expect(error.message == message)
        #expect(error.note == note)
        let suggested = String(note.dropFirst("did you mean '".count).dropLast(2))
        #expect((try? Frequency(parsing: suggested)) != nil, "the suggestion '\(suggested)' reads")
    }
}
