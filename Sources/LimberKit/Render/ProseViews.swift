// The views of articles, their lists and plain pages, and of the stretches and routines embedded
// in any Markdown body (documented in docs/templates.md). Fields are added as in `Views.swift`.

import LimberTemplates

// MARK: - Pages

/// An `article` page.
struct ArticlePageView: TemplateView {
    var common: PageCommon
    var article: ArticleView

    static let fields = ViewFields<Self>(
        [("article", .view { $0.article })], with: PageCommon.fields, at: { $0.common })
}

/// The `articles` page: every article, or those of one tag.
struct ArticlesPageView: TemplateView {
    var common: PageCommon
    var listing: ArticleListing

    static let fields = ViewFields<Self>(
        [("listing", .view { $0.listing })], with: PageCommon.fields, at: { $0.common })
}

/// A plain `page`: About, Contact, Privacy.
struct PlainPageView: TemplateView {
    var common: PageCommon
    var plainPage: PlainPageContent

    static let fields = ViewFields<Self>(
        [("plain_page", .view { $0.plainPage })], with: PageCommon.fields, at: { $0.common })
}

// MARK: - Pieces

/// A plain page's title and link, in the menu or the footer.
struct MenuLink: TemplateView {
    var title: String
    var url: String

    static let fields: ViewFields<Self> = ["title": .text { $0.title }, "url": .text { $0.url }]
}

/// An article in a list: the home page's latest, the articles' list, a tag's page.
struct ArticleSummary: TemplateView {
    var title: String
    var summary: String
    var url: String
    /// `YYYY-MM-DD`.
    var date: String
    /// `20 November 2026`.
    var dateLabel: String
    /// `4 min read`.
    var readingTime: String
    var author: String?
    var tags: [NamedLink]
    /// `By A. Sample`, when the article names its author.
    var byAuthor: String? = nil

    static let fields: ViewFields<Self> = [
        "by_author": .text { $0.byAuthor },
        "title": .text { $0.title },
        "summary": .text { $0.summary },
        "url": .text { $0.url },
        "date": .text { $0.date },
        "date_label": .text { $0.dateLabel },
        "reading_time": .text { $0.readingTime },
        "author": .text { $0.author },
        "tags": .list { $0.tags },
        "has_tags": .flag { !$0.tags.isEmpty },
    ]
}

/// `article` on an article's page.
struct ArticleView: TemplateView {
    var summary: ArticleSummary
    var updated: String?
    var updatedLabel: String?
    var image: ImageView?
    /// The body, with its embeds rendered.
    var body: String
    var articlesURL: String

    static let fields = ViewFields<Self>(
        [
            ("updated", .text { $0.updated }),
            ("updated_label", .text { $0.updatedLabel }),
            ("image", .view { $0.image }),
            ("body", .text { $0.body }),
            ("articles_url", .text { $0.articlesURL }),
        ], with: ArticleSummary.fields, at: { $0.summary })
}

/// `listing` on the articles' page and on a tag's page.
struct ArticleListing: TemplateView {
    var heading: String
    var articles: [ArticleSummary]
    /// The list of every article.
    var allURL: String
    /// The tag's name on a tag's page.
    var tag: String?
    /// Only when the list has more than one page.
    var pagination: PaginationView?

    static let fields: ViewFields<Self> = [
        "heading": .text { $0.heading },
        "articles": .list { $0.articles },
        "all_url": .text { $0.allURL },
        "is_tag": .flag { $0.tag != nil },
        "tag": .text { $0.tag },
        "pagination": .view { $0.pagination },
    ]
}

/// `plain_page` on a plain page.
struct PlainPageContent: TemplateView {
    var title: String
    var summary: String?
    /// The body, with its embeds rendered.
    var body: String

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title },
        "summary": .text { $0.summary },
        "body": .text { $0.body },
    ]
}

// MARK: - Embeds

/// A stretch in full inside a body, for `partials/embed-stretch.mustache`: what its page shows
/// but its own body.
struct StretchEmbed: TemplateView {
    var summary: StretchSummary
    /// `embed-<slug>`, for the embed's element and its heading.
    var id: String
    var image: ImageView?
    var cues: [String]
    var cautions: [String]
    var video: String?

    static let fields = ViewFields<Self>(
        [
            ("id", .text { $0.id }),
            ("image", .view { $0.image }),
            ("cues", .texts { $0.cues }),
            ("cautions", .texts { $0.cautions }),
            ("has_cues", .flag { !$0.cues.isEmpty }),
            ("has_cautions", .flag { !$0.cautions.isEmpty }),
            ("video", .text { $0.video }),
        ], with: StretchSummary.fields, at: { $0.summary })
}

