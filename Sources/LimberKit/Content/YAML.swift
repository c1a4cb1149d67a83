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
}

enum YAML {
    /// The single document in `yaml`, nil when there is none (only comments or nothing at all).
    /// The first anchor or alias is an error: nothing is ever expanded.
    static func compose(_ yaml: String) throws(YAMLError) -> Node? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(problem: "the YAML parser could not start", mark: Node.Mark(line: 1, column: 1))
        }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        let result: Result<Node?, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var composer = Composer()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return .failure(error(parser)) }
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
    private static func error(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
        var error = YAMLError(
            problem: problem,
            mark: Node.Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1))
        if let context = parser.context {
            error.context = (
                String(cString: context),
                Node.Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            )
        }
        return error
    }

    /// Builds nodes from events: a stack of the sequences and mappings still open.
    private struct Composer {
        enum Open {
            case sequence(Node.List)
            case mapping(Node.Pairs, key: Node?)
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
                add(
                    .scalar(
                        Node.Scalar(string: string, style: style, mark: mark, endLine: Int(event.end_mark.line) + 1)))
            case YAML_SEQUENCE_START_EVENT:
                if event.data.sequence_start.anchor != nil { throw anchorOrAlias(mark) }
                open.append(.sequence(Node.List(nodes: [], mark: mark)))
            case YAML_MAPPING_START_EVENT:
                if event.data.mapping_start.anchor != nil { throw anchorOrAlias(mark) }
                open.append(.mapping(Node.Pairs(pairs: [], mark: mark), key: nil))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                switch open.removeLast() {
                case .sequence(let sequence): add(.sequence(sequence))
                case .mapping(let mapping, _):
                    if !open.isEmpty { try checkDuplicates(mapping) }
                    add(.mapping(mapping))
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

        private mutating func add(_ node: Node) {
            guard let last = open.popLast() else {
                root = node
                return
            }
            switch last {
            case .sequence(var sequence):
                sequence.nodes.append(node)
                open.append(.sequence(sequence))
            case .mapping(var mapping, let key):
                if let key {
                    mapping.pairs.append((key, node))
                    open.append(.mapping(mapping, key: nil))
                } else {
                    open.append(.mapping(mapping, key: node))
                }
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
