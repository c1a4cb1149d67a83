/// An SVG file read as XML the way a browser reads it, with namespaces resolved and every piece
/// located in the file: elements by namespace URI and local name, whatever their prefix;
/// attribute values and text with their entities and character references decoded, each character
/// knowing where it came from.
///
/// A small reader rather than libxml2: it must see markup exactly where a browser's parser does
/// (a comment ends at the first `-->`, CDATA at the first `]]>`, a value at its closing quote), and
/// what it cannot read the way every browser does (a DOCTYPE with declarations, an entity other
/// than the five XML defines, an encoding other than UTF-8, a processing instruction) is refused
/// instead. Refusing where a browser would recover is safe; reading text where a browser reads
/// markup is not, and this file is the one place to look for that.
struct SVGMarkup {
    struct Position: Sendable, Hashable {
        var line: Int
        var column: Int
    }

    /// Decoded text, with the position in the file of each character.
    struct Text {
        var scalars: [Unicode.Scalar] = []
        var positions: [Position] = []

        var string: String {
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            return text
        }

        mutating func append(_ scalar: Unicode.Scalar, at position: Position) {
            scalars.append(scalar)
            positions.append(position)
        }
    }

    /// An element's or attribute's name as written and as resolved.
    struct Name {
        var written: String
        var prefix: String?
        var local: String
        /// nil for an unprefixed attribute, or an element outside any default namespace.
        var namespace: String?
    }

    struct Attribute {
        var name: Name
        var at: Position
        var value: Text
    }

    enum Event {
        case start(Name, at: Position, attributes: [Attribute])
        case end(Name)
        /// Character data: text or a CDATA section (a comment is not reported).
        case text(Text)
    }

    /// Where the file stops being XML a browser reads the same way.
    struct Malformed: Error {
        var at: Position
        var message: String
    }

    enum Namespace {
        static let svg = "http://www.w3.org/2000/svg"
        static let xlink = "http://www.w3.org/1999/xlink"
        static let xml = "http://www.w3.org/XML/1998/namespace"
        static let xmlns = "http://www.w3.org/2000/xmlns/"
        static let xhtml = "http://www.w3.org/1999/xhtml"
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    /// The prefixes in scope at each open element ("" for the default namespace).
    private var scopes: [[String: String]] = [["xml": Namespace.xml, "xmlns": Namespace.xmlns]]
    private var open: [Name] = []

