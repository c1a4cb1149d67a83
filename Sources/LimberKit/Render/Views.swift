// What templates see (documented in docs/templates.md): one view per page kind (`IndexView`,
// `StretchPageView`, `RoutinePageView`, `SheetView`, `ListPageView`, `NotFoundView`, and in
// `ProseViews.swift` `ArticlePageView`, `ArticlesPageView`, `PlainPageView`), each holding
// `PageCommon` (what every page has: `site`, `page`, `assets`…) and the pieces below. `ViewBuilder`
// fills them in.
//
// To add a field: give the view a stored property, fill it in `ViewBuilder`, and add one line to
// the view's `fields` (`"rest_seconds": .number { $0.restSeconds }`), with the name as templates
// write it. That line is all `TemplateCheck` and the renderer need; then add a row for the name to
// docs/templates.md (a test fails until you do). A value that may be absent is optional, and
// `fields` leaves it out when nil, so `{{#name}}…{{/name}}` shows only when there is one.
//
// Every view is written the same way: stored properties, one line in `fields` a name, `.view` for a
// view inside it and `ViewFields(_:with:at:)` for a view whose names it offers as its own. The
// few views a page holds and reads through many times (`PageCommon`, `StretchView`, `RoutineView`,
// `SheetRoutineView`, `ListView`, and `Card`) are final classes, so that each read hands on one
// reference instead of copying the whole view.

import LimberTemplates

// MARK: - On every page

/// `site`: the guide's settings.
struct SiteView: TemplateView {
    var title: String
    var description: String
    var language: String
    var baseURL: String
    var paper: String
    var themeColor: String
    var accentCSS: String?
    /// The way from the language's root to the site's: `../` in a translation.
    var siteRoot: String = ""
    /// A translation's folder under the site's root (`de/`); empty for the first language.
    var languageFolder: String = ""
    /// `logo` as published, with the site's title for its text.
    var logo: ImageView?

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title },
        "description": .text { $0.description },
        "language": .text { $0.language },
        "base_url": .text { $0.baseURL },
        "paper": .text { $0.paper },
        "theme_color": .text { $0.themeColor },
        "language_folder": .text { $0.languageFolder },
        "accent_css": .text { $0.accentCSS },
        "logo": .view { $0.logo },
    ]
}

/// `page`: what the document's head says about the page.
struct PageMeta: TemplateView {
    var title: String
    var description: String
    /// The page's absolute URL.
    var canonical: String
    /// The page's template: `index`, `stretch`…
    var kind: String
    var ogType: String
    var twitterCard: String
    var shareMailto: String
    /// The absolute URL of the page's picture.
    var image: String?
    var imageAlt: String?
    /// schema.org data as JSON.
    var jsonLD: String?

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title },
        "description": .text { $0.description },
        "canonical": .text { $0.canonical },
        "kind": .text { $0.kind },
        "og_type": .text { $0.ogType },
        "twitter_card": .text { $0.twitterCard },
        "share_mailto": .text { $0.shareMailto },
        "image": .text { $0.image },
        "image_alt": .text { $0.imageAlt },
        "json_ld": .text { $0.jsonLD },
    ]
}

/// `assets`: a link to each of the theme's static files, by `assetKey` (`style_css`). The names
/// are the theme's files, so they are not listed in code.
struct AssetsView: NamedValues, Sendable {
    /// The path from the page to the site's root, which each file's link starts with.
    let root: String
    /// Each file's place in the output, by the number of its name (`FieldName`).
    let files: [Int: String]
    var names: [String] { files.keys.map(FieldName.text(of:)).sorted() }

    /// Each file's place in the output by the number of its name, for `files`.
    static func files(_ outputs: [(key: String, output: String)]) -> [Int: String] {
        Dictionary(outputs.map { (FieldName($0.key).number, $0.output) }, uniquingKeysWith: { first, _ in first })
    }

