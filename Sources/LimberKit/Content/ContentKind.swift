/// A content type, declared once: the folder of `content/` its Markdown files sit in, how one of
/// them is read, where its pages go and which templates render them, whether they are in the
/// sitemap and the feed, and its part of the sample guide every template is checked against.
/// The loader, the theme, the template check, the sitemap and feed, the planner of rebuilds, the
/// names a plain page may not take and `limber new` read `ContentKind.builtIn` (or the kinds of a
/// build) rather than lists of their own. docs/architecture.md says how to add one.
public struct ContentKind: Sendable {
    /// How a rebuild treats the type's files.
    public enum Reading: Sendable {
        /// Hashed into the build cache, read again only when changed, each edit worked out page by
        /// page (`Incremental`): stretches and routines.
        case kept
        /// Read in full on every build and never kept: an edit to one is a full build.
        case everyBuild
    }

    /// What the decoder is handed besides the file's text.
    struct Source: Sendable {
        /// Relative to the site folder.
        var path: String
        var folder: SiteFolder
        var options: CommonMark.Options
        /// The words of the file's language, which its doses are read in.
        var doseWords: DoseWords = .english
    }

    /// One file's front matter and body checked field by field: nil when a field has an error,
    /// with the error in `diagnostics` and what the file still names in `unchecked`.
    typealias Decode =
        @Sendable (
            _ document: FrontMatterDocument, _ source: Source, _ diagnostics: inout [Diagnostic],
            _ unchecked: inout UncheckedReferences?
        ) -> Decoded?

    /// The folder under `content/`, also the first folder of its pages: `stretches`.
    public var folder: String
    /// What one of its files is, in messages: `stretch`.
    public var noun: String
    /// The front matter fields its files may have.
    public var fields: [String]
    public var reading: Reading
    let decode: Decode
    /// The page templates its pages are rendered with: every theme must have each.
    public var templates: [String]
    /// The folder of the page of the file with `slug`, relative to the site's root.
    public let path: @Sendable (_ slug: String) -> String
    /// Whether its pages are in `sitemap.xml`.
    public var inSitemap: Bool
    /// Whether its dated files are entries of `feed.xml`.
    public var inFeed: Bool
    /// Its dated files as entries of the feed, each `url` its page's folder.
    let feed: @Sendable (Guide) -> [FeedEntry]
    /// Whether `feed` has an entry, without making them: every page asks (`SiteFiles.hasFeed`),
    /// and making every dated stretch's entry was 18 ms of an edit at 50,000 stretches.
    let hasFeedEntries: @Sendable (Guide) -> Bool
    /// The folder of each of its pages with the body the page shows: what a body embeds shows on
    /// the page, so an edit to an embedded stretch or routine redoes it (`Incremental`).
    let bodies: @Sendable (Guide) -> [(folder: String, body: RenderedMarkdown)]
    /// Adds its files to the sample guide that shows every field to the template check.
    let sample: @Sendable (_ content: inout LoadedContent) -> Void
}

/// One file as its kind's decoder read it.
public enum Decoded: Sendable {
    case stretch(Stretch)
    case routine(Routine)
    case article(Article)
    case page(PlainPage)
    case entry(Entry)
}

// MARK: - Limber's own

extension ContentKind {
    /// Limber's content types, in the order their folders are read and named.
    public static let builtIn: [ContentKind] = [stretches, routines, articles, pages]

    /// `content/stretches/`, in `StretchDecoder.swift`.
    static let stretches = ContentKind(
        folder: "stretches", noun: "stretch", fields: ContentLoader.stretchFields, reading: .kept,
        decode: { document, source, diagnostics, unchecked in
            ContentLoader.decodeStretch(
                document, path: source.path, folder: source.folder, options: source.options,
                doseWords: source.doseWords, into: &diagnostics, unchecked: &unchecked
            ).map(Decoded.stretch)
        },
        templates: ["stretch"], path: Paths.stretch, inSitemap: true, inFeed: true,
        feed: { guide in
            guide.stretches.compactMap { stretch in
                stretch.date.map {
                    FeedEntry(
                        title: stretch.title, summary: stretch.summary, url: Paths.stretch(stretch.slug), date: $0)
                }
            }
        },
        hasFeedEntries: { guide in guide.stretches.contains { $0.date != nil } },
        bodies: { guide in guide.stretches.map { (Paths.stretch($0.slug), $0.body) } },
        sample: { SampleGuide.addStretches(to: &$0) })

    /// `content/routines/`, in `RoutineDecoder.swift`: a page and a printable sheet each.
    static let routines = ContentKind(
        folder: "routines", noun: "routine", fields: ContentLoader.routineFields, reading: .kept,
        decode: { document, source, diagnostics, unchecked in
            ContentLoader.decodeRoutine(
                document, path: source.path, folder: source.folder, options: source.options,
                doseWords: source.doseWords, into: &diagnostics, unchecked: &unchecked
            ).map(Decoded.routine)
        },
        templates: ["routine", "sheet"], path: Paths.routine, inSitemap: true, inFeed: true,
        feed: { guide in
            guide.routines.compactMap { routine in
                routine.date.map {
                    FeedEntry(
                        title: routine.title, summary: routine.summary, url: Paths.routine(routine.slug), date: $0)
                }
            }
        },
        hasFeedEntries: { guide in guide.routines.contains { $0.date != nil } },
        bodies: { guide in guide.routines.map { (Paths.routine($0.slug), $0.body) } },
        sample: { SampleGuide.addRoutines(to: &$0) })

