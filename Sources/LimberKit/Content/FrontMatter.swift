/// A content file split into its YAML front matter and its Markdown body.
struct FrontMatterDocument: Sendable {
    /// The YAML between the `---` lines.
    var yaml: String
    /// Lines of the file before the YAML starts: add to a YAML line to get the file's line.
    var yamlLineOffset: Int
    var body: String
    /// Lines of the file before the body starts.
    var bodyLineOffset: Int
}

enum FrontMatter {
    /// Decodes a file's bytes as text: UTF-8 only, a byte-order mark dropped, CRLF read as LF.
    static func decodeText(_ bytes: [UInt8], path: String) -> Result<String, Diagnostic> {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8Byte(bytes) ?? bytes.endIndex
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.startIndex
            let line = bytes[..<bad].count(where: { $0 == 0x0A }) + 1
            let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).count + 1
            return .failure(
                .error(
                    at: SourceLocation(path: path, line: line, column: column),
                    "the file is not UTF-8 text",
                    note: "save the file with the UTF-8 encoding"))
        }
        // The bytes, not the text's UTF-8 view: a plain loop over an array is several times quicker.
        return .success(bytes.contains(13) ? text.replacingCRLF() : text)
    }

    /// Where the first byte that is not part of valid UTF-8 is.
    private static func firstInvalidUTF8Byte(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            let length: Int
            if b < 0x80 {
                length = 1
            } else if b >= 0xC2 && b <= 0xDF {
                length = 2
            } else if b >= 0xE0 && b <= 0xEF {
                length = 3
            } else if b >= 0xF0 && b <= 0xF4 {
                length = 4
            } else {
                return i
            }
            guard i + length <= bytes.endIndex,
                String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return i }
            i += length
        }
        return nil
    }

    /// Splits `---` front matter from the body.
    static func split(_ text: String, path: String) -> Result<FrontMatterDocument, Diagnostic> {
        let start = SourceLocation(path: path, line: 1, column: 1)
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(
                .error(
                    at: start, "the file is empty",
                    note: "a content file starts with front matter between two '---' lines"))
        }
        // Line by line only as far as the closing line: the body is taken whole.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 0
        var yamlStart: String.Index?
        var yamlEnd = lineStart
        var bodyStart: String.Index?
        while lineStart < utf8.endIndex || lineNumber == 0 {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            // Compared by bytes, spaces and tabs after the marker dropped: neither joins a `-` or
            // `.` before it into one Character, so Characters would compare the same.
            var trimmedEnd = lineEnd
            while trimmedEnd > lineStart, [0x20, 0x09].contains(utf8[utf8.index(before: trimmedEnd)]) {
                trimmedEnd = utf8.index(before: trimmedEnd)
            }
            let line = utf8[lineStart..<trimmedEnd]
            lineNumber += 1
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : utf8.endIndex
            if lineNumber == 1 {
                if !line.elementsEqual("---".utf8) {
                    return .failure(
                        .error(
                            at: start, "the file does not start with front matter",
                            note: "put the fields between a '---' line at the top and another '---' line"))
                }
                yamlStart = next
            } else if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) {
                yamlEnd = lineStart
                bodyStart = next
                break
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = next
        }
        guard let yamlStart, let bodyStart else {
            return .failure(
                .error(
                    at: start, "the front matter is never closed",
                    note: "end the front matter with a line of three dashes: '---'"))
        }
        let close = lineNumber - 2
        // The YAML without the newline before the closing line, as the lines joined would be.
        let yaml = yamlEnd > yamlStart ? String(text[yamlStart..<utf8.index(before: yamlEnd)]) : ""
        let body = String(text[bodyStart...])
        return .success(FrontMatterDocument(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: close + 2))
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if previousCR && scalar != "\n" { out.unicodeScalars.append("\n") }
            if scalar == "\r" {
                previousCR = true
                continue
            }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        if previousCR { out.unicodeScalars.append("\n") }
        return out
    }
}
