/// How much of a stretch to do, as a physio writes it: `30 s each leg`, `3 x 30 s, rest 15 s`,
/// `10 x 5 s hold`, `2-3 sets of 8-12 reps`, `5 deep breaths`; or, for a dose without a time, in
/// words (`until relaxed`, written `dose: {text: until relaxed}`).
///
/// Every number may be a range (`30-60 s`); lengths of time are kept in seconds.
public struct Dose: Sendable, Hashable {
    /// What one set is.
    public enum Work: Sendable, Hashable {
        /// One hold of this many seconds.
        case hold(ClosedRange<Int>)
        /// A run of reps, each held for `hold` seconds when it names a hold.
        case reps(ClosedRange<Int>, hold: ClosedRange<Int>?)
        /// A run of slow breaths.
        case breaths(ClosedRange<Int>)
        /// Words that say when to stop (`until relaxed`): untimed, done until the reader says so.
        case text(String)
    }

    public var sets: ClosedRange<Int>
    public var work: Work
    /// Seconds of rest between two sets; nil when the dose names none.
    public var rest: ClosedRange<Int>?
    /// `leg`, `arm` or `side` when the dose is done on each one.
    public var side: String?
    /// How the reps or breaths are done, as written before them: `deep`, `slow`, `easy`, `gentle`,
    /// `controlled`.
    public var manner: String?

    public init(
        sets: ClosedRange<Int> = 1...1, work: Work, rest: ClosedRange<Int>? = nil, side: String? = nil,
        manner: String? = nil
    ) {
        self.sets = sets
        self.work = work
        self.rest = rest
        self.side = side
        self.manner = manner
    }

    /// A dose in words, which takes as long as the reader needs.
    public static func text(_ words: String) -> Dose { Dose(work: .text(words)) }

    /// True for a dose in words: it has no time, and the player waits for "Done".
    public var isUntimed: Bool {
        if case .text = work { return true }
        return false
    }

    /// A hold of `seconds`, done once (on each `side` when given).
    public static func hold(_ seconds: Int, side: String? = nil) -> Dose {
        Dose(work: .hold(seconds...seconds), side: side)
    }
}

/// One timed piece of a dose, in the order it is done.
public struct DoseSegment: Sendable, Hashable {
    public enum Kind: String, Sendable { case hold, reps, breaths, rest, untimed }
    public var kind: Kind
    /// 1 or 2 for the first or second side when the dose is done on each side; nil otherwise.
    public var side: Int?
    /// 1-based set number.
    public var set: Int
    /// Reps or breaths in this segment, low...high; nil for a hold or a rest.
    public var count: ClosedRange<Int>?
    /// How long each rep is held, low...high, for reps with a hold; nil otherwise.
    public var hold: ClosedRange<Int>?
    /// The segment's whole length in seconds, low...high (equal ends without a range).
    public var seconds: ClosedRange<Int>
    /// True for a set that only the high end of a range of sets does (`2-3 sets`: the third set),
    /// and for the rest before it; its `seconds` then start at 0, so that the schedule still sums
    /// to the dose's low and high times.
    public var isOptional: Bool

    public init(
        kind: Kind, side: Int? = nil, set: Int, count: ClosedRange<Int>? = nil, hold: ClosedRange<Int>? = nil,
        seconds: ClosedRange<Int>, isOptional: Bool = false
    ) {
        self.kind = kind
        self.side = side
        self.set = set
        self.count = count
        self.hold = hold
        self.seconds = seconds
        self.isOptional = isOptional
    }
}

// MARK: - Time

