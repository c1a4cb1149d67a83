import LimberTemplates

/// One phrase of a translation table: a text, or for a phrase with a number, one text for each of
/// the language's CLDR plural categories (`one`, `other`…), `{count}` standing for the number.
enum Phrase: Sendable, Equatable {
    case text(String)
    case plural([PluralCategory: String])

    /// The text a phrase shows for `category`: a plural's `other` when it has no text of its own.
    func text(for category: PluralCategory = .other) -> String {
        switch self {
        case .text(let text): text
        case .plural(let forms): forms[category] ?? forms[.other] ?? ""
        }
    }
}

/// The CLDR plural categories, in CLDR's order.
enum PluralCategory: String, Sendable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The category of the whole number `n` in `language` (a BCP 47 tag: `de`, `pt-PT`), by CLDR's
    /// rules for integers. A language Limber has no rule for counts as English does.
    static func of(_ n: Int, language: String) -> PluralCategory {
        let tag = language.lowercased().replacingOccurrences(of: "_", with: "-")
        let primary = tag.split(separator: "-").first.map(String.init) ?? tag
        let millions = n != 0 && n % 1_000_000 == 0
        switch primary {
        case "fr": return n == 0 || n == 1 ? .one : millions ? .many : .other
        case "pt" where tag == "pt-pt": return n == 1 ? .one : millions ? .many : .other
        case "pt": return n == 0 || n == 1 ? .one : millions ? .many : .other
        case "es", "it": return n == 1 ? .one : millions ? .many : .other
        default: return n == 1 ? .one : .other
        }
    }

    /// The categories a phrase with a number needs in `language`: those its integers fall in.
    static func needed(language: String) -> Set<PluralCategory> {
        Set([0, 1, 2, 5, 1_000_000].map { of($0, language: language) })
    }
}

/// The theme's words in one language: the site's own table over Limber's, over English. Made once
/// per language of a build and handed to every page of that language (`PageCommon.t`).
final class Words: Sendable {
    /// A BCP 47 tag: `en`, `de`, `pt-BR`.
    let language: String
    let phrases: [String: Phrase]
    /// The decimal separator of the language: `,` in German, French, Spanish, Italian, Dutch and
    /// Portuguese.
    let decimalSeparator: String
    /// The words of each of the theme's scripts as JSON (`json(_:prefix:)`), made once for every page.
    let scriptJSON: [String: String]
    /// Each phrase as templates show it, by the number of its key (`FieldName`), for `t`.
    let texts: [Int: String]

    init(language: String, phrases: [String: Phrase]) {
        self.language = language
        self.phrases = phrases
        let primary = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
        decimalSeparator = Self.decimalCommaLanguages.contains(String(primary)) ? "," : "."
        var scriptJSON: [String: String] = [:]
        for script in WordsJSONView.scripts { scriptJSON[script] = Self.json(phrases, prefix: script) }
        self.scriptJSON = scriptJSON
        var texts: [Int: String] = [:]
        for (key, phrase) in phrases { texts[FieldName(key).number] = phrase.text() }
        self.texts = texts
    }

    /// Languages that write `1,5` for one and a half (CLDR), of those Limber has tables for and a
    /// few more a site may add.
    static let decimalCommaLanguages: Set<String> = [
        "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "no", "fi", "pl", "cs", "ru", "tr", "id", "el",
    ]

    /// The phrase `key` as written, its placeholders left in.
    func text(_ key: String) -> String { phrases[key]?.text() ?? "" }

    /// `key` with each `{name}` put in from `values`.
    func text(_ key: String, _ values: [String: String]) -> String {
        Self.fill(text(key), values)
    }

    /// The phrase `key` for the number `n`, its form chosen by the language's plural rules: `{count}`
    /// becomes `shown` (a range like `3–4`), or `n` as the language writes it.
    func count(_ key: String, _ n: Int, shown: String? = nil, _ values: [String: String] = [:]) -> String {
        let form = phrases[key]?.text(for: PluralCategory.of(n, language: language)) ?? ""
        var values = values
        values["count"] = shown ?? String(n)
        return Self.fill(form, values)
    }

    /// `value` with the language's decimal separator: `1,5` in German.
    func number(_ value: Double) -> String {
        var text = value == value.rounded() ? String(Int(value)) : String(value)
        if decimalSeparator != "." { text = text.replacingOccurrences(of: ".", with: decimalSeparator) }
        return text
    }

