/// Reads a template's text into a `Template`. It follows swift-mustache's parser step by step
/// (standalone tags, indentation of partials and of blocks inside a parent tag, set delimiters),
/// so that a theme renders byte for byte as it did with that library; transforms (`upper(name)`)
/// and dynamic partials are not part of Limber's templates and are reported as errors.
public struct TemplateParser {
    private let characters: [Character]
    private var position = 0
    /// Where the name of the tag being read starts.
    private var nameStart = 0
    /// The index of each line's first character, for the locations of tags and errors.
    private let lineStarts: [Int]

    private enum Problem: Error {
        case sectionCloseNameIncorrect
        case unfinishedName
        case expectedSectionEnd
        case invalidSetDelimiter
        case illegalTokenInsideInheritSection
        case transform
        case invalidConfigVariable

        var message: String {
            switch self {
            case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened with"
            case .unfinishedName: "a tag is not closed with '}}'"
            case .expectedSectionEnd: "a section is never closed"
            case .invalidSetDelimiter: "a '{{=…=}}' tag that sets delimiters is not well formed"
            case .illegalTokenInsideInheritSection: "only '{{$block}}' tags may stand inside '{{<parent}}'"
            case .transform: "Limber's templates have no transforms such as 'upper(name)': write the name alone"
            case .invalidConfigVariable: "a '{{%…}}' pragma is not well formed"
            }
        }
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private init(_ text: String) {
        characters = Array(text)
        var starts = [0]
        for (index, character) in characters.enumerated() where character.isNewline { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The template in `text`, or where and why it cannot be read.
    public static func parse(_ text: String) -> Result<Template, TemplateSyntaxError> {
        var parser = TemplateParser(text)
        do {
            return .success(try parser.parse(State()))
        } catch {
            let at = parser.location(of: parser.position)
            return .failure(TemplateSyntaxError(message: error.message, line: at.line, column: at.column))
        }
    }

    // MARK: - Reading characters

    private var reachedEnd: Bool { position >= characters.count }
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    @discardableResult
    private mutating func read(while accepts: (Character) -> Bool) -> ArraySlice<Character> {
        let start = position
        while !reachedEnd, accepts(characters[position]) { position += 1 }
        return characters[start..<position]
    }

    private mutating func read(_ string: [Character]) -> Bool {
        guard position + string.count <= characters.count,
            characters[position..<(position + string.count)].elementsEqual(string)
        else { return false }
        position += string.count
        return true
    }

    /// Line and column of the character at `offset`, both from 1; a line ends after any line break
    /// (`\n`, `\r\n`, `\r`).
    private func location(of offset: Int) -> Template.Location {
        let offset = min(offset, characters.count)
        // The last line that starts at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return Template.Location(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private static let nameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = nameCharacters.union(["/"])

    // MARK: - Parsing

    private mutating func parse(_ initial: State) throws(Problem) -> Template {
        var nodes: [Template.Node] = []
        var state = initial
        var whiteSpaceBefore = ""
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = read(while: { $0 == " " || $0 == "\t" })
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = Array(whiteSpace)
                    }
                } else {
                    whiteSpaceBefore = String(whiteSpace)
                }
            }
            let text = readUntilDelimiterOrNewline(state)
            if current.isNewline {
                nodes.append(.text(whiteSpaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                let at = location(of: nameStart)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let inner = try parse(state.withSectionName(name, newLine: setNewLine))
                nodes.append(.section(Template.Name(name), inner, inverted: inverted, at: at))

            case "/":
                position += 1
                let namePosition = position
                let name = try parseName(state)
                guard name == state.sectionName else {
                    position = namePosition
                    throw .sectionCloseNameIncorrect
                }
                if !isStandalone(state) { flushWhiteSpace() }
                return Template(nodes: nodes)

            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)

            case "{", "&":
                flushWhiteSpace()
                let triple = current == "{"
                position += 1
                let name = try parseName(state)
                let at = location(of: nameStart)
                if triple {
                    guard current == "}" else { throw .unfinishedName }
                    position += 1
                }
                nodes.append(.variable(Template.Name(name), escaped: false, at: at))

            case ">":
                position += 1
                read(while: \.isWhitespace)
                let name = try parsePartialName(state)
                let at = location(of: nameStart)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: whiteSpaceBefore, overrides: nil, at: at))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil, at: at))
                }
                whiteSpaceBefore = ""

            case "<":
                position += 1
                read(while: \.isWhitespace)
                let name = try parsePartialName(state)
                let at = location(of: nameStart)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let inner = try parse(state.withInheritancePartial(name))
                var overrides: [(block: String, content: Template)] = []
                for node in inner.nodes {
                    switch node {
                    case .blockDefinition(let block, let template): overrides.append((block, template))
                    case .text: break
                    default: throw .illegalTokenInsideInheritSection
                    }
                }
                nodes.append(.partial(name, indentation: whiteSpaceBefore, overrides: overrides, at: at))
                whiteSpaceBefore = ""

            case "$":
                position += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let inner = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name, inner))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let inner = try parse(state.withSectionName(name, newLine: setNewLine))
                    nodes.append(.block(name, default: inner, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }

            case "=":
                position += 1
                state = try setDelimiters(state)
                setNewLine = isStandalone(state)

            case "%":
                position += 1
                try skipPragma(state)
                setNewLine = isStandalone(state)

            default:
                flushWhiteSpace()
                let name = try parseName(state)
                nodes.append(.variable(Template.Name(name), escaped: true, at: location(of: nameStart)))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw .expectedSectionEnd }
        return Template(nodes: nodes)
    }

    /// Text up to the next tag (its opening delimiter read) or the next line break (not read).
    private mutating func readUntilDelimiterOrNewline(_ state: State) -> String {
        var text = ""
        let first = state.startDelimiter[0]
        while !reachedEnd {
            let run = read(while: { $0 != "\n" && $0 != "\r\n" && $0 != first })
            text += String(run)
            if reachedEnd || current.isNewline { break }
            if read(state.startDelimiter) { break }
            text.append(first)
            position += 1
        }
        return text
    }

    private mutating func parseName(_ state: State) throws(Problem) -> String {
        read(while: \.isWhitespace)
        nameStart = position
        let name = String(read(while: Self.nameCharacters.contains))
        read(while: \.isWhitespace)
        guard read(state.endDelimiter) else { throw .unfinishedName }
        if name.contains("(") || name.contains(")") {
            position = nameStart
            throw .transform
        }
        return name
    }

    private mutating func parsePartialName(_ state: State) throws(Problem) -> String {
        read(while: \.isWhitespace)
        nameStart = position
        let name = String(read(while: Self.partialNameCharacters.contains))
        read(while: \.isWhitespace)
        guard read(state.endDelimiter) else { throw .unfinishedName }
        return name
    }

    private mutating func skipComment(_ state: State) throws(Problem) {
        while !reachedEnd {
            if read(state.endDelimiter) { return }
            position += 1
        }
        throw .unfinishedName
    }

    private mutating func skipPragma(_ state: State) throws(Problem) {
        // `{{% NAME: value }}`: swift-mustache's content-type switch. Every Limber template is HTML.
        read(while: \.isWhitespace)
        let variable = read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
        read(while: \.isWhitespace)
        guard current == ":" else { throw .invalidConfigVariable }
        position += 1
        read(while: \.isWhitespace)
        let value = read(while: { Self.nameCharacters.contains($0) && $0 != "(" && $0 != ")" })
        read(while: \.isWhitespace)
        guard read(state.endDelimiter), !variable.isEmpty, !value.isEmpty else { throw .invalidConfigVariable }
    }

    private mutating func setDelimiters(_ state: State) throws(Problem) -> State {
        read(while: \.isWhitespace)
        let start = read(while: { !$0.isWhitespace })
        guard !reachedEnd else { throw .invalidSetDelimiter }
        read(while: \.isWhitespace)
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        guard !reachedEnd else { throw .invalidSetDelimiter }
        read(while: \.isWhitespace)
        guard current == "=" else { throw .invalidSetDelimiter }
        position += 1
        guard read(state.endDelimiter), !start.isEmpty, !end.isEmpty else { throw .invalidSetDelimiter }
        var state = state
        state.startDelimiter = Array(start)
        state.endDelimiter = Array(end)
        state.isPartialDefinitionTopLevel = false
        return state
    }

    /// Whether the rest of the line is blank, reading it and its line break when it is.
    private mutating func hasLineFinished() -> Bool {
        if reachedEnd { return true }
        var ahead = position
        while ahead < characters.count, characters[ahead] == " " || characters[ahead] == "\t" { ahead += 1 }
        let next: Character = ahead < characters.count ? characters[ahead] : "\0"
        if next.isNewline {
            position = ahead + 1
            return true
        }
        return false
    }

    /// Whether the tag just read stands alone on its line, which then leaves no trace in the output.
    private mutating func isStandalone(_ state: State) -> Bool {
        state.newLine && hasLineFinished()
    }
}
