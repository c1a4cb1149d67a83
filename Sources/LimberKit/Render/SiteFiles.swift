import Foundation

/// One entry of the feed: a content type's dated file (`ContentKind.feed`).
struct FeedEntry: Sendable {
    var title: String
    var summary: String
    /// Its page's folder; the whole address once in the feed.
    var url: String
    var date: String
    /// An article's `date` when it was `updated` since.
    var published: String? = nil
    var author: String? = nil
}

/// The files beside the pages that search engines and feed readers read: `sitemap.xml`,
/// `robots.txt` and the Atom feed `feed.xml`. Every URL in them is absolute, under `base_url`.
enum SiteFiles {
    /// Every page but 404, with the day it last changed (`lastmod`): its content's `date`, else the
    /// last commit of its file (`history`); for the index and lists, the newest of what they show.
    static func sitemap(_ guide: Guide, pages: [Page], history: [String: String]) -> String {
        sitemap([(guide, pages)], history: history)
    }

    /// The sitemap of a guide in several languages: each language's pages, each with its versions
    /// in the others as `xhtml:link` alternates (`versions`).
    static func sitemap(
        _ guides: [(Guide, [Page])], history: [String: String], versions: LanguageVersions? = nil
    ) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
        if versions != nil { xml += " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"" }
        xml += ">\n"
        for (guide, pages) in guides { urls(guide, pages: pages, history: history, versions: versions, into: &xml) }
        return xml + "</urlset>\n"
    }

    /// One language's `<url>` entries.
    private static func urls(
        _ guide: Guide, pages: [Page], history: [String: String], versions: LanguageVersions?, into xml: inout String
    ) {
        let stretchDates = guide.stretches.map { $0.date ?? history[$0.sourcePath] }
        let routineDates = guide.routines.map { $0.date ?? history[$0.sourcePath] }
        let articleDates = guide.articles.map { $0.updated ?? $0.date }
        let newest = (stretchDates + routineDates + articleDates).compactMap { $0 }.max()
        let base = escapeXML(guide.settings.baseURL)
        xml.reserveCapacity(xml.utf8.count + pages.count * (base.utf8.count + 80))
        // Content types that keep their pages out of it (`ContentKind.inSitemap`).
        let unlisted = Set(guide.kinds.filter { !$0.inSitemap }.map(\.folder))
        // A programme's sheet shows nothing without a programme in its address.
        for page in pages where page.content != .notFound && page.content != .programme(sheet: true) {
            if !unlisted.isEmpty, let kind = kindFolder(of: page, in: guide), unlisted.contains(kind) { continue }
            let date: String? =
                switch page.content {
                case .index, .notFound, .areas, .programme: newest
                case .stretch(let index): stretchDates[index]
                case .routine(let index), .sheet(let index): routineDates[index]
                case .group(let index, let number):
                    guide.groups[index].members(onPage: number, perPage: guide.settings.perPage)
                        .compactMap { stretchDates[$0] }.max()
                case .article(let index): articleDates[index]
                case .articles(let number): guide.articles(onPage: number).map { articleDates[$0] }.max()
                case .tag(let index): guide.tags[index].members.map { articleDates[$0] }.max()
                case .plainPage(let index): history[guide.plainPages[index].sourcePath]
                case .routines(let number): guide.routines(onPage: number).compactMap { routineDates[$0] }.max()
                case .stretches(let number): guide.stretches(onPage: number).compactMap { stretchDates[$0] }.max()
                case .entry(let index, _):
                    guide.entries[index].date ?? history[guide.entries[index].sourcePath]
                }
            xml += "  <url><loc>"
            xml += base
            xml += escapeXML(page.folder)
            xml += "</loc>"
            if let date {
                xml += "<lastmod>"
                xml += date
                xml += "</lastmod>"
            }
            for (language, url) in versions?.alternates(for: page, in: guide) ?? [] {
                xml += "<xhtml:link rel=\"alternate\" hreflang=\"\(language)\" href=\"\(escapeXML(url))\"/>"
            }
            xml += "</url>\n"
        }
    }