extension Dose {
    /// The dose as it is done, piece by piece: every set on the first side (with the rests the dose
    /// names between sets), then every set on the other.
    ///
    /// A hold lasts its length; a rep `repSeconds`, or its hold plus `repSeconds`; a breath
    /// `breathSeconds`.
    public func schedule(repSeconds: Int, breathSeconds: Int) -> [DoseSegment] {
        let setTime: ClosedRange<Int>
        var kind = DoseSegment.Kind.hold
        var count: ClosedRange<Int>?
        var hold: ClosedRange<Int>?
        switch work {
        case .hold(let seconds):
            setTime = seconds
        case .reps(let reps, let held):
            kind = .reps
            count = reps
            hold = held
            let each = (held ?? 0...0)
            setTime =
                reps.lowerBound * (each.lowerBound + repSeconds)...reps.upperBound * (each.upperBound + repSeconds)
        case .breaths(let breaths):
            kind = .breaths
            count = breaths
            setTime = breaths.lowerBound * breathSeconds...breaths.upperBound * breathSeconds
        case .text:
            return [DoseSegment(kind: .untimed, set: 1, seconds: 0...0)]
        }
        func optional(_ range: ClosedRange<Int>, _ isOptional: Bool) -> ClosedRange<Int> {
            isOptional ? 0...range.upperBound : range
        }
        var segments: [DoseSegment] = []
        segments.reserveCapacity((side == nil ? 1 : 2) * sets.upperBound * (rest == nil ? 1 : 2))
        for sideNumber in side == nil ? [nil] : [1, 2] as [Int?] {
            for set in 1...sets.upperBound {
                let isOptional = set > sets.lowerBound
                if set > 1, let rest {
                    segments.append(
                        DoseSegment(
                            kind: .rest, side: sideNumber, set: set - 1, seconds: optional(rest, isOptional),
                            isOptional: isOptional))
                }
                segments.append(
                    DoseSegment(
                        kind: kind, side: sideNumber, set: set, count: count, hold: hold,
                        seconds: optional(setTime, isOptional), isOptional: isOptional))
            }
        }
        return segments
    }

    /// low...high seconds: the sum of the schedule.
    public func seconds(repSeconds: Int, breathSeconds: Int) -> ClosedRange<Int> {
        var low = 0
        var high = 0
        for segment in schedule(repSeconds: repSeconds, breathSeconds: breathSeconds) {
            low += segment.seconds.lowerBound
            high += segment.seconds.upperBound
        }
        return low...high
    }
}

// MARK: - Normal form

extension Dose {
    /// The one way a page writes the dose: `30 s · each leg`, `3 × 30 s, rest 15 s`,
    /// `10 × 5 s hold · each side`, `30–60 s`, `1 min 30 s`, `3 sets of 10 × 5 s hold`,
    /// `5 deep breaths`, `10 slow reps, 5 s hold`; a dose in words as written.
    public var display: String { text(in: .english) }

    /// The dose as a page in the language of `words` writes it: `2 × 30 s je Seite`,
    /// `5 respirations profondes`, `3 Sätze à 10 × 5 s halten`. It reads back as the same dose.
    public func text(in words: DoseWords) -> String {
        var text: String
        func counted(_ count: ClosedRange<Int>, _ key: String) -> String {
            let noun = words.word(key, count: count)
            guard let manner else { return "\(Self.numberText(count)) \(noun)" }
            let how = words.word(manner, count: count)
            return "\(Self.numberText(count)) " + (words.mannerAfter ? "\(noun) \(how)" : "\(how) \(noun)")
        }
        switch work {
        case .hold(let seconds):
            text = Self.durationText(seconds, in: words)
        case .reps(let reps, nil):
            text = counted(reps, "reps")
        case .reps(let reps, let hold?) where manner != nil:
            text = counted(reps, "reps") + ", \(Self.durationText(hold, in: words)) \(words.word("hold"))"
        case .reps(let reps, let hold?):
            text = "\(Self.numberText(reps)) × \(Self.durationText(hold, in: words)) \(words.word("hold"))"
        case .breaths(let breaths):
            text = counted(breaths, "breaths")
        case .text(let written):
            return written
        }
        if sets != 1...1 {
            if case .reps(_, _?) = work {
                text = "\(Self.numberText(sets)) \(words.word("sets", count: sets)) \(words.word("of")) " + text
            } else {
                text = "\(Self.numberText(sets)) × " + text
            }
        }
        let sideText = side.map { words.sideJoiner + words.word("each") + " " + words.word($0) } ?? ""
        let restText = rest.map { ", \(words.word("rest")) \(Self.durationText($0, in: words))" } ?? ""
        return text + (words.sideLast ? restText + sideText : sideText + restText)
    }

    static func numberText(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }

    /// `45 s`, `1 min 30 s`; a range in one unit: `30–60 s`, `1–2 min`, `90–150 s`.
    static func durationText(_ seconds: ClosedRange<Int>, in words: DoseWords = .english) -> String {
        let (low, high) = (seconds.lowerBound, seconds.upperBound)
        let (second, minute) = (words.word("seconds"), words.word("minutes"))
        if low == high {
            if low < 60 { return "\(low) \(second)" }
            return low % 60 == 0 ? "\(low / 60) \(minute)" : "\(low / 60) \(minute) \(low % 60) \(second)"
        }
        if low % 60 == 0, high % 60 == 0 { return "\(low / 60)–\(high / 60) \(minute)" }
        return "\(low)–\(high) \(second)"
    }
}

