/// How many pages a PDF has, read from its page tree: the `/Count` of its root `/Type /Pages`
/// dictionary (the largest, since each node counts the pages under it), or, in a PDF whose page
/// tree is packed out of sight (in a compressed object stream), the `/Type /Page` objects seen.
enum PDFPages {
    static func count(_ pdf: [UInt8]) -> Int? {
        var pagesCount: Int?
        var pageObjects = 0
        let type = Array("/Type".utf8)
        var at = 0
        while at + type.count < pdf.count {
            guard pdf[at] == UInt8(ascii: "/"), pdf[at...].starts(with: type) else {
                at += 1
                continue
            }
            var name = skipSpace(pdf, from: at + type.count)
            guard name < pdf.count, pdf[name] == UInt8(ascii: "/") else {
                at = name
                continue
            }
            name += 1
            let end = nameEnd(pdf, from: name)
            switch String(decoding: pdf[name..<end], as: UTF8.self) {
            case "Page": pageObjects += 1
            case "Pages":
                if let count = dictionaryCount(pdf, around: at) { pagesCount = max(pagesCount ?? 0, count) }
            default: break
            }
            at = end
        }
        return pagesCount ?? (pageObjects > 0 ? pageObjects : nil)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        isSpace(byte) || "/<>[]()%{}".utf8.contains(byte)
    }

    private static func skipSpace(_ pdf: [UInt8], from start: Int) -> Int {
        var at = start
        while at < pdf.count, isSpace(pdf[at]) { at += 1 }
        return at
    }

    private static func nameEnd(_ pdf: [UInt8], from start: Int) -> Int {
        var at = start
        while at < pdf.count, !isDelimiter(pdf[at]) { at += 1 }
        return at
    }

    /// The `/Count` of the dictionary that holds the byte at `inside`: its own, not that of a
    /// dictionary nested in it.
    private static func dictionaryCount(_ pdf: [UInt8], around inside: Int) -> Int? {
        // Back to the `<<` that opens it, stepping over any nested dictionary before `inside`.
        var depth = 0
        var start = inside - 1
        while start > 0 {
            if pdf[start] == UInt8(ascii: ">"), pdf[start - 1] == UInt8(ascii: ">") {
                depth += 1
                start -= 2
                continue
            }
            if pdf[start] == UInt8(ascii: "<"), pdf[start - 1] == UInt8(ascii: "<") {
                if depth == 0 { break }
                depth -= 1
                start -= 2
                continue
            }
            start -= 1
        }
        guard start > 0 else { return nil }
        let count = Array("/Count".utf8)
        var at = start + 1
        depth = 0
        while at + 1 < pdf.count {
            if pdf[at] == UInt8(ascii: "<"), pdf[at + 1] == UInt8(ascii: "<") {
                depth += 1
                at += 2
                continue
            }
            if pdf[at] == UInt8(ascii: ">"), pdf[at + 1] == UInt8(ascii: ">") {
                if depth == 0 { return nil }
                depth -= 1
                at += 2
                continue
            }
            if depth == 0, pdf[at] == UInt8(ascii: "/"), pdf[at...].starts(with: count),
                at + count.count < pdf.count, isDelimiter(pdf[at + count.count])
            {
                var digit = skipSpace(pdf, from: at + count.count)
                var value = 0
                var digits = 0
                while digit < pdf.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(pdf[digit]), digits < 9 {
                    value = value * 10 + Int(pdf[digit] - UInt8(ascii: "0"))
                    digit += 1
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            at += 1
        }
        return nil
    }
}
