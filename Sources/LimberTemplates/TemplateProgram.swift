/// A theme's templates compiled together into one flat list of steps, so that rendering a page
/// walks plain numbers: text is a range of one byte buffer, a name is a range of name numbers, a
/// section is the range of steps it repeats, a partial is where its template starts. Nothing in a
/// step holds a reference, so walking them copies nothing.
final class TemplateProgram: Sendable {
    enum Step: Sendable {
        /// Bytes `start..<start+count` of `text`.
        case text(start: Int32, count: Int32)
        /// `{{name}}` (escaped) or `{{{name}}}`: `name` indexes `names`.
        case variable(name: Int32, escaped: Bool)
        /// `{{#name}}` or `{{^name}}`: its content is the steps after it, up to `end`.
        case section(name: Int32, end: Int32, inverted: Bool)
        /// `{{> partial}}` or `{{< parent}}`: `template` indexes `templates`; `indentation` indexes
        /// `indentations` (-1: none); `overrides` indexes `overrideSets` (-1: none).
        case partial(template: Int32, indentation: Int32, overrides: Int32)
        /// `{{$block}}default{{/block}}`: the default is the steps after it, up to `end`.
        case block(name: Int32, end: Int32, indentation: Int32)
        /// Go on at step `to` (past the overrides a parent tag keeps out of line).
        case skip(to: Int32)
        /// A partial the theme does not have: renders nothing.
        case nothing
    }

    /// A name as a tag wrote it: its parts' numbers are `nameParts[start..<start+count]`.
    struct Name: Sendable {
        let start: Int32
        let count: Int32
        /// `.name`: looked up in the current value only.
        let isAnchored: Bool
    }

    /// A block a child template gives its parent: the block's name number and its steps.
    struct Override: Sendable {
        let block: Int
        let steps: Range<Int>
    }

    let steps: [Step]
    let text: [UInt8]
    let names: [Name]
    let nameParts: [Int]
    let indentations: [String]
    let overrideSets: [[Override]]
    /// Each template's steps, by the template's index.
    let templates: [Range<Int>]
    /// Each template's index, by name.
    let index: [String: Int]

    init(_ parsed: [String: Template]) {
        var compiler = Compiler()
        let order = parsed.keys.sorted()
        for (number, name) in order.enumerated() { compiler.index[name] = number }
        var ranges: [Range<Int>] = []
        for name in order { ranges.append(compiler.compile(parsed[name]!.nodes)) }
        steps = compiler.steps
        text = compiler.text
        names = compiler.names
        nameParts = compiler.nameParts
        indentations = compiler.indentations
        overrideSets = compiler.overrideSets
        templates = ranges
        index = compiler.index
    }

    private struct Compiler {
        var steps: [Step] = []
        var text: [UInt8] = []
        var names: [Name] = []
        var nameParts: [Int] = []
        var nameIndex: [String: Int32] = [:]
        var indentations: [String] = []
        var overrideSets: [[Override]] = []
        var index: [String: Int] = [:]

        mutating func compile(_ nodes: [Template.Node]) -> Range<Int> {
            let start = steps.count
            for node in nodes { compile(node) }
            return start..<steps.count
        }

        mutating func compile(_ node: Template.Node) {
            switch node {
            case .text(let string):
                let start = text.count
                text.append(contentsOf: string.utf8)
                steps.append(.text(start: Int32(start), count: Int32(text.count - start)))
            case .variable(let name, let escaped, _):
                steps.append(.variable(name: number(of: name), escaped: escaped))
            case .section(let name, let inner, let inverted, _):
                let at = steps.count
                steps.append(.nothing)
                _ = compile(inner.nodes)
                steps[at] = .section(name: number(of: name), end: Int32(steps.count), inverted: inverted)
            case .partial(let name, let indentation, let overrides, _):
                guard let template = index[name] else {
                    steps.append(.nothing)
                    return
                }
                var set: Int32 = -1
                if let overrides {
                    // Overrides are compiled out of line, after a step that jumps over them.
                    let at = steps.count
                    steps.append(.nothing)
                    var compiled: [Override] = []
                    // A block given twice: the last one counts.
                    let blocks = Dictionary(overrides.map { ($0.block, $0.content) }, uniquingKeysWith: { $1 })
                    for (block, inner) in blocks.sorted(by: { $0.key < $1.key }) {
                        compiled.append(Override(block: FieldName(block).number, steps: compile(inner.nodes)))
                    }
                    steps[at] = .skip(to: Int32(steps.count))
                    set = Int32(overrideSets.count)
                    overrideSets.append(compiled)
                }
                steps.append(
                    .partial(template: Int32(template), indentation: indentationNumber(indentation), overrides: set))
            case .block(let name, let fallback, let indentation):
                let at = steps.count
                steps.append(.nothing)
                _ = compile(fallback.nodes)
                steps[at] = .block(
                    name: Int32(FieldName(name).number), end: Int32(steps.count),
                    indentation: indentationNumber(indentation))
            case .blockDefinition:
                break
            }
        }

        mutating func number(of name: Template.Name) -> Int32 {
            let key = name.text
            if let number = nameIndex[key] { return number }
            let start = nameParts.count
            nameParts += name.parts.map(\.number)
            names.append(Name(start: Int32(start), count: Int32(name.parts.count), isAnchored: name.isAnchored))
            nameIndex[key] = Int32(names.count - 1)
            return Int32(names.count - 1)
        }

        mutating func indentationNumber(_ indentation: String?) -> Int32 {
            guard let indentation else { return -1 }
            indentations.append(indentation)
            return Int32(indentations.count - 1)
        }
    }
}
