/// The words doses are read and shown in, for one language: the `dose:` section of the theme's
/// `templates/i18n/<language>.yaml`, with the site's own file of that name over it, key by key.
///
/// A dose stays free of language (`Dose.side` is `leg`, `arm` or `side`; lengths are seconds): the
/// words only turn the author's text into the grammar's and the dose back into text. A site reads
/// its language's words beside the English ones, which every site reads.
public struct DoseWords: Sendable, Hashable {
    /// A key's words: `one` for a count of 1, `other` for every other count; the first of each is
    /// how a dose is shown.
    struct Forms: Sendable, Hashable {
        var one: [String]
        var other: [String]
        var all: [String] { one + other.filter { !one.contains($0) } }
    }

    /// The language, as `site.yaml` names it.
    public internal(set) var language: String
    var forms: [String: Forms]
    /// What stands between a dose and its side when shown: ` · ` in `30 s · each leg`.
    var sideJoiner: String
    /// The side shown after the rest (`3 × 30 s, rest 15 s · each leg`) rather than before it.
    var sideLast: Bool
    /// The word saying how comes after reps and breaths (`5 respirations profondes`): read there
    /// too, and shown there.
    var mannerAfter: Bool

    // MARK: - The keys

    /// Each key of the section, with the grammar's words it stands for.
    static let keys: [(key: String, means: [String])] = [
        ("seconds", ["s"]), ("minutes", ["min"]), ("reps", ["reps"]), ("breaths", ["breaths"]), ("sets", ["sets"]),
        ("of", ["of"]), ("to", ["to"]), ("each", ["each"]), ("side", ["side"]), ("leg", ["leg"]), ("arm", ["arm"]),
        ("hold", ["hold"]), ("rest", ["rest"]), ("with", ["with"]), ("between_sets", ["between", "sets"]),
        ("deep", ["deep"]), ("slow", ["slow"]), ("easy", ["easy"]), ("gentle", ["gentle"]),
        ("controlled", ["controlled"]),
    ]
    /// The keys that say how doses are laid out rather than name words.
    static let layoutKeys = ["side_joiner", "side_last", "manner_after"]
    static var allKeys: [String] { keys.map(\.key) + layoutKeys }

    /// How the dose shows `key` for `count`: the first `one` word for exactly 1, else the first
    /// `other` word.
    func word(_ key: String, count: ClosedRange<Int> = 2...2) -> String {
        guard let forms = forms[key] else { return key }
        let words = count.upperBound == 1 ? forms.one : forms.other
        return words.first ?? forms.all.first ?? key
    }

    /// Every word of the keys for the grammar's words `meaning`, as written, for suggestions.
    func written(meaning: [String]) -> [String] {
        Self.keys.filter { meaning.contains($0.means.joined(separator: " ")) }.flatMap { forms[$0.key]?.all ?? [] }
    }

    // MARK: - Reading a dose's text

    /// A phrase of the language (`de chaque`, `zwischen den Sätzen`) and the grammar's words for it.
    struct Phrase: Sendable, Hashable {
        var words: [String]
        var means: [String]
    }

    /// What the grammar needs to read a dose in the language, made once per table.
    struct Reading: Sendable, Hashable {
        /// The phrases of the language and of English, by their first word (lowercased), longest
        /// first. `to` is left out: a word that joins two numbers (`8 bis 12`) is read between
        /// numbers only, so that `a` stays English's `with a 5 s hold`.
        var phrases: [String: [Phrase]] = [:]
        /// The words that join two numbers into a range, lowercased: `to`, `bis`.
        var rangeWords: Set<String> = []
        /// Every word of every phrase, lowercased: a known word keeps a dot after it only when the
        /// dot is part of it (`Sek.`, `Wdh.`).
        var vocabulary: Set<String> = []
    }

    var reading = Reading()

    /// The table made ready for reading, with `english` read beside it (nil for English itself).
    func prepared(english: DoseWords?) -> DoseWords {
        var table = self
        var reading = Reading()
        for source in [english, self].compactMap({ $0 }) {
            for (key, means) in Self.keys {
                for written in source.forms[key]?.all ?? [] {
                    let words = written.lowercased().split(separator: " ").map(String.init)
                    guard let first = words.first else { continue }
                    reading.vocabulary.formUnion(words)
                    if key == "to" {
                        reading.rangeWords.insert(written.lowercased())
                        continue
                    }
                    let phrase = Phrase(words: words, means: means)
                    if reading.phrases[first]?.contains(phrase) != true {
                        reading.phrases[first, default: []].append(phrase)
                    }
                }
            }
        }
        reading.phrases = reading.phrases.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        table.reading = reading
        return table
    }
}

// MARK: - Tables

extension DoseWords {
    /// The languages Limber ships words for, each from `templates/i18n/<language>.yaml`.
    package static let shipped = ["en", "de", "fr", "es", "it", "nl", "pt"]

    /// The built-in table of each shipped language.
    package static let builtIn: [String: DoseWords] = {
        var tables: [String: DoseWords] = [:]
        for language in shipped {
            let path = "templates/i18n/\(language).yaml"
            let bytes = BuiltInTheme.files["i18n/\(language).yaml"] ?? []
            let (table, problems) = read(String(decoding: bytes, as: UTF8.self), path: path, language: language)
            precondition(problems.isEmpty, "the built-in \(path) has errors: \(problems)")
            tables[language] = table
        }
        let english = tables["en"]!.prepared(english: nil)
        return tables.mapValues { $0.language == "en" ? english : $0.prepared(english: english) }
    }()

    /// English, which every site reads.
    public static let english = builtIn["en"]!

