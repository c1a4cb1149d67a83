import LimberTemplates

/// Where each page of a guide in several languages (`languages:`) is in each language: what the
/// language switcher, the `hreflang` links and the sitemap's alternates are made from.
///
/// A page and its translation are the same file in two languages (`hip-flexor.md` and
/// `hip-flexor.de.md`, whatever their slugs), or, for the pages every language has (the home
/// page, the lists), the same folder.
struct LanguageVersions: Sendable {
    /// The site's languages, its first first.
    let languages: [String]
    /// `base_url` of the whole site.
    let siteURL: String
    /// By page (`key(of:in:)`): its folder in each language that has it, relative to that
    /// language's root.
    private var folders: [String: [String: String]] = [:]

    /// The pages of each language's guide, the site's first language first.
    init(_ guides: [(guide: Guide, pages: [Page])]) {
        languages = guides.map(\.guide.settings.language)
        siteURL = guides.first?.guide.settings.siteURL ?? "/"
        for (guide, pages) in guides {
            for page in pages where page.content != .notFound {
                folders[Self.key(of: page, in: guide), default: [:]][guide.settings.language] = page.folder
            }
        }
    }

    /// What a page is the same page as in another language.
    static func key(of page: Page, in guide: Guide) -> String {
        func file(_ path: String) -> String { "file:" + ContentLanguage.original(of: path) }
        switch page.content {
        case .stretch(let index): return file(guide.stretches[index].sourcePath)
        case .routine(let index): return file(guide.routines[index].sourcePath)
        case .sheet(let index): return file(guide.routines[index].sourcePath) + "#sheet"
        case .article(let index): return file(guide.articles[index].sourcePath)
        case .plainPage(let index): return file(guide.plainPages[index].sourcePath)
        case .entry(let index, _): return file(guide.entries[index].sourcePath)
        default: return "folder:" + page.folder
        }
    }

    /// The address of `folder` in `language`, from a page whose way back to its own language's
    /// root is `root` in a guide of `settings`.
    private func address(of folder: String, in language: String, root: String, settings: SiteSettings) -> String {
        root + settings.siteRoot + folderPrefix(language) + Paths.file(folder)
    }

    private func folderPrefix(_ language: String) -> String { language == languages.first ? "" : language + "/" }

    /// The page's folder in each language that has it, in the site's order; empty when only one
    /// has it.
    private func versions(of page: Page, in guide: Guide) -> [(language: String, folder: String)] {
        guard page.content != .notFound, let found = folders[Self.key(of: page, in: guide)], found.count > 1 else {
            return []
        }
        return languages.compactMap { language in found[language].map { (language, $0) } }
    }

    /// The page in each language that has it, for its switcher and `hreflang` links.
    func links(for page: Page, in guide: Guide, root: String) -> [LanguageLink] {
        versions(of: page, in: guide).map { language, folder in
            LanguageLink(
                code: language, name: ContentLanguage.name(of: language),
                url: address(of: folder, in: language, root: root, settings: guide.settings),
                absoluteURL: siteURL + folderPrefix(language) + folder,
                isCurrent: language == guide.settings.language)
        }
    }

    /// The page's absolute address in each language that has it, for the sitemap.
    func alternates(for page: Page, in guide: Guide) -> [(language: String, url: String)] {
        versions(of: page, in: guide).map { ($0.language, siteURL + folderPrefix($0.language) + $0.folder) }
    }
}

/// One language's version of a page: `translations` on every page of a guide in several languages.
struct LanguageLink: TemplateView {
    var code: String
    /// In the language itself: `Deutsch`.
    var name: String
    /// From the page.
    var url: String
    /// For `hreflang` links.
    var absoluteURL: String
    /// The page itself.
    var isCurrent: Bool

    static let fields: ViewFields<Self> = [
        "code": .text { $0.code },
        "name": .text { $0.name },
        "url": .text { $0.url },
        "absolute_url": .text { $0.absoluteURL },
        "current": .flag { $0.isCurrent },
    ]
}