    private init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    /// Reads `bytes` as an SVG file, handing each element, end and text to `handle` in order;
    /// the problem that stopped it, if any.
    static func read(_ bytes: [UInt8], _ handle: (Event) -> Void) -> Malformed? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return Malformed(at: Position(line: 1, column: 1), message: "is not UTF-8 text")
        }
        var reader = SVGMarkup(Array(text.unicodeScalars))
        do {
            try reader.document(handle)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - The document

    private mutating func document(_ handle: (Event) -> Void) throws(Malformed) {
        if peek == "\u{FEFF}" { advance() }
        skipSpace()
        // A browser that is not told the file's type looks at its start, and takes one that starts
        // with a comment for a web page, where comments and CDATA end elsewhere.
        if starts(with: "<!--") {
            throw malformed(
                "starts with a comment, which a browser can take for a web page; start it with <svg or <?xml")
        }
        if starts(with: "<?xml") && isSpace(at: index + 5) { try declaration() }
        var sawDoctype = false
        var sawRoot = false
        while index < scalars.count {
            if isSpace(at: index) {
                advance()
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<!DOCTYPE") {
                guard !sawDoctype, !sawRoot else { throw malformed("has a DOCTYPE out of place") }
                sawDoctype = true
                try doctype()
            } else if starts(with: "<?") {
                throw malformed("holds a processing instruction; an SVG may hold only drawing")
            } else if peek == "<", !sawRoot {
                sawRoot = true
                try element(handle)
            } else {
                throw malformed("has text or markup outside its root element")
            }
        }
        guard sawRoot else { throw malformed("has no root element") }
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`: only UTF-8, so that the browser and Limber read
    /// the same characters.
    private mutating func declaration() throws(Malformed) {
        let start = position
        guard let end = find("?>") else { throw malformed("has an XML declaration without its end") }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[index..<end])
        let lower = text.lowercased()
        if let range = lower.range(of: "encoding") {
            let rest = lower[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            let name = rest.prefix { $0 != "\"" && $0 != "'" }
            guard name == "utf-8" || name == "utf8" else {
                throw Malformed(
                    at: start, message: "is encoded as '\(name)'; Limber checks only SVGs saved as UTF-8")
            }
        }
        while index < end + 2 { advance() }
    }

    /// `<!DOCTYPE svg PUBLIC "…" "…">`, without an internal subset: a declared entity could put
    /// markup where Limber reads text.
    private mutating func doctype() throws(Malformed) {
        let start = position
        for _ in 0..<9 { advance() }
        skipSpace()
        // `<!DOCTYPE html` would make a browser not told the file's type read it as a web page.
        guard (try? name()) == "svg" else {
            throw Malformed(at: start, message: "has a DOCTYPE for something other than an SVG")
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "[" {
                throw Malformed(at: start, message: "declares entities in its DOCTYPE; an SVG may hold only drawing")
            }
            if scalar == "\"" || scalar == "'" {
                advance()
                while index < scalars.count, scalars[index] != scalar { advance() }
            }
            advance()
            if scalar == ">" { return }
        }
        throw Malformed(at: start, message: "has a DOCTYPE without its end")
    }

    private mutating func comment() throws(Malformed) {
        let start = position
        guard let end = find("-->", from: index + 4) else {
            throw Malformed(at: start, message: "has a comment without its end ('-->')")
        }
        // XML allows no `--` inside a comment; a web page ends one at `--!>`.
        if let dashes = find("--", from: index + 4), dashes < end {
            throw Malformed(at: start, message: "has '--' inside a comment, which XML does not allow")
        }
        while index < end + 3 { advance() }
    }

    // MARK: - Elements

    private mutating func element(_ handle: (Event) -> Void) throws(Malformed) {
        try startTag(handle)
        while !open.isEmpty {
            guard index < scalars.count else {
                throw malformed("ends before <\(open.last!.written)> is closed")
            }
            if starts(with: "</") {
                try endTag(handle)
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<![CDATA[") {
                let start = position
                for _ in 0..<9 { advance() }
                guard let end = find("]]>") else {
                    throw Malformed(at: start, message: "has a CDATA section without its end")
                }
                var text = Text()
                while index < end {
                    text.append(scalars[index], at: position)
                    advance()
                }
                for _ in 0..<3 { advance() }
                handle(.text(text))
            } else if starts(with: "<?") {
                throw malformed("holds a processing instruction; an SVG may hold only drawing")
            } else if starts(with: "<!") {
                throw malformed("holds a declaration inside an element")
            } else if peek == "<" {
                try startTag(handle)
            } else {
                var text = Text()
                while index < scalars.count, scalars[index] != "<" {
                    try character(into: &text, inValue: false)
                }
                handle(.text(text))
            }
        }
    }

    private mutating func startTag(_ handle: (Event) -> Void) throws(Malformed) {
        let start = position
        advance()
        let written = try name()
        var raw: [(name: String, at: Position, value: Text)] = []
        while true {
            let hadSpace = skipSpace()
            guard index < scalars.count else { throw Malformed(at: start, message: "has a tag without its end") }
            if starts(with: "/>") || peek == ">" { break }
            guard hadSpace else { throw malformed("needs a space before the attribute here") }
            let at = position
            let attribute = try name()
            skipSpace()
            guard peek == "=" else { throw malformed("has the attribute '\(attribute)' without '=' and a value") }
            advance()
            skipSpace()
            guard let quote = peek, quote == "\"" || quote == "'" else {
                throw malformed("has the attribute '\(attribute)' without quotes around its value")
            }
            advance()
            var value = Text()
            while true {
                guard index < scalars.count else {
                    throw Malformed(at: at, message: "has the attribute '\(attribute)' without its closing quote")
                }
                if scalars[index] == quote { break }
                if scalars[index] == "<" { throw malformed("has '<' inside the value of '\(attribute)'") }
                try character(into: &value, inValue: true)
            }
            advance()
            raw.append((attribute, at, value))
        }
        let empty = peek == "/"
        advance()
        if empty { advance() }

        var scope = scopes.last!
        for attribute in raw {
            if attribute.name == "xmlns" {
                scope[""] = attribute.value.string.isEmpty ? nil : attribute.value.string
            } else if attribute.name.hasPrefix("xmlns:") {
                guard !attribute.value.string.isEmpty else {
                    throw Malformed(at: attribute.at, message: "undeclares the prefix in '\(attribute.name)'")
                }
                scope[String(attribute.name.dropFirst(6))] = attribute.value.string
            }
        }
        let element = try resolve(written, at: start, in: scope, isElement: true)
        var attributes: [Attribute] = []
        for attribute in raw {
            let name =
                attribute.name == "xmlns"
                ? Name(written: "xmlns", prefix: nil, local: "xmlns", namespace: Namespace.xmlns)
                : try resolve(attribute.name, at: attribute.at, in: scope, isElement: false)
            attributes.append(Attribute(name: name, at: attribute.at, value: attribute.value))
        }
        handle(.start(element, at: start, attributes: attributes))
        if empty {
            handle(.end(element))
        } else {
            scopes.append(scope)
            open.append(element)
        }
    }

    private mutating func endTag(_ handle: (Event) -> Void) throws(Malformed) {
        let start = position
        advance()
        advance()
        let written = try name()
        skipSpace()
        guard peek == ">" else { throw malformed("has an end tag without its '>'") }
        advance()
        guard let element = open.last, element.written == written else {
            throw Malformed(
                at: start, message: "closes </\(written)> where <\(open.last?.written ?? "")> is open")
        }
        open.removeLast()
        scopes.removeLast()
        handle(.end(element))
    }

    private func resolve(_ written: String, at: Position, in scope: [String: String], isElement: Bool) throws(Malformed)
        -> Name
    {
        let parts = written.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts.contains(where: \.isEmpty) else {
            throw Malformed(at: at, message: "has the name '\(written)', which no namespace can hold")
        }
        guard parts.count == 2 else {
            return Name(written: written, prefix: nil, local: written, namespace: isElement ? scope[""] : nil)
        }
        let prefix = String(parts[0])
        guard let namespace = scope[prefix] else {
            throw Malformed(at: at, message: "uses the prefix '\(prefix)' in '\(written)' without declaring it")
        }
        return Name(written: written, prefix: prefix, local: String(parts[1]), namespace: namespace)
    }

    // MARK: - Pieces

    /// An XML name: anything up to a space or a delimiter, checked to hold only name characters.
    private mutating func name() throws(Malformed) -> String {
        let start = index
        let at = position
        while let scalar = peek, !isSpace(at: index), !"/>=<\"'&".unicodeScalars.contains(scalar) { advance() }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<index])
        guard let first = name.unicodeScalars.first, Self.isNameStart(first),
            name.unicodeScalars.allSatisfy(Self.isNameCharacter)
        else {
            throw Malformed(
                at: at,
                message: name.isEmpty
                    ? "has '<' without a name after it" : "has the name '\(name)', which XML does not allow")
        }
        return name
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x3A: return true
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default: return false
        }
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isNameStart(scalar)
        }
    }

    /// One character of text or of an attribute value, with a reference decoded; in a value, a
    /// tab or line break becomes a space, as XML normalises it.
    private mutating func character(into text: inout Text, inValue: Bool) throws(Malformed) {
        let at = position
        let scalar = scalars[index]
        guard scalar == "&" else {
            guard Self.isXMLCharacter(scalar) else { throw malformed("holds a character XML does not allow") }
            advance()
            text.append(inValue && (scalar == "\t" || scalar == "\n" || scalar == "\r") ? " " : scalar, at: at)
            return
        }
        guard let end = find(";", within: 12) else { throw malformed("has '&' that starts no reference") }
        var reference = ""
        reference.unicodeScalars.append(contentsOf: scalars[(index + 1)..<end])
        let decoded: Unicode.Scalar?
        switch reference {
        case "lt": decoded = "<"
        case "gt": decoded = ">"
        case "amp": decoded = "&"
        case "apos": decoded = "'"
        case "quot": decoded = "\""
        default:
            if reference.hasPrefix("#x") {
                decoded = UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if reference.hasPrefix("#") {
                decoded = UInt32(reference.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                throw malformed("uses the entity '&\(reference);', which XML does not define")
            }
        }
        guard let decoded, Self.isXMLCharacter(decoded) else {
            throw malformed("has the reference '&\(reference);', which names no character XML allows")
        }
        while index <= end { advance() }
        text.append(decoded, at: at)
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    private var position: Position { Position(line: line, column: column) }

    private func malformed(_ message: String) -> Malformed { Malformed(at: position, message: message) }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private func isSpace(at offset: Int) -> Bool {
        guard offset < scalars.count else { return false }
        let scalar = scalars[offset]
        return scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while isSpace(at: index) { advance() }
        return index > start
    }

    private func starts(with text: String) -> Bool {
        var offset = index
        for scalar in text.unicodeScalars {
            guard offset < scalars.count, scalars[offset] == scalar else { return false }
            offset += 1
        }
        return true
    }

    /// Where `text` next starts, from `start` (the current place when nil), looking at most
    /// `within` characters ahead.
    private func find(_ text: String, from start: Int? = nil, within: Int = Int.max) -> Int? {
        let needle = Array(text.unicodeScalars)
        let first = start ?? index
        var offset = first
        while offset + needle.count <= scalars.count, offset - first <= within {
            if needle.indices.allSatisfy({ scalars[offset + $0] == needle[$0] }) { return offset }
            offset += 1
        }
        return nil
    }
}
