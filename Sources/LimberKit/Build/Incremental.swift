/// Which pages an edit touches. A page shows its own document and parts of others: a stretch
/// page shows its related stretches' cards and the titles of the routines that use it; a routine
/// page and its sheet show their steps' stretches; a list shows its members' cards; the index
/// and the 404 page show every card and routine. A change to a body shows only on its own page.
enum Incremental {
    /// The files of every page that shows something of the changed documents, among
    /// `documents` (those of the last build or of this one). `frontMatterChanged` holds documents
    /// added, removed or with new front matter; `bodyChanged` those whose body alone changed.
    static func pages(
        in documents: [String: SourceDocument], frontMatterChanged: Set<String>, bodyChanged: Set<String>
    ) -> Set<String> {
        var files: Set<String> = []
        var touchedStretches: Set<String> = []
        func stretchPage(_ slug: String) { files.insert(Paths.stretch(slug) + "index.html") }
        for path in frontMatterChanged.union(bodyChanged) {
            guard case .stretch(let stretch) = documents[path]?.model else { continue }
            stretchPage(stretch.slug)
            guard frontMatterChanged.contains(path) else { continue }
            touchedStretches.insert(stretch.slug)
            // The lists it is on, as `Guide.resolve` names them.
            for (group, names) in [
                (StretchGroup.Group.targets, stretch.targets), (.kinds, [stretch.kind.rawValue]),
                (.equipment, stretch.equipment),
            ] {
                for name in names { files.insert("\(group.rawValue)/\(slug(for: name))/index.html") }
            }
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
                    files.insert(Paths.routine(routine.slug) + "index.html")
                    files.insert(Paths.sheet(routine.slug) + "index.html")
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
