/// Checks that every name a template uses is one its page has. Mustache renders an unknown
/// name as nothing, without a word, so a typo like `{{stretch.tittle}}` would ship a page with a
/// hole in it. The names a page has are those its view lists in its `fields` (`Views.swift`); the
/// views of a sample guide that uses every field show which view stands behind each name.
enum TemplateCheck {
    /// The templates of every page of the sample guide of `kinds`, and the partials of embeds.
    static func check(_ theme: Theme, kinds: [ContentKind] = ContentKind.builtIn) -> [Diagnostic] {
        let sample = SampleGuide.make(kinds: kinds)
        var builder = ViewBuilder(guide: sample, theme: theme, buildDate: "2000-01-01", withPDFs: true)
        builder.hasFeed = true
        builder.pictures = SampleGuide.pictures
        // A partial is shared by pages of several kinds: a name in it is wrong only when no page
        // that uses it has that name (the index has no picture, a stretch page has).
        var found: [SourceLocation: Diagnostic] = [:]
        var resolvedSomewhere: Set<SourceLocation> = []
        for page in sample.pages {
            guard let source = theme.sources[page.template] else { continue }
            var walker = Walker(theme: theme)
            walker.walk(source, stack: [.scope(builder.view(for: page))], page: page.template)
            let unknownHere = Set(walker.diagnostics.map(\.location))
            resolvedSomewhere.formUnion(walker.checked.subtracting(unknownHere))
            for diagnostic in walker.diagnostics where found[diagnostic.location] == nil {
                found[diagnostic.location] = diagnostic
            }
        }
        // The partials that show embeds are rendered from a body, not named by a page.
        let stretch = sample.stretches[0]
        let routine = sample.routines[0]
        let embeds: [(String, any TemplateView)] = [
            ("embed-stretch", builder.stretchEmbed(stretch, root: "../../")),
            ("embed-routine", builder.routineEmbed(routine, root: "../../")),
        ]
        for (name, view) in embeds {
            guard let source = theme.sources[name] else { continue }
            var walker = Walker(theme: theme)
            walker.walk(source, stack: [.scope(view)], page: "\(name) partial")
            for diagnostic in walker.diagnostics where found[diagnostic.location] == nil {
                found[diagnostic.location] = diagnostic
            }
        }
        return found.values.filter { !resolvedSomewhere.contains($0.location) }.sortedByLocation()
    }

    /// One tag of a template.
    struct Tag {
        enum Kind {
            case variable
            case section
            case inverted
            case close
            case partial
            case parent
            case block
            case other
        }

        var kind: Kind
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template, in order, with where each name starts.
    static func tags(in text: String) -> [Tag]? {
        var tags: [Tag] = []
        let characters = Array(text)
        var index = 0
        var line = 1
        var lineStart = 0
        while index < characters.count - 1 {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
            }
            guard characters[index] == "{", characters[index + 1] == "{" else {
                index += 1
                continue
            }
            var start = index + 2
            var closing: [Character] = ["}", "}"]
            if start < characters.count, characters[start] == "{" {
                start += 1
                closing = ["}", "}", "}"]
            }
            var end = start
            while end + closing.count <= characters.count, Array(characters[end..<(end + closing.count)]) != closing {
                end += 1
            }
            guard end + closing.count <= characters.count else { return tags }
            var body = String(characters[start..<end])
            var kind = Tag.Kind.variable
            if let sigil = body.first {
                switch sigil {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "&": kind = .variable
                case "!": kind = .other
                case "=": return nil  // Changed delimiters: not checked.
                default: break
                }
                if "#^/><$&!".contains(sigil) { body.removeFirst() }
            }
            let leading = body.prefix(while: { $0 == " " }).count
            var name = body.trimmingSpaces()
            // A transform, `empty(list)`, names the list inside the brackets.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            }
            let column = start - lineStart + 1 + (kind == .variable && body.count == end - start ? 0 : 1) + leading
            tags.append(Tag(kind: kind, name: name, line: line, column: column))
            for position in index..<(end + closing.count) where characters[position] == "\n" {
                line += 1
                lineStart = position + 1
            }
            index = end + closing.count
        }
        return tags
    }

