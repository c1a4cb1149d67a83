import Foundation

/// Reads a page's tags as a browser's tokenizer does, closely enough to see what content could have
/// slipped into markup: a tag the theme does not write, an event-handler or malformed attribute,
/// or a script link.
public enum HTMLScan {
    public static func scripts(in html: String) -> Int {
        var count = 0
        scan(html) { name, _ in if name == "script" { count += 1 } }
        return count
    }

    /// The `<form>` tags of a page: the theme's own search boxes.
    public static func forms(in html: String) -> Int {
        var count = 0
        scan(html) { name, _ in if name == "form" { count += 1 } }
        return count
    }

    public static func problems(in html: String, allowedScripts: Int, allowedForms: Int = 0) -> [String] {
        var problems: [String] = []
        var scripts = 0
        var forms = 0
        scan(html) { name, attributes in
            if name == "script" { scripts += 1 }
            if name == "form" { forms += 1 }
            if ["iframe", "object", "embed", "base", "frame", "frameset", "applet"].contains(name) {
                problems.append("a <\(name)> tag")
            }
            for (attribute, value) in attributes {
                let isPlain =
                    attribute.utf8.first.map { $0 >= 97 && $0 <= 122 } == true
                    && attribute.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
                if !isPlain || attribute.hasPrefix("on") {
                    problems.append("the attribute \(attribute.debugDescription) on <\(name)>")
                }
                if ["href", "src", "action", "formaction", "poster"].contains(attribute), isScriptURL(value) {
                    problems.append("a script link \(value.debugDescription) in \(attribute) on <\(name)>")
                }
            }
        }
        if scripts > allowedScripts {
            problems.append("\(scripts) <script> tags where the theme writes \(allowedScripts)")
        }
        if forms > allowedForms {
            problems.append("\(forms) <form> tags where the theme writes \(allowedForms)")
        }
        return problems
    }

    /// Whether a browser would run the link: `javascript:` or `vbscript:` once character references
    /// are decoded, leading spaces and control characters dropped and tabs and line breaks removed.
    static func isScriptURL(_ value: String) -> Bool {
        let scalars = decodeReferences(value).unicodeScalars.drop(while: { $0.value <= 0x20 })
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let text = String(String.UnicodeScalarView(scalars)).lowercased()
        return text.hasPrefix("javascript:") || text.hasPrefix("vbscript:")
    }

    private static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[rest.index(after: amp)...]
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "#" })
            var after = rest[name.endIndex...]
            if after.first == ";" { after = after.dropFirst() }
            let lowered = name.lowercased()
            if lowered.hasPrefix("#x"), let code = UInt32(lowered.dropFirst(2), radix: 16), let s = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(s)
            } else if lowered.hasPrefix("#"), let code = UInt32(lowered.dropFirst()), let s = Unicode.Scalar(code) {
                out.unicodeScalars.append(s)
            } else if lowered == "colon" {
                out += ":"
            } else if lowered == "tab" || lowered == "newline" {
                out += " "
            } else {
                out += "&" + name
            }
            rest = after
        }
        return out + rest
    }

    /// Calls `visit` with each start tag's lowercased name and its attributes.
    static func scan(_ html: String, visit: (String, [(String, String)]) -> Void) {
        let bytes = Array(html.utf8)
        let count = bytes.count
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        func starts(_ text: String, at index: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= count else { return false }
            return (0..<pattern.count).allSatisfy { (bytes[index + $0] | 0x20) == (pattern[$0] | 0x20) }
        }
        func find(_ text: String, from index: Int) -> Int? {
            var j = index
            while j < count {
                if starts(text, at: j) { return j }
                j += 1
            }
            return nil
        }
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        while i < count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < count else {
                i += 1
                continue
            }
            if starts("<!--", at: i) {
                i = find("-->", from: i + 4).map { $0 + 3 } ?? count
                continue
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                i = (bytes[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) ?? count - 1) + 1
                continue
            }
            guard isLetter(next) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">") {
                j += 1
            }
            let name = string((i + 1)..<j).lowercased()
            var attributes: [(String, String)] = []
            while j < count {
                while j < count, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
                if j >= count || bytes[j] == UInt8(ascii: ">") {
                    j += 1
                    break
                }
                let start = j
                j += 1
                while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">"),
                    bytes[j] != UInt8(ascii: "=")
                {
                    j += 1
                }
                let attribute = string(start..<j).lowercased()
                var value = ""
                var k = j
                while k < count, isSpace(bytes[k]) { k += 1 }
                if k < count, bytes[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < count, isSpace(bytes[k]) { k += 1 }
                    if k < count, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                        let quote = bytes[k]
                        let end = bytes[(k + 1)...].firstIndex(of: quote) ?? count
                        value = string((k + 1)..<end)
                        k = min(end + 1, count)
                    } else {
                        let valueStart = k
                        while k < count, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                        value = string(valueStart..<k)
                    }
                    j = k
                }
                attributes.append((attribute, value))
            }
            visit(name, attributes)
            // Script, style, title and textarea hold text up to their end tag, never tags.
            if ["script", "style", "title", "textarea", "xmp", "noembed", "noframes"].contains(name) {
                j = find("</" + name, from: j) ?? count
            }
            i = j
        }
    }
}
