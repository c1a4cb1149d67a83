/// How `{{name}}` is escaped in Limber's templates: `<`, `>`, `&`, `"` and `'`, each byte on its own.
/// Working on bytes, not characters, matters: a quote joined to a combining mark (`"` + U+0301) is
/// one character, and an escaper that looks at characters leaves it alone, so the quote could end
/// an attribute (found by the fuzzer).
public enum LimberHTML {
    /// `text`, escaped.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` to `out`, escaped.
    public static func escape(_ text: String, into out: inout [UInt8]) {
        // A native string's bytes are read where they are; a bridged one is copied first.
        if text.utf8.withContiguousStorageIfAvailable({ escape($0, into: &out) }) == nil {
            var text = text
            text.withUTF8 { escape($0, into: &out) }
        }
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var start = 0
        var index = 0
        while true {
            index = ByteScan.next(
                in: bytes, from: index,
                wordHasSpecial: {
                    ByteScan.has($0, 0x3C) || ByteScan.has($0, 0x3E) || ByteScan.has($0, 0x26)
                        || ByteScan.has($0, 0x22) || ByteScan.has($0, 0x27)
                },
                isSpecial: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 })
            guard index < bytes.count else { break }
            let entity: StaticString
            switch bytes[index] {
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x26: entity = "&amp;"
            case 0x22: entity = "&quot;"
            default: entity = "&#39;"
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            index += 1
            start = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
