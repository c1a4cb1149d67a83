import LimberTemplates

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

        mutating func walk(_ source: (path: String, template: Template), stack: [TemplateValue], page: String) {
            walk(source, stack: stack.map(Checked.value), page: page)
        }

        mutating func walk(_ source: (path: String, template: Template), stack: [Checked], page: String) {
            guard depth < 20 else { return }
            depth += 1
            defer { depth -= 1 }
            walk(source.template.nodes, in: source.path, stack: stack, page: page)
        }

        /// Checks each tag of `nodes`, in the order they are written, as the renderer would see
        /// them with `stack`: the tree is the parser's, so what it reads is what is checked.
        private mutating func walk(_ nodes: [Template.Node], in path: String, stack: [Checked], page: String) {
            func location(_ at: Template.Location) -> SourceLocation {
                SourceLocation(path: path, line: at.line, column: at.column)
            }
            for node in nodes {
                switch node {
                case .text:
                    break
                case .variable(let name, _, let at):
                    let at = location(at)
                    checked.insert(at)
                    if resolve(name.text, in: stack) == nil { unknown(name.text, at: at, page: page, stack: stack) }
                case .section(let name, let inner, let inverted, let at):
                    let at = location(at)
                    checked.insert(at)
                    guard let value = resolve(name.text, in: stack) else {
                        unknown(name.text, at: at, page: page, stack: stack)
                        walk(inner.nodes, in: path, stack: stack, page: page)
                        continue
                    }
                    if !inverted, let item = contextValue(value) {
                        walk(inner.nodes, in: path, stack: stack + [item], page: page)
                    } else {
                        walk(inner.nodes, in: path, stack: stack, page: page)
                    }
                case .partial(let name, _, let overrides, let at):
                    let at = location(at)
                    checked.insert(at)
                    if let partial = theme.sources[name] {
                        walk(partial, stack: stack, page: page)
                    } else {
                        diagnostics.append(
                            .error(
                                at: at, "no template named '\(name)'",
                                note: Suggestion.note(for: name, in: Array(theme.sources.keys))))
                    }
                    for override in overrides ?? [] { walk(override.content.nodes, in: path, stack: stack, page: page) }
                case .block(_, let fallback, _):
                    walk(fallback.nodes, in: path, stack: stack, page: page)
                case .blockDefinition(_, let content):
                    walk(content.nodes, in: path, stack: stack, page: page)
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
            if name.hasPrefix("t."), resolve("t", in: stack) != nil {
                let key = String(name.dropFirst(2))
                let keys = theme.wordTables.words(for: "en").phrases.keys.sorted()
                diagnostics.append(
                    .error(
                        at: location, "no translation table has the key '\(key)'",
                        note: Suggestion.note(for: key, in: keys) ?? "templates/i18n/en.yaml lists the theme's words"))
                return
            }
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