    func value(named name: String) -> TemplateValue? { value(number: FieldName(name).number) }
    func value(number: Int) -> TemplateValue? { files[number].map { .text(root + $0) } }
}

/// What every page has. A class (see the top of this file): every page offers its names as its
/// own, and the layout reads them about fifty times a page.
final class PageCommon: TemplateView {
    let site: SiteView
    /// The relative path from the page to the site's root.
    let root: String
    let homeURL: String
    let assets: AssetsView
    let buildDate: String
    let page: PageMeta
    let feedURL: String?
    /// The site's pages with a `menu` number, in its order.
    let menu: [MenuLink]
    /// The site's pages with `footer: true`.
    let footerPages: [MenuLink]
    /// The list of every article, when there is one.
    let articlesURL: String?
    /// The lists of every routine and of every stretch.
    let routinesURL: String
    let stretchesURL: String
    /// `build_date` as pages write a day (`date_format`).
    let buildDateLabel: String
    /// The theme's words in the page's language (`templates/i18n/`).
    let words: Words
    /// The page in each of the site's languages that has it; empty on a site in one language, and
    /// for a page in one language only.
    let translations: [LanguageLink]

    init(
        site: SiteView, root: String, homeURL: String, assets: AssetsView, buildDate: String, page: PageMeta,
        feedURL: String?, menu: [MenuLink] = [], footerPages: [MenuLink] = [], articlesURL: String?,
        routinesURL: String = "", stretchesURL: String = "", buildDateLabel: String = "", words: Words,
        translations: [LanguageLink] = []
    ) {
        self.site = site
        self.root = root
        self.homeURL = homeURL
        self.assets = assets
        self.buildDate = buildDate
        self.page = page
        self.feedURL = feedURL
        self.menu = menu
        self.footerPages = footerPages
        self.articlesURL = articlesURL
        self.routinesURL = routinesURL
        self.stretchesURL = stretchesURL
        self.buildDateLabel = buildDateLabel
        self.words = words
        self.translations = translations
    }

    static let fields: ViewFields<PageCommon> = [
        "site": .view { $0.site },
        "root": .text { $0.root },
        "site_root": .text { $0.root + $0.site.siteRoot },
        "home_url": .text { $0.homeURL },
        "assets": .scope { $0.assets },
        "build_date": .text { $0.buildDate },
        "page": .view { $0.page },
        "feed_url": .text { $0.feedURL },
        "menu": .list { $0.menu },
        "footer_pages": .list { $0.footerPages },
        "has_footer_pages": .flag { !$0.footerPages.isEmpty },
        "articles_url": .text { $0.articlesURL },
        "routines_url": .text { $0.routinesURL },
        "stretches_url": .text { $0.stretchesURL },
        "build_date_label": .text { $0.buildDateLabel },
        "t": .scope { WordsView($0.words) },
        "words_json": .scope { WordsJSONView(words: $0.words) },
        "printed_from": .text { $0.words.text("printed_from", ["site": $0.site.title]) },
        "translations": .list { $0.translations },
        "has_translations": .flag { !$0.translations.isEmpty },
        "x_default_url": .text { $0.translations.first?.absoluteURL },
    ]
}

// MARK: - Pages

/// The `index` page.
struct IndexView: TemplateView {
    var common: PageCommon
    var routines: [RoutineSummary]
    var kinds: [KindSection]
    /// The newest few articles.
    var latestArticles: [ArticleSummary] = []
    /// Every body area, for a way in near the top.
    var areas: [AreaView] = []
    /// Link to the page of every body area.
    var areasURL: String = ""
    /// How many routines the guide has (the index shows the first few).
    var routineCount: Int = 0

    var allRoutinesLabel: String { common.words.count("all_routines_count", routineCount) }