    /// `text` with each `{name}` of `values` replaced; other braces are left as they are.
    static func fill(_ text: String, _ values: [String: String]) -> String {
        // By bytes: `contains` with a string argument is Foundation's, which bridges the text to
        // an `NSString` and was about 1 % of a full build's CPU.
        guard text.utf8.contains(UInt8(ascii: "{")), !values.isEmpty else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = values[String(rest[rest.index(after: open)..<close])]
            else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The phrases whose keys start with `prefix` and `_`, as a JSON object safe inside
    /// `<script>`: what the theme's scripts show, a plural phrase as an object of its forms.
    static func json(_ phrases: [String: Phrase], prefix: String) -> String {
        var out = JSONBytes("{")
        var first = true
        for key in phrases.keys.sorted() where key.hasPrefix(prefix + "_") {
            if !first { out += "," }
            first = false
            JSONText.string(key, into: &out)
            out += ":"
            switch phrases[key]! {
            case .text(let text): JSONText.string(text, into: &out)
            case .plural(let forms):
                out += "{"
                for (index, category) in forms.keys.sorted().enumerated() {
                    if index > 0 { out += "," }
                    JSONText.string(category.rawValue, into: &out)
                    out += ":"
                    JSONText.string(forms[category]!, into: &out)
                }
                out += "}"
            }
        }
        out += "}"
        return out.text
    }
}

/// `t`: the theme's words in the page's language, by key: `{{t.start_routine}}`. A phrase with a
/// number is made in Swift, as a field of the view that knows the number.
struct WordsView: NamedValues, Sendable {
    let words: Words

    init(_ words: Words) { self.words = words }

    var names: [String] { words.phrases.keys.sorted() }
    func value(named name: String) -> TemplateValue? { value(number: FieldName(name).number) }
    func value(number: Int) -> TemplateValue? { words.texts[number].map(TemplateValue.text) }
}

/// `words_json`: the words of one of the theme's scripts as JSON, by the script's prefix:
/// `{{{words_json.player}}}` has every `player_…` phrase.
struct WordsJSONView: NamedValues, Sendable {
    let words: Words
    static let scripts = ["player", "programme", "filter", "share", "sheet"]

    var names: [String] { Self.scripts }
    func value(named name: String) -> TemplateValue? {
        words.scriptJSON[name].map(TemplateValue.text)
    }
}

// MARK: - Phrases made from the guide

extension Words {
    /// A length of time: `45 s`, `8 min`, `8 min 10 s` (`duration_…`).
    func duration(_ seconds: Int) -> String {
        if seconds < 60 { return text("duration_seconds", ["seconds": String(seconds)]) }
        let (minutes, rest) = (String(seconds / 60), String(seconds % 60))
        return rest == "0"
            ? text("duration_minutes", ["minutes": minutes])
            : text("duration_minutes_seconds", ["minutes": minutes, "seconds": rest])
    }

    /// A time that may be a range: `8 min 10 s`, `12 min – 15 min 30 s`.
    func duration(_ seconds: ClosedRange<Int>) -> String {
        seconds.lowerBound == seconds.upperBound
            ? duration(seconds.lowerBound) : duration(seconds.lowerBound) + " – " + duration(seconds.upperBound)
    }

    /// A routine's total time as pages show it (`Guide.totalTime(of:)`), in these words.
    func totalTime(of routine: Routine, in guide: Guide) -> String {
        let seconds = guide.totalSeconds(of: routine)
        guard guide.hasUntimedSteps(routine) else { return duration(seconds) }
        guard routine.steps.contains(where: { !guide.dose(of: $0).isUntimed }) else { return text("untimed") }
        let minutes = (seconds.lowerBound + 59) / 60...(seconds.upperBound + 59) / 60
        return text("untimed_total", ["minutes": Dose.numberText(minutes)])
    }

    /// How often to do a routine: `Daily`, `3–4 times a week`; free text as written.
    func frequency(_ frequency: Frequency) -> String {
        switch frequency {
        case .daily(1...1): text("frequency_daily")
        case .daily(2...2): text("frequency_twice_daily")
        case .daily(let times): count("frequency_times_daily", times.upperBound, shown: Dose.numberText(times))
        case .weekly(1...1): text("frequency_weekly")
        case .weekly(2...2): text("frequency_twice_weekly")
        case .weekly(let times): count("frequency_times_weekly", times.upperBound, shown: Dose.numberText(times))
        case .everyOtherDay: text("frequency_every_other_day")
        case .text(let words): words
        }
    }

    func kind(_ kind: Kind) -> String { text("kind_" + String(kind.rawValue.map { $0 == "-" ? "_" : $0 })) }
    func level(_ level: Level) -> String { text("level_" + level.rawValue) }
}