    /// The folder of the content type a page is made from (`ContentKind.folder`); nil for the
    /// pages made from the guide as a whole.
    static func kindFolder(of page: Page, in guide: Guide) -> String? {
        switch page.content {
        case .stretch: ContentKind.stretches.folder
        case .routine, .sheet: ContentKind.routines.folder
        case .article: ContentKind.articles.folder
        case .plainPage: ContentKind.pages.folder
        case .entry(let index, _): guide.entries[index].kind
        case .index, .group, .articles, .tag, .notFound, .areas, .routines, .stretches, .programme: nil
        }
    }

    static func robots(_ guide: Guide) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(guide.settings.baseURL)sitemap.xml\n"
    }

    /// The files beside the pages: the sitemap, robots.txt and the feed.
    static let names: Set<String> = [
        "sitemap.xml", "robots.txt", "feed.xml", Offline.manifestName, Offline.workerName, CardIndex.fileName,
        CardIndex.cuesFileName,
    ]

    /// Whether the guide has a feed: whether a content type in the feed (`ContentKind.inFeed`) has
    /// a dated file: an article, a routine or stretch with a `date`.
    static func hasFeed(_ guide: Guide) -> Bool {
        let has = guide.kinds.contains { $0.inFeed && $0.hasFeedEntries(guide) }
        assert(
            has == guide.kinds.contains { $0.inFeed && !$0.feed(guide).isEmpty },
            "a kind says its feed has entries when it has none, or none when it has")
        return has
    }

    /// How many entries the feed has at most: the newest. Feed readers fetch the feed often and
    /// want what is new; a guide of thousands of dated stretches would otherwise make a feed of
    /// megabytes.
    static let feedEntries = 50

    /// The first `count` of `items` in the order `isBefore` gives (a strict total order), in that
    /// order: most items are compared once, with the last of those kept so far. With every dated
    /// stretch of a guide of 10,000 sorted to keep 50, the feed took 8 ms of CPU; now 4.9 ms.
    static func top<Item>(_ count: Int, of items: [Item], by isBefore: (Item, Item) -> Bool) -> [Item] {
        var kept: [Item] = []
        kept.reserveCapacity(count + 1)
        for item in items {
            if kept.count == count, let last = kept.last, !isBefore(item, last) { continue }
            let place = kept.firstIndex { isBefore(item, $0) } ?? kept.endIndex
            kept.insert(item, at: place)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    /// The newest `feedEntries` articles, and routines and stretches that have a `date`, newest
    /// first (an article by its `updated` day when it has one); nil when there is none.
    static func feed(_ guide: Guide) -> String? {
        let base = guide.settings.baseURL
        // Newest first, by the page's folder when two have the same day: every URL starts with
        // the base, which is added to the entries kept.
        var entries = top(
            feedEntries, of: guide.kinds.filter(\.inFeed).flatMap { $0.feed(guide) },
            by: { ($0.date, $1.url) > ($1.date, $0.url) })
        for index in entries.indices { entries[index].url = base + entries[index].url }
        guard let newest = entries.first?.date else { return nil }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(escapeXML(guide.settings.title))</title>\n"
        if !guide.settings.description.isEmpty {
            xml += "  <subtitle>\(escapeXML(guide.settings.description))</subtitle>\n"
        }
        xml += "  <link href=\"\(escapeXML(base))\"/>\n  <link rel=\"self\" href=\"\(escapeXML(base))feed.xml\"/>\n"
        xml += "  <id>\(escapeXML(base))</id>\n  <updated>\(newest)T00:00:00Z</updated>\n"
        xml += "  <author><name>\(escapeXML(guide.settings.title))</name></author>\n"
        for entry in entries {
            xml +=
                "  <entry>\n    <title>\(escapeXML(entry.title))</title>\n    <link href=\"\(escapeXML(entry.url))\"/>\n"
            xml += "    <id>\(escapeXML(entry.url))</id>\n    <updated>\(entry.date)T00:00:00Z</updated>\n"
            if let published = entry.published { xml += "    <published>\(published)T00:00:00Z</published>\n" }
            if let author = entry.author { xml += "    <author><name>\(escapeXML(author))</name></author>\n" }
            xml += "    <summary>\(escapeXML(entry.summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
