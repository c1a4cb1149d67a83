/// Which pages an edit touches. A page shows its own document and parts of others: a stretch
/// page shows its related stretches' cards and the titles of the routines that use it; a routine
/// page and its sheet show their steps' stretches; a list shows its members' cards; the index
/// and the 404 page show every card and routine. A change to a body shows only on its own page.
/// A list's pages each show a part of it, and every page its length: `listPages` tells which.
enum Incremental {
    /// The files of every page that shows something of the changed documents, among
    /// `documents` (those of the last build or of this one). `frontMatterChanged` holds documents
    /// added, removed or with new front matter; `bodyChanged` those whose body alone changed.
    static func pages(
        in documents: [String: SourceDocument], frontMatterChanged: Set<String>, bodyChanged: Set<String>
    ) -> Set<String> {
        var files: Set<String> = []
        var touchedStretches: Set<String> = []
        func stretchPage(_ slug: String) { files.insert(Paths.file(Paths.stretch(slug))) }
        for path in frontMatterChanged.union(bodyChanged) {
            guard case .stretch(let stretch) = documents[path]?.model else { continue }
            stretchPage(stretch.slug)
            if frontMatterChanged.contains(path) { touchedStretches.insert(stretch.slug) }
        }
        for (path, document) in documents {
            switch document.model {
            case .stretch(let stretch):
                if stretch.related.contains(where: { touchedStretches.contains($0.slug) }) { stretchPage(stretch.slug) }
            case .routine(let routine):
                let own = frontMatterChanged.contains(path)
                if own || bodyChanged.contains(path)
                    || routine.steps.contains(where: { touchedStretches.contains($0.stretch.slug) })
                {
                    files.insert(Paths.file(Paths.routine(routine.slug)))
                    files.insert(Paths.file(Paths.sheet(routine.slug)))
                }
                // The stretches it uses list it by title.
                if own { for step in routine.steps { stretchPage(step.stretch.slug) } }
            }
        }
        if !frontMatterChanged.isEmpty {
            files.insert(Page(content: .index, folder: "").file)
            files.insert(Page(content: .notFound, folder: "").file)
        }
        return files
    }

    /// The files of the list pages that show something of the stretches in `frontMatterChanged`,
    /// with `perPage` cards to a page: every page of a list whose length or title changed, else the
    /// pages whose cards changed or moved. Pages that are new, or gone, are found by the caller.
    static func listPages(
        from old: [String: SourceDocument], to new: [String: SourceDocument], frontMatterChanged: Set<String>,
        perPage: Int
    ) -> Set<String> {
        var touched: Set<String> = []
        for path in frontMatterChanged {
            for documents in [old, new] {
                guard case .stretch(let stretch) = documents[path]?.model else { continue }
                for list in StretchGroup.lists(of: stretch) { touched.insert(list.group.rawValue + "/" + list.slug) }
            }
        }
        guard !touched.isEmpty else { return [] }
        let before = lists(touched, in: old)
        let after = lists(touched, in: new)
        var files: Set<String> = []
        for (key, list) in after {
            let pages = list.group.pageCount(perPage: perPage)
            let last = before[key]
            for number in 1...pages {
                let members = list.paths(onPage: number, perPage: perPage)
                if last == nil || last!.group.name != list.group.name
                    || last!.group.members.count != list.group.members.count
                    || last!.paths(onPage: number, perPage: perPage) != members
                    || members.contains(where: frontMatterChanged.contains)
                {
                    files.insert(Paths.file(list.group.path(page: number)))
                }
            }
        }
        return files
    }

    /// A list as `Guide.resolve` makes it, with its members' paths.
    struct ListMembers {
        var group: StretchGroup
        var paths: [String]

        func paths(onPage number: Int, perPage: Int) -> [String] {
            group.members(onPage: number, perPage: perPage).map { paths[$0] }
        }
    }

    /// The lists named `group/slug` in `keys`, made from `documents` in the order and with the
    /// names `Guide.resolve` gives them.
    static func lists(_ keys: Set<String>, in documents: [String: SourceDocument]) -> [String: ListMembers] {
        var found: [String: [(stretch: Stretch, path: String, name: String)]] = [:]
        for (path, document) in documents {
            guard case .stretch(let stretch) = document.model else { continue }
            for list in StretchGroup.lists(of: stretch) where keys.contains(list.group.rawValue + "/" + list.slug) {
                found[list.group.rawValue + "/" + list.slug, default: []].append((stretch, path, list.name))
            }
        }
        var lists: [String: ListMembers] = [:]
        for (key, entries) in found {
            // The name is the first spelling in the guide's order of stretches.
            let first = entries.min {
                ($0.stretch.kind.order, $0.stretch.level.order, $0.stretch.title, $0.stretch.slug)
                    < ($1.stretch.kind.order, $1.stretch.level.order, $1.stretch.title, $1.stretch.slug)
            }!
            let sorted = entries.sorted { StretchGroup.order($0.stretch) < StretchGroup.order($1.stretch) }
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            let group = StretchGroup(
                group: StretchGroup.Group(rawValue: parts[0])!, name: first.name, slug: parts[1],
                members: Array(sorted.indices))
            lists[key] = ListMembers(group: group, paths: sorted.map(\.path))
        }
        return lists
    }

    /// What changed between the documents of the last build and this one.
    static func changes(
        from old: [String: SourceDocument], to new: [String: SourceDocument]
    ) -> (frontMatter: Set<String>, body: Set<String>) {
        var frontMatter: Set<String> = []
        var body: Set<String> = []
        for (path, after) in new {
            guard let before = old[path] else {
                frontMatter.insert(path)
                continue
            }
            if before.frontMatterHash != after.frontMatterHash {
                frontMatter.insert(path)
            } else if before.bodyHash != after.bodyHash {
                body.insert(path)
            }
        }
        for path in old.keys where new[path] == nil { frontMatter.insert(path) }
        return (frontMatter, body)
    }
}