    /// `content/articles/`, in `ArticleDecoder.swift`.
    static let articles = ContentKind(
        folder: "articles", noun: "article", fields: ContentLoader.articleFields, reading: .everyBuild,
        decode: { document, source, diagnostics, _ in
            ContentLoader.decodeArticle(
                document, path: source.path, folder: source.folder, options: source.options, into: &diagnostics
            ).map(Decoded.article)
        },
        templates: ["article"], path: Paths.article, inSitemap: true, inFeed: true,
        feed: { guide in
            guide.articles.map { article in
                FeedEntry(
                    title: article.title, summary: article.summary, url: Paths.article(article.slug),
                    date: article.updated ?? article.date, published: article.updated == nil ? nil : article.date,
                    author: article.author)
            }
        },
        hasFeedEntries: { guide in !guide.articles.isEmpty },
        bodies: { guide in guide.articles.map { (Paths.article($0.slug), $0.body) } },
        sample: { SampleGuide.addArticles(to: &$0) })

    /// `content/pages/`, in `PageDecoder.swift`: About, Contact, at the top of the site.
    static let pages = ContentKind(
        folder: "pages", noun: "page", fields: ContentLoader.pageFields, reading: .everyBuild,
        decode: { document, source, diagnostics, _ in
            ContentLoader.decodePage(document, path: source.path, options: source.options, into: &diagnostics)
                .map(Decoded.page)
        },
        templates: ["page"], path: Paths.plainPage, inSitemap: true, inFeed: false, feed: { _ in [] },
        hasFeedEntries: { _ in false },
        bodies: { guide in guide.plainPages.map { (Paths.plainPage($0.slug), $0.body) } },
        sample: { SampleGuide.addPlainPages(to: &$0) })

    /// The pages made from the guide as a whole rather than from one file, with their templates:
    /// the home page, lists, body areas, tags and 404 (optional: a theme without it builds
    /// without a 404 page).
    static let generatedTemplates = ["index", "list", "articles", "routines", "areas", "programme", "programme-sheet"]

    /// Every page template a theme must have for `kinds`.
    static func pageTemplates(_ kinds: [ContentKind]) -> [String] {
        var names = generatedTemplates
        for kind in kinds { names += kind.templates.filter { !names.contains($0) } }
        return names
    }

    /// What `unreadFolders` tells an author where Markdown is read.
    static func folderList(_ kinds: [ContentKind]) -> String {
        let folders = kinds.map { "content/\($0.folder)/" }
        guard let last = folders.last, folders.count > 1 else { return folders.first ?? "" }
        return folders.dropLast().joined(separator: ", ") + " and " + last
    }
}

// MARK: - Types of a site's own

/// A file of a content type with no model of its own (`ContentKind.entries`): its title,
/// summary, day and body, and its other front matter fields as text, for its template.
public struct Entry: Sendable {
    /// Its kind's folder: `drills`.
    public var kind: String
    public var slug: String
    public var title: String
    public var summary: String?
    /// `YYYY-MM-DD`.
    public var date: String?
    /// The other fields the kind declares that the file has, in the kind's order, as written.
    public var fields: [(name: String, value: String)]
    public var body: RenderedMarkdown
    /// Its page's folder, relative to the site's root.
    public var folder: String
    /// The template its page is rendered with.
    public var template: String
    public var sourcePath: String
    public var slugLocation: SourceLocation
}

extension ContentKind {
    /// A content type whose files have a `title`, an optional `summary`, `date` and `slug`, and
    /// `fields` of text, each file a page at `folder/<slug>/` rendered with `template`, whose view
    /// is an `EntryPageView` (docs/templates.md). Read on every build, like articles.
    public static func entries(
        folder: String, noun: String, fields: [String] = [], template: String, inSitemap: Bool = true,
        inFeed: Bool = false
    ) -> ContentKind {
        let known = ["title", "summary", "date", "slug"] + fields
        let path: @Sendable (String) -> String = { "\(folder)/\($0)/" }
        return ContentKind(
            folder: folder, noun: noun, fields: known, reading: .everyBuild,
            decode: { document, source, diagnostics, _ in
                ContentLoader.decodeEntry(
                    document, source: source, kind: folder, known: known, extra: fields, page: path,
                    template: template, into: &diagnostics
                ).map(Decoded.entry)
            },
            templates: [template], path: path, inSitemap: inSitemap, inFeed: inFeed,
            feed: { guide in
                guide.entries.filter { $0.kind == folder }.compactMap { entry in
                    entry.date.map {
                        FeedEntry(title: entry.title, summary: entry.summary ?? "", url: entry.folder, date: $0)
                    }
                }
            },
            hasFeedEntries: { guide in guide.entries.contains { $0.kind == folder && $0.date != nil } },
            bodies: { guide in guide.entries.filter { $0.kind == folder }.map { ($0.folder, $0.body) } },
            sample: { content in
                let at = SourceLocation(path: "sample", line: 1, column: 1)
                content.entries.append(
                    Entry(
                        kind: folder, slug: "sample", title: "Sample", summary: "A sample.", date: "2000-01-01",
                        fields: fields.map { ($0, "Sample") },
                        body: RenderedMarkdown(html: "<p>Body</p>"), folder: path("sample"), template: template,
                        sourcePath: "sample", slugLocation: at))
            })
    }
}
