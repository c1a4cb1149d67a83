/// One page of the built site.
public struct Page: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case index
        case stretch(Int)
        case routine(Int)
        case sheet(Int)
        /// Page `page` (from 1) of the list of `Guide.groups[index]`.
        case group(Int, page: Int)
        case article(Int)
        /// Page `page` (from 1) of every article, newest first.
        case articles(page: Int)
        case tag(Int)
        case plainPage(Int)
        /// `404.html`, which hosts serve for any missing path.
        case notFound
        /// `targets/index.html`: every body area, to browse by.
        case areas
        /// Page `page` (from 1) of every routine.
        case routines(page: Int)
        /// Page `page` (from 1) of every stretch, rendered as a `list`.
        case stretches(page: Int)
        /// `Guide.entries[index]`, a file of a content type without a model of its own, with its
        /// kind's template.
        case entry(Int, template: String)
        /// `programme/index.html`: the composer of a patient's programme, and the programme itself
        /// when its address carries one; `sheet` for the programme's printable sheet.
        case programme(sheet: Bool)
    }

    public var content: Content
    /// The page's folder relative to the site's root, `""` for the index, else ending in `/`.
    public var folder: String

    /// Where the page is written, relative to the output folder.
    public var file: String { content == .notFound ? "404.html" : Paths.file(folder) }

    /// The template that renders it.
    public var template: String {
        switch content {
        case .index: "index"
        case .stretch: "stretch"
        case .routine: "routine"
        case .sheet: "sheet"
        case .group, .stretches: "list"
        case .routines: "routines"
        case .article: "article"
        case .articles, .tag: "articles"
        case .plainPage: "page"
        case .notFound: "404"
        case .areas: "areas"
        case .entry(_, let template): template
        case .programme(let sheet): sheet ? "programme-sheet" : "programme"
        }
    }

    /// `../` once for every folder level: the way back to the site's root.
    public var root: String { String(repeating: "../", count: folder.utf8.count(where: { $0 == UInt8(ascii: "/") })) }

    /// The home page.
    static let index = Page(content: .index, folder: "")
    static let notFound = Page(content: .notFound, folder: "")
    /// Every body area.
    static let areas = Page(content: .areas, folder: Paths.areas)
    /// The programme composer, and a programme's sheet.
    static let programme = Page(content: .programme(sheet: false), folder: Paths.programme)
    static let programmeSheet = Page(content: .programme(sheet: true), folder: Paths.programme + "sheet/")
}

/// Where each kind of page lives: every page's folder and file is named here, for the pages, the
/// links between them and the planner of rebuilds alike.
enum Paths {
    /// Whether an output file is a page or a list that leads to pages (sitemap, feed, manifest):
    /// what a reader arrives at. Updating a site in place puts these after the files they point to.
    static func isPage(_ file: String) -> Bool {
        file.hasSuffix(".html") || file.hasSuffix(".xml") || file.hasSuffix(".json") || file.hasSuffix(".txt")
            || file.hasSuffix(".webmanifest") || file == "CNAME" || file == ".nojekyll"
    }

    /// The file written for a page's folder, which links name too so the site works from disk.
    static func file(_ folder: String) -> String { folder + "index.html" }
    /// The list of a target, kind or piece of equipment: `targets/hip-flexors/`.
    static func list(_ group: StretchGroup.Group, slug: String) -> String { "\(group.rawValue)/\(slug)/" }
    /// A kind's list.
    static func kind(_ kind: Kind) -> String { list(.kinds, slug: kind.rawValue) }
    static func stretch(_ slug: String) -> String { "stretches/\(slug)/" }
    /// Every body area.
    static let areas = "targets/"
    /// The programme composer.
    static let programme = "programme/"
    static func routine(_ slug: String) -> String { "routines/\(slug)/" }
    static func sheet(_ slug: String) -> String { "routines/\(slug)/sheet/" }
    /// The sheet printed to PDF, a file rather than a folder.
    static func sheetPDF(_ slug: String) -> String { "routines/\(slug)/\(slug).pdf" }
    static func article(_ slug: String) -> String { "articles/\(slug)/" }
    static let articles = "articles/"
    /// Page `number` of the list of every article: the first at `articles/`, the others at `articles/page/N/`.
    static func articles(page number: Int) -> String { number == 1 ? articles : articles + "page/\(number)/" }
    static func tag(_ slug: String) -> String { "tags/\(slug)/" }
    /// Page `number` of the list of every routine: the first at `routines/`, the others at `routines/page/N/`.
    static func routines(page number: Int) -> String { number == 1 ? "routines/" : "routines/page/\(number)/" }
    /// Page `number` of the list of every stretch: the first at `stretches/`, the others at `stretches/page/N/`.
    static func stretches(page number: Int) -> String { number == 1 ? "stretches/" : "stretches/page/\(number)/" }
    static func plainPage(_ slug: String) -> String { "\(slug)/" }
}

/// The names at the top of the output that Limber writes itself: a page's slug may not be one.
enum TopLevel {
    /// Folders and files the build writes at the top besides each content type's folder (and the
    /// top folders of `content/`'s assets, such as `images`).
    static let generated = [
        "targets", "kinds", "equipment", "tags", "images", "page", "static", "assets", "search", "feed", "feed.xml",
        "sitemap.xml", "robots.txt", "404.html", "index.html", "sw.js", "service-worker.js", "manifest.webmanifest",
        "offline", "programme",
    ]

