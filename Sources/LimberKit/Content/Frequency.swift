/// How often to do a routine: `daily`, `twice daily`, `3 times a week`, `3-4 times a week`,
/// `every other day`, or in the trainer's own words (`after every run`).
public enum Frequency: Sendable, Hashable {
    /// This many times every day.
    case daily(ClosedRange<Int>)
    /// This many times a week.
    case weekly(ClosedRange<Int>)
    /// Once every second day.
    case everyOtherDay
    /// Words Limber does not read as a schedule, shown as written.
    case text(String)

    /// As pages show it: `Daily`, `Twice daily`, `3 times a week`, `3–4 times a week`; free text
    /// as written.
    public var display: String {
        switch self {
        case .daily(1...1): "Daily"
        case .daily(let times): Self.times(times) + " daily"
        case .weekly(1...1): "Once a week"
        case .weekly(let times): Self.times(times) + " a week"
        case .everyOtherDay: "Every other day"
        case .text(let words): words
        }
    }

    /// Boxes to tick for each day of a sheet's grid: two for twice daily; one for weekly
    /// frequencies, which leave the days to the reader.
    public var ticksPerDay: Int {
        if case .daily(let times) = self { return times.upperBound }
        return 1
    }

    /// What the columns of a sheet's tick grid count.
    public enum Tracking: Sendable, Hashable {
        /// Days, with this many boxes a day: daily, twice daily, n times a week, every other day.
        case days(ticks: Int)
        /// Weeks, for once a week.
        case weeks
        /// Sessions, for free text (`after every run`): no days to count.
        case sessions
    }

    /// The tick grid this frequency asks for.
    public var tracking: Tracking {
        switch self {
        case .daily(let times): .days(ticks: times.upperBound)
        case .weekly(1...1): .weeks
        case .weekly, .everyOtherDay: .days(ticks: 1)
        case .text: .sessions
        }
    }

    private static func times(_ times: ClosedRange<Int>) -> String {
        if times == 2...2 { return "Twice" }
        return Dose.numberText(times) + " times"
    }
}

/// Why a frequency did not parse, and where in its text.
public struct FrequencyError: Error, Sendable, Equatable {
    /// 0-based offset in characters into the text.
    public var offset: Int
    public var message: String
    public var note: String?
}

extension Frequency {
    static let examples = ["daily", "twice daily", "3 times a week", "3-4 times a week", "every other day"]

    /// Reads a frequency as the `frequency` field takes it: a known form, or else free text, shown
    /// as written. Free text a small edit away from a known form comes with why it did not read,
    /// and a note naming that form (`3x a wek`: did you mean '3x a week'?).
    public static func read(_ text: String) -> (frequency: Frequency, nearMiss: FrequencyError?) {
        do {
            return (try Frequency(parsing: text), nil)
        } catch {
            // Only a small edit makes words a near miss: `every morning` is no slip for `every day`.
            var nearMiss: FrequencyError? = error
            let lowered = text.lowercased().trimmingSpaces()
            if let repaired = wordRepair(text) {
                nearMiss?.note = "did you mean '\(repaired)'?"
            } else if let form = known.first(where: { Suggestion.editDistance(lowered, $0) <= 2 }) {
                nearMiss?.note = "did you mean '\(form)'?"
            } else if !(error.message == Self.timesMissing && (error.note ?? "").hasPrefix("did you mean")) {
                nearMiss = nil
            }
            return (.text(text.trimmingSpaces()), nearMiss)
        }
    }

    static let timesMissing = "expected 'times' after the number"

    /// The words a known frequency is made of.
    private static let vocabulary = [
        "daily", "weekly", "day", "days", "week", "weeks", "times", "time", "per", "each", "every", "other",
        "second", "once", "twice", "one", "two", "three", "four", "five", "six",
    ]