    static let fields = ViewFields<Self>(
        [
            ("routines", .list { $0.routines }), ("kinds", .list { $0.kinds }),
            ("latest_articles", .list { $0.latestArticles }),
            ("has_latest_articles", .flag { !$0.latestArticles.isEmpty }),
            ("areas", .list { $0.areas }), ("areas_url", .text { $0.areasURL }),
            ("routine_count", .number { $0.routineCount }),
            ("more_routines", .flag { $0.routineCount > $0.routines.count }),
            ("all_routines_label", .text { $0.allRoutinesLabel }),
        ], with: PageCommon.fields, at: { $0.common })
}

/// The `areas` page, `targets/index.html`: every body area.
struct AreasView: TemplateView {
    var common: PageCommon
    var areas: [AreaView]

    static let fields = ViewFields<Self>(
        [("areas", .list { $0.areas })], with: PageCommon.fields, at: { $0.common })
}

/// One body area (a target): its name, its list, how many stretches it has and a picture of one.
struct AreaView: TemplateView {
    var name: String
    var slug: String
    var url: String
    var count: Int
    /// The picture of its first stretch that has one.
    var image: ImageView?
    /// `6 stretches`.
    var countLabel: String

    static let fields: ViewFields<Self> = [
        "name": .text { $0.name },
        "slug": .text { $0.slug },
        "url": .text { $0.url },
        "count": .number { $0.count },
        "count_label": .text { $0.countLabel },
        "image": .view { $0.image },
    ]
}

/// The `routines` page: every routine, `per_page` to a page.
struct RoutinesPageView: TemplateView {
    var common: PageCommon
    var listing: RoutineListing

    static let fields = ViewFields<Self>(
        [("listing", .view { $0.listing })], with: PageCommon.fields, at: { $0.common })
}

/// `listing` on the routines' page.
struct RoutineListing: TemplateView {
    var heading: String
    var routines: [RoutineSummary]
    /// How many routines the guide has.
    var count: Int
    /// Only when the list has more than one page.
    var pagination: PaginationView?

    static let fields: ViewFields<Self> = [
        "heading": .text { $0.heading },
        "routines": .list { $0.routines },
        "count": .number { $0.count },
        "pagination": .view { $0.pagination },
    ]
}

/// The `programme` and `programme-sheet` pages: the composer of a patient's programme and its
/// sheet, filled in the browser from the programme in the address and the composer's data.
struct ProgrammePageView: TemplateView {
    var common: PageCommon
    /// The composer's data file (`ProgrammeData`), from the page.
    var dataURL: String
    var composerURL: String
    var sheetURL: String

    static let fields = ViewFields<Self>(
        [
            ("data_url", .text { $0.dataURL }), ("composer_url", .text { $0.composerURL }),
            ("sheet_url", .text { $0.sheetURL }),
        ], with: PageCommon.fields, at: { $0.common })
}

/// The `404` page.
struct NotFoundView: TemplateView {
    var common: PageCommon
    var routines: [RoutineSummary]

    static let fields = ViewFields<Self>(
        [("routines", .list { $0.routines })], with: PageCommon.fields, at: { $0.common })
}

/// A `stretch` page.
struct StretchPageView: TemplateView {
    var common: PageCommon
    var stretch: StretchView

    static let fields = ViewFields<Self>(
        [("stretch", .view { $0.stretch })], with: PageCommon.fields, at: { $0.common })
}

/// A `routine` page.
struct RoutinePageView: TemplateView {
    var common: PageCommon
    var routine: RoutineView
    var trackingDays: [DayView]

    static let fields = ViewFields<Self>(
        [("routine", .view { $0.routine }), ("tracking_days", .list { $0.trackingDays })],
        with: PageCommon.fields, at: { $0.common })
}

/// A routine's printable `sheet`.
struct SheetView: TemplateView {
    var common: PageCommon
    var routine: SheetRoutineView
    var trackingDays: [DayView]

    static let fields = ViewFields<Self>(
        [("routine", .view { $0.routine }), ("tracking_days", .list { $0.trackingDays })],
        with: PageCommon.fields, at: { $0.common })
}

/// A `list` page: the stretches of one target, kind or piece of equipment.
struct ListPageView: TemplateView {
    var common: PageCommon
    var list: ListView

