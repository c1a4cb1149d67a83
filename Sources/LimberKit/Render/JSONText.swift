import LimberTemplates

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

    /// Bytes of JSON (or script) as they are.
    mutating func append(bytes more: some Collection<UInt8>) { bytes.append(contentsOf: more) }
    mutating func reserveCapacity(_ capacity: Int) { bytes.reserveCapacity(capacity) }
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
        if text.utf8.withContiguousStorageIfAvailable({ string($0) }) == nil {
            var text = text
            text.withUTF8 { string($0) }
        }
        bytes.append(0x22)
    }

    /// The bytes of a JSON string, without its quotes. Plain runs are copied whole; 0xE2 starts
    /// U+2028 and U+2029, and other characters too, which are copied as they are.
    private mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var index = 0
        while true {
            index = ByteScan.next(
                in: utf8, from: index,
                wordHasSpecial: {
                    ByteScan.hasBelow($0, 0x20) || ByteScan.has($0, 0x22) || ByteScan.has($0, 0x5C)
                        || ByteScan.has($0, 0x3C) || ByteScan.has($0, 0xE2)
                },
                isSpecial: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0xE2 })
            guard index < utf8.count else { break }
            let escaped: StaticString
            var length = 1
            switch utf8[index] {
            case 0x22: escaped = "\\\""
            case 0x5C: escaped = "\\\\"
            case 0x0A: escaped = "\\n"
            case 0x0D: escaped = "\\r"
            case 0x09: escaped = "\\t"
            case 0x3C: escaped = "\\u003c"
            case 0xE2:
                guard index + 2 < utf8.count, utf8[index + 1] == 0x80,
                    utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
                else {
                    index += 1
                    continue
                }
                escaped = utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                length = 3
            default:
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                let hex = String(utf8[index], radix: 16)
                self += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                index += 1
                start = index
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            self += escaped
            index += length
            start = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }
}
