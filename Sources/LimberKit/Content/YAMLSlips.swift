/// The slips a person makes in YAML, named as what they are: a line indented a space too deep or
/// too shallow, a tab, a list item merged into the one above. libyaml's own words ("mapping values
/// are not allowed in this context", "did not find expected key") say what the parser saw, not what
/// the author did.
enum YAMLSlips {
    /// A clearer error for a YAML syntax error, at the line the author must change; nil when the
    /// error is not one of the slips below.
    static func explain(_ error: YAMLError, in yaml: String) -> (mark: Node.Mark, message: String, note: String?)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let errorLine = error.mark.line - 1
        guard lines.indices.contains(errorLine) else { return nil }

        // A tab in the indentation of any line up to the error: libyaml stops at it or soon after.
        for (index, line) in lines[...errorLine].enumerated() {
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            guard let tab = indentation.firstIndex(of: "\t"), !isComment(line) else { continue }
            return (
                Node.Mark(line: index + 1, column: line.distance(from: line.startIndex, to: tab) + 1),
                "tabs cannot indent YAML; use spaces",
                "replace the tab with spaces, as many as the lines around it use"
            )
        }

        let tooDeep = error.problem.contains("mapping values are not allowed")
        let tooShallow =
            error.problem.contains("did not find expected key")
            || error.problem.contains("did not find expected '-' indicator")
        guard tooDeep || tooShallow else { return nil }
        let line = lines[errorLine]
        let indent = indentation(of: line)
        guard let previous = lines[..<errorLine].lastIndex(where: { isContent($0) }) else { return nil }
        let previousIndent = indentation(of: lines[previous])
        let neighbours = isListItem(lines[previous]) ? "items" : "keys"
        let mark = Node.Mark(line: errorLine + 1, column: indent + 1)
        let message =
            "this line is indented \(spaces(indent)), the \(neighbours) around it \(previousIndent)"

        if tooDeep {
            // The line went on the value of the line above: it is deeper than that line, which has a value.
            guard indent > previousIndent, hasValue(lines[previous]) else { return nil }
            return (mark, message, "line it up with the line above: \(spaces(previousIndent))")
        }
        guard indent < previousIndent else { return nil }
        // The line may belong with the keys above it or with a key further out: name both.
        var note = "indent it \(spaces(previousIndent)) like the line above"
        if !isListItem(line),
            let parent = lines[..<previous].lastIndex(where: { isContent($0) && indentation(of: $0) < indent })
        {
            let parentIndent = indentation(of: lines[parent])
            let name = key(of: lines[parent]).map { " of '\($0)'" } ?? ""
            note =
                "indent it \(spaces(previousIndent)) to go on with the fields\(name), or \(spaces(parentIndent)) "
                + "for a field beside '\(key(of: lines[parent]) ?? "it")'"
        } else if !isListItem(line) {
            note = "indent it \(spaces(previousIndent)) like the line above, or 0 spaces for a field of its own"
        }
        return (mark, message, note)
    }

    /// A plain value that runs over several lines where a later line starts with `- `: most likely
    /// two list items, the second indented too far, which YAML reads as one text. The line and
    /// column of that `-`.
    /// `lines` are the YAML's lines, split once for every value of a file.
    static func mergedItem(_ scalar: Node.Scalar, lines: [Substring]) -> Node.Mark? {
        guard mayHoldMergedItem(scalar) else { return nil }
        for index in scalar.mark.line..<min(scalar.endLine, lines.count) {
            let line = lines[index]
            let indent = indentation(of: line)
            if line.dropFirst(indent).hasPrefix("- ") { return Node.Mark(line: index + 1, column: indent + 1) }
        }
        return nil
    }

    /// Whether a value may be two list items read as one: plain, over several lines, with ` - `.
    static func mayHoldMergedItem(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && scalar.endLine > scalar.mark.line && scalar.string.contains(" - ")
    }

    // MARK: - Lines

    private static func indentation(of line: Substring) -> Int { line.prefix { $0 == " " }.count }

    private static func isComment(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("#")
    }

    private static func isContent(_ line: Substring) -> Bool {
        !line.allSatisfy { $0 == " " || $0 == "\t" } && !isComment(line)
    }

    private static func isListItem(_ line: Substring) -> Bool {
        let text = line.drop { $0 == " " }
        return text == "-" || text.hasPrefix("- ")
    }

    /// The key of a `key: value` or `key:` line (after a `- ` when it is a list item).
    private static func key(of line: Substring) -> String? {
        var text = line.drop { $0 == " " }
        if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let after = text.index(after: colon)
        guard after == text.endIndex || text[after] == " " else { return nil }
        let name = text[..<colon]
        return name.isEmpty || name.contains(" #") ? nil : String(name)
    }

    /// Whether a line holds a value of its own: `key: value` or `- item`, not a bare `key:`.
    private static func hasValue(_ line: Substring) -> Bool {
        var text = line.drop { $0 == " " }
        if text.hasPrefix("- ") { return true }
        if let colon = text.firstIndex(of: ":") { text = text[text.index(after: colon)...] }
        let value = text.drop { $0 == " " }
        return !value.isEmpty && !value.hasPrefix("#") && value != "|" && value != ">"
    }

    private static func spaces(_ count: Int) -> String { count == 1 ? "1 space" : "\(count) spaces" }
}
