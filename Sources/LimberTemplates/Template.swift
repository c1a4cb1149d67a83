/// A parsed Mustache template: the plain Mustache of mustache(5) with template inheritance
/// (`{{<parent}}{{$block}}…{{/block}}{{/parent}}`), as swift-mustache reads it, whitespace rules
/// included. Names are split at their dots once, here, not at every tag rendered. Each tag keeps
/// where its name starts, so that a check of the names (Limber's `TemplateCheck`) reads the same
/// tree the renderer runs.
public struct Template: Sendable {
    /// A name as a tag writes it: `stretch.title` is `["stretch", "title"]`.
    public struct Name: Sendable, Hashable {
        /// The name as written.
        public let text: String
        /// Its parts between dots; empty for `.`, the current item.
        let parts: [FieldName]
        /// `.title`: looked up in the current item only, not further out.
        let isAnchored: Bool

        init(_ text: String) {
            self.text = text
            parts = text == "." ? [] : text.split(separator: ".").map { FieldName(String($0)) }
            isAnchored = text != "." && text.hasPrefix(".")
        }
    }

    /// Where a tag's name starts in the template's text: 1-based line and column (in characters).
    public struct Location: Sendable, Hashable {
        public let line: Int
        public let column: Int
    }

    public enum Node: Sendable {
        case text(String)
        /// `{{name}}` (escaped) or `{{{name}}}` and `{{&name}}`.
        case variable(Name, escaped: Bool, at: Location)
        /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
        case section(Name, Template, inverted: Bool, at: Location)
        /// `{{> name}}`, or `{{< name}}…{{/name}}` with the blocks it overrides, in the order they
        /// are written. `indentation` is the whitespace before a tag that stands on its own line, put
        /// before each line of the partial.
        case partial(String, indentation: String?, overrides: [(block: String, content: Template)]?, at: Location)
        /// `{{$name}}default{{/name}}` in a parent: what a child's block of that name replaces.
        case block(String, default: Template, indentation: String)
        /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: parsed, and taken by the parent tag.
        case blockDefinition(String, Template)
    }

    public let nodes: [Node]
}

/// A template's syntax error, with where it is.
public struct TemplateSyntaxError: Error, Sendable {
    public let message: String
    public let line: Int
    public let column: Int
}
