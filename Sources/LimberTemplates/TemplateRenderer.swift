/// A theme's templates, ready to render by name.
public struct TemplateLibrary: Sendable {
    let program: TemplateProgram

    /// The templates, by the names partials use for them.
    public init(templates: [String: Template]) { program = TemplateProgram(templates) }

    /// `name` rendered with `view` as UTF-8; nil when there is no such template.
    public func renderBytes(_ name: String, _ view: any TemplateView) -> [UInt8]? {
        renderBytes(name, root: view.rootValue)
    }

    /// The same for any value with names; a view is found out by a cast, so pages are rendered
    /// through the one above.
    public func renderBytes(_ name: String, _ view: any TemplateScope) -> [UInt8]? {
        renderBytes(name, root: (view as? any TemplateView)?.rootValue ?? .scope(view))
    }

    /// `name` rendered with `root` as UTF-8; nil when there is no such template.
    public func renderBytes(_ name: String, root: TemplateValue) -> [UInt8]? {
        guard let template = program.index[name] else { return nil }
        return program.steps.withUnsafeBufferPointer { steps in
            program.text.withUnsafeBufferPointer { text in
                program.names.withUnsafeBufferPointer { names in
                    program.nameParts.withUnsafeBufferPointer { parts in
                        var renderer = TemplateRenderer(
                            program: program, steps: steps, text: text, names: names, parts: parts,
                            root: root)
                        renderer.run(program.templates[template], indentation: nil, overrides: [])
                        return renderer.out
                    }
                }
            }
        }
    }

    /// `name` rendered with `view`; nil when there is no such template.
    public func render(_ name: String, _ view: any TemplateView) -> String? {
        renderBytes(name, view).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same for any value with names.
    public func render(_ name: String, _ view: any TemplateScope) -> String? {
        renderBytes(name, view).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// One rendering: the stack of values sections have opened and the bytes written so far.
///
/// > Warning: `steps`, `text`, `names` and `parts` point into `program`'s arrays, which are `let`s
/// > of a class it holds: a renderer is made and run inside `TemplateLibrary.renderBytes`'s
/// > `withUnsafeBufferPointer` calls and must not outlive them. The renderer checks in debug
/// > builds that they are still those arrays' buffers.
struct TemplateRenderer {
    let program: TemplateProgram
    let steps: UnsafeBufferPointer<TemplateProgram.Step>
    let text: UnsafeBufferPointer<UInt8>
    let names: UnsafeBufferPointer<TemplateProgram.Name>
    let parts: UnsafeBufferPointer<Int>
    /// The values names are looked up in, innermost last.
    var stack: [TemplateValue]
    /// Each value in `stack` that is a view, asked for names directly rather than through
    /// `TemplateScope`.
    var views: [ViewRef?]
    var out: [UInt8] = []
    /// How many partials deep: a partial that includes itself stops here.
    var depth = 0

    init(
        program: TemplateProgram, steps: UnsafeBufferPointer<TemplateProgram.Step>, text: UnsafeBufferPointer<UInt8>,
        names: UnsafeBufferPointer<TemplateProgram.Name>, parts: UnsafeBufferPointer<Int>, root: TemplateValue
    ) {
        self.names = names
        self.program = program
        self.steps = steps
        self.text = text
        self.parts = parts
        assert(
            steps.count == program.steps.count && text.count == program.text.count
                && names.count == program.names.count && parts.count == program.nameParts.count,
            "a renderer's buffers are not its program's")
        stack = [root]
        stack.reserveCapacity(8)
        views = [Self.view(in: root)]
        views.reserveCapacity(8)
        // Most pages fit: a list page of 48 cards is about 40 KB.
        out.reserveCapacity(48 * 1024)
    }

    /// Runs the steps in `range`. `overrides` are the blocks the templates that include this one
    /// give, outermost first.
    mutating func run(_ range: Range<Int>, indentation: String?, overrides: [TemplateProgram.Override]) {
        guard let indentation, !indentation.isEmpty else {
            var at = range.lowerBound
            while at < range.upperBound { at = step(at, indentation: nil, overrides: overrides) }
            return
        }
        // As swift-mustache does: a step's output that starts a line of this template's output gets
        // the indentation first (a partial's first line has it from the text before the tag).
        let start = out.count
        var at = range.lowerBound
        while at < range.upperBound {
            let before = out.count
            at = step(at, indentation: indentation, overrides: overrides)
            if out.count > before, before > start, out[before - 1] == 0x0A,
                before - 1 == start || out[before - 2] != 0x0D
            {
                out.insert(contentsOf: indentation.utf8, at: before)
            }
        }
    }

    /// Runs the step at `at`; returns the step after it (after its section's content).
    private mutating func step(_ at: Int, indentation: String?, overrides: [TemplateProgram.Override]) -> Int {
        switch steps[at] {
        case .text(let start, let count):
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(start + count)]))

        case .variable(let name, let escaped):
            guard let value = lookUp(name) else { break }
            switch consume value {
            case .text(let text): escaped ? LimberHTML.escape(text, into: &out) : out.append(contentsOf: text.utf8)
            case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .scope, .list, .texts: break
            }

        case .section(let name, let end, let inverted):
            let content = (at + 1)..<Int(end)
            let value = lookUp(name)
            if inverted {
                if !(value?.isShown ?? false) { run(content, indentation: indentation, overrides: overrides) }
                return Int(end)
            }
            guard let value else { return Int(end) }
            switch consume value {
            case .flag(let flag):
                if flag { run(content, indentation: indentation, overrides: overrides) }
            case .text(let text):
                push(.text(text))
                run(content, indentation: indentation, overrides: overrides)
                pop()
            case .scope(let scope):
                push(.scope(scope))
                run(content, indentation: indentation, overrides: overrides)
                pop()
            case .list(let list):
                list.forEachValue { item in
                    push(item)
                    run(content, indentation: indentation, overrides: overrides)
                    pop()
                }
            case .texts(let texts):
                for text in texts {
                    push(.text(text))
                    run(content, indentation: indentation, overrides: overrides)
                    pop()
                }
            }
            return Int(end)

        case .partial(let template, let indented, let set):
            guard depth < 64 else { break }
            // The outermost override of a block wins: those given from outside come first.
            let merged = set < 0 ? overrides : overrides + program.overrideSets[Int(set)]
            let inner = indented < 0 ? indentation : (indentation ?? "") + program.indentations[Int(indented)]
            depth += 1
            run(program.templates[Int(template)], indentation: inner, overrides: merged)
            depth -= 1

        case .block(let name, let end, let indented):
            let inner = indented < 0 ? indentation : (indentation ?? "") + program.indentations[Int(indented)]
            let override = overrides.first { $0.block == Int(name) }
            run(override?.steps ?? (at + 1)..<Int(end), indentation: inner, overrides: overrides)
            return Int(end)

        case .skip(let to):
            return Int(to)

        case .nothing:
            break
        }
        return at + 1
    }