    /// `text` with every misspelt word of a frequency put right, when that makes a known form.
    private static func wordRepair(_ text: String) -> String? {
        var repaired = text
        var changed = false
        for (word, offset) in words(text).reversed() where word.count >= 3 && !vocabulary.contains(word) {
            guard word.allSatisfy(\.isLetter),
                let closest = vocabulary.min(by: {
                    Suggestion.editDistance(word, $0) < Suggestion.editDistance(word, $1)
                }),
                Suggestion.editDistance(word, closest) <= (word.count >= 6 ? 2 : 1)
            else { continue }
            let start = repaired.index(repaired.startIndex, offsetBy: offset)
            let end = repaired.index(start, offsetBy: word.count)
            repaired.replaceSubrange(start..<end, with: closest)
            changed = true
        }
        guard changed, (try? Frequency(parsing: repaired)) != nil else { return nil }
        return repaired
    }

    /// Reads a frequency as people write it; an error names the nearest accepted form.
    public init(parsing text: String) throws(FrequencyError) {
        let words = Self.words(text)
        var index = 0
        func fail(_ message: String) -> FrequencyError {
            let offset = index < words.count ? words[index].offset : Array(text).count
            return FrequencyError(
                offset: offset, message: message,
                note: Suggestion.note(for: text.lowercased().trimmingSpaces(), in: Self.known)
                    ?? "write how often like " + Self.examples.map { "'\($0)'" }.joined(separator: ", "))
        }
        func word(_ candidates: Set<String>) -> Bool {
            guard index < words.count, candidates.contains(words[index].text) else { return false }
            index += 1
            return true
        }
        func number() -> Int? {
            guard index < words.count else { return nil }
            if let value = Int(words[index].text), value > 0, value <= 99 {
                index += 1
                return value
            }
            let named = ["once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6]
            guard let value = named[words[index].text] else { return nil }
            index += 1
            return value
        }
        func period(_ times: ClosedRange<Int>) throws(FrequencyError) -> Frequency {
            // `a day`, `a week`, `per day`, `each week`, `daily`, `weekly`.
            if word(["daily"]) { return .daily(times) }
            if word(["weekly"]) { return .weekly(times) }
            guard word(["a", "per", "each", "every"]) else { throw fail("expected 'a day' or 'a week'") }
            if word(["day"]) { return .daily(times) }
            if word(["week"]) { return .weekly(times) }
            throw fail("expected 'day' or 'week'")
        }

        let frequency: Frequency
        if word(["daily"]) {
            frequency = .daily(1...1)
        } else if word(["every", "each"]) {
            if word(["day"]) {
                frequency = .daily(1...1)
            } else {
                guard word(["other", "second"]), word(["day"]) else {
                    throw fail("expected 'every day' or 'every other day'")
                }
                frequency = .everyOtherDay
            }
        } else if let low = number() {
            var times = low...low
            if word(["-", "–", "to", "or"]) {
                guard let high = number(), high > low else {
                    index = 0
                    throw fail("a range of times goes up, like '3-4 times'")
                }
                times = low...high
            }
            let hasTimesWord = word(["times", "time", "x"])
            let isNamed = words[0].text == "once" || words[0].text == "twice"
            guard hasTimesWord || isNamed else {
                var failure = fail(Self.timesMissing)
                let at = text.index(text.startIndex, offsetBy: failure.offset)
                let repaired = text[..<at] + "times " + text[at...]
                if (try? Frequency(parsing: String(repaired))) != nil { failure.note = "did you mean '\(repaired)'?" }
                throw failure
            }
            frequency = try period(times)
        } else {
            throw fail("unknown frequency")
        }
        guard index == words.count else { throw fail("unexpected text after the frequency") }
        self = frequency
    }

    /// The frequencies a note may suggest whole.
    private static let known = examples + ["once a week", "twice a week", "twice a day", "every day"]

    /// Words and numbers of `text`, lowercased, with where each starts; `-` and `–` stand alone.
    private static func words(_ text: String) -> [(text: String, offset: Int)] {
        let characters = Array(text)
        var found: [(String, Int)] = []
        var index = 0
        while index < characters.count {
            let start = index
            let character = characters[index]
            if character.isLetter || (character.isASCII && character.isNumber) {
                let isNumber = character.isNumber
                while index < characters.count,
                    isNumber ? characters[index].isASCII && characters[index].isNumber : characters[index].isLetter
                {
                    index += 1
                }
                found.append((String(characters[start..<index]).lowercased(), start))
            } else {
                index += 1
                if !character.isWhitespace { found.append((String(character), start)) }
            }
        }
        return found
    }
}