    /// Every name at the top taken by the build of a site of `kinds`.
    static func reserved(_ kinds: [ContentKind] = ContentKind.builtIn) -> [String] {
        kinds.map(\.folder) + generated
    }

    /// Errors for pages whose slug is taken by what the build writes at the top of the output.
    static func collisions(
        _ pages: [PlainPage], assets: [String], kinds: [ContentKind] = ContentKind.builtIn,
        translations: [String] = []
    ) -> [Diagnostic] {
        let taken = Set(reserved(kinds) + translations + assets.map { String($0.split(separator: "/")[0]) })
        // A translation's folder (`de/`) is the build's: a file under `content/de/` would land in it.
        let inTranslations = assets.filter { asset in
            translations.contains { asset.hasPrefix($0 + "/") }
        }.map { asset in
            Diagnostic.error(
                at: SourceLocation(path: "content/" + asset, line: 1, column: 1),
                "the file would be published in the folder of the site's translation '\(asset.prefix { $0 != "/" })/'",
                note: "move it into a folder such as images/")
        }
        return inTranslations
            + pages.filter { taken.contains($0.slug) }.map { page in
                var suggestion = "about-\(page.slug)"
                if taken.contains(suggestion) { suggestion = "\(page.slug)-page" }
                return .error(
                    at: page.slugLocation, "the page slug '\(page.slug)' is taken by the site's own '\(page.slug)/'",
                    note: "give the page another slug, like 'slug: \(suggestion)'")
            }
    }
}

extension StretchGroup {
    /// How many pages its list takes, `perPage` cards to a page.
    public func pageCount(perPage: Int) -> Int { max(1, (members.count + perPage - 1) / perPage) }

    /// The folder of page `number` of its list: the first at `path`, the others at `path/page/N/`.
    public func path(page number: Int) -> String { number == 1 ? path : path + "page/\(number)/" }

    /// The members on page `number` of its list.
    public func members(onPage number: Int, perPage: Int) -> ArraySlice<Int> {
        let start = min((number - 1) * perPage, members.count)
        return members[start..<min(start + perPage, members.count)]
    }
}

extension Guide {
    /// How many pages the list of every article takes, `per_page` to a page.
    public var articlePageCount: Int { max(1, (articles.count + settings.perPage - 1) / settings.perPage) }

    /// The articles (indices) on page `number` of their list.
    public func articles(onPage number: Int) -> Range<Int> {
        let start = min((number - 1) * settings.perPage, articles.count)
        return start..<min(start + settings.perPage, articles.count)
    }

    /// How many pages the list of every routine takes, `per_page` to a page.
    public var routinePageCount: Int { max(1, (routines.count + settings.perPage - 1) / settings.perPage) }

    /// The routines (indices) on page `number` of their list.
    public func routines(onPage number: Int) -> Range<Int> {
        let start = min((number - 1) * settings.perPage, routines.count)
        return start..<min(start + settings.perPage, routines.count)
    }

    /// How many pages the list of every stretch takes, `per_page` to a page.
    public var stretchPageCount: Int { max(1, (stretches.count + settings.perPage - 1) / settings.perPage) }

    /// The stretches (indices) on page `number` of their list, in the guide's order.
    public func stretches(onPage number: Int) -> Range<Int> {
        let start = min((number - 1) * settings.perPage, stretches.count)
        return start..<min(start + settings.perPage, stretches.count)
    }

    /// The pages of the lists of every routine and every stretch. Each has a first page even when
    /// empty: every page's menu links to both, and a guide's first routine changes no other page.
    var wholeListPages: [Page] { routineListPages + stretchListPages }

    var routineListPages: [Page] {
        (1...routinePageCount).map { Page(content: .routines(page: $0), folder: Paths.routines(page: $0)) }
    }

    var stretchListPages: [Page] {
        (1...stretchPageCount).map { Page(content: .stretches(page: $0), folder: Paths.stretches(page: $0)) }
    }

    /// Page `number` (from 1) of the list of `groups[index]`.
    func listPage(_ index: Int, page number: Int) -> Page {
        Page(content: .group(index, page: number), folder: groups[index].path(page: number))
    }

    /// Every page the guide makes, in a fixed order.
    public var pages: [Page] {
        var pages = [Page.index]
        pages += stretches.indices.map { Page(content: .stretch($0), folder: Paths.stretch(stretches[$0].slug)) }
        for index in routines.indices {
            pages.append(Page(content: .routine(index), folder: Paths.routine(routines[index].slug)))
            pages.append(Page(content: .sheet(index), folder: Paths.sheet(routines[index].slug)))
        }
        for (index, group) in groups.enumerated() {
            for number in 1...group.pageCount(perPage: settings.perPage) { pages.append(listPage(index, page: number)) }
        }
        if !articles.isEmpty {
            for number in 1...articlePageCount {
                pages.append(Page(content: .articles(page: number), folder: Paths.articles(page: number)))
            }
            pages += articles.indices.map { Page(content: .article($0), folder: Paths.article(articles[$0].slug)) }
            pages += tags.indices.map { Page(content: .tag($0), folder: Paths.tag(tags[$0].slug)) }
        }
        pages += plainPages.indices.map { Page(content: .plainPage($0), folder: Paths.plainPage(plainPages[$0].slug)) }
        pages += entries.indices.map {
            Page(content: .entry($0, template: entries[$0].template), folder: entries[$0].folder)
        }
        pages.append(.areas)
        pages += [.programme, .programmeSheet]
        pages += wholeListPages
        pages.append(.notFound)
        return pages
    }
}
