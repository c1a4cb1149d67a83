/// Renders templates with a view: the theme's templates by name, partials and parents included.
/// Output goes into one byte buffer; HTML escaping writes into it directly.
struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    /// `name` rendered with `view`; nil when there is no such template.
    func render(_ name: String, _ view: any TemplateScope) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self, root: .scope(view))
        renderer.render(template, indentation: nil, overrides: nil)
        return String(decoding: renderer.out, as: UTF8.self)
    }
}

/// One rendering: the stack of values sections have opened and the bytes written so far.
struct TemplateRenderer {
    let library: TemplateLibrary
    /// The values names are looked up in, innermost last.
    var stack: [TemplateValue]
    var out: [UInt8] = []
    /// How many partials deep: a partial that includes itself stops here.
    var depth = 0

    init(library: TemplateLibrary, root: TemplateValue) {
        self.library = library
        stack = [root]
        out.reserveCapacity(16 * 1024)
    }

    mutating func render(_ template: Template, indentation: String?, overrides: [String: Template]?) {
        guard let indentation, !indentation.isEmpty else {
            for node in template.nodes { render(node, indentation: indentation, overrides: overrides) }
            return
        }
        // As swift-mustache does: a node's output that starts a line of this template's output gets
        // the indentation first (a partial's first line has it from the text before the tag).
        let start = out.count
        for node in template.nodes {
            let before = out.count
            render(node, indentation: indentation, overrides: overrides)
            if out.count > before, before > start, out[before - 1] == 0x0A,
                before - 1 == start || out[before - 2] != 0x0D
            {
                out.insert(contentsOf: indentation.utf8, at: before)
            }
        }
    }

    private mutating func render(_ node: Template.Node, indentation: String?, overrides: [String: Template]?) {
        switch node {
        case .text(let text):
            out.append(contentsOf: text.utf8)

        case .variable(let name, let escaped):
            guard let value = lookUp(name) else { return }
            switch value {
            case .text(let text): escaped ? LimberHTML.escape(text, into: &out) : out.append(contentsOf: text.utf8)
            case .flag(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .scope, .list, .texts: break
            }

        case .section(let name, let inner, let inverted):
            let value = lookUp(name)
            if inverted {
                if !(value?.isShown ?? false) { render(inner, indentation: indentation, overrides: overrides) }
                return
            }
            guard let value else { return }
            switch value {
            case .flag(let flag):
                if flag { render(inner, indentation: indentation, overrides: overrides) }
            case .text, .scope:
                stack.append(value)
                render(inner, indentation: indentation, overrides: overrides)
                stack.removeLast()
            case .list(let list):
                list.forEachValue { item in
                    stack.append(item)
                    render(inner, indentation: indentation, overrides: overrides)
                    stack.removeLast()
                }
            case .texts(let texts):
                for text in texts {
                    stack.append(.text(text))
                    render(inner, indentation: indentation, overrides: overrides)
                    stack.removeLast()
                }
            }

        case .partial(let name, let indented, let ownOverrides):
            guard let partial = library.templates[name], depth < 64 else { return }
            var merged = overrides
            if let ownOverrides {
                // The outermost override of a block wins.
                merged = (overrides ?? [:]).merging(ownOverrides) { outer, _ in outer }
            }
            depth += 1
            render(partial, indentation: indented.map { (indentation ?? "") + $0 } ?? indentation, overrides: merged)
            depth -= 1

        case .block(let name, let fallback, let indented):
            render(overrides?[name] ?? fallback, indentation: (indentation ?? "") + indented, overrides: overrides)

        case .blockDefinition:
            break
        }
    }

    /// The value a tag names: the first part looked up from the innermost value outwards, the
    /// rest inside what it found.
    private func lookUp(_ name: Template.Name) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        if name.isAnchored {
            found = Self.child(first, of: stack[stack.count - 1])
        } else {
            for frame in stack.reversed() {
                if let value = Self.child(first, of: frame) {
                    found = value
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard let next = Self.child(part, of: value) else { return nil }
            value = next
        }
        return value
    }

    private static func child(_ name: FieldName, of value: TemplateValue) -> TemplateValue? {
        if case .scope(let scope) = value { return scope.value(of: name) }
        return nil
    }
}
