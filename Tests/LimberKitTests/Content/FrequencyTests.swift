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