    static let fields = ViewFields<Self>([("list", .view { $0.list })], with: PageCommon.fields, at: { $0.common })
}

// MARK: - Stretches

/// What a stretch's card and its page both show, read from the stretch as a template asks. A
/// `Stretch` keeps its fields in one shared box, so holding one here is one reference.
struct StretchSummary: TemplateView {
    let stretch: Stretch
    /// The relative path from the page that shows it to the site's root.
    let root: String
    /// The stretch's picture as published, for a card's thumbnail and the page's figure.
    let image: ImageView?
    /// The site's `language`, which the addresses of its targets' pages are made in.
    let language: String
    /// The theme's words, for the kind and level.
    let words: Words
    /// The words of the page's language, which its doses are shown in.
    let doseWords: DoseWords

    static let fields: ViewFields<Self> = [
        "title": .text { $0.stretch.title },
        "slug": .text { $0.stretch.slug },
        "summary": .text { $0.stretch.summary },
        "url": .text { $0.root + Paths.file(Paths.stretch($0.stretch.slug)) },
        "kind": .view { KindLink($0.stretch.kind, root: $0.root, words: $0.words) },
        "level": .text { $0.stretch.level.rawValue },
        "level_label": .text { $0.words.level($0.stretch.level) },
        "targets": .list { summary in
            NamedLink.list(summary.stretch.targets, in: .targets, root: summary.root, language: summary.language)
        },
        "dose": .text { $0.stretch.dose.text(in: $0.doseWords) },
        "image": .view { $0.image },
        // A card is rendered on its own, ahead of the pages that show it: it reads its words here.
        "t": .scope { WordsView($0.words) },
    ]
}

/// One stretch in a list: its summary and `html`, the card rendered with `partials/card.mustache`.
///
/// A class, so that a list hands its cards to the renderer without copying them. A card rendered
/// ahead makes its summary only when a template asks for one of its names: lists show `html`.
final class Card: TemplateView {
    private let makeSummary: @Sendable () -> StretchSummary
    /// The summary, when the card was made from one.
    private let made: StretchSummary?
    /// The card already rendered, when it was rendered ahead for pages at this root.
    let rendered: String?
    let render: @Sendable (Card) -> String

    /// A card whose summary is made only if a template asks for one of its names.
    init(
        summary: @escaping @Sendable () -> StretchSummary, rendered: String?,
        render: @escaping @Sendable (Card) -> String
    ) {
        self.makeSummary = summary
        self.made = nil
        self.rendered = rendered
        self.render = render
    }

    /// A card of `summary`, made already.
    init(summary: StretchSummary, rendered: String?, render: @escaping @Sendable (Card) -> String) {
        self.makeSummary = { summary }
        self.made = summary
        self.rendered = rendered
        self.render = render
    }

    var summary: StretchSummary { made ?? makeSummary() }

    /// The card rendered: a stretch is shown on several pages, and rendered for them only once.
    var html: String { rendered ?? render(Card(summary: summary, rendered: "", render: render)) }

    static let fields = ViewFields<Card>(
        [("html", .text { $0.html })], with: StretchSummary.fields, at: { $0.summary })
}

/// `stretch` on a stretch's page.
final class StretchView: TemplateView {
    let summary: StretchSummary
    let equipment: [NamedLink]
    let body: String
    let cues: [String]
    let cautions: [String]
    let video: String?
    let videoPlayer: VideoView?
    let related: [Card]
    let routines: [RoutineLink]
    /// `1 min 10 s`: the stretch done on its own in the player, with its get-ready and the change
    /// of side (`Guide.totalSeconds(of:)`), as a routine's `total_time` counts it.
    let totalTime: String
    /// What the routine player follows, as JSON safe inside `<script>` (see `PlayerData`).
    let playerJSON: String

