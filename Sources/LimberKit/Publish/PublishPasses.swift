/// The three passes every upload makes, so that a publish stopped at any moment leaves a site
/// where each page that is online links only to files that are online: first the new and changed
/// files that pages point to (pictures, styles, scripts, PDFs), then the pages and the lists that
/// lead to them (sitemap, feed), and last the removal of files that the site no longer has.
public struct PublishPasses: Sendable, Equatable {
    /// New and changed files that pages point to.
    public var files: [String] = []
    /// New and changed pages, `sitemap.xml`, feeds and the other files readers arrive at: the new
    /// ones first, which no page online links to yet, then those already online, which then
    /// start to link to them.
    public var pages: [String] = []
    /// How many of `pages` are new.
    public var newPages = 0
    /// Files an earlier publish of this site put there that the site no longer has.
    public var removals: [String] = []

    public init(files: [String] = [], pages: [String] = [], removals: [String] = []) {
        self.files = files
        self.pages = pages
        self.removals = removals
    }

    /// The passes for `changed` files (new or different on the remote) and `gone` files (on the
    /// remote, not in the site); only files in `published` (what earlier publishes of this site
    /// put there) are ever removed: the rest of the remote folder is the owner's.
    init(changed: some Sequence<String>, new: Set<String>, gone: some Sequence<String>, published: Set<String>) {
        var changedPages: [String] = []
        for file in Set(changed).union(new).sorted() {
            if !Paths.isPage(file) {
                files.append(file)
            } else if new.contains(file) {
                pages.append(file)
            } else {
                changedPages.append(file)
            }
        }
        newPages = pages.count
        pages += changedPages
        removals = Set(gone).intersection(published).sorted()
    }

    /// The pages in the order they go up: new ones, then changed ones.
    var pageGroups: [(name: String, files: [String])] {
        [("new pages", Array(pages[..<newPages])), ("pages", Array(pages[newPages...]))]
    }

    public var isEmpty: Bool { files.isEmpty && pages.isEmpty && removals.isEmpty }

    /// Whether a file's name carries a hash of its bytes (`style.3f9c2a1b.css`): it never changes
    /// under that name, so hosts may cache it for a year.
    static func isHashed(_ file: String) -> Bool {
        let name = file.split(separator: "/").last ?? ""
        let parts = name.split(separator: ".")
        return parts.count >= 3
            && parts.dropFirst().dropLast().contains { part in
                part.count >= 8 && part.allSatisfy { $0.isHexDigit && !$0.isUppercase }
            }
    }

    /// The passes as `--dry-run` prints them.
    public var lines: [String] {
        func list(_ title: String, _ files: [String]) -> [String] {
            ["\(title): \(files.count)"] + files.map { "  " + $0 }
        }
        return list("1. files pages point to, new or changed", files) + list("2. pages, new or changed", pages)
            + list("3. removals", removals)
    }
}