/// A routine inside a body, for `partials/embed-routine.mustache`.
struct RoutineEmbed: TemplateView {
    var summary: RoutineSummary
    /// `embed-routine-<slug>`.
    var id: String
    var steps: [EmbedStep]
    /// The theme's words in the page's language.
    var words: Words

    static let fields = ViewFields<Self>(
        [("id", .text { $0.id }), ("steps", .list { $0.steps }), ("t", .scope { WordsView($0.words) })],
        with: RoutineSummary.fields, at: { $0.summary })
}

/// One of an embedded routine's `steps`.
struct EmbedStep: TemplateView {
    var title: String
    var url: String
    var dose: String

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title }, "url": .text { $0.url }, "dose": .text { $0.dose },
    ]
}

// MARK: - Building them

extension ViewBuilder {
    /// How many articles the home page shows, newest first.
    static let latestArticles = 3
    /// How many routines the home page shows; the list of every routine has them all.
    static let homeRoutines = 3

    /// The pages with a `menu` number, smallest first.
    func menu(root: String) -> [MenuLink] {
        guide.plainPages.filter { $0.menu != nil }.sorted { ($0.menu!, $0.title) < ($1.menu!, $1.title) }.map {
            menuLink($0, root: root)
        }
    }

    func menuLink(_ page: PlainPage, root: String) -> MenuLink {
        MenuLink(title: page.title, url: link(Paths.plainPage(page.slug), root: root))
    }

    func articleSummary(_ article: Article, root: String) -> ArticleSummary {
        ArticleSummary(
            title: article.title, summary: article.summary, url: link(Paths.article(article.slug), root: root),
            date: article.date, dateLabel: dateLabel(article.date),
            readingTime: words.count("reading_time", article.readingMinutes),
            author: article.author,
            tags: article.tags.map {
                let tagSlug = slug(for: $0, language: guide.settings.language)
                return NamedLink(name: $0, slug: tagSlug, url: link(Paths.tag(tagSlug), root: root))
            }, byAuthor: article.author.map { words.text("by_author", ["author": $0]) })
    }

    func articleView(_ article: Article, root: String) -> ArticleView {
        ArticleView(
            summary: articleSummary(article, root: root), updated: article.updated,
            updatedLabel: article.updated.map(dateLabel), image: image(article.image, root: root),
            body: bodyHTML(article.body, root: root, folder: Paths.article(article.slug)),
            articlesURL: link(Paths.articles, root: root))
    }

    func listingView(heading: String, articles: [Int], tag: String?, root: String) -> ArticleListing {
        ArticleListing(
            heading: heading, articles: articles.map { articleSummary(guide.articles[$0], root: root) },
            allURL: link(Paths.articles, root: root), tag: tag)
    }

    /// A body's HTML with each embed rendered by the theme: `embed-stretch` for a stretch in
    /// full, `card` for its card, `embed-routine` for a routine.
    /// Pictures in it become `<picture>`s of their renditions; `folder` is the page's.
    func bodyHTML(_ body: RenderedMarkdown, root: String, folder: String) -> String {
        let html = body.html { _, embed in
            guard let name = embed.names.first else { return "" }
            if embed.kind == "routine" {
                guard let index = guide.routineIndex[name] else { return "" }
                return renderPartial("embed-routine", routineEmbed(guide.routines[index], root: root))
            }
            guard let index = guide.stretchIndex[name] else { return "" }
            switch EmbedForm(embed) {
            case .card: return card(index, root: root).html + "\n"
            case .full: return renderPartial("embed-stretch", stretchEmbed(guide.stretches[index], root: root))
            }
        }
        return PictureMarkup.rewriteBody(
            html, links: body.links, folder: folder, root: root + guide.settings.siteRoot, pictures: pictures)
    }

    func stretchEmbed(_ stretch: Stretch, root: String) -> StretchEmbed {
        StretchEmbed(
            summary: summary(stretch, root: root), id: "embed-" + stretch.slug,
            image: image(stretch.image, root: root), cues: stretch.cues, cautions: stretch.cautions,
            video: stretch.video)
    }

    func routineEmbed(_ routine: Routine, root: String) -> RoutineEmbed {
        RoutineEmbed(
            summary: routineSummary(routine, root: root), id: "embed-routine-" + routine.slug,
            steps: routine.steps.map { step in
                let stretch = guide.stretch(step.stretch.slug)
                return EmbedStep(
                    title: stretch.title, url: link(Paths.stretch(stretch.slug), root: root),
                    dose: guide.dose(of: step).text(in: guide.settings.doseWords))
            }, words: words)
    }
}