    init(
        summary: StretchSummary, equipment: [NamedLink], body: String, cues: [String], cautions: [String],
        video: String? = nil, videoPlayer: VideoView? = nil, related: [Card], routines: [RoutineLink],
        totalTime: String, playerJSON: String
    ) {
        self.summary = summary
        self.equipment = equipment
        self.body = body
        self.cues = cues
        self.cautions = cautions
        self.video = video
        self.videoPlayer = videoPlayer
        self.related = related
        self.routines = routines
        self.totalTime = totalTime
        self.playerJSON = playerJSON
    }

    static let fields = ViewFields<StretchView>(
        [
            ("total_time", .text { $0.totalTime }),
            (
                "time_in_all",
                .text {
                    $0.summary.words.text(
                        "time_in_all",
                        ["dose": $0.summary.stretch.dose.text(in: $0.summary.doseWords), "time": $0.totalTime])
                }
            ),
            ("player_json", .text { $0.playerJSON }),
            ("equipment", .list { $0.equipment }),
            ("body", .text { $0.body }),
            ("cues", .texts { $0.cues }),
            ("cautions", .texts { $0.cautions }),
            ("video", .text { $0.video }),
            ("video_player", .view { $0.videoPlayer }),
            ("related", .list { $0.related }),
            ("routines", .list { $0.routines }),
            ("has_equipment", .flag { !$0.equipment.isEmpty }),
            ("has_cues", .flag { !$0.cues.isEmpty }),
            ("has_cautions", .flag { !$0.cautions.isEmpty }),
            ("has_related", .flag { !$0.related.isEmpty }),
            ("has_routines", .flag { !$0.routines.isEmpty }),
        ], with: StretchSummary.fields, at: { $0.summary })
}

/// The index's stretches of one kind.
struct KindSection: TemplateView {
    var label: String
    var slug: String
    var url: String
    /// The first few cards of the kind.
    var stretches: [Card]
    /// How many stretches the kind has.
    var count: Int
    /// Whether the kind's list has more than `stretches`.
    var more: Bool
    /// `Static: all 40 stretches`.
    var allLabel: String

    static let fields: ViewFields<Self> = [
        "label": .text { $0.label },
        "slug": .text { $0.slug },
        "url": .text { $0.url },
        "stretches": .list { $0.stretches },
        "count": .number { $0.count },
        "more": .flag { $0.more },
        "all_label": .text { $0.allLabel },
    ]
}

/// `list` on a list page: one page of it, when it is longer than `per_page`.
final class ListView: TemplateView {
    let title: String
    let heading: String
    let group: String
    /// The target's, kind's or equipment's slug, as in its address: `hip-flexors`.
    let slug: String
    /// The cards on this page.
    let stretches: [Card]
    /// How many stretches the whole list has.
    let count: Int
    /// Only when the list has more than one page.
    let pagination: PaginationView?

    init(
        title: String, heading: String, group: String, slug: String, stretches: [Card], count: Int,
        pagination: PaginationView? = nil
    ) {
        self.title = title
        self.heading = heading
        self.group = group
        self.slug = slug
        self.stretches = stretches
        self.count = count
        self.pagination = pagination
    }

    static let fields: ViewFields<ListView> = [
        "title": .text { $0.title },
        "heading": .text { $0.heading },
        "group": .text { $0.group },
        "slug": .text { $0.slug },
        "stretches": .list { $0.stretches },
        "count": .number { $0.count },
        "pagination": .view { $0.pagination },
    ]
}

/// `list.pagination`: where this page stands in its list, and the links to the others.
struct PaginationView: TemplateView {
    /// This page's number, from 1.
    var current: Int
    /// How many pages the list has.
    var count: Int
    /// The positions in the list of this page's first and last stretch, from 1.
    var firstShown: Int
    var lastShown: Int
    var previousURL: String?
    var nextURL: String?
    var pages: [PageNumberView]
    /// `49–96 of 120 · page 2 of 3`.
    var summary: String = ""

