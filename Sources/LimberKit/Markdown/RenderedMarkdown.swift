/// A Markdown body turned into HTML, with what later stages need to know about it.
public struct RenderedMarkdown: Sendable, Hashable {
    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
    }

    /// A link or image in the body, with the line of the block it stands in (in the body).
    public struct Link: Sendable, Hashable {
        public var destination: String
        public var isImage: Bool
        public var line: Int
        public var column: Int
    }

    public var html: String
    public var headings: [Heading] = []
    public var links: [Link] = []
    /// The text of each item of the body's first ordered list: a stretch's "how to" steps.
    public var orderedSteps: [String] = []
    /// The body's first top-level paragraph as HTML (`<p>…</p>`), or empty: what a printed sheet
    /// has room for.
    public var firstParagraph: String = ""

    public static let empty = RenderedMarkdown(html: "")
}
