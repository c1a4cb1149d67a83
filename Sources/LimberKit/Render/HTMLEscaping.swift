import Mustache

/// How `{{name}}` is escaped in Limber's templates: `<`, `>`, `&`, `"` and `'`, each Unicode scalar on
/// its own. swift-mustache's own escaper looks at whole characters, so a quote joined to a combining
/// mark (`"` + U+0301) was one character it left alone, and the quote could end an attribute (found
/// by the fuzzer). Working on bytes is also several times quicker.
struct LimberHTML: MustacheContentType {
    static let name = "LIMBER_HTML"
    /// Put before every template's text, so templates and partials all escape this way.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"
    static let registered: Bool = {
        MustacheContentTypes.register(LimberHTML(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x26: out += Array("&amp;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