    static let fields: ViewFields<Self> = [
        "summary": .text { $0.summary },
        "current": .number { $0.current },
        "count": .number { $0.count },
        "first_shown": .number { $0.firstShown },
        "last_shown": .number { $0.lastShown },
        "previous_url": .text { $0.previousURL },
        "next_url": .text { $0.nextURL },
        "pages": .list { $0.pages },
    ]
}

/// One of `list.pagination.pages`: a page's number and link, or a gap where numbers are left out.
struct PageNumberView: TemplateView {
    var number: Int
    var url: String
    /// Whether it is the page that shows it.
    var current: Bool
    var gap: Bool

    static let fields: ViewFields<Self> = [
        "number": .number { $0.number },
        "url": .text { $0.url },
        "current": .flag { $0.current },
        "gap": .flag { $0.gap },
    ]
}

// MARK: - Routines

/// A routine as the index lists it, and the start of its own page.
struct RoutineSummary: TemplateView {
    var title: String
    var summary: String
    var url: String
    var sheetURL: String
    var totalTime: String
    var stepCount: Int
    /// `6 steps`.
    var stepCountLabel: String

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title },
        "summary": .text { $0.summary },
        "url": .text { $0.url },
        "sheet_url": .text { $0.sheetURL },
        "total_time": .text { $0.totalTime },
        "step_count": .number { $0.stepCount },
        "step_count_label": .text { $0.stepCountLabel },
    ]
}

/// `routine` on a routine's page.
final class RoutineView: TemplateView {
    let summary: RoutineSummary
    let warmup: String?
    let steps: [StepView]
    let body: String
    /// The body's first paragraph (HTML), for the sheet.
    let intro: String
    /// The first paragraph where the routine's page shows it, above the steps, and the body
    /// without it, below them; when the paragraph cannot be told apart in the body (an embed in
    /// it), no intro and the whole body.
    let pageIntro: String
    let bodyAfterIntro: String
    /// How often to do the routine, in its normal form: `3–4 times a week`.
    let frequency: String?
    let cautions: [String]
    /// The routine's cautions, then its stretches', without repeats.
    let allCautions: [String]
    let video: String?
    let videoPlayer: VideoView?
    let date: String?
    /// `date` as pages write a day (`date_format`): `20 November 2026`.
    let dateLabel: String?
    let onlineURL: String
    /// Only when the build prints sheets to PDF.
    let pdfURL: String?
    /// What the routine player follows, as JSON safe inside `<script>` (see `PlayerData`): made
    /// when a template shows it, so a sheet, which has no player, does not make it.
    let playerJSON: @Sendable () -> String

    init(
        summary: RoutineSummary, warmup: String? = nil, steps: [StepView], body: String, intro: String,
        pageIntro: String, bodyAfterIntro: String, frequency: String? = nil, cautions: [String], allCautions: [String],
        video: String? = nil, videoPlayer: VideoView? = nil, date: String? = nil, dateLabel: String? = nil,
        onlineURL: String, pdfURL: String? = nil, playerJSON: @escaping @Sendable () -> String
    ) {
        self.summary = summary
        self.warmup = warmup
        self.steps = steps
        self.body = body
        self.intro = intro
        self.pageIntro = pageIntro
        self.bodyAfterIntro = bodyAfterIntro
        self.frequency = frequency
        self.cautions = cautions
        self.allCautions = allCautions
        self.video = video
        self.videoPlayer = videoPlayer
        self.date = date
        self.dateLabel = dateLabel
        self.onlineURL = onlineURL
        self.pdfURL = pdfURL
        self.playerJSON = playerJSON
    }

