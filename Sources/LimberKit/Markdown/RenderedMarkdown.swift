import Foundation

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

    /// A fenced code block whose info string starts with `stretch` or `routine`: a stretch or a
    /// routine shown inside the body. Other Markdown viewers show the block as code naming it.
    public struct Embed: Sendable, Hashable {
        /// `stretch` or `routine`: the info string's first word.
        public var kind: String
        /// The info string's other words (`card`, `full`).
        public var options: [String]
        /// The block's lines that are not blank, trimmed: one name when it is written right.
        public var names: [String]
        /// Where the first name stands (or the fence, for an empty block), in the body.
        public var line: Int
        public var column: Int
        /// The line of the opening fence, in the body.
        public var fenceLine: Int
        /// Where each of `options` stands on the fence's line.
        public var optionColumns: [Int] = []
    }

    /// What only the pages that show the body itself use: kept apart, and read from the build
    /// cache only when one of them is rendered (`MadeOnce`).
    struct Text: Sendable, Hashable {
        var html: String
        var headings: [Heading] = []
        var orderedSteps: [String] = []
        var firstParagraph: String = ""
        var words = 0
    }

    /// The HTML, where each embed stands as `Embed.marker(index)` until pages render it.
    public var html: String {
        get { text.read { $0.html } }
        set { changeText { $0.html = newValue } }
    }
    public var headings: [Heading] {
        get { text.read { $0.headings } }
        set { changeText { $0.headings = newValue } }
    }
    public var links: [Link] = []
    /// Raw `<iframe>`s left out of the page (raw HTML is off), each with its `src`.
    public var omittedFrames: [Link] = []
    /// The text of each item of the body's first ordered list: a stretch's "how to" steps.
    public var orderedSteps: [String] {
        get { text.read { $0.orderedSteps } }
        set { changeText { $0.orderedSteps = newValue } }
    }
    /// The body's first top-level paragraph as HTML (`<p>…</p>`), or empty: what a printed sheet
    /// has room for.
    public var firstParagraph: String {
        get { text.read { $0.firstParagraph } }
        set { changeText { $0.firstParagraph = newValue } }
    }
    /// The body's embeds, in order.
    public var embeds: [Embed] = []
    /// How many words of prose the body has (code and embeds aside), for a reading time.
    public var words: Int {
        get { text.read { $0.words } }
        set { changeText { $0.words = newValue } }
    }

    /// The HTML and what goes with it: links and embeds are checked for the whole guide on every
    /// build, the rest is used only by the pages an edit redoes.
    private(set) var text: MadeOnce<Text>

    public init(html: String) {
        text = MadeOnce(Text(html: html))
    }

    /// A body whose links and embeds are known, and whose text `read` gives when first asked for.
    init(
        links: [Link], omittedFrames: [Link], embeds: [Embed], reading read: @escaping @Sendable () -> Text
    ) {
        (self.links, self.omittedFrames, self.embeds) = (links, omittedFrames, embeds)
        text = MadeOnce(making: read)
    }

    private mutating func changeText(_ change: (inout Text) -> Void) {
        if !isKnownUniquelyReferenced(&text) { text = MadeOnce(text.value) }
        text.modify(change)
    }

    public static let empty = RenderedMarkdown(html: "")

    public static func == (left: RenderedMarkdown, right: RenderedMarkdown) -> Bool {
        left.links == right.links && left.omittedFrames == right.omittedFrames && left.embeds == right.embeds
            && left.text.value == right.text.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(links)
        hasher.combine(omittedFrames)
        hasher.combine(embeds)
        hasher.combine(text.value)
    }
}

extension RenderedMarkdown.Embed {
    /// What stands in a body's HTML for its embed number `index`: private-use characters that
    /// cmark never writes, around the number (not those of `ViewBuilder.cardRoot`).
    static func marker(_ index: Int) -> String { "\u{E002}\(index)\u{E003}" }
}

extension RenderedMarkdown {
    /// The HTML with each embed rendered by `render`; the HTML as it is when there is none.
    public func html(embedding render: (Int, Embed) -> String) -> String {
        guard !embeds.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count + embeds.count * 1024)
        var rest = html[...]
        while let start = rest.firstIndex(of: "\u{E002}"), let end = rest[start...].firstIndex(of: "\u{E003}") {
            out += rest[..<start]
            if let index = Int(rest[rest.index(after: start)..<end]), embeds.indices.contains(index) {
                out += render(index, embeds[index])
            }
            rest = rest[rest.index(after: end)...]
        }
        out += rest
        return out
    }
}
