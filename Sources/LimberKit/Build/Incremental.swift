/// Which pages an edit touches. A page shows its own document and parts of others: a stretch
/// page shows its related stretches' cards and the titles of the routines that use it; a routine
/// page and its sheet show their steps' stretches; a list shows its members' cards; the index
/// and the 404 page show every card and routine. A change to a body shows only on its own page.
/// A list's pages each show a part of it, and every page its length: `listPages` tells which.
/// A page whose body embeds a stretch or routine shows that stretch's front matter, or that
/// routine's with its steps' doses. Articles and plain pages are not in the cache: a change to one
/// is a full build, and an edit elsewhere redoes those that embed what it touched.
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
        let shown = embedded(in: documents, frontMatterChanged: frontMatterChanged)
        // A body edit alone shows in no embed: every body is looked through only after a
        // front-matter edit.
        if !shown.stretches.isEmpty || !shown.routines.isEmpty {
            for document in documents.values {
                switch document.model {
                case .stretch(let stretch):
                    if shows(stretch.body, shown) { stretchPage(stretch.slug) }
                case .routine(let routine):
                    if shows(routine.body, shown) { files.insert(Paths.file(Paths.routine(routine.slug))) }
                }
            }
        }
        if !frontMatterChanged.isEmpty {
            for page in [Page.index, .notFound, .areas] { files.insert(page.file) }
        }
        return files
    }

    /// The files of the list pages that show something of the stretches in `frontMatterChanged`:
    /// every page of a list whose length or title changed, else the pages whose cards changed or
    /// moved. Pages that are new, or gone, are found by the caller. The lists as they were are
    /// worked out from `guide`'s, with the changed stretches as `old` had them put back in their
    /// places: the others kept their order, so a list costs its length, not the guide's size.
    static func listPages(
        from old: [String: SourceDocument], to guide: Guide, frontMatterChanged: Set<String>
    ) -> Set<String> {
        var before: [String: Stretch] = [:]
        for path in frontMatterChanged {
            if case .stretch(let stretch) = old[path]?.model { before[path] = stretch }
        }
        let after = guide.stretches.filter { frontMatterChanged.contains($0.sourcePath) }
        var touched: Set<String> = []
        for stretch in Array(before.values) + after {
            for list in StretchGroup.lists(of: stretch) { touched.insert(list.group.rawValue + "/" + list.slug) }
        }
        guard !touched.isEmpty else { return [] }
        let perPage = guide.settings.perPage
        var files: Set<String> = []
        for (index, group) in guide.groups.enumerated() where touched.contains(group.group.rawValue + "/" + group.slug)
        {
            func spelling(_ stretch: Stretch) -> String? {
                StretchGroup.lists(of: stretch).first { $0.group == group.group && $0.slug == group.slug }?.name
            }
            let stretches = guide.stretches
            // The members that kept their front matter, in order, and the changed ones as they were.
            let kept = group.members.filter { !frontMatterChanged.contains(stretches[$0].sourcePath) }
            var members: [Stretch] = kept.map { stretches[$0] }
            for stretch in before.values.sorted(by: { StretchGroup.order($0) < StretchGroup.order($1) })
            where spelling(stretch) != nil {
                let key = StretchGroup.order(stretch)
                var low = 0
                var high = members.count
                while low < high {
                    let middle = (low + high) / 2
                    if StretchGroup.order(members[middle]) < key { low = middle + 1 } else { high = middle }
                }
                members.insert(stretch, at: low)
            }
            // Its title is the first spelling in the guide's order of stretches.
            let guideOrder = { (stretch: Stretch) in
                (stretch.kind.order, stretch.level.order, stretch.title, stretch.slug)
            }
            let firstBefore = (kept.min().map { [stretches[$0]] } ?? []) + before.values.filter { spelling($0) != nil }
            let nameBefore = firstBefore.min { guideOrder($0) < guideOrder($1) }.flatMap(spelling)
            let pages = group.pageCount(perPage: perPage)
            let whole = nameBefore != group.name || members.count != group.members.count
            for number in 1...pages {
                let shown = group.members(onPage: number, perPage: perPage)
                let start = min((number - 1) * perPage, members.count)
                let shownBefore = members[start..<min(start + perPage, members.count)].map(\.sourcePath)
                if whole || shown.map({ stretches[$0].sourcePath }) != shownBefore
                    || shown.contains(where: { frontMatterChanged.contains(stretches[$0].sourcePath) })
                {
                    files.insert(guide.listPage(index, page: number).file)
                }
            }
        }
        return files
    }

    /// The stretches and routines whose embeds look different after an edit: those with new front
    /// matter, and routines that use such a stretch (their total time).
    static func embedded(
        in documents: [String: SourceDocument], frontMatterChanged: Set<String>
    ) -> (stretches: Set<String>, routines: Set<String>) {
        var stretches: Set<String> = []
        for path in frontMatterChanged {
            if case .stretch(let stretch) = documents[path]?.model { stretches.insert(stretch.slug) }
        }
        var routines: Set<String> = []
        for (path, document) in documents {
            guard case .routine(let routine) = document.model else { continue }
            if frontMatterChanged.contains(path)
                || routine.steps.contains(where: { stretches.contains($0.stretch.slug) })
            {
                routines.insert(routine.slug)
            }
        }
        return (stretches, routines)
    }

    /// Whether `body` embeds one of `shown`.
    static func shows(_ body: RenderedMarkdown, _ shown: (stretches: Set<String>, routines: Set<String>)) -> Bool {
        body.embeds.contains { embed in
            guard let name = embed.names.first else { return false }
            return embed.kind == "stretch" ? shown.stretches.contains(name) : shown.routines.contains(name)
        }
    }

    /// The articles and plain pages of `guide` that embed what an edit touched.
    static func prosePages(
        _ guide: Guide, shown: (stretches: Set<String>, routines: Set<String>)
    ) -> Set<String> {
        var files: Set<String> = []
        for article in guide.articles where shows(article.body, shown) {
            files.insert(Paths.file(Paths.article(article.slug)))
        }
        for page in guide.plainPages where shows(page.body, shown) {
            files.insert(Paths.file(Paths.plainPage(page.slug)))
        }
        return files
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