    static let fields = ViewFields<RoutineView>(
        [
            ("player_json", .text { $0.playerJSON() }),
            ("warmup", .text { $0.warmup }),
            ("steps", .list { $0.steps }),
            ("body", .text { $0.body }),
            ("intro", .text { $0.intro.isEmpty ? nil : $0.intro }),
            ("page_intro", .text { $0.pageIntro.isEmpty ? nil : $0.pageIntro }),
            ("body_after_intro", .text { $0.bodyAfterIntro.isEmpty ? nil : $0.bodyAfterIntro }),
            ("frequency", .text { $0.frequency }),
            ("cautions", .texts { $0.cautions }),
            ("all_cautions", .texts { $0.allCautions }),
            ("has_cautions", .flag { !$0.cautions.isEmpty }),
            ("video_player", .view { $0.videoPlayer }),
            ("has_all_cautions", .flag { !$0.allCautions.isEmpty }),
            ("video", .text { $0.video }),
            ("date", .text { $0.date }),
            ("date_label", .text { $0.dateLabel }),
            ("online_url", .text { $0.onlineURL }),
            ("pdf_url", .text { $0.pdfURL }),
        ], with: RoutineSummary.fields, at: { $0.summary })
}

/// `routine` on a routine's sheet: the routine page's, and what only print needs.
final class SheetRoutineView: TemplateView {
    let routine: RoutineView
    /// The routine and site title, safe inside a CSS string.
    let cssTitle: String
    let qrSVG: String?
    let videoQRSVG: String?

    init(
        routine: RoutineView, cssTitle: String, qrSVG: String? = nil, videoQRSVG: String? = nil
    ) {
        self.routine = routine
        self.cssTitle = cssTitle
        self.qrSVG = qrSVG
        self.videoQRSVG = videoQRSVG
    }

    static let fields = ViewFields<SheetRoutineView>(
        [
            ("css_title", .text { $0.cssTitle }),
            ("qr_svg", .text { $0.qrSVG }),
            ("video_qr_svg", .text { $0.videoQRSVG }),
        ], with: RoutineView.fields, at: { $0.routine })
}

/// One of `routine.steps`.
struct StepView: TemplateView {
    var number: Int
    var title: String
    var summary: String
    var url: String
    var dose: String
    var note: String?
    /// The language the step's stretch is shown in, when the page's language has no translation
    /// of it.
    var language: StepLanguage? = nil
    var cues: [String]
    /// The stretch's cautions, for the sheet to print under the step.
    var cautions: [String]
    var image: ImageView?
    var videoPlayer: VideoView?
    /// `Cautions for Calf stretch`, naming the list of its cautions.
    var cautionsLabel: String = ""

    static let fields: ViewFields<Self> = [
        "cautions_label": .text { $0.cautionsLabel },
        "number": .number { $0.number },
        "title": .text { $0.title },
        "summary": .text { $0.summary },
        "url": .text { $0.url },
        "dose": .text { $0.dose },
        "note": .text { $0.note },
        "language": .view { $0.language },
        "cues": .texts { $0.cues },
        "cautions": .texts { $0.cautions },
        "has_cautions": .flag { !$0.cautions.isEmpty },
        "has_cues": .flag { !$0.cues.isEmpty },
        "image": .view { $0.image },
        "video_player": .view { $0.videoPlayer },
    ]
}

/// `language` of a step: the code and name (in the page's language) of the language its stretch is
/// shown in.
struct StepLanguage: TemplateView {
    var code: String
    var name: String

    static let fields: ViewFields<Self> = [
        "code": .text { $0.code },
        "name": .text { $0.name },
    ]
}

/// A YouTube or Vimeo video as a play button that loads the host's player only when pressed.
struct VideoView: TemplateView {
    var url: String
    var host: String
    var playerURL: String
    var title: String
    var poster: ImageView?
    /// `Pressing play loads the video from youtube.`, `Watch it on youtube`.
    var loadsFrom: String = ""
    var watchOn: String = ""

    static let fields: ViewFields<Self> = [
        "loads_from": .text { $0.loadsFrom },
        "watch_on": .text { $0.watchOn },
        "url": .text { $0.url },
        "host": .text { $0.host },
        "player_url": .text { $0.playerURL },
        "title": .text { $0.title },
        "poster": .view { $0.poster },
    ]
}

