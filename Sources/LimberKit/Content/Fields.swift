/// Reads typed fields out of a YAML mapping, collecting a diagnostic for every field that is
/// missing, of the wrong type or not known, each at the place in the file where it is written.
struct Fields {
    let path: String
    let lineOffset: Int
    /// Where the mapping starts, for fields that are missing altogether.
    let start: SourceLocation
    private(set) var entries: [String: (key: Node, value: Node)] = [:]
    private var order: [String] = []
    var diagnostics: [Diagnostic] = []
    /// The YAML as written, to look at the lines of a value.
    private var yaml = ""
    /// Its lines, split once when first needed.
    private var yamlLines: [Substring]?

    /// Parses `yaml` and reads its top-level mapping; nil (with diagnostics) when it is not one.
    static func parse(yaml: String, path: String, lineOffset: Int) -> (Fields?, [Diagnostic]) {
        let fileStart = SourceLocation(path: path, line: lineOffset + 1, column: 1)
        let root: Node?
        do {
            root = try YAML.compose(yaml)
        } catch {
            return (nil, [yamlDiagnostic(error, in: yaml, path: path, lineOffset: lineOffset)])
        }
        guard let root, case .mapping(let mapping) = root else {
            let at =
                root?.mark.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) }
                ?? fileStart
            return (
                nil,
                [
                    .error(
                        at: at, "the front matter is not a list of 'name: value' fields",
                        note: "write one field a line, like 'title: Pigeon Pose'")
                ]
            )
        }
        var fields = Fields(path: path, lineOffset: lineOffset, start: fileStart)
        fields.yaml = yaml
        fields.add(mapping.pairs)
        return (fields, [])
    }

    private mutating func add(_ pairs: [(key: Node, value: Node)]) {
        entries.reserveCapacity(entries.count + pairs.count)
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key else {
                diagnostics.append(.error(at: location(of: key), "a field name must be plain text"))
                continue
            }
            if let earlier = entries[scalar.string] {
                let line = location(of: earlier.key).line
                diagnostics.append(
                    .error(
                        at: location(of: key), "the field '\(scalar.string)' is written twice",
                        note: "the first one is on line \(line)"))
                continue
            }
            entries[scalar.string] = (key, value)
            order.append(scalar.string)
        }
    }

    /// The fields of a group written under `name` (`publish:` with its own `name: value` lines);
    /// nil when there is none, or it is not a group (an error). Add the group's diagnostics to
    /// these once it has been read.
    mutating func group(_ name: String) -> Fields? {
        guard let value = node(name) else { return nil }
        guard case .mapping(let mapping) = value else {
            diagnostics.append(
                .error(
                    at: location(of: value), "'\(name)' should be a group of fields",
                    note: "write each of its fields on a line of its own, indented under '\(name):'"))
            return nil
        }
        var inner = Fields(path: path, lineOffset: lineOffset, start: location(of: value))
        inner.yaml = yaml
        inner.add(mapping.pairs)
        return inner
    }

    static func yamlDiagnostic(_ error: YAMLError, in yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Node.Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        if let refusal = error.refusal {
            return .error(at: at(error.mark), refusal.message, note: refusal.note)
        }
        if let slip = YAMLSlips.explain(error, in: yaml) {
            return .error(at: at(slip.mark), slip.message, note: slip.note)
        }
        if error.isAnchorOrAlias {
            return .error(
                at: at(error.mark), "anchors and aliases ('&' and '*') are not allowed in front matter",
                note: "write the value out; a value that starts with '*' or '&' must be put in quotes")
        }
        guard !error.duplicates.isEmpty else {
            let note = error.context.map { "YAML: \($0.text) at line \($0.mark.line + lineOffset)" }
            return .error(at: at(error.mark), "YAML syntax: \(error.problem)", note: note ?? yamlHint(error.problem))
        }
        return .error(at: at(error.mark), "a field is written twice: \(error.duplicates.joined(separator: ", "))")
    }

    static let colonHint = "a value that contains ': ' must be put in quotes"

    /// For text that YAML read as a field because it holds `: ` (`- Stretch gently: never bounce`):
    /// the quoting note a scalar gets, with the text in quotes.
    static func colonNote(_ value: Node) -> String? {
        guard case .mapping(let mapping) = value, mapping.pairs.count == 1,
            case .scalar(let key) = mapping.pairs[0].key, key.style == .plain,
            case .scalar(let text) = mapping.pairs[0].value, text.style == .plain, text.mark.line == key.mark.line,
            text.endLine == key.mark.line, !text.string.isEmpty
        else { return nil }
        let written = "\(key.string): \(text.string)"
        let quoted =
            written.contains("\"")
            ? "'" + written.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
            : "\"\(written)\""
        return colonHint + ": write it as \(quoted)"
    }

    private static func yamlHint(_ problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return colonHint
        }
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        return nil
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return start }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    func has(_ name: String) -> Bool { entries[name] != nil }
    func node(_ name: String) -> Node? { entries[name]?.value }

    // MARK: - Typed reads

    mutating func missing(_ name: String, hint: String? = nil) {
        diagnostics.append(.error(at: start, "missing the required field '\(name)'", note: hint))
    }

    /// A one-line text value.
    mutating func text(_ name: String, required: Bool = false) -> String? {
        guard let value = node(name) else {
            if required { missing(name) }
            return nil
        }
        return text(of: value, name: name)
    }

    mutating func text(of value: Node, name: String) -> String? {
        guard case .scalar(let scalar) = value else {
            diagnostics.append(
                .error(
                    at: location(of: value), "'\(name)' should be text, not a \(kindName(value))",
                    note: Self.colonNote(value)))
            return nil
        }
        let text = scalar.string.trimmingSpaces()
        if text.isEmpty || (scalar.style == .plain && (scalar.string == "~" || scalar.string == "null")) {
            diagnostics.append(.error(at: location(of: value), "'\(name)' is empty"))
            return nil
        }
        return text
    }

    /// A list of text values; `minimum` of them at least.
    mutating func textList(_ name: String, required: Bool = false, minimum: Int = 0, maximum: Int? = nil) -> [String] {
        guard let value = node(name) else {
            if required { missing(name, hint: "write it as a list, like '\(name): [hip flexors]'") }
            return []
        }
        guard case .sequence(let sequence) = value else {
            diagnostics.append(
                .error(
                    at: location(of: value), "'\(name)' should be a list",
                    note: "write it as '\(name): [\(value.scalar?.string ?? "…")]' or one '- item' a line"))
            return []
        }
        let items = sequence.nodes.compactMap { item in
            warnIfMerged(item, list: name)
            return text(of: item, name: name)
        }
        if items.count < minimum {
            diagnostics.append(
                .error(at: location(of: value), "'\(name)' needs at least \(minimum) item\(minimum == 1 ? "" : "s")"))
        }
        if let maximum, items.count > maximum {
            diagnostics.append(
                .error(at: location(of: sequence.nodes[maximum]), "'\(name)' has more than \(maximum) items"))
        }
        return items
    }

    /// A warning when a list item reads as two, the second indented too far (`- a` then `   - b`).
    mutating func warnIfMerged(_ item: Node, list name: String) {
        guard case .scalar(let scalar) = item, YAMLSlips.mayHoldMergedItem(scalar) else { return }
        let lines = yamlLines ?? yaml.split(separator: "\n", omittingEmptySubsequences: false)
        yamlLines = lines
        guard let dash = YAMLSlips.mergedItem(scalar, lines: lines) else { return }
        let plural = ["cues", "cautions", "targets", "steps"].contains(name) ? name : "items"
        diagnostics.append(
            .warning(
                at: SourceLocation(path: path, line: dash.line + lineOffset, column: dash.column),
                "this line is read as part of the item above, which becomes '\(scalar.string)'",
                note: "did you mean two \(plural)? start the line at the same column as the '-' above"))
    }

    /// A whole number in a range.
    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = node(name) else { return nil }
        guard let text = text(of: value, name: name), let number = Int(text), range.contains(number) else {
            diagnostics.append(
                .error(
                    at: location(of: value),
                    "'\(name)' should be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    mutating func boolean(_ name: String) -> Bool? {
        guard let value = node(name) else { return nil }
        switch value.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.append(.error(at: location(of: value), "'\(name)' should be true or false"))
            return nil
        }
    }

    /// One of a fixed set of words.
    mutating func choice<T: RawRepresentable>(_ name: String, of type: T.Type, required: Bool = false) -> T?
    where T: CaseIterable, T.RawValue == String {
        guard let value = node(name) else {
            if required {
                missing(name, hint: "one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return nil
        }
        guard let word = text(of: value, name: name) else { return nil }
        if let found = T(rawValue: word) ?? T.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) {
            return found
        }
        let names = T.allCases.map(\.rawValue)
        diagnostics.append(
            .error(
                at: location(of: value), "unknown \(name) '\(word)'",
                note: Suggestion.note(for: word, in: names) ?? "one of: " + names.joined(separator: ", ")))
        return nil
    }

    /// A `YYYY-MM-DD` date.
    mutating func date(_ name: String) -> String? {
        guard let value = node(name), let text = text(of: value, name: name) else { return nil }
        let parts = text.split(separator: "-")
        let valid =
            parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && Int($0) != nil }
            && (1...12).contains(Int(parts[1])!) && (1...31).contains(Int(parts[2])!)
        guard valid else {
            diagnostics.append(.error(at: location(of: value), "'\(name)' should be a date like 2026-03-01"))
            return nil
        }
        return text
    }

    /// A link to a web page: `https://` or `http://` only.
    mutating func webURL(_ name: String) -> String? {
        guard let value = node(name), let text = text(of: value, name: name) else { return nil }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), text.count > 8, !text.contains(" ") else {
            diagnostics.append(
                .error(at: location(of: value), "'\(name)' should be a web address starting with https://"))
            return nil
        }
        return text
    }

    /// The address a site is published at: checked by `SiteAddress`, the error placed at the
    /// character that is wrong.
    mutating func siteAddress(_ name: String) -> String? {
        guard let value = node(name), let text = text(of: value, name: name) else { return nil }
        if let problem = SiteAddress.problem(in: text) {
            diagnostics.append(
                .error(
                    at: location(atOffset: problem.offset, in: value),
                    "'\(name)' is not a site's address: \(problem.message)",
                    note: "write it like 'https://example.org/' or 'https://example.org/guide/'"))
            return nil
        }
        return text
    }

    /// Errors for every field not in `known`, with the closest known name as a suggestion.
    mutating func rejectUnknown(known: [String]) {
        for name in order where !known.contains(name) {
            let key = entries[name]!.key
            diagnostics.append(
                .error(
                    at: location(of: key), "unknown field '\(name)'",
                    note: Suggestion.note(for: name, in: known) ?? "known fields: " + known.joined(separator: ", ")))
        }
    }

    /// Where a dose error points: inside the value when it is written plainly on one line.
    func location(ofDoseError error: DoseError, in value: Node) -> SourceLocation {
        location(atOffset: error.offset, in: value)
    }

    /// Where a place `offset` characters into a value is: inside the value when it is written
    /// plainly on one line, else the value's start.
    func location(atOffset offset: Int, in value: Node) -> SourceLocation {
        var at = location(of: value)
        if case .scalar(let scalar) = value {
            let leading = scalar.string.prefix(while: { $0 == " " }).count
            let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
            at.column += offset + quote + leading
        }
        return at
    }

    private func kindName(_ node: Node) -> String {
        switch node {
        case .mapping: "group of fields"
        case .sequence: "list"
        default: "value"
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        // Spaces and line ends trimmed byte by byte when what they leave starts and ends with
        // printable ASCII, as nearly every name and sentence does: a Character is made of only
        // the bytes at the ends, where the loop below makes one of every space and asks each
        // whether it is whitespace. Neither an ASCII space nor printable ASCII joins a neighbour
        // into one Character, so the two ways cut at the same places.
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, Self.isASCIISpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, Self.isASCIISpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start < end, Self.isPrintableASCII(bytes[start]), Self.isPrintableASCII(bytes[bytes.index(before: end)]) {
            return start == bytes.startIndex && end == bytes.endIndex ? self : String(self[start..<end])
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space: ASCII's whitespace.
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
