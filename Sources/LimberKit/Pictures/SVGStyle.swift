/// CSS inside an SVG (a `<style>` element, a `style` attribute, a presentation attribute such as
/// `fill`), read as a browser reads it: escapes (`@\69mport`, `\75rl(`) decoded before anything is
/// looked for, so that what is found is what the browser would act on.
enum SVGStyle {
    /// Everything in `text` that loads from elsewhere or runs, with where it starts.
    static func problems(in text: SVGMarkup.Text) -> [(SVGMarkup.Position, String)] {
        // Most values (a path's `d`, a colour) hold none of what starts a function, an at-rule,
        // an address or an escape: nothing to decode.
        guard text.scalars.contains(where: { $0 == "(" || $0 == "@" || $0 == ":" || $0 == "\\" }) else { return [] }
        let css = decoded(text)
        let lower = css.scalars.map { scalar -> Unicode.Scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
        var found: [(SVGMarkup.Position, String)] = []
        func starts(_ word: [Unicode.Scalar], at offset: Int) -> Bool {
            lower[offset] == word[0] && offset + word.count <= lower.count
                && word.indices.allSatisfy { lower[offset + $0] == word[$0] }
        }
        var offset = 0
        while offset < lower.count {
            if starts(Self.words.importRule, at: offset) {
                found.append((css.positions[offset], "holds a stylesheet import ('@import')"))
            } else if starts(Self.words.javascript, at: offset) {
                found.append((css.positions[offset], "holds a 'javascript:' address"))
            } else if starts(Self.words.binding, at: offset) || starts(Self.words.behavior, at: offset) {
                found.append((css.positions[offset], "holds a CSS binding, which can run a script"))
            } else if lower[offset] == "(" {
                var start = offset
                while start > 0, isNameCharacter(lower[start - 1]) { start -= 1 }
                var name = ""
                name.unicodeScalars.append(contentsOf: lower[start..<offset])
                if name == "url" {
                    var argument = offset + 1
                    while argument < lower.count,
                        lower[argument] == " " || lower[argument] == "\n" || lower[argument] == "\t"
                    { argument += 1 }
                    if argument < lower.count, lower[argument] == "\"" || lower[argument] == "'" { argument += 1 }
                    if argument >= lower.count || lower[argument] != "#" {
                        var shown = ""
                        shown.unicodeScalars.append(
                            contentsOf: css.scalars[start..<min(css.scalars.count, argument + 40)].prefix { $0 != ")" })
                        found.append(
                            (
                                css.positions[start],
                                "refers to '\(shown))' outside the file; an SVG may refer only to its own parts ('url(#id)')"
                            ))
                    }
                } else if name == "expression" {
                    found.append((css.positions[start], "holds a CSS expression, which can run a script"))
                } else if Self.loadingFunctions.contains(name) {
                    found.append(
                        (css.positions[start], "uses the CSS function '\(name)()', which loads pictures from elsewhere")
                    )
                }
            }
            offset += 1
        }
        return found
    }

    private static let words = (
        importRule: Array("@import".unicodeScalars), javascript: Array("javascript:".unicodeScalars),
        binding: Array("-moz-binding".unicodeScalars), behavior: Array("behavior".unicodeScalars)
    )

    /// CSS functions other than `url()` that take an address.
    static let loadingFunctions: Set<String> = [
        "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade", "src", "element", "-moz-element",
    ]

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
            || scalar.value >= 0x80
    }

    /// The CSS with its escapes decoded, each character at the place its source starts.
    /// Comments stay: `url(/*x*/#a)` is an address that starts with `/` to a browser (no comment
    /// starts inside `url(…)`), and `u/**/rl(` is no `url(` to either.
    static func decoded(_ text: SVGMarkup.Text) -> SVGMarkup.Text {
        // The tokenizer's own preprocessing: CR, CR LF and form feed are line breaks.
        var input: [Unicode.Scalar] = []
        var positions: [SVGMarkup.Position] = []
        for (index, scalar) in text.scalars.enumerated() {
            if scalar == "\r", index + 1 < text.scalars.count, text.scalars[index + 1] == "\n" { continue }
            input.append(scalar == "\r" || scalar == "\u{0C}" ? "\n" : scalar == "\0" ? "\u{FFFD}" : scalar)
            positions.append(text.positions[index])
        }
        var output = SVGMarkup.Text()
        var index = 0
        while index < input.count {
            let at = positions[index]
            guard input[index] == "\\" else {
                output.append(input[index], at: at)
                index += 1
                continue
            }
            index += 1
            guard index < input.count else {
                output.append("\u{FFFD}", at: at)
                break
            }
            // An escaped line break continues a string; elsewhere it is no escape. Dropped either way.
            if input[index] == "\n" {
                index += 1
                continue
            }
            var hex = ""
            while hex.unicodeScalars.count < 6, index < input.count, input[index].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(input[index])
                index += 1
            }
            guard !hex.isEmpty else {
                output.append(input[index], at: at)
                index += 1
                continue
            }
            if index < input.count, input[index] == " " || input[index] == "\t" || input[index] == "\n" { index += 1 }
            let value = UInt32(hex, radix: 16)!
            output.append(value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}", at: at)
        }
        return output
    }
}