/// One column of a sheet's tick-off grid.
struct DayView: TemplateView {
    var number: Int
    /// The column's heading: `Day 3`, `Week 3` for a weekly routine, `3` for the sessions of one
    /// whose frequency is free text.
    var label: String
    /// One box for each time the routine is done that day: two for twice daily.
    var ticks: [TickView]

    static let fields: ViewFields<Self> = [
        "number": .number { $0.number }, "label": .text { $0.label }, "ticks": .list { $0.ticks },
    ]

    /// The columns of a routine's tick grid, as its frequency counts them: `tracking_days` days
    /// (two boxes a day for twice daily), 6 weeks for once a week, 12 sessions for free text.
    static func grid(for frequency: Frequency?, trackingDays: Int, words: Words) -> [DayView] {
        switch frequency?.tracking ?? .days(ticks: 1) {
        case .days(let ticks):
            let boxes = (1...max(1, ticks)).map { TickView(number: $0) }
            return (1...trackingDays).map {
                DayView(number: $0, label: words.text("day_number", ["number": String($0)]), ticks: boxes)
            }
        case .weeks:
            return (1...6).map {
                DayView(
                    number: $0, label: words.text("week_number", ["number": String($0)]), ticks: [TickView(number: 1)])
            }
        case .sessions:
            return (1...12).map { DayView(number: $0, label: "\($0)", ticks: [TickView(number: 1)]) }
        }
    }
}

/// One box to tick in a day of the grid.
struct TickView: TemplateView {
    var number: Int

    static let fields: ViewFields<Self> = ["number": .number { $0.number }]
}

// MARK: - Small pieces

/// A link with a name: a target or a piece of equipment.
struct NamedLink: TemplateView {
    var name: String
    /// As in its address (`hip-flexors`), and as the search index's filters and the filter chips
    /// name it.
    var slug: String
    var url: String

    static let fields: ViewFields<Self> = [
        "name": .text { $0.name }, "slug": .text { $0.slug }, "url": .text { $0.url },
    ]

    /// Each of `names` with a link to its list page.
    static func list(_ names: [String], in group: StretchGroup.Group, root: String, language: String) -> [NamedLink] {
        names.map {
            let listSlug = LimberKit.slug(for: $0, language: language)
            return NamedLink(name: $0, slug: listSlug, url: root + Paths.file(Paths.list(group, slug: listSlug)))
        }
    }
}

/// A stretch's kind, with a link to its list.
struct KindLink: TemplateView {
    var label: String
    var slug: String
    var url: String

    init(_ kind: Kind, root: String, words: Words) {
        label = words.kind(kind)
        slug = kind.rawValue
        url = root + Paths.file(Paths.kind(kind))
    }

    static let fields: ViewFields<Self> = [
        "label": .text { $0.label }, "slug": .text { $0.slug }, "url": .text { $0.url },
    ]
}

/// A routine's title and link.
struct RoutineLink: TemplateView {
    var title: String
    var url: String

    static let fields: ViewFields<Self> = ["title": .text { $0.title }, "url": .text { $0.url }]
}

/// A picture as published: for a photo, its renditions for `<picture>`, and the small JPEG for
/// sheets; for an SVG, the file itself.
struct ImageView: TemplateView {
    var url: String
    var alt: String
    var width: Int?
    var height: Int?
    /// JPEG (or PNG) and WebP renditions as `srcset` values: `file 480w, file 960w`; nil for an SVG.
    var srcset: String?
    var webpSrcset: String?
    /// The narrowest JPEG, sized for printed thumbnails.
    var printURL: String
    var printWidth: Int?
    var printHeight: Int?

    static let fields: ViewFields<Self> = [
        "url": .text { $0.url },
        "alt": .text { $0.alt },
        "width": .number { $0.width },
        "height": .number { $0.height },
        "srcset": .text { $0.srcset },
        "webp_srcset": .text { $0.webpSrcset },
        "print_url": .text { $0.printURL },
        "print_width": .number { $0.printWidth },
        "print_height": .number { $0.printHeight },
    ]
}
