/// A dated piece of writing, as written in `content/articles/<slug>.md`: news, advice, a guide
/// that shows stretches and routines inside its text.
public struct Article: Sendable {
    public var slug: String
    public var title: String
    public var summary: String
    /// `YYYY-MM-DD`: when it was published.
    public var date: String
    /// `YYYY-MM-DD`: when it was last changed in substance.
    public var updated: String?
    public var author: String?
    public var image: Illustration?
    /// As written (the first spelling seen names the tag's page).
    public var tags: [String] = []
    /// Built only by `limber serve`, never by `limber build`.
    public var draft = false
    public var body: RenderedMarkdown
    public var sourcePath: String
    public var slugLocation: SourceLocation

    /// Minutes to read at about 200 words a minute, at least 1.
    public var readingMinutes: Int { max(1, (body.words + 100) / 200) }
}

/// A page of its own outside the guide, as written in `content/pages/<slug>.md`: About,
/// Contact, Privacy. `pages/about.md` becomes `about/index.html`.
public struct PlainPage: Sendable {
    public var slug: String
    public var title: String
    public var summary: String?
    /// Its place in the site's navigation (smallest first); not in it when nil.
    public var menu: Int?
    /// Linked from every page's footer.
    public var footer = false
    public var body: RenderedMarkdown
    public var sourcePath: String
    public var slugLocation: SourceLocation
}

/// The articles that share a tag.
public struct ArticleTag: Sendable {
    /// As written (the first spelling seen, newest article first).
    public var name: String
    public var slug: String
    /// Indices into `Guide.articles`, newest first.
    public var members: [Int]
}
