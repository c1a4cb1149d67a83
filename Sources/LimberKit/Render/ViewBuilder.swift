import Foundation
import LimberTemplates

/// Builds the view each page's template sees (`Views.swift`). Every link is relative to the
/// page, and ends in `index.html` so the site works from disk as well as from a server.
struct ViewBuilder: Sendable {
    let guide: Guide
    /// The theme's static files and where each is written (see `Theme.outputNames`).
    let assets: [String: String]
    /// Each of `assets` by the name templates use for it (`style_css`), worked out once.
    /// The theme's static files' places in the output, by the number of their `assets` name.
    private let namedAssets: [Int: String]
    /// Days as pages write them (`date_format`), each worked out once.
    let dateLabels: DateLabels
    /// The theme's words in the language of the pages this builder makes (`templates/i18n/`).
    var words: Words
    let buildDate: String
    /// Whether the build prints sheets to PDF, so pages can link to them.
    var withPDFs = false
    /// Routines (slugs) whose PDF an earlier build printed and this one keeps, linked to as well.
    var keptPDFs: Set<String> = []

    /// Each page's versions in the site's other languages, on a guide in several.
    var languageVersions: LanguageVersions?

    /// Whether the guide has a feed (`feed.xml`), so pages can link to it.
    var hasFeed = false
    /// Every published picture, by its path relative to `content/`.
    var pictures: [String: PublishedPicture] = [:] {
        didSet { programmeData = Self.programmeData(guide, pictures: pictures, words: words) }
    }
    /// The programme composer's data file with these pictures, made once for the two programme
    /// pages that name it and the site files that write it (2.8 MB on a guide of 10,000 stretches).
    private(set) var programmeData: MadeOnce<ProgrammeData.File>

    /// Renders a card with the theme's `card` partial, for a card's `html`.
    let renderCard: @Sendable (Card) -> String
    /// A routine's JSON-LD, which its page and its sheet both carry: made for the first of the two.
    private let routinePlans = MadeOnceByKey<Int, String>(kept: .untilSecondUse)
    /// Each routine's total time as pages show it, by slug: the index, the 404 page and the
    /// routine's own pages all show it, and it is added up once.
    private let totalTimes = MadeOnceByKey<String, String>()
    /// The way back to the site's root in a card rendered ahead: it stands for each page's own
    /// (`../../` on a stretch page, `../../../../` on a list's second page), put in as the card is
    /// shown. Private-use characters around a word: no text has them, and no escaping changes them.
    static let cardRoot = "\u{E000}root\u{E001}"
    /// Each stretch's card rendered ahead with `cardRoot`, by stretch index: a stretch is shown on
    /// several lists and pages, and rendered for them only once. A build gives the cards it keeps
    /// (`KeptCard`), many of them read from the cache only when a page shows them.
    var renderedCards: (@Sendable (Int) -> String)?

