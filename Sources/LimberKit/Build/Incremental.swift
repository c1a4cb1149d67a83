/// Which pages an edit touches. A page shows its own document and parts of others: a stretch
/// page shows its related stretches' cards and the titles of the routines that use it; a routine
/// page and its sheet show their steps' stretches; a list shows its members' cards; the index
/// shows cards and routines, and the 404 page every routine. A change to a body shows only on its
/// own page.
/// A list's pages each show a part of it, and every page its length: `listPages` tells which.
/// A page whose body embeds a stretch or routine shows that stretch's front matter, or that
/// routine's with its steps' doses. Articles and plain pages are not in the cache: a change to one
/// is a full build, and an edit elsewhere redoes those that embed what it touched.
enum Incremental {
    /// The files of every page, lists aside (`listPages`), that shows something of the changed
    /// documents, as the last build had them (`old`) or as they are now (`new`), with the articles
    /// and plain pages of `guide` that embed them. `frontMatterChanged` holds documents added,
    /// removed or with new front matter; `bodyChanged` those whose body alone changed. A document
    /// that did not change is the same in both, so each is looked at once, on every core, for what
    /// either side changed; of the old side, only the changed documents are looked at as well.
    static func pages(
        from old: [String: SourceDocument], to new: [String: SourceDocument], in guide: Guide,
        frontMatterChanged: Set<String>, bodyChanged: Set<String>
    ) -> Set<String> {
        var files: Set<String> = []
        // The stretches (slugs) with new front matter, and the routines that embed differently.
        var stretches: Set<String> = []
        var routines: Set<String> = []
        let changed = frontMatterChanged.union(bodyChanged)
        let changedDocuments = changed.flatMap { path in [old[path], new[path]].compactMap { $0 } }
        for path in changed {
            for document in [old[path], new[path]] {
                switch document?.model {
                case .stretch(let stretch):
                    files.insert(Paths.file(Paths.stretch(stretch.slug)))
                    if frontMatterChanged.contains(path) { stretches.insert(stretch.slug) }
                case .routine(let routine):
                    files.insert(Paths.file(Paths.routine(routine.slug)))
                    files.insert(Paths.file(Paths.sheet(routine.slug)))
                    guard frontMatterChanged.contains(path) else { continue }
                    routines.insert(routine.slug)
                    // The stretches it uses list it by title.
                    for step in routine.steps { files.insert(Paths.file(Paths.stretch(step.stretch.slug))) }
                case nil:
                    continue
                }
            }
        }
        guard !stretches.isEmpty || !routines.isEmpty else { return files }
        // The list of every stretch is `listPages`' to work out.
        for page in [Page.index, .areas, .programme, .programmeSheet] { files.insert(page.file) }
        // A routine added, gone or edited may move the others along the list of every routine.
        let routineEdited = !routines.isEmpty

        // Pages that show a changed stretch (a related stretch's card, a routine's step), found on
        // every core; each body that embeds a routine is looked at once every routine that
        // embeds differently is known.
        let documents = Array(new.values) + changedDocuments
        let shown = stretches
        let found = ParallelMap.map(stride(from: 0, to: documents.count, by: 512).map { $0 }) {
            start -> (files: Set<String>, routines: Set<String>, embedding: [(file: String, routines: [String])]) in
            var files: Set<String> = []
            var routines: Set<String> = []
            var embedding: [(String, [String])] = []
            for document in documents[start..<min(start + 512, documents.count)] {
                let embeds: [RenderedMarkdown.Embed]
                let page: () -> String
                switch document.model {
                case .stretch(let stretch):
                    page = { Paths.file(Paths.stretch(stretch.slug)) }
                    if stretch.related.contains(where: { shown.contains($0.slug) }) { files.insert(page()) }
                    embeds = stretch.body.embeds
                case .routine(let routine):
                    page = { Paths.file(Paths.routine(routine.slug)) }
                    if routine.steps.contains(where: { shown.contains($0.stretch.slug) }) {
                        files.insert(page())
                        files.insert(Paths.file(Paths.sheet(routine.slug)))
                        routines.insert(routine.slug)
                    }
                    embeds = routine.body.embeds
                }
                guard !embeds.isEmpty else { continue }
                if shows(embeds, (shown, [])) { files.insert(page()) }
                let named = embeds.compactMap { $0.kind == "stretch" ? nil : $0.names.first }
                if !named.isEmpty { embedding.append((page(), named)) }
            }
            return (files, routines, embedding)
        }
        for part in found {
            files.formUnion(part.files)
            routines.formUnion(part.routines)
        }
        for part in found {
            for (file, named) in part.embedding where named.contains(where: routines.contains) { files.insert(file) }
        }
        // The 404 page shows each routine with its total time, which its stretches' doses make:
        // it is as it was when no routine changed and no stretch a routine uses did. (Redoing it
        // renders every routine's summary: writing an edit's copy took 0.022 s with it and
        // 0.012 s without, at 1,000 routines.)
        if !routines.isEmpty { files.insert(Page.notFound.file) }
        // The list of every routine shows each one's total time, which its stretches' doses make.
        for (number, page) in zip(1..., guide.routineListPages)
        where routineEdited
            || guide.routines(onPage: number).contains(where: { routines.contains(guide.routines[$0].slug) })
        {
            files.insert(page.file)
        }
        return files.union(prosePages(guide, shown: (stretches, routines)))
    }