    private mutating func push(_ value: consuming TemplateValue) {
        views.append(Self.view(in: value))
        stack.append(value)
    }

    private mutating func pop() {
        stack.removeLast()
        views.removeLast()
    }

    private static func view(in value: TemplateValue) -> ViewRef? {
        if case .scope(let scope) = value { return scope as? ViewRef }
        return nil
    }

    /// The value a tag names: the first part looked up from the innermost value outwards, the
    /// rest inside what it found. The first two parts are asked for together (`value(number:then:)`),
    /// so that a view hands on only the value the tag shows.
    private func lookUp(_ number: Int32) -> TemplateValue? {
        let name = names[Int(number)]
        let count = Int(name.count)
        guard count > 0 else { return stack.last }
        let first = parts[Int(name.start)]
        let second = count > 1 ? parts[Int(name.start) + 1] : -1
        // The first frame that has the first part answers, with nothing when what it has is empty.
        var found: TemplateValue?
        var frame = stack.count - 1
        let outermost = name.isAnchored ? frame : 0
        search: while frame >= outermost {
            let lookup: Lookup
            if let view = views[frame] {
                lookup = view.lookup(view.box, first, second)
            } else if case .scope(let scope) = stack[frame] {
                lookup = scope.value(number: first, then: second)
            } else {
                lookup = .missing
            }
            switch consume lookup {
            case .missing: frame -= 1
            case .empty: break search
            case .found(let value):
                found = consume value
                break search
            }
        }
        guard count > 2 else { return found }
        guard var value = found else { return nil }
        var part = 2
        while part < count {
            guard case .scope(let scope) = value, let next = scope.value(number: parts[Int(name.start) + part])
            else { return nil }
            value = next
            part += 1
        }
        return value
    }
}
