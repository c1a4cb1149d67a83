import CLibYAML

/// A YAML value as written, with where it starts: what front matter and `site.yaml` are read into.
///
/// Composed straight from the events of libyaml (Debian's `libyaml-dev`, the C parser Yams wraps).
/// Yams' own composer resolves every scalar's type with regular expressions, hashes every key to
/// find duplicates and reads the process's environment on each parse: 40% of the time it took to
/// load 10,000 stretches. Limber reads every value as text and checks its type itself, so it needs
/// none of that, and links libyaml itself.
indirect enum Node: Sendable {
    case scalar(Scalar)
    case sequence(List)
    case mapping(Pairs)

    /// A 1-based line and column (counted in Unicode scalars, as libyaml does).
    struct Mark: Equatable, Sendable {
        var line: Int
        var column: Int
    }

    struct Scalar: Sendable {
        enum Style {
            case plain
            case singleQuoted
            case doubleQuoted
            case literal
            case folded
        }

        var string: String
        var style: Style
        var mark: Mark
        /// The 1-based line the value ends on: a plain value may run over several lines.
        var endLine: Int
    }

    struct List: Sendable {
        var nodes: [Node]
        var mark: Mark
    }

    struct Pairs: Sendable {
        var pairs: [(key: Node, value: Node)]
        var mark: Mark
    }

    var mark: Mark? {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(let sequence): sequence.mark
        case .mapping(let mapping): mapping.mark
        }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

/// Why YAML could not be read, in libyaml's words.
struct YAMLError: Error {
    var problem: String
    var mark: Node.Mark
    /// What libyaml was reading when it found the problem, and where that started.
    var context: (text: String, mark: Node.Mark)?
    /// Keys written twice in one nested mapping, in name order, when that is the problem. (Fields
    /// written twice at the top are for `Fields` to report, each where it is written again.)
    var duplicates: [String] = []
    /// An anchor (`&name`) or alias (`*name`): content files have no use for them, and a few
    /// nested aliases make a composer that expands them compare millions of nodes.
    var isAnchorOrAlias = false
    /// The whole message, and a note, when Limber refuses YAML that libyaml would read: more than
    /// `YAML.Limits` allows.
    var refusal: (message: String, note: String)?
}

enum YAML {
    /// How much YAML Limber reads: far more than any guide needs, and little enough that reading
    /// stays quick and nothing built from it is deep enough to overflow the stack when freed.
    enum Limits {
        /// Lists and groups of fields inside one another.
        static let depth = 64
        /// Items in one list, or fields in one group.
        static let items = 10_000
        static let itemsWritten = "10,000"
        /// The YAML's size in bytes (1 MB).
        static let bytes = 1 << 20
    }

    /// The single document in `yaml`, nil when there is none (only comments or nothing at all).
    /// The first anchor or alias is an error: nothing is ever expanded. YAML over `Limits` is an
    /// error where it goes over, before anything past that place is read.
    static func compose(_ yaml: String) throws(YAMLError) -> Node? {
        let bytes = Array(yaml.utf8)
        if bytes.count > Limits.bytes {
            throw YAMLError(
                problem: "too large", mark: mark(atByte: Limits.bytes, in: bytes),
                refusal: (
                    "the front matter is larger than 1 MB: Limber reads no further",
                    "keep long text in the Markdown below the front matter"
                ))
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(problem: "the YAML parser could not start", mark: Node.Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        let result: Result<Node?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var composer = Composer()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(error(parser, bytes)) }
                defer { yaml_event_delete(&event) }
                do throws(YAMLError) {
                    if try composer.take(event) { return .success(composer.root) }
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }

    /// libyaml's description of what went wrong, worded as Yams words it.
    private static func error(_ parser: yaml_parser_t, _ bytes: [UInt8]) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
        // libyaml's reader (a NUL or other control character) gives a byte offset, not a mark.
        let mark =
            parser.error == YAML_READER_ERROR
            ? self.mark(atByte: Int(parser.problem_offset), in: bytes)
            : Node.Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
        var error = YAMLError(problem: problem, mark: mark)
        if parser.error == YAML_READER_ERROR, problem.contains("control characters"), parser.problem_value >= 0 {
            let code = String(UInt32(parser.problem_value), radix: 16, uppercase: true)
            error.refusal = (
                "front matter cannot hold the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code)",
                "remove it: a NUL or other control byte is often a sign of a damaged file"
            )
        }
        if let context = parser.context {
            error.context = (
                String(cString: context),
                Node.Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            )
        }
        return error
    }

    /// The line and column of byte `offset` of `bytes`, as libyaml counts them: lines end at LF,
    /// NEL, LS and PS (CR is gone by now); columns count Unicode scalars.
    static func mark(atByte offset: Int, in bytes: [UInt8]) -> Node.Mark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A
                || (byte == 0xC2 && index + 1 < end && bytes[index + 1] == 0x85)
                || (byte == 0xE2 && index + 2 < end && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9))
            {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Node.Mark(line: line, column: column)
    }

    /// Builds nodes from events: a stack of the sequences and mappings still open, each changed in
    /// place so that adding an item never copies the items before it.
    private struct Composer {
        struct Open {
            var mark: Node.Mark
            var isMapping: Bool
            var nodes: [Node] = []
            var pairs: [(key: Node, value: Node)] = []
            var key: Node?
        }

        var root: Node?
        var open: [Open] = []
        var documentMark: Node.Mark?

        /// Takes one event; true at the end of the stream.
        mutating func take(_ event: yaml_event_t) throws(YAMLError) -> Bool {
            let mark = Node.Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                if let first = documentMark {
                    throw YAMLError(
                        problem: "but found another document", mark: mark,
                        context: ("expected a single document in the stream", first))
                }
                documentMark = mark
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                if scalar.anchor != nil { throw anchorOrAlias(mark) }
                let string = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: Node.Scalar.Style =
                    switch scalar.style {
                    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                    case YAML_LITERAL_SCALAR_STYLE: .literal
                    case YAML_FOLDED_SCALAR_STYLE: .folded
                    default: .plain
                    }
                try add(
                    .scalar(
                        Node.Scalar(string: string, style: style, mark: mark, endLine: Int(event.end_mark.line) + 1)))
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { throw anchorOrAlias(mark) }
                try checkDepth(mark)
                try countItem(mark)
                open.append(Open(mark: mark, isMapping: false))
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.anchor != nil { throw anchorOrAlias(mark) }
                try checkDepth(mark)
                try countItem(mark)
                open.append(Open(mark: mark, isMapping: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let closed = open.removeLast()
                if closed.isMapping {
                    let mapping = Node.Pairs(pairs: closed.pairs, mark: closed.mark)
                    if !open.isEmpty { try checkDuplicates(mapping) }
                    try add(.mapping(mapping), counted: true)
                } else {
                    try add(.sequence(Node.List(nodes: closed.nodes, mark: closed.mark)), counted: true)
                }
            case YAML_ALIAS_EVENT:
                throw anchorOrAlias(mark)
            default:
                break
            }
            return false
        }

        private func anchorOrAlias(_ mark: Node.Mark) -> YAMLError {
            YAMLError(problem: "anchors and aliases are not allowed", mark: mark, isAnchorOrAlias: true)
        }

        /// Refuses a list or group of fields that would be nested deeper than `Limits.depth`,
        /// before it is built: nothing deeper is ever read.
        private func checkDepth(_ mark: Node.Mark) throws(YAMLError) {
            guard open.count >= Limits.depth else { return }
            throw YAMLError(
                problem: "nested too deep", mark: mark,
                refusal: (
                    "lists and groups of fields are nested more than \(Limits.depth) deep here",
                    "front matter needs a level or two; check the brackets and the indentation"
                ))
        }

        /// Refuses the item that would make its list (or group of fields) longer than
        /// `Limits.items`, at the item. A group's key and value count as one.
        private func countItem(_ mark: Node.Mark) throws(YAMLError) {
            guard let last = open.last, last.key == nil else { return }
            let count = last.isMapping ? last.pairs.count : last.nodes.count
            guard count >= Limits.items else { return }
            throw YAMLError(
                problem: "too many items", mark: mark,
                refusal: last.isMapping
                    ? (
                        "more than \(Limits.itemsWritten) fields in one group",
                        "split them up, or move them out of the front matter"
                    )
                    : (
                        "more than \(Limits.itemsWritten) items in one list",
                        "split the list up, or move it out of the front matter"
                    ))
        }

        /// Adds a finished node to the list or group it is in, in place; `counted` when its start
        /// was counted already.
        private mutating func add(_ node: Node, counted: Bool = false) throws(YAMLError) {
            guard !open.isEmpty else {
                root = node
                return
            }
            if !counted, let mark = node.mark { try countItem(mark) }
            let last = open.count - 1
            if !open[last].isMapping {
                open[last].nodes.append(node)
            } else if let key = open[last].key {
                open[last].pairs.append((key, node))
                open[last].key = nil
            } else {
                open[last].key = node
            }
        }

        /// Keys written twice in a nested mapping, the way Yams reports them: the names in order, at
        /// the first place the first of them is written.
        private func checkDuplicates(_ mapping: Node.Pairs) throws(YAMLError) {
            var first: [String: Node.Mark] = [:]
            var twice: Set<String> = []
            for (key, _) in mapping.pairs {
                guard let scalar = key.scalar else { continue }
                if first[scalar.string] == nil {
                    first[scalar.string] = scalar.mark
                } else {
                    twice.insert(scalar.string)
                }
            }
            guard let name = twice.min() else { return }
            throw YAMLError(
                problem: "duplicated keys", mark: first[name]!, duplicates: twice.sorted())
        }
    }
}
