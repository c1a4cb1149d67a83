/// The pages of the stretches and routines just saved, rendered from the last build kept in memory
/// before the build that follows: the page an author is looking at shows the save at once, and the
/// build then writes the same bytes, with every other page the save touched.
///
/// Only a save that leaves the guide's shape as it was is done this way: a file that was in the
/// last build, read without errors, with the same slug and the same place in every list (title,
/// kind, level, targets, equipment), the same related stretches or steps, pictures and date, and
/// no embed of something missing. Its own pages then show nothing of the other files that a
/// full build would show otherwise. Anything else gives nil, and waits for the build.
enum SavedPages {
    /// What of the last finished build the pages are rendered from.
    struct Basis: Sendable {
        var checked: SiteBuilder.Checked
        /// Each stretch's card, by path, as the build rendered it.
        var cards: [String: KeptCard]
        var date: String
        /// Routines whose sheet links to a PDF the build kept.
        var keptPDFs: Set<String>
    }

    /// The saved files' pages (`changed`: paths relative to the site), by output file; nil when
    /// the save is not one this can show before the build.
    static func render(_ changed: Set<String>, from basis: Basis, folder: SiteFolder) -> [String: [UInt8]]? {
        guard !changed.isEmpty, changed.allSatisfy(BuildCache.isSource) else { return nil }
        var guide = basis.checked.guide
        var pages: [Page] = []
        var changedCards: [Int] = []
        for path in changed {
            guard let before = basis.checked.documents[path]?.model else { return nil }
            let (read, problems): (SourceDocument?, [Diagnostic]) = ContentLoader.readKept(
                path, in: folder, settings: guide.settings, kinds: guide.kinds)
            guard let now = read?.model, !problems.hasErrors else { return nil }
            switch (before, now) {
            case (.stretch(let was), .stretch(let stretch)):
                guard sameStanding(was, stretch), let index = guide.stretchIndex[stretch.slug],
                    guide.stretches[index].sourcePath == path,
                    guide.checkEmbeds(in: stretch.body, path: path, failedStretches: []).isEmpty
                else { return nil }
                guide.stretches[index] = stretch
                pages.append(Page(content: .stretch(index), folder: Paths.stretch(stretch.slug)))
                changedCards.append(index)
            case (.routine(let was), .routine(let routine)):
                guard sameStanding(was, routine), let index = guide.routineIndex[routine.slug],
                    guide.routines[index].sourcePath == path,
                    guide.checkEmbeds(in: routine.body, path: path, failedStretches: []).isEmpty
                else { return nil }
                guide.routines[index] = routine
                pages.append(Page(content: .routine(index), folder: Paths.routine(routine.slug)))
                pages.append(Page(content: .sheet(index), folder: Paths.sheet(routine.slug)))
            default:
                return nil
            }
        }
        // An embed in one saved body of another saved file shows that file as it is now: both
        // pages are rendered from the guide with every save in it.
        var builder = SiteBuilder.viewBuilder(
            guide, theme: basis.checked.theme, pictures: basis.checked.pictures, date: basis.date, printing: false,
            keptPDFs: basis.keptPDFs)
        var cards = basis.cards
        for index in changedCards {
            cards[guide.stretches[index].sourcePath] = KeptCard(builder.renderCard(index))
        }
        var shown: [KeptCard] = []
        shown.reserveCapacity(guide.stretches.count)
        for stretch in guide.stretches {
            guard let card = cards[stretch.sourcePath] else { return nil }
            shown.append(card)
        }
        builder.show(shown)
        var rendered: [String: [UInt8]] = [:]
        for page in pages {
            rendered[page.file] = basis.checked.theme.renderBytes(page.template, builder.view(for: page))
        }
        return rendered
    }

    /// Whether a stretch keeps its place in the guide: its slug, its place in every list, what
    /// it relates to, its pictures (published by the pictures stage) and its date (the feed's).
    static func sameStanding(_ was: Stretch, _ now: Stretch) -> Bool {
        was.slug == now.slug && was.title == now.title && was.kind == now.kind && was.level == now.level
            && was.targets == now.targets && was.equipment == now.equipment
            && was.related.map(\.slug) == now.related.map(\.slug) && was.image == now.image
            && was.videoPoster == now.videoPoster && was.date == now.date
            && pictures(in: was.body) == pictures(in: now.body)
    }

    /// Whether a routine keeps its place: its slug, title, steps' stretches, pictures and date.
    static func sameStanding(_ was: Routine, _ now: Routine) -> Bool {
        was.slug == now.slug && was.title == now.title && was.steps.map(\.stretch.slug) == now.steps.map(\.stretch.slug)
            && was.videoPoster == now.videoPoster && was.date == now.date
            && pictures(in: was.body) == pictures(in: now.body)
    }

    /// The pictures a body shows, which the pictures stage publishes.
    private static func pictures(in body: RenderedMarkdown) -> [String] {
        body.links.filter(\.isImage).map(\.destination)
    }
}