    /// What a name stands for while checking: a value of the sample guide, or a value the sample
    /// cannot show (the item of a list it leaves empty, a name of a view it has no value for), in
    /// which anything may be named.
    enum Checked {
        case value(TemplateValue)
        case unknowable
    }

    struct Walker {
        let theme: Theme
        var diagnostics: [Diagnostic] = []
        /// Every place a name was looked up.
        var checked: Set<SourceLocation> = []
        var depth = 0

        init(theme: Theme) { self.theme = theme }

        mutating func walk(_ source: (path: String, text: String), stack: [TemplateValue], page: String) {
            walk(source, stack: stack.map(Checked.value), page: page)
        }

        mutating func walk(_ source: (path: String, text: String), stack: [Checked], page: String) {
            guard depth < 20, let tags = TemplateCheck.tags(in: source.text) else { return }
            depth += 1
            defer { depth -= 1 }
            var stacks = [stack]
            for tag in tags {
                let current = stacks.last!
                let at = SourceLocation(path: source.path, line: tag.line, column: tag.column)
                checked.insert(at)
                switch tag.kind {
                case .variable:
                    if resolve(tag.name, in: current) == nil { unknown(tag.name, at: at, page: page, stack: current) }
                case .section, .inverted:
                    guard let value = resolve(tag.name, in: current) else {
                        unknown(tag.name, at: at, page: page, stack: current)
                        stacks.append(current)
                        continue
                    }
                    if tag.kind == .section, let inner = contextValue(value) {
                        stacks.append(current + [inner])
                    } else {
                        stacks.append(current)
                    }
                case .close, .block:
                    if tag.kind == .close, stacks.count > 1 { stacks.removeLast() }
                    if tag.kind == .block { stacks.append(current) }
                case .partial, .parent:
                    if let partial = theme.sources[tag.name] {
                        walk(partial, stack: current, page: page)
                    } else {
                        diagnostics.append(
                            .error(
                                at: at, "no template named '\(tag.name)'",
                                note: Suggestion.note(for: tag.name, in: Array(theme.sources.keys))))
                    }
                    if tag.kind == .parent { stacks.append(current) }
                case .other:
                    break
                }
            }
        }

        /// What a section over `value` puts on the stack: a list's first item, a view, a text.
        func contextValue(_ value: Checked) -> Checked? {
            guard case .value(let value) = value else { return .unknowable }
            switch value {
            case .flag: return nil
            case .text, .scope: return .value(value)
            case .list(let list): return list.firstValue.map(Checked.value) ?? .unknowable
            case .texts(let texts): return texts.first.map { .value(.text($0)) } ?? .unknowable
            }
        }

        /// The names a view offers.
        func names(of value: Checked) -> [String]? {
            guard case .value(.scope(let scope)) = value else { return nil }
            return (scope as? any NamedValues)?.names
        }

        /// `name` of `value`: nil when the view has no such name, `unknowable` when it has the
        /// name but no value for it in the sample.
        func child(_ name: String, of value: Checked) -> Checked? {
            guard let names = names(of: value), names.contains(name),
                case .value(.scope(let scope)) = value
            else { return nil }
            return scope.value(named: name).map(Checked.value) ?? .unknowable
        }

        func resolve(_ name: String, in stack: [Checked]) -> Checked? {
            if name == "." || name.isEmpty { return stack.last }
            let parts = name.split(separator: ".").map(String.init)
            for frame in stack.reversed() {
                if case .unknowable = frame { return .unknowable }
                guard var value = child(parts[0], of: frame) else { continue }
                for part in parts.dropFirst() {
                    if case .unknowable = value { return value }
                    guard let next = child(part, of: value) else { return nil }
                    value = next
                }
                return value
            }
            return nil
        }

        mutating func unknown(_ name: String, at location: SourceLocation, page: String, stack: [Checked]) {
            var known: [String] = []
            for frame in stack {
                for key in names(of: frame) ?? [] {
                    known.append(key)
                    if let value = child(key, of: frame), let inner = names(of: value) {
                        known += inner.map { "\(key).\($0)" }
                    }
                }
            }
            diagnostics.append(
                .error(
                    at: location, "the \(page) page has no '\(name)'",
                    note: Suggestion.note(for: name, in: known.sorted()) ?? "docs/templates.md lists what each page has"
                ))
        }
    }
}