/// A length of time as pages show it: `45 s`, `8 min`, `8 min 10 s`.
public func formatDuration(seconds: Int) -> String {
    if seconds < 60 { return "\(seconds) s" }
    let minutes = seconds / 60
    let rest = seconds % 60
    return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
}

/// A time that may be a range, as pages show it: `8 min 10 s`, or `12 min – 15 min 30 s`.
public func formatDuration(seconds: ClosedRange<Int>) -> String {
    seconds.lowerBound == seconds.upperBound
        ? formatDuration(seconds: seconds.lowerBound)
        : formatDuration(seconds: seconds.lowerBound) + " – " + formatDuration(seconds: seconds.upperBound)
}

// MARK: - Reading

/// Why a dose did not parse, and where in its text.
public struct DoseError: Error, Sendable, Equatable {
    /// 0-based offset in characters into the dose text.
    public var offset: Int
    public var message: String
    public var note: String?
}

extension Dose {
    package static let sides = ["leg", "arm", "side"]
    /// Words that may stand before reps and breaths: `5 deep breaths`, `10 slow reps`.
    package static let manners = ["deep", "slow", "easy", "gentle", "controlled"]
    static let grammarNote =
        "write a dose like '30 s each leg', '3 x 30 s, rest 15 s', '10 x 5 s hold', '8-12 reps' or '5 breaths'"

    /// How a dose without a number is written instead, in words the author chose.
    static func textNote(_ text: String) -> String {
        let words = text.trimmingSpaces()
        let example = words.isEmpty || words.contains(where: \.isNumber) ? "until relaxed" : words
        return "a dose in words, without a time, is written 'dose: {text: \(example)}'"
    }
    /// The most a dose may take: beyond it a number is surely a slip (and sums stay far from overflow).
    static let longestSeconds = 24 * 60 * 60

    /// Parses a dose as people write it; a dose that does not parse gets an error at its column,
    /// with the nearest accepted form when one is a small edit away.
    ///
    /// `words` are the site's language's: a dose is read in them and in English.
    public init(parsing text: String, words: DoseWords = .english) throws(DoseError) {
        var parser = DoseParser(text, words: words)
        do throws(DoseParser.Failure) {
            self = try parser.parse()
        } catch {
            var failure = DoseError(offset: error.offset, message: error.message, note: error.note)
            if let repair = error.repairs.first(where: { repair in
                var again = DoseParser(repair, words: words)
                return (try? again.parse()) != nil
            }) {
                failure.note = "did you mean '\(repair)'?"
            } else if let dose = Self.inAnotherLanguage(text, than: words) {
                failure.note = "did you mean '\(dose.text(in: words))'?"
            } else if !error.repairs.isEmpty, failure.note?.hasPrefix("did you mean") == true {
                // A word's nearest spelling that still leaves the dose unread is no help.
                failure.note = Dose.grammarNote
            }
            throw failure
        }
    }
}

extension Dose {
    /// The dose `text` says in another of Limber's languages than that of `words` (`30 s je Seite`
    /// on an English site), to suggest it in the site's words.
    static func inAnotherLanguage(_ text: String, than words: DoseWords) -> Dose? {
        for language in DoseWords.shipped where language != words.language {
            guard let other = DoseWords.builtIn[language] else { continue }
            var parser = DoseParser(text, words: other)
            if let dose = try? parser.parse() { return dose }
        }
        return nil
    }
}

/// Reads the dose grammar (see `docs/content.md`) by recursive descent over words and numbers.
struct DoseParser {
    struct Failure: Error {
        var offset: Int
        var message: String
        var note: String?
        /// Whole dose texts, nearest first, one of which may be what the author meant.
        var repairs: [String] = []
    }

    enum Token: Equatable {
        case number(Int)
        case word(String)
        case symbol(Character)
    }

    struct Located {
        var token: Token
        var offset: Int
        var length: Int
    }

    let text: [Character]
    /// The language's words, read beside the English ones.
    let words: DoseWords
    var tokens: [Located] = []
    var position = 0
    /// The word before the reps or breaths, once read.
    var manner: String?

    init(_ text: String, words: DoseWords = .english) {
        self.text = Array(text)
        self.words = words
        // Plain ASCII without a carriage return, as nearly every dose is: each byte is then one
        // Character, and the tokens are read from the bytes.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { ascii = Array(text.utf8) }
    }

    /// The text's bytes, when each is one Character; nil otherwise.
    private var ascii: [UInt8]?

    /// Whether the site's language is other than English, whose words the grammar is written in.
    var isTranslated: Bool { words.language != "en" }

