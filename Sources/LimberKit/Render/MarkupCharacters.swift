/// Makes `<`, `>`, `&`, `"` and `'` characters of their own before Mustache escapes a page's data.
///
/// Mustache's HTML escaping looks up whole characters (grapheme clusters), so a quote with a
/// combining mark after it (`"` + U+0301) or a prepended mark before it (U+0600 + `"`) is one
/// character that it leaves as it is, and the quote ends the attribute it stands in: a summary of
/// `x"́ onfocus=alert(1)` became an event handler on `<meta>`. A word joiner (U+2060, a control
/// character, so a grapheme break on both sides) on each side of the markup character splits it off;
/// it shows as nothing.
enum MarkupCharacters {
    /// `value` with every string in it, however deep in dictionaries and arrays, made safe to escape.
    static func isolating(_ value: Any) -> Any {
        switch value {
        case let text as String: isolating(text)
        case let dictionary as [String: Any]:
            Dictionary(
                uniqueKeysWithValues: dictionary.map { key, value in
                    (key, trustedMarkup.contains(key) ? value : isolating(value))
                })
        case let array as [Any]: array.map(isolating)
        default: value
        }
    }

    /// Values that are markup Limber made itself and escaped for their own context (HTML from
    /// Markdown, SVG, JSON, CSS): a joiner inside them would undo a backslash escape.
    static let trustedMarkup: Set<String> = ["body", "qr_svg", "video_qr_svg", "json_ld", "css_title"]

    static func isolating(_ text: String) -> String {
        // Plain ASCII has no combining marks to join a quote to.
        guard text.utf8.contains(where: { $0 >= 0x80 }), text.utf8.contains(where: isMarkup) else { return text }
        var out = ""
        for character in text {
            let scalars = character.unicodeScalars
            guard scalars.count > 1, scalars.contains(where: { $0.isASCII && isMarkup(UInt8($0.value)) }) else {
                out.append(character)
                continue
            }
            for scalar in scalars {
                if scalar.isASCII && isMarkup(UInt8(scalar.value)) {
                    out.unicodeScalars.append(contentsOf: ["\u{2060}", scalar, "\u{2060}"])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func isMarkup(_ byte: UInt8) -> Bool {
        byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0x22 || byte == 0x27
    }
}