    /// The words of a site in `language`: the built-in table (English's for a language Limber has
    /// none for), with the site's own `templates/i18n/<language>.yaml` over it, key by key.
    static func load(language: String, folder: SiteFolder) -> (DoseWords, [Diagnostic]) {
        let code = language.lowercased().replacingOccurrences(of: "_", with: "-")
        let primary = code.split(separator: "-").first.map(String.init) ?? code
        var base = builtIn[code] ?? builtIn[primary] ?? english
        base.language = builtIn[code] != nil || builtIn[primary] == nil ? code : primary
        let english = base.language == "en" ? nil : Self.english
        for name in Set([language, code, primary]).sorted() {
            let path = "templates/i18n/\(name).yaml"
            guard folder.exists(path) else { continue }
            switch folder.readText(path) {
            case .failure(let problem): return (base, [problem])
            case .success(let text):
                let (table, problems) = read(text, path: path, language: base.language, over: base)
                return ((table ?? base).prepared(english: english), problems)
            }
        }
        return (base, [])
    }

    /// The `dose:` section of a table in `text`, over `base` key by key: every key is needed
    /// without a base. Other sections of the file are someone else's to read.
    static func read(
        _ text: String, path: String, language: String, over base: DoseWords? = nil
    ) -> (DoseWords?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func at(_ node: Node?) -> SourceLocation {
            let mark = node?.mark ?? Node.Mark(line: 1, column: 1)
            return SourceLocation(path: path, line: mark.line, column: mark.column)
        }
        let root: Node?
        do throws(YAMLError) {
            root = try YAML.compose(text)
        } catch {
            let location = SourceLocation(path: path, line: error.mark.line, column: error.mark.column)
            return (nil, [.error(at: location, error.refusal?.message ?? "YAML: \(error.problem)")])
        }
        var section: Node?
        if case .mapping(let pairs) = root {
            section = pairs.pairs.first { $0.key.scalar?.string == "dose" }?.value
        }
        var table =
            base ?? DoseWords(language: language, forms: [:], sideJoiner: " ", sideLast: false, mannerAfter: false)
        table.language = language
        guard let section else {
            if base == nil { diagnostics.append(.error(at: at(root), "the table has no 'dose:' section")) }
            return (base == nil ? nil : table, diagnostics)
        }
        guard case .mapping(let pairs) = section else {
            return (nil, [.error(at: at(section), "'dose' holds the words of doses, one key a line")])
        }
        var seen: Set<String> = []
        for (keyNode, value) in pairs.pairs {
            let key = keyNode.scalar?.string ?? ""
            seen.insert(key)
            switch key {
            case "side_joiner":
                guard let joiner = value.scalar?.string else {
                    diagnostics.append(.error(at: at(value), "'side_joiner' is text, like \"' · '\""))
                    continue
                }
                table.sideJoiner = joiner
            case "side_last", "manner_after":
                guard let flag = value.scalar?.string, flag == "true" || flag == "false" else {
                    diagnostics.append(.error(at: at(value), "'\(key)' is 'true' or 'false'"))
                    continue
                }
                if key == "side_last" { table.sideLast = flag == "true" } else { table.mannerAfter = flag == "true" }
            default:
                guard keys.contains(where: { $0.key == key }) else {
                    diagnostics.append(
                        .error(
                            at: at(keyNode), "unknown key '\(key)' in 'dose'",
                            note: Suggestion.note(for: key, in: allKeys)))
                    continue
                }
                if let forms = forms(value, key: key, at: at, into: &diagnostics) { table.forms[key] = forms }
            }
        }
        if base == nil {
            let missing = allKeys.filter { !seen.contains($0) }
            if !missing.isEmpty {
                diagnostics.append(
                    .error(
                        at: at(section), "'dose' has no \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                        note: "every language names each of \(allKeys.joined(separator: ", "))"))
            }
        }
        return (diagnostics.isEmpty ? table : nil, diagnostics)
    }

    /// `[s, Sek.]`, or `{one: [Satz], other: [Sätze]}`.
    private static func forms(
        _ value: Node, key: String, at: (Node?) -> SourceLocation, into diagnostics: inout [Diagnostic]
    ) -> Forms? {
        func list(_ node: Node) -> [String]? {
            guard case .sequence(let items) = node else {
                diagnostics.append(.error(at: at(node), "'\(key)' is a list of words, like '[s, Sek.]'"))
                return nil
            }
            var words: [String] = []
            for item in items.nodes {
                guard let word = item.scalar?.string.trimmingSpaces(), !word.isEmpty,
                    !word.contains(where: { $0.isNumber })
                else {
                    diagnostics.append(.error(at: at(item), "a word of '\(key)' is empty or holds a number"))
                    return nil
                }
                words.append(word.split(separator: " ").joined(separator: " "))
            }
            return words
        }
        if case .mapping(let pairs) = value {
            var forms = Forms(one: [], other: [])
            for (formNode, words) in pairs.pairs {
                switch formNode.scalar?.string {
                case "one": forms.one = list(words) ?? []
                case "other": forms.other = list(words) ?? []
                default:
                    diagnostics.append(
                        .error(
                            at: at(formNode), "'\(key)' has 'one' and 'other' forms",
                            note: "write '\(key): {one: [...], other: [...]}'"))
                }
            }
            guard !forms.one.isEmpty, !forms.other.isEmpty else {
                diagnostics.append(.error(at: at(value), "'\(key)' needs words for both 'one' and 'other'"))
                return nil
            }
            return forms
        }
        guard let words = list(value) else { return nil }
        // `to` is only read; every other key is shown, and needs a word to show.
        guard !words.isEmpty || key == "to" else {
            diagnostics.append(.error(at: at(value), "'\(key)' needs at least one word"))
            return nil
        }
        return Forms(one: words, other: words)
    }
}
