/// Escapes text for an XML or HTML element's content or a quoted attribute, leaving out the control
/// characters that neither allows. Used for inline SVG, the sitemap and the feed.
func escapeXML(_ text: String) -> String {
    // Most text (every URL of a sitemap) has nothing to escape.
    let plain = text.utf8.allSatisfy { byte in
        switch byte {
        case 0x22, 0x26, 0x27, 0x3C, 0x3E: false
        default: byte >= 0x20 && byte < 0x7F
        }
    }
    if plain { return text }
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
        case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}": continue
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