    /// A card rendered ahead as a page at `root` shows it: `cardRoot` replaced, byte by byte.
    static func card(_ card: String, at root: String) -> String {
        var card = card
        return card.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return "" }
            return cardRootBytes.withUnsafeBytes { marker in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count + 4 * root.utf8.count)
                var start = 0
                // memchr finds each marker's first byte at memory speed; most of a card is not one.
                var from = 0
                while from < bytes.count, let found = memchr(base + from, Int32(cardRootBytes[0]), bytes.count - from) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    guard index + marker.count <= bytes.count,
                        memcmp(base + index, marker.baseAddress!, marker.count) == 0
                    else {
                        from = index + 1
                        continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    out.append(contentsOf: root.utf8)
                    start = index + marker.count
                    from = start
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Renders one of the theme's partials: those that show embeds in a body.
    let renderPartial: @Sendable (String, any TemplateView) -> String

    private static let cardRootBytes = Array(cardRoot.utf8)

    /// The views for `theme`'s templates, whose `card` partial renders each card's `html`.
    init(guide: Guide, theme: Theme, buildDate: String, withPDFs: Bool) {
        self.guide = guide
        self.assets = theme.outputNames
        self.buildDate = buildDate
        self.withPDFs = withPDFs
        self.renderCard = { theme.render("card", $0) }
        self.renderPartial = { theme.render($0, $1) }
        self.namedAssets = AssetsView.files(theme.outputNames.map { (assetKey($0.key), $0.value) })
        self.dateLabels = DateLabels(format: guide.settings.dateFormat, language: guide.settings.language)
        self.words = theme.wordTables.words(for: guide.settings.language)
        self.programmeData = Self.programmeData(guide, pictures: [:], words: words)
    }

    /// After an edit that keeps every stretch in its place: the composer's data made from the
    /// last build's (`old`), with the lines of the stretches at `changed` made again
    /// (`StretchLines`).
    mutating func programmeData(patching old: @escaping @Sendable () -> [UInt8]?, changed: [Int]) {
        let (guide, pictures, words) = (guide, pictures, words)
        programmeData = MadeOnce(making: {
            ProgrammeData.file(
                text: ProgrammeData.lines(guide, pictures: pictures, words: words).made(from: old(), changed: changed))
        })
    }

    private static func programmeData(
        _ guide: Guide, pictures: [String: PublishedPicture], words: Words
    ) -> MadeOnce<ProgrammeData.File> {
        MadeOnce(making: { ProgrammeData.file(guide, pictures: pictures, words: words) })
    }

    /// A stretch's card rendered ahead, its root left as `cardRoot`.
    func renderCard(_ index: Int) -> String {
        Card(summary: summary(index, root: Self.cardRoot), rendered: nil, render: renderCard).html
    }

    /// The view of `page`, for its template.
    func view(for page: Page) -> any TemplateView {
        // 404.html is served at any depth, so its links start at the host's root.
        let root = page.content == .notFound ? basePath : page.root
        let settings = guide.settings
        let site = ["site": settings.title]
        func titled(_ key: String) -> String { words.text(key) + " · " + settings.title }
        switch page.content {
        case .index:
            let kinds = Kind.allCases.compactMap { kind -> KindSection? in
                let members = guide.stretches.indices.filter { guide.stretches[$0].kind == kind }
                guard !members.isEmpty else { return nil }
                // A few of each kind; the kind's own list has them all.
                let label = words.kind(kind)
                return KindSection(
                    label: label, slug: kind.rawValue, url: link(Paths.kind(kind), root: root),
                    stretches: members.prefix(settings.indexCards).map { card($0, root: root) },
                    count: members.count, more: members.count > settings.indexCards,
                    allLabel: words.count("kind_all_stretches", members.count, ["label": label]))
            }
            return IndexView(
                common: common(page, root: root, title: settings.title, description: settings.description),
                routines: guide.routines.prefix(Self.homeRoutines).map { routineSummary($0, root: root) },
                kinds: kinds,
                latestArticles: guide.articles.prefix(Self.latestArticles).map { articleSummary($0, root: root) },
                areas: areas(root: root), areasURL: link(Paths.areas, root: root), routineCount: guide.routines.count)
        case .areas:
            return AreasView(
                common: common(
                    page, root: root, title: titled("title_body_areas"),
                    description: words.text("description_body_areas", site)),
                areas: areas(root: root))
        case .programme(let sheet):
            return ProgrammePageView(
                common: common(
                    page, root: root, title: titled(sheet ? "title_programme_sheet" : "title_programme"),
                    description: words.text("description_programme", site)),
                dataURL: root + programmeData.read { $0.name },
                composerURL: link(Paths.programme, root: root), sheetURL: link(Paths.programme + "sheet/", root: root))
        case .notFound:
            return NotFoundView(
                common: common(
                    page, root: root, title: titled("title_not_found"), description: settings.description),
                routines: guide.routines.map { routineSummary($0, root: root) })
        case .stretch(let index):
            let stretch = guide.stretches[index]
            return StretchPageView(
                common: common(
                    page, root: root, title: "\(stretch.title) · \(settings.title)", description: stretch.summary,
                    image: stretch.image,
                    structured: StructuredData.howTo(
                        stretch, guide: guide, imageFile: stretch.image.map(publishedFile))),
                stretch: stretchView(index, root: root))
        case .routine(let index), .sheet(let index):
            let routine = guide.routines[index]
            let isSheet = page.template == "sheet"
            let title =
                (isSheet ? words.text("title_printable_sheet", ["title": routine.title]) : routine.title)
                + " · \(settings.title)"
            let common = common(
                page, root: root, title: title, description: routine.summary,
                image: routine.steps.lazy.compactMap { guide.stretch($0.stretch.slug).image }.first,
                structured: routinePlans.value(index) { StructuredData.exercisePlan(routine, guide: guide) })
            let routineView = routineView(routine, root: root)
            let days = DayView.grid(for: routine.frequency, trackingDays: settings.trackingDays, words: words)
            guard isSheet else { return RoutinePageView(common: common, routine: routineView, trackingDays: days) }
            let online = settings.baseURL + Paths.routine(routine.slug)
            let sheet = SheetRoutineView(
                routine: routineView, cssTitle: cssString("\(routine.title) · \(settings.title)"),
                qrSVG: try? QRCode(encoding: online).svg(title: words.text("qr_code", ["address": online])),
                videoQRSVG: routine.video.flatMap { video in
                    try? QRCode(encoding: video).svg(title: words.text("qr_code", ["address": video]))
                })
            return SheetView(common: common, routine: sheet, trackingDays: days)
        case .group(let index, let number):
            let group = guide.groups[index]
            let name = group.group == .kinds ? words.kind(Kind(rawValue: group.name)!) : group.name
            let heading =
                switch group.group {
                case .targets: words.text("heading_target", ["name": group.name])
                case .kinds: words.text("heading_kind", ["name": name])
                case .equipment: words.text("heading_equipment", ["name": group.name])
                }
            let pageCount = group.pageCount(perPage: settings.perPage)
            let members = group.members(onPage: number, perPage: settings.perPage)
            let ofPages = ofPages(number, of: pageCount)
            return ListPageView(
                common: common(
                    page, root: root, title: "\(heading)\(ofPages) · \(settings.title)",
                    description: words.text(
                        "description_list",
                        [
                            "heading": heading, "count": String(group.members.count), "site": settings.title,
                            "pages": ofPages,
                        ]
                    )),
                list: ListView(
                    title: name.prefix(1).uppercased() + name.dropFirst(), heading: heading,
                    group: group.group.rawValue, slug: group.slug, stretches: members.map { card($0, root: root) },
                    count: group.members.count,
                    pagination: pageCount == 1
                        ? nil
                        : pagination(
                            of: group, page: number, count: pageCount,
                            shown: members.startIndex..<members.endIndex, root: root, total: group.members.count)))
        case .routines(let number):
            let count = guide.routinePageCount
            let shown = guide.routines(onPage: number)
            let ofPages = ofPages(number, of: count)
            var routines: [RoutineSummary] = []
            for index in shown { routines.append(routineSummary(guide.routines[index], root: root)) }
            return RoutinesPageView(
                common: common(
                    page, root: root, title: "\(words.text("routines"))\(ofPages) · \(settings.title)",
                    description: words.text("description_routines", ["site": settings.title, "pages": ofPages])),
                listing: RoutineListing(
                    heading: words.text("routines"), routines: routines, count: guide.routines.count,
                    pagination: count == 1
                        ? nil
                        : pagination(page: number, count: count, shown: shown, root: root, total: guide.routines.count)
                        {
                            Paths.routines(page: $0)
                        }))
        case .stretches(let number):
            let count = guide.stretchPageCount
            let shown = guide.stretches(onPage: number)
            let ofPages = ofPages(number, of: count)
            let stretches = words.text("stretches")
            return ListPageView(
                common: common(
                    page, root: root, title: "\(stretches)\(ofPages) · \(settings.title)",
                    description: words.text(
                        "description_stretches",
                        ["site": settings.title, "count": String(guide.stretches.count), "pages": ofPages])),
                list: ListView(
                    title: stretches, heading: stretches, group: "", slug: "",
                    stretches: shown.map { card($0, root: root) }, count: guide.stretches.count,
                    pagination: count == 1
                        ? nil
                        : pagination(page: number, count: count, shown: shown, root: root, total: guide.stretches.count)
                        {
                            Paths.stretches(page: $0)
                        }))
        case .article(let index):
            let article = guide.articles[index]
            return ArticlePageView(
                common: common(
                    page, root: root, title: "\(article.title) · \(settings.title)", description: article.summary,
                    image: article.image, structured: StructuredData.blogPosting(article, guide: guide)),
                article: articleView(article, root: root))
        case .articles(let number):
            let count = guide.articlePageCount
            let shown = guide.articles(onPage: number)
            let ofPages = ofPages(number, of: count)
            var listing = listingView(heading: words.text("articles"), articles: Array(shown), tag: nil, root: root)
            if count > 1 {
                listing.pagination = pagination(
                    page: number, count: count, shown: shown, root: root, total: guide.articles.count
                ) {
                    Paths.articles(page: $0)
                }
            }
            return ArticlesPageView(
                common: common(
                    page, root: root, title: "\(words.text("articles"))\(ofPages) · \(settings.title)",
                    description: words.text("description_articles", ["site": settings.title, "pages": ofPages])),
                listing: listing)
        case .tag(let index):
            let tag = guide.tags[index]
            let heading = words.text("heading_tag", ["name": tag.name])
            return ArticlesPageView(
                common: common(
                    page, root: root, title: "\(heading) · \(settings.title)",
                    description: words.text(
                        "description_list",
                        ["heading": heading, "count": String(tag.members.count), "site": settings.title, "pages": ""])),
                listing: listingView(heading: heading, articles: tag.members, tag: tag.name, root: root))
        case .plainPage(let index):
            let plain = guide.plainPages[index]
            return PlainPageView(
                common: common(
                    page, root: root, title: "\(plain.title) · \(settings.title)",
                    description: plain.summary ?? settings.description),
                plainPage: PlainPageContent(
                    title: plain.title, summary: plain.summary,
                    body: bodyHTML(plain.body, root: root, folder: Paths.plainPage(plain.slug))))
        case .entry(let index, _):
            return entryView(index, page: page, root: root)
        }
    }

    /// What every page has.
    func common(
        _ page: Page, root: String, title: String, description: String, image: Illustration? = nil,
        structured: String? = nil
    ) -> PageCommon {
        let settings = guide.settings
        let canonical = settings.baseURL + page.folder
        return PageCommon(
            site: SiteView(
                title: settings.title, description: settings.description, language: settings.language,
                baseURL: settings.baseURL, paper: settings.paper.rawValue, themeColor: settings.browserColor.hex,
                accentCSS: settings.accentCSS, siteRoot: settings.siteRoot, languageFolder: settings.languageFolder,
                logo: Self.image(settings.logo, root: root + settings.siteRoot, pictures: pictures)),
            root: root, homeURL: root + Paths.file(""),
            assets: AssetsView(root: root + settings.siteRoot, files: namedAssets),
            buildDate: buildDate,
            page: PageMeta(
                title: title, description: description, canonical: canonical, kind: page.template,
                ogType: page.content == .index || page.content == .notFound || page.content == .areas
                    || page.template == "articles" || page.template == "routines"
                    ? "website" : "article",
                twitterCard: image == nil ? "summary" : "summary_large_image",
                shareMailto: "mailto:?subject=\(percentEncoded(title))&body=\(percentEncoded(canonical))",
                image: image.map { settings.siteURL + publishedFile($0) }, imageAlt: image?.alt, jsonLD: structured),
            feedURL: hasFeed ? root + "feed.xml" : nil, menu: menu(root: root),
            footerPages: guide.plainPages.filter(\.footer).map { menuLink($0, root: root) },
            articlesURL: guide.articles.isEmpty ? nil : link(Paths.articles, root: root),
            routinesURL: link(Paths.routines(page: 1), root: root),
            stretchesURL: link(Paths.stretches(page: 1), root: root),
            buildDateLabel: dateLabel(buildDate), words: words,
            translations: languageVersions?.links(for: page, in: guide, root: root) ?? [])
    }

    /// ` (page 2 of 3)` in a title, from the second page of a list on; nothing on the first.
    func ofPages(_ number: Int, of count: Int) -> String {
        number > 1 ? words.text("title_pages", ["current": String(number), "pages": String(count)]) : ""
    }

    /// The path part of `base_url`: `/` or `/some/sub/path/`.
    var basePath: String {
        let path = URL(string: guide.settings.baseURL)?.path ?? "/"
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// Every byte but ASCII letters, digits and `-._~` as `%XX`.
    private func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        let hex: StaticString = "0123456789ABCDEF"
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
                out.append(byte)
            default:
                out.append(0x25)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Pieces

    func link(_ folder: String, root: String) -> String { root + Paths.file(folder) }

    /// Every body area, in the order of their slugs, with a picture of the first stretch that has one.
    private func areas(root: String) -> [AreaView] {
        guide.groups.filter { $0.group == .targets }.map { group in
            AreaView(
                name: group.name.prefix(1).uppercased() + group.name.dropFirst(), slug: group.slug,
                url: link(group.path(page: 1), root: root), count: group.members.count,
                image: image(group.members.lazy.compactMap { guide.stretches[$0].image }.first, root: root),
                countLabel: words.count("stretch_count", group.members.count))
        }
    }

    func summary(_ stretch: Stretch, root: String) -> StretchSummary {
        Self.summary(stretch, root: root, pictures: pictures, settings: guide.settings, words: words)
    }

    func summary(_ index: Int, root: String) -> StretchSummary { summary(guide.stretches[index], root: root) }

    static func summary(
        _ stretch: Stretch, root: String, pictures: [String: PublishedPicture], settings: SiteSettings, words: Words
    ) -> StretchSummary {
        StretchSummary(
            stretch: stretch, root: root,
            image: image(stretch.image, root: root + settings.siteRoot, pictures: pictures),
            language: settings.language, words: words, doseWords: settings.doseWords)
    }

    /// A picture as published; as the file itself when it is not among the published pictures
    /// (the sample guide of the template check).
    func image(_ illustration: Illustration?, root: String) -> ImageView? {
        Self.image(illustration, root: root + guide.settings.siteRoot, pictures: pictures)
    }

    static func image(_ illustration: Illustration?, root: String, pictures: [String: PublishedPicture]) -> ImageView? {
        guard let illustration else { return nil }
        guard let picture = pictures[illustration.src] else {
            return ImageView(
                url: root + illustration.src, alt: illustration.alt, width: illustration.width,
                height: illustration.height, printURL: root + illustration.src, printWidth: illustration.width,
                printHeight: illustration.height)
        }
        // An SVG whose header gives no size is shown without one.
        func size(_ value: Int) -> Int? { value > 0 ? value : nil }
        let shown = picture.largest
        let print = picture.print
        return ImageView(
            url: root + picture.fallback[min(1, picture.fallback.count - 1)].file, alt: illustration.alt,
            width: size(shown.width), height: size(shown.height),
            srcset: picture.isVector ? nil : PictureMarkup.srcset(picture.fallback, root: root),
            webpSrcset: picture.isVector ? nil : PictureMarkup.srcset(picture.webp, root: root),
            printURL: root + print.file, printWidth: size(print.width), printHeight: size(print.height))
    }

    /// A play button for a YouTube or Vimeo `video`; nil for other addresses, shown as a link.
    private func videoPlayer(_ video: String?, poster: Illustration?, title: String, root: String) -> VideoView? {
        guard let video, let embed = VideoEmbed(video) else { return nil }
        return VideoView(
            url: video, host: embed.host.rawValue, playerURL: embed.playerURL,
            title: words.text("video_title", ["title": title]), poster: image(poster, root: root),
            loadsFrom: words.text("video_loads_from", ["host": embed.host.rawValue]),
            watchOn: words.text("watch_on", ["host": embed.host.rawValue]))
    }

    /// The published file of a picture for other sites to show (Open Graph, structured data):
    /// the widest JPEG or PNG.
    func publishedFile(_ illustration: Illustration) -> String {
        pictures[illustration.src]?.largest.file ?? illustration.src
    }

    /// A stretch's card, already rendered when it was rendered ahead.
    func card(_ index: Int, root: String) -> Card {
        guard let renderedCards else {
            return Card(summary: summary(index, root: root), rendered: nil, render: renderCard)
        }
        let (stretch, pictures, settings, words) = (guide.stretches[index], pictures, guide.settings, words)
        return Card(
            summary: { Self.summary(stretch, root: root, pictures: pictures, settings: settings, words: words) },
            rendered: Self.card(renderedCards(index), at: root), render: renderCard)
    }

    /// The links between a list's pages: previous and next, the first and last page, and the two
    /// on each side of this one, with a gap where numbers are left out.
    private func pagination(
        of group: StretchGroup, page number: Int, count: Int, shown: Range<Int>, root: String, total: Int
    ) -> PaginationView {
        pagination(page: number, count: count, shown: shown, root: root, total: total) { group.path(page: $0) }
    }

    /// The same for any list of `total` items whose page `n` is in the folder `folder(n)`.
    func pagination(
        page number: Int, count: Int, shown: Range<Int>, root: String, total: Int, folder: (Int) -> String
    ) -> PaginationView {
        func url(_ page: Int) -> String { link(folder(page), root: root) }
        var pages: [PageNumberView] = []
        var last = 0
        for page in 1...count where page == 1 || page == count || abs(page - number) <= 2 {
            if page > last + 1 { pages.append(PageNumberView(number: 0, url: "", current: false, gap: true)) }
            pages.append(PageNumberView(number: page, url: url(page), current: page == number, gap: false))
            last = page
        }
        return PaginationView(
            current: number, count: count, firstShown: shown.lowerBound + 1, lastShown: shown.upperBound,
            previousURL: number > 1 ? url(number - 1) : nil, nextURL: number < count ? url(number + 1) : nil,
            pages: pages,
            summary: words.text(
                "pagination_summary",
                [
                    "first": String(shown.lowerBound + 1), "last": String(shown.upperBound), "total": String(total),
                    "current": String(number), "pages": String(count),
                ]))
    }

    private func stretchView(_ index: Int, root: String) -> StretchView {
        let stretch = guide.stretches[index]
        let steps = [PlayerData.Step(stretch: stretch, dose: stretch.dose)]
        // Loops rather than closures, which would each hold a copy of this builder.
        var related: [Card] = []
        // A translation's related stretch it has not translated has no card in its language.
        for link in stretch.related {
            if let index = guide.stretchIndex[link.slug] { related.append(card(index, root: root)) }
        }
        // Read in place: a copy of each routine would retain all of its fields.
        var routines: [RoutineLink] = []
        for routine in guide.routinesUsing[stretch.slug] ?? [] {
            routines.append(
                RoutineLink(
                    title: guide.routines[routine].title,
                    url: link(Paths.routine(guide.routines[routine].slug), root: root)))
        }
        return StretchView(
            summary: summary(index, root: root),
            equipment: NamedLink.list(stretch.equipment, in: .equipment, root: root, language: guide.settings.language),
            body: bodyHTML(stretch.body, root: root, folder: Paths.stretch(stretch.slug)),
            cues: stretch.cues, cautions: stretch.cautions, video: stretch.video,
            videoPlayer: videoPlayer(stretch.video, poster: stretch.videoPoster, title: stretch.title, root: root),
            related: related, routines: routines,
            totalTime: words.duration(guide.totalSeconds(of: stretch)),
            playerJSON: PlayerData.json(
                kind: "stretch", title: stretch.title,
                historyKey: guide.settings.baseURL + Paths.stretch(stretch.slug), sheetURL: nil, steps: steps,
                settings: guide.settings, root: root,
                imageURL: { [pictures, site = root + guide.settings.siteRoot] in
                    Self.image($0, root: site, pictures: pictures)!.url
                }))
    }

    func routineSummary(_ routine: Routine, root: String) -> RoutineSummary {
        RoutineSummary(
            title: routine.title, summary: routine.summary, url: link(Paths.routine(routine.slug), root: root),
            sheetURL: link(Paths.sheet(routine.slug), root: root),
            totalTime: totalTimes.value(routine.slug) { words.totalTime(of: routine, in: guide) },
            stepCount: routine.steps.count, stepCountLabel: words.count("step_count", routine.steps.count))
    }

    /// The root a step's stretch page is under: the site's first language's for a stretch this
    /// translation has not translated (`Guide.borrowed`).
    func stepRoot(_ step: Step, root: String) -> String {
        guide.isBorrowed(step.stretch.slug) ? root + guide.settings.siteRoot : root
    }

    /// The language a step's stretch is shown in, when it is not the page's: its name in the
    /// page's language (`Englisch`), for the note beside the step.
    func stepLanguage(_ step: Step) -> StepLanguage? {
        guard guide.isBorrowed(step.stretch.slug), let first = guide.borrowedLanguage else { return nil }
        return StepLanguage(code: first, name: ContentLanguage.name(of: first, in: guide.settings.language))
    }

    private func routineView(_ routine: Routine, root: String) -> RoutineView {
        var allCautions = routine.cautions
        let steps = routine.steps.enumerated().map { number, step in
            let stretch = guide.stretch(step.stretch.slug)
            for caution in stretch.cautions where !allCautions.contains(caution) { allCautions.append(caution) }
            return StepView(
                number: number + 1, title: stretch.title, summary: stretch.summary,
                url: link(Paths.stretch(stretch.slug), root: stepRoot(step, root: root)),
                dose: guide.dose(of: step).text(in: guide.settings.doseWords),
                note: step.note, language: stepLanguage(step), cues: stretch.cues, cautions: stretch.cautions,
                image: image(stretch.image, root: root),
                videoPlayer: videoPlayer(
                    stretch.video, poster: stretch.videoPoster, title: stretch.title, root: root),
                cautionsLabel: words.text("cautions_for", ["title": stretch.title]))
        }
        let playerSteps = routine.steps.map {
            PlayerData.Step(
                stretch: guide.stretch($0.stretch.slug), dose: guide.dose(of: $0), note: $0.note,
                pageRoot: guide.isBorrowed($0.stretch.slug) ? guide.settings.siteRoot : "")
        }
        let body = bodyHTML(routine.body, root: root, folder: Paths.routine(routine.slug))
        let intro = routine.body.firstParagraph
        var pageIntro = ""
        var bodyAfterIntro = body
        if !intro.isEmpty {
            let shown = PictureMarkup.rewriteBody(
                intro, links: routine.body.links, folder: Paths.routine(routine.slug),
                root: root + guide.settings.siteRoot, pictures: pictures)
            if let found = body.range(of: shown) {
                pageIntro = shown
                bodyAfterIntro.removeSubrange(found)
                if bodyAfterIntro.allSatisfy(\.isWhitespace) { bodyAfterIntro = "" }
            }
        }
        return RoutineView(
            summary: routineSummary(routine, root: root), warmup: routine.warmup, steps: steps, body: body,
            intro: intro, pageIntro: pageIntro, bodyAfterIntro: bodyAfterIntro,
            frequency: routine.frequency.map(words.frequency),
            cautions: routine.cautions, allCautions: allCautions, video: routine.video,
            videoPlayer: videoPlayer(routine.video, poster: routine.videoPoster, title: routine.title, root: root),
            date: routine.date, dateLabel: routine.date.map(dateLabel),
            onlineURL: guide.settings.baseURL + Paths.routine(routine.slug),
            pdfURL: withPDFs || keptPDFs.contains(routine.slug) ? root + Paths.sheetPDF(routine.slug) : nil,
            playerJSON: {
                [pictures, settings = guide.settings, sheetURL = link(Paths.sheet(routine.slug), root: root)] in
                PlayerData.json(
                    kind: "routine", title: routine.title,
                    historyKey: settings.baseURL + Paths.routine(routine.slug), sheetURL: sheetURL,
                    steps: playerSteps, settings: settings, root: root,
                    imageURL: { Self.image($0, root: root + settings.siteRoot, pictures: pictures)!.url })
            })
    }
}

extension Theme {
    /// Every page of `guide` rendered, as a build without a feed renders it, PDF links included
    /// (for the fuzzer, which checks what content can do to a page).
    package func renderPages(of guide: Guide, buildDate: String) -> [(page: Page, html: String)] {
        let builder = ViewBuilder(guide: guide, theme: self, buildDate: buildDate, withPDFs: true)
        return guide.pages.map { ($0, render($0.template, builder.view(for: $0))) }
    }
}

/// Text made safe to stand inside a double-quoted CSS string in a `<style>` element.
func cssString(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "<": out += "\\3C "
        case ">": out += "\\3E "
        case "&": out += "\\26 "
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// `style_css` for `style.css`, `icons_logo_svg` for `icons/logo.svg`: a name templates can use.
func assetKey(_ file: String) -> String {
    String(file.map { $0 == "." || $0 == "/" || $0 == "-" ? "_" : $0 })
}
