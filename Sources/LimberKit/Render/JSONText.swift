/// JSON strings for the little JSON Limber writes (JSON-LD, see `StructuredData`): about ten times
/// quicker by hand than `JSONSerialization` on this machine's Foundation.
enum JSONText {
    /// A JSON string that is also safe inside `<script>`: `<` is written as `\u003c`.
    static func string(_ text: String, into out: inout String) {
        var json = JSONBytes()
        json.string(text)
        out += json.text
    }

    static func string(_ text: String, into out: inout JSONBytes) { out.string(text) }
}

/// JSON being written, as UTF-8 bytes: appending to a `String` piece by piece was most of the
/// time JSON-LD and the player's data took.
struct JSONBytes {
    private(set) var bytes: [UInt8]

    init(_ start: String = "") {
        bytes = Array(start.utf8)
        bytes.reserveCapacity(1024)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
    var isEmpty: Bool { bytes.isEmpty }
    var count: Int { bytes.count }

    static func += (json: inout JSONBytes, text: String) { json.bytes.append(contentsOf: text.utf8) }
    static func += (json: inout JSONBytes, text: StaticString) {
        json.bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string that is also safe inside `<script>`: `<` is written as `\u003c`, and the line
    /// and paragraph separators, which end a line of JavaScript, are escaped too.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        defer { bytes.append(0x22) }
        // Most text needs nothing escaped (0xE2 starts U+2028 and U+2029).
        var contiguous = text
        let plain = contiguous.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 })
            else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": self += "\\\""
            case "\\": self += "\\\\"
            case "\n": self += "\\n"
            case "\r": self += "\\r"
            case "\t": self += "\\t"
            case "<": self += "\\u003c"
            case "\u{2028}": self += "\\u2028"
            case "\u{2029}": self += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    self += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    bytes.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
    }
}