    /// The files of the list pages that show something of the stretches in `frontMatterChanged`
    /// (the lists of a target, kind or piece of equipment, and the list of every stretch):
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
        let changedNow = positions(of: frontMatterChanged, in: guide)
        let after = changedNow.sorted().map { guide.stretches[$0] }
        var files = everyStretchPages(before: Array(before.values), in: guide, changedNow: changedNow)
        var touched: Set<String> = []
        for stretch in Array(before.values) + after {
            for list in StretchGroup.lists(of: stretch, language: guide.settings.language) {
                touched.insert(list.group.rawValue + "/" + list.slug)
            }
        }
        guard !touched.isEmpty else { return files }
        let perPage = guide.settings.perPage
        for (index, group) in guide.groups.enumerated() where touched.contains(group.group.rawValue + "/" + group.slug)
        {
            func spelling(_ stretch: Stretch) -> String? {
                StretchGroup.lists(of: stretch, language: guide.settings.language).first {
                    $0.group == group.group && $0.slug == group.slug
                }?.name
            }
            let stretches = guide.stretches
            // The members that kept their front matter, in order, and the changed ones as they
            // were: each by its place in the guide, or (below zero) in `changed`. A list may hold
            // most of the guide, so its stretches are not copied.
            let kept = group.members.filter { !changedNow.contains($0) }
            let changed = before.values.filter { spelling($0) != nil }.sorted {
                StretchGroup.order($0) < StretchGroup.order($1)
            }
            func path(_ member: Int) -> String {
                member >= 0 ? stretches[member].sourcePath : changed[-member - 1].sourcePath
            }
            func order(_ member: Int) -> (Int, String, Int, String) {
                StretchGroup.order(member >= 0 ? stretches[member] : changed[-member - 1])
            }
            var members = kept
            for (number, stretch) in changed.enumerated() {
                let key = StretchGroup.order(stretch)
                var low = 0
                var high = members.count
                while low < high {
                    let middle = (low + high) / 2
                    if order(members[middle]) < key { low = middle + 1 } else { high = middle }
                }
                members.insert(-number - 1, at: low)
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
                let shownBefore = members[start..<min(start + perPage, members.count)].map(path)
                if whole || shown.map({ stretches[$0].sourcePath }) != shownBefore
                    || shown.contains(where: changedNow.contains)
                {
                    files.insert(guide.listPage(index, page: number).file)
                }
            }
        }
        return files
    }

    /// The pages of the list of every stretch that show something of the stretches whose front
    /// matter changed (`changedNow`: their places in the guide; `before`: as the last build had
    /// them): every page when the guide has
    /// more or fewer stretches, since each says how many; else the pages whose cards changed or
    /// moved. The list as it was is the guide's, with the changed stretches as they were put back
    /// in their places by the guide's order.
    static func everyStretchPages(
        before: [Stretch], in guide: Guide, changedNow: Set<Int>
    ) -> Set<String> {
        let stretches = guide.stretches
        guard !before.isEmpty || !changedNow.isEmpty else { return [] }
        let pages = guide.stretchListPages
        let order = { (stretch: Stretch) in
            (stretch.kind.order, stretch.level.order, stretch.title, stretch.slug)
        }
        var was = stretches.indices.filter { !changedNow.contains($0) }.map {
            (key: order(stretches[$0]), path: stretches[$0].sourcePath)
        }
        for stretch in before {
            let key = order(stretch)
            var low = 0
            var high = was.count
            while low < high {
                let middle = (low + high) / 2
                if was[middle].key < key { low = middle + 1 } else { high = middle }
            }
            was.insert((key, stretch.sourcePath), at: low)
        }
        guard was.count == stretches.count else { return Set(pages.map(\.file)) }
        var files: Set<String> = []
        for (number, page) in zip(1..., pages) {
            let shown = guide.stretches(onPage: number)
            if shown.contains(where: changedNow.contains)
                || shown.contains(where: { was[$0].path != stretches[$0].sourcePath })
            {
                files.insert(page.file)
            }
        }
        return files
    }

    /// The places in the guide's stretches of those at `paths`. Nearly every edit changes a few:
    /// comparing each path with those few costs less than hashing every path of a large guide.
    static func positions(of paths: Set<String>, in guide: Guide) -> Set<Int> {
        let stretches = guide.stretches
        guard paths.count > 8 else {
            let few = Array(paths)
            return Set(stretches.indices.filter { few.contains(stretches[$0].sourcePath) })
        }
        return Set(stretches.indices.filter { paths.contains(stretches[$0].sourcePath) })
    }

    /// Whether a body with `embeds` embeds one of `shown`.
    static func shows(
        _ embeds: [RenderedMarkdown.Embed], _ shown: (stretches: Set<String>, routines: Set<String>)
    ) -> Bool {
        embeds.contains { embed in
            guard let name = embed.names.first else { return false }
            return embed.kind == "stretch" ? shown.stretches.contains(name) : shown.routines.contains(name)
        }
    }

    /// The pages of the content types read on every build (`ContentKind.Reading.everyBuild`:
    /// articles, plain pages) that embed what an edit touched.
    static func prosePages(
        _ guide: Guide, shown: (stretches: Set<String>, routines: Set<String>)
    ) -> Set<String> {
        var files: Set<String> = []
        for kind in guide.kinds where kind.reading == .everyBuild {
            for (folder, body) in kind.bodies(guide) where shows(body.embeds, shown) {
                files.insert(Paths.file(folder))
            }
        }
        return files
    }

    /// Whether every stretch is where it was in the guide's order after an edit: none came or
    /// went, and each whose front matter changed kept what orders it (kind, level, title, slug).
    /// Routines may change: the guide's order of stretches does not show them.
    static func keepsPlaces(
        from old: [String: SourceDocument], to new: [String: SourceDocument], frontMatterChanged: Set<String>
    ) -> Bool {
        frontMatterChanged.allSatisfy { path in
            switch (old[path]?.model, new[path]?.model) {
            case (.stretch(let before), .stretch(let after)):
                (before.kind, before.level, before.title, before.slug) == (
                    after.kind, after.level, after.title, after.slug
                )
            case (.routine, .routine): true
            default: false
            }
        }
    }

    /// `changes(from:to:)` when every document of `new` but those of the files in `readAgain` is
    /// `old`'s, taken from the last build (`SiteBuilder.Documents`): only those few are compared,
    /// and `old` is looked over only when a document is gone. Comparing every document was 10 ms
    /// of an edit at 10,000 stretches. A debug build checks the answer against a whole comparison.
    static func changes(
        from old: [String: SourceDocument], to new: [String: SourceDocument], readAgain: [String]?
    ) -> (frontMatter: Set<String>, body: Set<String>) {
        guard let readAgain else { return changes(from: old, to: new) }
        var frontMatter: Set<String> = []
        var body: Set<String> = []
        var added = 0
        for path in readAgain {
            switch (old[path], new[path]) {
            case (nil, nil): continue
            case (nil, _?):
                added += 1
                frontMatter.insert(path)
            case (_?, nil): frontMatter.insert(path)
            case (let before?, let after?):
                if before.frontMatterHash != after.frontMatterHash {
                    frontMatter.insert(path)
                } else if before.bodyHash != after.bodyHash {
                    body.insert(path)
                }
            }
        }
        // Every document of `new` not added is one of `old`'s: `old` has one that is gone exactly
        // when it has more.
        if old.count != new.count - added {
            for path in old.keys where new[path] == nil { frontMatter.insert(path) }
        }
        assert(
            (frontMatter, body) == changes(from: old, to: new),
            "the documents read again do not tell what changed")
        return (frontMatter, body)
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