    static let durationUnits: [String: Int] = [
        "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
        "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    ]
    static let repWords: Set = ["rep", "reps", "time", "times"]
    static let breathWords: Set = ["breath", "breaths"]
    static let unitWords = ["s", "sec", "secs", "seconds", "min", "mins", "minutes", "reps", "times", "breaths"]
    static let setWords: Set = ["set", "sets", "round", "rounds"]
    static let unitsNote = "units: s, sec, min, reps, breaths"

    /// The units, in the site's language first.
    var unitsNote: String {
        guard isTranslated else { return Self.unitsNote }
        let local = ["seconds", "minutes", "reps", "breaths"].map { words.word($0) }
        return "units: \(local.joined(separator: ", ")), or s, sec, min, reps, breaths"
    }

    // MARK: Words

    mutating func tokenize() throws(Failure) {
        if let ascii {
            try tokenize(ascii: ascii)
            return
        }
        var index = 0
        while index < text.count {
            let character = text[index]
            let start = index
            if character == " " || character == "\t" {
                index += 1
                continue
            }
            if character.isASCII, character.isNumber {
                while index < text.count, text[index].isASCII, text[index].isNumber { index += 1 }
                guard index - start <= 6, let value = Int(String(text[start..<index])) else {
                    throw Failure(offset: start, message: "a number too large for a dose", note: Dose.grammarNote)
                }
                tokens.append(Located(token: .number(value), offset: start, length: index - start))
            } else if character.isLetter {
                while index < text.count, text[index].isLetter { index += 1 }
                var word = String(text[start..<index]).lowercased()
                if index < text.count, text[index] == ".", keepsDot(word, moreAfter: index + 1 < text.count) {
                    word += "."
                    index += 1
                }
                tokens.append(Located(token: .word(word), offset: start, length: index - start))
            } else {
                index += 1
                tokens.append(Located(token: .symbol(character), offset: start, length: 1))
            }
        }
    }

    /// The tokens of a dose in plain ASCII, as `tokenize()` reads them from its Characters: an
    /// ASCII Character is a number or a letter when its byte is a digit or a letter from A to Z.
    /// Read from bytes, a dose is tokenized in a third of the time.
    private mutating func tokenize(ascii bytes: [UInt8]) throws(Failure) {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            if byte == 0x20 || byte == 0x09 {
                index += 1
                continue
            }
            if isDigit(byte) {
                var value = 0
                while index < bytes.count, isDigit(bytes[index]) {
                    if index - start < 6 { value = value * 10 + Int(bytes[index] - 0x30) }
                    index += 1
                }
                guard index - start <= 6 else {
                    throw Failure(offset: start, message: "a number too large for a dose", note: Dose.grammarNote)
                }
                tokens.append(Located(token: .number(value), offset: start, length: index - start))
            } else if isLetter(byte) {
                while index < bytes.count, isLetter(bytes[index]) { index += 1 }
                var word = String(decoding: bytes[start..<index].map { $0 | 0x20 }, as: UTF8.self)
                if index < bytes.count, bytes[index] == 0x2E, keepsDot(word, moreAfter: index + 1 < bytes.count) {
                    word += "."
                    index += 1
                }
                tokens.append(Located(token: .word(word), offset: start, length: index - start))
            } else {
                index += 1
                tokens.append(Located(token: .symbol(Character(Unicode.Scalar(byte))), offset: start, length: 1))
            }
        }
    }

    /// Whether a word followed by a dot keeps it: an abbreviation does (`Sek.`, `Wdh.`), as does an
    /// unknown word followed by more (a misspelt `Ske. je Seite`); a known word's dot at the end
    /// is a full stop.
    private func keepsDot(_ word: String, moreAfter: Bool) -> Bool {
        words.reading.vocabulary.contains(word + ".")
            || (moreAfter && !words.reading.vocabulary.contains(word) && !Self.plainWords.contains(word))
    }

    /// English words the grammar knows beside those of the table.
    static let plainWords: Set = ["x", "a", "an", "on"]

