/// How much of a stretch to do: `30 s each leg`, `3 x 30 s`, `5 reps each leg`.
public struct Dose: Sendable, Hashable {
    public enum Unit: Sendable, Hashable {
        case seconds
        case minutes
        case reps
    }

    public var sets: Int
    public var amount: Int
    public var unit: Unit
    /// `leg`, `arm` or `side` when the dose is done on each one.
    public var side: String?

    public init(sets: Int = 1, amount: Int, unit: Unit, side: String? = nil) {
        self.sets = sets
        self.amount = amount
        self.unit = unit
        self.side = side
    }

    /// The time the dose takes, counting a rep as `repSeconds` and both sides when done on each.
    public func seconds(repSeconds: Int) -> Int {
        let once =
            switch unit {
            case .seconds: amount
            case .minutes: amount * 60
            case .reps: amount * repSeconds
            }
        return once * sets * (side == nil ? 1 : 2)
    }

    /// As it reads on a page: `30 s · each leg`, `3 × 30 s`, `5 reps · each leg`.
    public var display: String {
        let unitText =
            switch unit {
            case .seconds: "s"
            case .minutes: "min"
            case .reps: amount == 1 ? "rep" : "reps"
            }
        var text = "\(amount) \(unitText)"
        if sets > 1 { text = "\(sets) × " + text }
        if let side { text += " · each \(side)" }
        return text
    }
}

/// Why a dose did not parse, and where in its text.
public struct DoseError: Error, Sendable, Equatable {
    /// 0-based offset in characters into the dose text.
    public var offset: Int
    public var message: String
    public var note: String?
}

extension Dose {
    static let units: [String: Unit] = [
        "s": .seconds, "sec": .seconds, "secs": .seconds, "second": .seconds, "seconds": .seconds,
        "min": .minutes, "mins": .minutes, "minute": .minutes, "minutes": .minutes,
        "rep": .reps, "reps": .reps,
    ]
    static let sides = ["leg", "arm", "side"]
    static let grammarNote = "write a dose like '30 s each leg', '3 x 30 s', '2 min' or '5 reps each side'"

    /// Parses a dose as people write it.
    public init(parsing text: String) throws(DoseError) {
        let chars = Array(text.lowercased())
        var index = 0

        func skipSpaces() { while index < chars.count, chars[index] == " " || chars[index] == "\t" { index += 1 } }
        func number() -> Int? {
            let start = index
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
            guard index > start, index - start <= 6 else { return nil }
            return Int(String(chars[start..<index]))
        }
        func word() -> (String, Int) {
            let start = index
            while index < chars.count, chars[index].isLetter { index += 1 }
            return (String(chars[start..<index]), start)
        }

        skipSpaces()
        guard let first = number() else {
            throw DoseError(offset: index, message: "a dose starts with a number", note: Self.grammarNote)
        }
        guard first > 0 else { throw DoseError(offset: 0, message: "a dose of zero", note: Self.grammarNote) }
        var sets = 1
        var amount = first
        skipSpaces()
        if index < chars.count, chars[index] == "x" || chars[index] == "×" || chars[index] == "*" {
            let afterX = index + 1
            var probe = afterX
            while probe < chars.count, chars[probe] == " " { probe += 1 }
            if probe < chars.count, chars[probe].isNumber {
                index = probe
                sets = first
                guard let second = number(), second > 0 else {
                    throw DoseError(offset: probe, message: "expected the amount of each set", note: Self.grammarNote)
                }
                amount = second
                skipSpaces()
            }
        }
        let (unitWord, unitStart) = word()
        guard !unitWord.isEmpty else {
            throw DoseError(offset: index, message: "missing a unit after \(amount)", note: "units: s, sec, min, reps")
        }
        guard let unit = Self.units[unitWord] else {
            let note = Suggestion.note(
                for: unitWord, in: ["s", "sec", "secs", "seconds", "min", "mins", "minutes", "reps"])
            throw DoseError(
                offset: unitStart, message: "unknown unit '\(unitWord)' in dose",
                note: note ?? "units: s, sec, min, reps")
        }
        skipSpaces()
        var side: String?
        if index < chars.count {
            let (eachWord, eachStart) = word()
            guard eachWord == "each" || eachWord == "per" else {
                throw DoseError(
                    offset: eachWord.isEmpty ? index : eachStart, message: "unexpected text in dose",
                    note: "a dose may end with 'each leg', 'each arm' or 'each side'")
            }
            skipSpaces()
            let (sideWord, sideStart) = word()
            let singular = sideWord.hasSuffix("s") ? String(sideWord.dropLast()) : sideWord
            guard Self.sides.contains(singular) else {
                throw DoseError(
                    offset: sideWord.isEmpty ? index : sideStart,
                    message: "expected 'leg', 'arm' or 'side' after 'each'",
                    note: Suggestion.note(for: sideWord, in: Self.sides))
            }
            side = singular
            skipSpaces()
            if index < chars.count {
                throw DoseError(offset: index, message: "unexpected text after the dose", note: Self.grammarNote)
            }
        }
        self.init(sets: sets, amount: amount, unit: unit, side: side)
    }
}

/// A length of time as pages show it: `45 s`, `8 min`, `8 min 10 s`.
public func formatDuration(seconds: Int) -> String {
    if seconds < 60 { return "\(seconds) s" }
    let minutes = seconds / 60
    let rest = seconds % 60
    return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
}
