import Foundation

/// Checks the links and images in Markdown bodies: only web addresses and the site's own pages and
/// files, and links to other stretches and routines that exist.
enum LinkCheck {
    static let allowedSchemes = ["http", "https", "mailto"]

    /// `failedStretches`: stretches whose files have errors of their own, so links to them are not
    /// reported again. `unchecked`: the bodies of files with errors, checked all the same.
    static func check(
        _ guide: Guide, failedStretches: Set<String> = [], unchecked: [UncheckedReferences] = []
    ) -> [Diagnostic] {
        // The guide's own indexes answer whether a page is there; the sorted slugs are made for
        // a suggestion only.
        @Sendable func isStretch(_ slug: String) -> Bool {
            guide.stretchIndex[slug] != nil || failedStretches.contains(slug)
        }
        @Sendable func isRoutine(_ slug: String) -> Bool { guide.routineIndex[slug] != nil }
        var groups = Set(guide.groups.map { $0.path })
        groups.formUnion(guide.articles.map { Paths.article($0.slug) })
        groups.formUnion(guide.tags.map { Paths.tag($0.slug) })
        groups.formUnion(guide.plainPages.map { Paths.plainPage($0.slug) })
        groups.formUnion(guide.entries.map(\.folder))
        groups.formUnion(guide.wholeListPages.map(\.folder))
        for number in guide.articles.isEmpty ? [] : Array(1...guide.articlePageCount) {
            groups.insert(Paths.articles(page: number))
        }
        let assets = Set(guide.assets)
        let pages = groups
        @Sendable func check(
            links: [RenderedMarkdown.Link], frames: [RenderedMarkdown.Link], path: String, folder: String
        ) -> [Diagnostic] {
            var diagnostics: [Diagnostic] = []
            for frame in frames {
                let video =
                    VideoEmbed(frame.destination) != nil ? "'video: \(frame.destination)'" : "'video: https://…'"
                diagnostics.append(
                    .warning(
                        at: SourceLocation(path: path, line: frame.line, column: frame.column),
                        "an <iframe> is left out of the page: raw HTML is off",
                        note: "for a YouTube or Vimeo video, write \(video) in the front matter"))
            }
            for link in links {
                let at = SourceLocation(path: path, line: link.line, column: link.column)
                let destination = link.destination.trimmingSpaces()
                if let scheme = scheme(of: destination) {
                    if !allowedSchemes.contains(scheme) {
                        diagnostics.append(
                            .error(
                                at: at,
                                "a \(link.isImage ? "picture" : "link") to a '\(scheme):' address is not allowed",
                                note:
                                    "links may lead to http:// or https:// pages, mailto: addresses or this site's pages"
                            ))
                    }
                    continue
                }
                if destination.hasPrefix("//") || destination.hasPrefix("/") {
                    diagnostics.append(
                        .error(
                            at: at, "the link '\(destination)' starts at the host's root and breaks under a subpath",
                            note: "write it relative to this page, like '../other-stretch/'"))
                    continue
                }
                let target = destination.prefix { $0 != "#" && $0 != "?" }
                if target.isEmpty { continue }
                guard let resolved = resolve(String(target), from: folder) else {
                    diagnostics.append(.error(at: at, "the link '\(destination)' leads outside the site"))
                    continue
                }
                let parts = resolved.split(separator: "/").map(String.init)
                let page = parts.last == "index.html" ? Array(parts.dropLast()) : parts
                switch (page.first, page.count) {
                case ("stretches", 2):
                    if !isStretch(page[1]) {
                        let stretches = Set(guide.stretchIndex.keys).union(failedStretches)
                        diagnostics.append(
                            .error(
                                at: at, "no stretch '\(page[1])' for the link '\(destination)'",
                                note: Suggestion.note(for: page[1], in: stretches.sorted())))
                    }
                case ("routines", 2),
                    ("routines", 3) where page.count == 2 || page[2] == "sheet":
                    if !isRoutine(page[1]) {
                        diagnostics.append(
                            .error(
                                at: at, "no routine '\(page[1])' for the link '\(destination)'",
                                note: Suggestion.note(for: page[1], in: guide.routineIndex.keys.sorted())))
                    }
                default:
                    let isPage = page.isEmpty || pages.contains(page.joined(separator: "/") + "/")
                    if !isPage && !assets.contains(resolved) {
                        let back = String(repeating: "../", count: folder.split(separator: "/").count)
                        diagnostics.append(
                            .warning(
                                at: at,
                                "the \(link.isImage ? "picture" : "link") '\(destination)' leads to nothing in the site",
                                note: MeantFile.find(resolved, among: guide.assets).map {
                                    MeantFile.note($0, link: back + $0.file, inBody: true)
                                }))
                    }
                }
            }
            return diagnostics
        }
        // Each body on its own, on every core: an edit build checks the whole guide again. Only
        // its links are taken out of it, and only a body with links is looked at further.
        @Sendable func check(
            _ links: [RenderedMarkdown.Link], _ frames: [RenderedMarkdown.Link], path: String,
            folder: @autoclosure () -> String
        ) -> [Diagnostic] {
            links.isEmpty && frames.isEmpty ? [] : check(links: links, frames: frames, path: path, folder: folder())
        }
        let inStretches = ParallelMap.map(guide.stretches) {
            check($0.body.links, $0.body.omittedFrames, path: $0.sourcePath, folder: Paths.stretch($0.slug))
        }
        let inRoutines = ParallelMap.map(guide.routines) {
            check($0.body.links, $0.body.omittedFrames, path: $0.sourcePath, folder: Paths.routine($0.slug))
        }
        let inArticles = ParallelMap.map(guide.articles) {
            check($0.body.links, $0.body.omittedFrames, path: $0.sourcePath, folder: Paths.article($0.slug))
        }
        let inPlainPages = ParallelMap.map(guide.plainPages) {
            check($0.body.links, $0.body.omittedFrames, path: $0.sourcePath, folder: Paths.plainPage($0.slug))
        }
        let inUnchecked = unchecked.map {
            check($0.body.links, $0.body.omittedFrames, path: $0.path, folder: $0.folder)
        }
        let inEntries = guide.entries.map {
            check($0.body.links, $0.body.omittedFrames, path: $0.sourcePath, folder: $0.folder)
        }
        return (inStretches + inRoutines + inArticles + inPlainPages + inEntries + inUnchecked).flatMap { $0 }
    }

    /// `javascript` for `javascript:alert(1)`; nil for a relative link.
    static func scheme(of destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }

    /// A relative link from a page's folder, as a path from the site's root; nil when it climbs out.
    static func resolve(_ link: String, from folder: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        // Foundation's decoding is slow for the many links that have nothing to decode.
        let decoded = link.contains("%") ? link.removingPercentEncoding ?? link : link
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