    /// The language's phrases and English's in the grammar's words, each token where its phrase
    /// is written: `je Seite` reads as `each side`, `3 Sätze à` as `3 sets of`.
    mutating func translate() {
        var translated: [Located] = []
        translated.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            if case .word(let first) = tokens[index].token, let phrases = words.reading.phrases[first],
                let phrase = phrases.first(where: { phrase in
                    index + phrase.words.count <= tokens.count
                        && phrase.words.indices.allSatisfy { tokens[index + $0].token == .word(phrase.words[$0]) }
                })
            {
                let last = tokens[index + phrase.words.count - 1]
                let length = last.offset + last.length - tokens[index].offset
                for meaning in phrase.means {
                    translated.append(Located(token: .word(meaning), offset: tokens[index].offset, length: length))
                }
                index += phrase.words.count
                continue
            }
            translated.append(tokens[index])
            index += 1
        }
        tokens = translated
    }

    /// The token at `index` as the author wrote it, lowercased.
    func written(at index: Int) -> String {
        guard index < tokens.count else { return "" }
        return String(text[tokens[index].offset..<tokens[index].offset + tokens[index].length]).lowercased()
    }

    /// `candidates` (the grammar's words) with the language's words for them first.
    func inLanguage(_ candidates: [String]) -> [String] {
        isTranslated ? words.written(meaning: candidates) + candidates : candidates
    }

    var current: Located? { position < tokens.count ? tokens[position] : nil }
    /// Where the next token starts, or the end of the text.
    var offset: Int { current?.offset ?? text.count }

    func isWord(_ words: Set<String>, at index: Int? = nil) -> Bool {
        let index = index ?? position
        guard index < tokens.count, case .word(let word) = tokens[index].token else { return false }
        return words.contains(word)
    }

    var isNumber: Bool {
        if case .number = current?.token { return true }
        return false
    }

    var currentWord: String? {
        if let current, case .word(let word) = current.token { return word }
        return nil
    }

    func isTimes(at index: Int) -> Bool {
        guard index < tokens.count else { return false }
        switch tokens[index].token {
        case .word("x"), .symbol("×"), .symbol("*"): return true
        default: return false
        }
    }

    func isRangeDash(_ token: Token) -> Bool {
        if case .word(let word) = token { return words.reading.rangeWords.contains(word) }
        return token == .symbol("-") || token == .symbol("–") || token == .symbol("—")
    }

    /// The text with the token at `index` replaced (or removed, for an empty replacement).
    func replacing(_ index: Int, with replacement: String) -> String {
        let token = index < tokens.count ? tokens[index] : Located(token: .symbol(" "), offset: text.count, length: 0)
        var before = String(text[..<token.offset])
        var after = String(text[(token.offset + token.length)...])
        if replacement.isEmpty {
            while before.hasSuffix(" ") { before.removeLast() }
            while after.hasPrefix(" ") { after.removeFirst() }
            return before + (before.isEmpty || after.isEmpty || after.first == "," ? "" : " ") + after
        }
        return before + replacement + after
    }

    /// The text with `word` put in before the token at `index` (or at the end).
    func inserting(_ word: String, before index: Int) -> String {
        let at = index < tokens.count ? tokens[index].offset : text.count
        var before = String(text[..<at])
        while before.hasSuffix(" ") { before.removeLast() }
        let after = String(text[at...])
        return before + " " + word + (after.isEmpty ? "" : " " + after)
    }

    func unexpected(_ message: String, expecting candidates: [String], note: String? = nil) -> Failure {
        var failure = Failure(offset: offset, message: message, note: note ?? Dose.grammarNote)
        if let word = currentWord, let closest = Suggestion.closest(to: word, in: inLanguage(candidates)) {
            failure.note = "did you mean '\(closest)'?"
            failure.repairs.append(replacing(position, with: closest))
        }
        return failure
    }

    // MARK: Numbers and lengths of time

    /// `10`, `8-12`, `8–12`, `8 to 12`; nil when no number comes next.
    mutating func range() throws(Failure) -> ClosedRange<Int>? {
        guard let first = current, case .number(let low) = first.token else { return nil }
        position += 1
        guard let dash = current, isRangeDash(dash.token) else { return low...low }
        let dashIndex = position
        position += 1
        guard let second = current, case .number(let high) = second.token else {
            var failure = Failure(
                offset: offset, message: "a range needs a second number, like '\(low)-\(low * 2)'",
                note: Dose.grammarNote)
            failure.repairs.append(replacing(dashIndex, with: ""))
            throw failure
        }
        position += 1
        guard low < high else {
            throw Failure(
                offset: first.offset, message: "a range goes from the lower number to the higher one",
                note: high == low ? "write '\(low)'" : "write '\(high)-\(low)'")
        }
        return low...high
    }

    /// When the word at the current position is a unit of time: the range in seconds, with
    /// `1 min 30 s` read as one length.
    mutating func duration(after amount: ClosedRange<Int>) throws(Failure) -> ClosedRange<Int>? {
        guard let word = currentWord, let unit = Self.durationUnits[word] else { return nil }
        position += 1
        var seconds = amount.lowerBound * unit...amount.upperBound * unit
        if unit == 60, amount.count == 1, let next = current, case .number(let extra) = next.token,
            position + 1 < tokens.count, case .word(let secondsWord) = tokens[position + 1].token,
            Self.durationUnits[secondsWord] == 1
        {
            guard extra < 60 else {
                throw Failure(
                    offset: next.offset, message: "more than 59 seconds after the minutes",
                    note: "write '\(amount.lowerBound + extra / 60) min \(extra % 60) s'")
            }
            position += 2
            seconds = seconds.lowerBound + extra...seconds.upperBound + extra
        }
        return seconds
    }

    /// A length of time that must come next: `15 s`, `1 min 30 s`, `10-20 s`.
    mutating func requiredDuration(for what: String) throws(Failure) -> ClosedRange<Int> {
        let start = position
        guard let amount = try range() else {
            throw Failure(
                offset: offset, message: "expected how long \(what) lasts, like '15 s'", note: Dose.grammarNote)
        }
        guard let seconds = try duration(after: amount) else {
            throw unexpected(
                currentWord == nil
                    ? "missing a unit of time after \(Dose.numberText(amount))" : "expected 's' or 'min'",
                expecting: Array(Self.durationUnits.keys).sorted())
        }
        guard seconds.lowerBound > 0 else {
            throw Failure(offset: tokens[start].offset, message: "\(what) of zero", note: Dose.grammarNote)
        }
        return seconds
    }

    mutating func skipWord(_ words: Set<String>) -> Bool {
        guard isWord(words) else { return false }
        position += 1
        return true
    }

    // MARK: The grammar

    /// What a number stands for: a length of time (with `hold`, a hold per rep), reps, breaths, or
    /// nothing (a bare number, which counts reps after `x` or `sets of`).
    enum Amount {
        case seconds(ClosedRange<Int>, held: Bool)
        case reps(ClosedRange<Int>)
        case breaths(ClosedRange<Int>)
        case bare(ClosedRange<Int>)
    }

    mutating func amount(_ number: ClosedRange<Int>) throws(Failure) -> Amount {
        if let seconds = try duration(after: number) {
            return .seconds(seconds, held: skipWord(["hold", "holds"]))
        }
        if let manner = currentWord, Dose.manners.contains(manner) {
            // `5 deep breaths`, `10 slow reps`: the word says how, and reps or breaths must follow.
            let word = written(at: position)
            let mannerIndex = position
            position += 1
            if skipWord(Self.repWords) {
                self.manner = manner
                return .reps(number)
            }
            if skipWord(Self.breathWords) {
                self.manner = manner
                return .breaths(number)
            }
            var failure = unexpected(
                "expected '\(words.word("reps"))' or '\(words.word("breaths"))' after '\(word)'",
                expecting: ["reps", "breaths"],
                note:
                    "'\(word)' says how reps or breaths are done, like '5 \(word) \(words.word("breaths"))' or '10 \(word) \(words.word("reps"))'"
            )
            if let next = currentWord, Self.durationUnits[next] != nil {
                // `30 gentle s`: a length of time is not done gently or not.
                failure.repairs.append(replacing(mannerIndex, with: ""))
            } else if currentWord == nil {
                let units = manner == "deep" ? ["breaths", "reps"] : ["reps", "breaths"]
                failure.repairs += units.map { inserting(words.word($0), before: position) }
            }
            throw failure
        }
        if skipWord(Self.repWords) {
            takeMannerAfter()
            return .reps(number)
        }
        if skipWord(Self.breathWords) {
            takeMannerAfter()
            return .breaths(number)
        }
        return .bare(number)
    }

    /// `5 respirations profondes`: in a language that says how after the reps or breaths.
    mutating func takeMannerAfter() {
        guard words.mannerAfter, manner == nil, let word = currentWord, Dose.manners.contains(word) else { return }
        manner = word
        position += 1
    }

    /// `x 5 s hold` after a count of reps, when it follows.
    mutating func holdAfterTimes() throws(Failure) -> ClosedRange<Int>? {
        guard isTimes(at: position) else { return nil }
        position += 1
        let seconds = try requiredDuration(for: "each rep's hold")
        guard skipWord(["hold", "holds"]) else {
            throw unexpected(
                "expected 'hold' after the length of each rep's hold", expecting: ["hold"],
                note: "write it like '10 x 5 s hold'")
        }
        return seconds
    }

    mutating func parse() throws(Failure) -> Dose {
        try tokenize()
        translate()
        // A dose written as a sentence ends with a full stop: `1 min.`
        if tokens.count > 1, tokens.last?.token == .symbol(".") { tokens.removeLast() }
        guard let first = try range() else {
            throw Failure(offset: offset, message: "a dose starts with a number", note: Dose.textNote(String(text)))
        }
        guard first.lowerBound > 0 else {
            throw Failure(offset: 0, message: "a dose of zero", note: Dose.grammarNote)
        }
        var sets = 1...1
        var work: Dose.Work
        if isTimes(at: position) {
            // `N x D` is N sets of a hold of D, `N x D hold` N reps held D, `N x M` N sets of M reps.
            position += 1
            guard let second = try range(), second.lowerBound > 0 else {
                throw Failure(offset: offset, message: "expected the amount of each set", note: Dose.grammarNote)
            }
            switch try amount(second) {
            case .seconds(let seconds, held: true):
                work = .reps(first, hold: seconds)
            case .seconds(let seconds, held: false):
                (sets, work) = (first, .hold(seconds))
            case .reps(let reps):
                (sets, work) = (first, .reps(reps, hold: try holdAfterTimes()))
            case .bare(let reps):
                if isUnknownWord { throw unknownUnit() }
                (sets, work) = (first, .reps(reps, hold: try holdAfterTimes()))
            case .breaths(let breaths):
                (sets, work) = (first, .breaths(breaths))
            }
        } else if let setWord = currentWord, Self.setWords.contains(setWord) {
            let setWritten = written(at: position)
            position += 1
            guard skipWord(["of"]) else {
                let of = words.word("of")
                var failure = unexpected("expected '\(of)' after '\(setWritten)'", expecting: ["of"])
                failure.repairs.append(inserting(of, before: position))
                throw failure
            }
            sets = first
            guard let second = try range(), second.lowerBound > 0 else {
                var failure = Failure(
                    offset: offset, message: "expected what each set holds after 'of', like '10 reps' or '30 s'",
                    note: Dose.grammarNote)
                if current == nil {
                    let base = String(text).trimmingSpaces()
                    failure.repairs += [base + " 10 " + words.word("reps"), base + " 30 " + words.word("seconds")]
                }
                throw failure
            }
            switch try amount(second) {
            case .seconds(let seconds, _):
                work = .hold(seconds)
            case .reps(let reps):
                work = .reps(reps, hold: try holdAfterTimes())
            case .bare(let reps):
                if isUnknownWord { throw unknownUnit() }
                work = .reps(reps, hold: try holdAfterTimes())
            case .breaths(let breaths):
                work = .breaths(breaths)
            }
        } else {
            switch try amount(first) {
            case .seconds(let seconds, _): work = .hold(seconds)
            case .reps(let reps): work = .reps(reps, hold: try holdAfterTimes())
            case .breaths(let breaths): work = .breaths(breaths)
            case .bare(let number):
                if currentWord == nil {
                    var failure = Failure(
                        offset: offset, message: "missing a unit after \(Dose.numberText(number))", note: unitsNote
                    )
                    failure.repairs += [
                        inserting(words.word("seconds"), before: position),
                        inserting(words.word("reps"), before: position),
                    ]
                    throw failure
                }
                throw unknownUnit()
            }
        }
        guard sets.upperBound <= 99 else {
            throw Failure(offset: 0, message: "more than 99 sets", note: Dose.grammarNote)
        }

        var rest: ClosedRange<Int>?
        var restOffset = 0
        var side: String?
        // Clauses after the work: a hold per rep, a rest between sets and the side, in any order.
        while current != nil {
            let separatorIndex = position
            let hadSeparator = current?.token == .symbol(",") || current?.token == .symbol("·")
            if hadSeparator { position += 1 }
            guard current != nil else {
                let separator = text[tokens[separatorIndex].offset]
                var failure = Failure(offset: offset, message: "expected more after '\(separator)'")
                failure.repairs.append(replacing(separatorIndex, with: ""))
                throw failure
            }
            let clauseOffset = offset
            if isWord(["each", "per", "on"]) || current?.token == .symbol("/") {
                let introducer = String(text[offset..<offset + current!.length]).lowercased()
                position += 1
                if introducer == "on" { _ = skipWord(["each"]) }
                guard side == nil else {
                    var failure = Failure(offset: clauseOffset, message: "the side is named twice in this dose")
                    failure.repairs.append(String(text[..<clauseOffset]).trimmingSpaces())
                    throw failure
                }
                side = try sideWord(after: introducer == "/" ? "/" : introducer)
            } else if side != nil, !hadSeparator, !isWord(["rest", "rests", "with"]), !isNumber {
                throw unexpected(
                    "unexpected text after the dose", expecting: ["rest", "with"],
                    note: "after the side, a dose may name a rest: '3 x 30 s each side, rest 15 s'")
            } else if skipWord(["rest", "rests"]) {
                guard rest == nil else {
                    throw Failure(offset: clauseOffset, message: "the rest is named twice in this dose")
                }
                rest = try requiredDuration(for: "a rest")
                _ = skipBetweenSets()
                restOffset = clauseOffset
            } else if skipWord(["with"]) {
                _ = skipWord(["a", "an"])
                guard rest == nil else {
                    throw Failure(offset: clauseOffset, message: "the rest is named twice in this dose")
                }
                let seconds = try requiredDuration(for: "a hold or a rest")
                try holdOrRest(seconds, work: &work, rest: &rest)
                restOffset = clauseOffset
            } else if case .number = current?.token {
                guard rest == nil else {
                    throw Failure(offset: clauseOffset, message: "the rest is named twice in this dose")
                }
                let seconds = try requiredDuration(for: "a hold or a rest")
                try holdOrRest(seconds, work: &work, rest: &rest)
                restOffset = clauseOffset
            } else {
                throw unexpected(
                    "unexpected text in dose", expecting: ["each", "per", "rest", "with", "hold"],
                    note: "a dose may end with a rest ('rest 15 s') and 'each leg', 'each arm' or 'each side'")
            }
        }
        if rest != nil, sets.upperBound == 1 {
            throw Failure(
                offset: restOffset, message: "a rest goes between sets, and this dose has one set",
                note: "name the sets, like '3 x 30 s, rest 15 s'")
        }
        let dose = Dose(sets: sets, work: work, rest: rest, side: side, manner: manner)
        guard dose.seconds(repSeconds: 60, breathSeconds: 60).upperBound <= Dose.longestSeconds else {
            throw Failure(offset: 0, message: "a dose longer than a day", note: Dose.grammarNote)
        }
        return dose
    }

    /// A word that cannot follow a bare number: neither a clause nor `x`.
    var isUnknownWord: Bool {
        currentWord != nil && !isWord(["each", "per", "on", "rest", "rests", "with"]) && !isTimes(at: position)
    }

    func unknownUnit() -> Failure {
        let word = currentWord ?? ""
        var failure = Failure(offset: offset, message: "unknown unit '\(word)' in dose", note: unitsNote)
        let candidates =
            isTranslated
            ? words.written(meaning: ["s", "min", "reps", "breaths"] + Dose.manners) + Self.unitWords + Dose.manners
            : Self.unitWords + Dose.manners
        if let closest = Suggestion.closest(to: word, in: candidates) {
            failure.note = "did you mean '\(closest)'?"
            failure.repairs.append(replacing(position, with: closest))
        } else {
            // An exercise's own word for a rep (`10 swings`) most likely counts reps.
            failure.repairs.append(replacing(position, with: words.word("reps")))
        }
        return failure
    }

    mutating func skipBetweenSets() -> Bool {
        guard isWord(["between"]), isWord(["sets"], at: position + 1) else { return false }
        position += 2
        return true
    }

    /// After `with 5 s` or `, 5 s`: `hold` (a hold per rep) or `rest` (between sets).
    mutating func holdOrRest(
        _ seconds: ClosedRange<Int>, work: inout Dose.Work, rest: inout ClosedRange<Int>?
    ) throws(Failure) {
        let wordOffset = offset
        if skipWord(["hold", "holds"]) {
            guard case .reps(let reps, nil) = work else {
                throw Failure(
                    offset: wordOffset, message: "a hold per rep needs reps before it",
                    note: "write it like '10 reps, 5 s hold'")
            }
            work = .reps(reps, hold: seconds)
        } else if skipWord(["rest", "rests"]) {
            _ = skipBetweenSets()
            rest = seconds
        } else {
            throw unexpected("expected 'hold' or 'rest' after a length of time", expecting: ["hold", "rest"])
        }
    }

    mutating func sideWord(after introducer: String) throws(Failure) -> String {
        let word = currentWord ?? ""
        let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
        guard Dose.sides.contains(singular) else {
            let names = Dose.sides.map { "'\(words.word($0))'" }
            var failure = Failure(
                offset: offset,
                message: "expected \(names[0]), \(names[1]) or \(names[2]) after '\(introducer)'",
                note: Suggestion.note(for: word, in: inLanguage(Dose.sides)))
            if let closest = Suggestion.closest(to: word, in: inLanguage(Dose.sides)) {
                failure.repairs.append(replacing(position, with: closest))
            }
            throw failure
        }
        position += 1
        return singular
    }
}
