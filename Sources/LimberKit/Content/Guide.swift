/// A group of stretches that share a target, a kind or a piece of equipment.
public struct StretchGroup: Sendable {
    public enum Group: String, Sendable {
        case targets
        case kinds
        case equipment
    }

    public var group: Group
    /// As written in the content (the first spelling seen).
    public var name: String
    public var slug: String
    /// Indices into `Guide.stretches`, ordered by level, then title (`order`).
    public var members: [Int]

    /// The folder of its page: `targets/hip-flexors/`.
    public var path: String { Paths.list(group, slug: slug) }

    /// A list, by its group and slug.
    struct Key: Hashable {
        var group: Group
        var slug: String
    }

    /// Where a stretch stands in a list: by level, then title, then kind and slug, so that the
    /// order never depends on how the sort treats equal keys.
    static func order(_ stretch: Stretch) -> (Int, String, Int, String) {
        (stretch.level.order, stretch.title, stretch.kind.order, stretch.slug)
    }

    /// The names of the lists a stretch is on, with each list's slug.
    /// `slugs` may hold names already slugged.
    static func lists(
        of stretch: Stretch, language: String, slugs: [String: String] = [:]
    ) -> [(group: Group, name: String, slug: String)] {
        // Of the result's own type: an array of unlabelled tuples would be cast element by element.
        var found: [(group: Group, name: String, slug: String)] = []
        for (group, names) in [
            (Group.targets, stretch.targets), (.kinds, [stretch.kind.rawValue]), (.equipment, stretch.equipment),
        ] {
            for name in names {
                let key = slugs[name] ?? LimberKit.slug(for: name, language: language)
                if !key.isEmpty, !found.contains(where: { $0.group == group && $0.slug == key }) {
                    found.append((group, name, key))
                }
            }
        }
        return found
    }
}

/// The whole guide once every reference between files has been checked: what the pages are made from.
public struct Guide: Sendable {
    public var settings: SiteSettings
    /// Ordered by kind, then level, then title.
    public var stretches: [Stretch]
    /// Ordered by title.
    public var routines: [Routine]
    public var assets: [String]
    public var stretchIndex: [String: Int]
    /// For each stretch slug, the routines (indices) that use it.
    public var routinesUsing: [String: [Int]]
    public var groups: [StretchGroup]
    /// Newest first (by `date`, then title); drafts only when the build asked for them.
    public var articles: [Article] = []
    /// By tag slug.
    public var tags: [ArticleTag] = []
    /// Ordered by title.
    public var plainPages: [PlainPage] = []
    public var routineIndex: [String: Int] = [:]
    /// The files of content types without a model of their own, by kind (in `kinds`' order), then
    /// title.
    public var entries: [Entry] = []
    /// The content types the guide was read with (`ContentKind`).
    public var kinds: [ContentKind] = ContentKind.builtIn

    /// In a translation (`languages:`), the stretches of the site's first language that it has
    /// not translated, by slug: its routines' steps may use them, and link to their pages in that
    /// language.
    public var borrowed: [String: Stretch] = [:]
    /// The language of `borrowed`: the site's first.
    public var borrowedLanguage: String?
    /// Each routine's sheet as measured for the sheet-fit warnings, by routine file: kept in the
    /// build cache, so that an edit measures only the routines it touched.
    var sheetFits: [String: SheetFit.Fit] = [:]

    public func stretch(_ slug: String) -> Stretch {
        if let index = stretchIndex[slug] { return stretches[index] }
        return borrowed[slug]!
    }

    /// Whether a routine's step shows a stretch of the site's first language (`borrowed`).
    public func isBorrowed(_ slug: String) -> Bool { stretchIndex[slug] == nil && borrowed[slug] != nil }

    /// The dose a routine's step asks for.
    public func dose(of step: Step) -> Dose { step.dose ?? stretch(step.stretch.slug).dose }

    /// A dose's time, low...high, by the site's `rep_seconds` and `breath_seconds`.
    public func seconds(of dose: Dose) -> ClosedRange<Int> {
        dose.seconds(repSeconds: settings.repSeconds, breathSeconds: settings.breathSeconds)
    }

    /// Whether a step of the routine has a dose in words, which takes no time Limber can count.
    public func hasUntimedSteps(_ routine: Routine) -> Bool {
        routine.steps.contains { dose(of: $0).isUntimed }
    }

    /// A routine's total time as pages show it: `8 min 10 s`, `12 min – 15 min 30 s`; with steps
    /// in words, the timed steps' time to the minute and a word for the rest:
    /// `about 6 min + untimed steps`.
    public func totalTime(of routine: Routine) -> String {
        let seconds = totalSeconds(of: routine)
        guard hasUntimedSteps(routine) else { return formatDuration(seconds: seconds) }
        guard routine.steps.contains(where: { !dose(of: $0).isUntimed }) else { return "untimed" }
        let minutes = (seconds.lowerBound + 59) / 60...(seconds.upperBound + 59) / 60
        return "about \(Dose.numberText(minutes)) min + untimed steps"
    }

    /// A routine's time, low...high, as the player runs it: the get-ready countdown, every step's
    /// dose, and a change-over between sides and between steps (`get_ready`, `change_over`). Its
    /// low end is the player's whole time; every page, sheet, card and JSON-LD shows this figure.
    public func totalSeconds(of routine: Routine) -> ClosedRange<Int> {
        time(of: routine.steps.map { dose(of: $0) })
    }

    /// A stretch's time done on its own, counted as a routine of one step is.
    public func totalSeconds(of stretch: Stretch) -> ClosedRange<Int> {
        time(of: [stretch.dose])
    }

    /// The time of `doses` done one after the other in the player: each end of the range counts the
    /// pieces of the schedule done at that end, with a change-over before a piece on a new side or
    /// of a new step (not between sets), and the get-ready countdown first.
    public func time(of doses: [Dose]) -> ClosedRange<Int> {
        var low = settings.getReady
        var high = settings.getReady
        var lastLow: (step: Int, side: Int?)?
        var lastHigh: (step: Int, side: Int?)?
        for (number, dose) in doses.enumerated() {
            for piece in dose.schedule(repSeconds: settings.repSeconds, breathSeconds: settings.breathSeconds) {
                // A set that only the high end of a range does takes no time at the low end.
                if piece.seconds.lowerBound > 0 {
                    if let last = lastLow, last.step != number || last.side != piece.side { low += settings.changeOver }
                    low += piece.seconds.lowerBound
                    lastLow = (number, piece.side)
                }
                if piece.seconds.upperBound > 0 {
                    if let last = lastHigh, last.step != number || last.side != piece.side {
                        high += settings.changeOver
                    }
                    high += piece.seconds.upperBound
                    lastHigh = (number, piece.side)
                }
            }
        }
        return low...high
    }
}

extension Guide {
    /// Checks slugs and references and puts the content in reading order.
    public static func resolve(_ content: LoadedContent) -> (Guide?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Put by kind and level first, then each of those dozen shelves sorted by title and slug
        // on every core: comparing titles is most of the time an edit build sorts for. The keys
        // are taken out once: comparing whole stretches would copy them at every step.
        let titleKeys = content.stretches.map { ($0.title, $0.slug) }
        var shelves = Array(repeating: [Int](), count: Kind.allCases.count * Level.allCases.count)
        for (position, stretch) in content.stretches.enumerated() {
            shelves[stretch.kind.order * Level.allCases.count + stretch.level.order].append(position)
        }
        let stretches = ParallelMap.map(shelves) { shelf in shelf.sorted { titleKeys[$0] < titleKeys[$1] } }
            .joined().map { content.stretches[$0] }
        let routineKeys = content.routines.map { ($0.title, $0.slug) }
        let routines = content.routines.indices.sorted { routineKeys[$0] < routineKeys[$1] }.map {
            content.routines[$0]
        }

        // Each slug at its first place; fewer slugs than files means two files share one.
        let index = Dictionary(zip(stretches.lazy.map { $0.slug }, stretches.indices)) { first, _ in first }
        let routineIndex = Dictionary(zip(routines.lazy.map { $0.slug }, routines.indices)) { first, _ in first }
        if index.count < stretches.count {
            diagnostics += duplicateSlugs(stretches.map { ($0.slug, $0.slugLocation, $0.sourcePath) }, what: "stretch")
        }
        if routineIndex.count < routines.count {
            diagnostics += duplicateSlugs(routines.map { ($0.slug, $0.slugLocation, $0.sourcePath) }, what: "routine")
        }

        let borrowed = Dictionary(content.borrowed.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var guide = Guide(
            settings: content.settings, stretches: stretches, routines: routines, assets: content.assets,
            stretchIndex: index, routinesUsing: [:], groups: [])
        guide.borrowed = borrowed
        guide.routineIndex = routineIndex
        // The sheets are measured on the side while the rest is checked and put in order: a sheet
        // is made of its routine, its stretches and the settings, all known by now.
        let sheetFits = ParallelMap.ahead { [guide] in SheetFit.measured(guide, known: content.sheetFits) }

        // Stretches whose files have errors are still what a misspelt step may have meant: made
        // for a suggestion only.
        @Sendable func known() -> [String] { stretches.map { $0.slug } + content.failedStretches.sorted() }
        func check(_ reference: Reference) {
            if index[reference.slug] == nil, borrowed[reference.slug] == nil,
                !content.failedStretches.contains(reference.slug)
            {
                diagnostics.append(
                    .error(
                        at: reference.location, "no stretch '\(reference.slug)'",
                        note: Suggestion.note(for: reference.slug, in: known())))
            }
        }
        var routinesUsing: [String: [Int]] = [:]
        routinesUsing.reserveCapacity(min(stretches.count, routines.reduce(0) { $0 + $1.steps.count }))
        for (position, routine) in routines.enumerated() {
            // A routine that uses a stretch twice is listed once.
            func add(to users: inout [Int]) { if users.last != position { users.append(position) } }
            for step in routine.steps {
                check(step.stretch)
                add(to: &routinesUsing[step.stretch.slug, default: []])
            }
        }
        // Files with errors of their own: what they name is checked all the same.
        for file in content.unchecked {
            for reference in file.stretches { check(reference) }
        }
        // Related stretches on every core: there are several for each stretch.
        let relatedProblems = ParallelMap.map(stretches) { [index, borrowed] stretch -> [Diagnostic] in
            var found: [Diagnostic] = []
            for reference in stretch.related {
                if index[reference.slug] == nil, borrowed[reference.slug] == nil,
                    !content.failedStretches.contains(reference.slug)
                {
                    found.append(
                        .error(
                            at: reference.location, "no stretch '\(reference.slug)'",
                            note: Suggestion.note(for: reference.slug, in: known())))
                }
                if reference.slug == stretch.slug {
                    found.append(.warning(at: reference.location, "a stretch is related to itself"))
                }
            }
            return found
        }
        for problems in relatedProblems where !problems.isEmpty { diagnostics += problems }
        let articleKeys = content.articles.map { ($0.date, $0.title, $0.slug) }
        let articles = content.articles.indices.sorted { articleKeys[$0] > articleKeys[$1] }.map {
            content.articles[$0]
        }
        let plainPages = content.plainPages.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
        diagnostics += duplicateSlugs(articles.map { ($0.slug, $0.slugLocation, $0.sourcePath) }, what: "article")
        diagnostics += duplicateSlugs(plainPages.map { ($0.slug, $0.slugLocation, $0.sourcePath) }, what: "page")
        diagnostics += TopLevel.collisions(
            plainPages, assets: content.assets, kinds: content.kinds,
            translations: Array(content.settings.languages.dropFirst()))
        let kindOrder = Dictionary(content.kinds.enumerated().map { ($1.folder, $0) }, uniquingKeysWith: { $1 })
        let entries = content.entries.sorted {
            (kindOrder[$0.kind] ?? 0, $0.title, $0.slug) < (kindOrder[$1.kind] ?? 0, $1.title, $1.slug)
        }
        for kind in content.kinds {
            let ofKind = entries.filter { $0.kind == kind.folder }
            diagnostics += duplicateSlugs(ofKind.map { ($0.slug, $0.slugLocation, $0.sourcePath) }, what: kind.noun)
        }
        // Wrong references stop nothing here: embeds and links are checked all the same, so that one
        // error does not hide the next.

        // Each list's name is its first spelling in the guide's order; its members are added in
        // list order (`StretchGroup.order`), sorted once for all lists.
        let memberKeys = stretches.map(StretchGroup.order)
        let inListOrder = stretches.indices.sorted { memberKeys[$0] < memberKeys[$1] }
        var found: [StretchGroup] = []
        var byList: [StretchGroup.Key: Int] = [:]
        // Which lists each stretch is on, on every core, each name slugged once: stretches share
        // their targets, kinds and equipment (slugging every stretch's own names was 14 ms of an
        // edit's CPU at 10,000 stretches).
        let language = content.settings.language
        var names = Set(Kind.allCases.map(\.rawValue))
        for stretch in stretches {
            names.formUnion(stretch.targets)
            names.formUnion(stretch.equipment)
        }
        let slugs = Dictionary(uniqueKeysWithValues: names.map { ($0, slug(for: $0, language: language)) })
        let lists = ParallelMap.map(stretches) { StretchGroup.lists(of: $0, language: language, slugs: slugs) }
        // Each stretch's lists as places in `found`, each looked up once.
        var places: [[Int]] = []
        places.reserveCapacity(lists.count)
        for stretchLists in lists {
            places.append(
                stretchLists.map { list in
                    let key = StretchGroup.Key(group: list.group, slug: list.slug)
                    if let place = byList[key] { return place }
                    byList[key] = found.count
                    found.append(StretchGroup(group: list.group, name: list.name, slug: list.slug, members: []))
                    return found.count - 1
                })
        }
        for position in inListOrder {
            for place in places[position] { found[place].members.append(position) }
        }
        let groupOrder: [StretchGroup.Group] = [.targets, .kinds, .equipment]
        let groups = found.sorted {
            ($0.group == $1.group)
                ? $0.slug < $1.slug
                : groupOrder.firstIndex(of: $0.group)! < groupOrder.firstIndex(of: $1.group)!
        }

        guide.routinesUsing = routinesUsing
        guide.groups = groups
        guide.articles = articles
        guide.plainPages = plainPages
        guide.tags = tags(of: articles, language: content.settings.language)
        guide.entries = entries
        guide.kinds = content.kinds
        // Only the bodies with embeds are looked at: most have none, and a body is large to copy.
        func checkEmbeds(_ body: @autoclosure () -> RenderedMarkdown, hasEmbeds: Bool, path: String) {
            guard hasEmbeds else { return }
            diagnostics += guide.checkEmbeds(in: body(), path: path, failedStretches: content.failedStretches)
        }
        for stretch in stretches {
            checkEmbeds(stretch.body, hasEmbeds: !stretch.body.embeds.isEmpty, path: stretch.sourcePath)
        }
        for routine in routines {
            checkEmbeds(routine.body, hasEmbeds: !routine.body.embeds.isEmpty, path: routine.sourcePath)
        }
        for article in articles {
            checkEmbeds(article.body, hasEmbeds: !article.body.embeds.isEmpty, path: article.sourcePath)
        }
        for page in plainPages { checkEmbeds(page.body, hasEmbeds: !page.body.embeds.isEmpty, path: page.sourcePath) }
        for entry in entries { checkEmbeds(entry.body, hasEmbeds: !entry.body.embeds.isEmpty, path: entry.sourcePath) }
        for file in content.unchecked { checkEmbeds(file.body, hasEmbeds: !file.body.embeds.isEmpty, path: file.path) }
        diagnostics += LinkCheck.check(
            guide, failedStretches: content.failedStretches, unchecked: content.unchecked)
        guide.sheetFits = sheetFits.value
        diagnostics += SheetFit.warnings(guide.sheetFits, in: guide)
        return (diagnostics.hasErrors ? nil : guide, diagnostics)
    }

    /// Tags by slug, each with its articles newest first.
    private static func tags(of articles: [Article], language: String) -> [ArticleTag] {
        var bySlug: [String: Int] = [:]
        var found: [ArticleTag] = []
        for (position, article) in articles.enumerated() {
            for name in article.tags {
                let key = slug(for: name, language: language)
                guard !key.isEmpty else { continue }
                if let existing = bySlug[key] {
                    if found[existing].members.last != position { found[existing].members.append(position) }
                } else {
                    bySlug[key] = found.count
                    found.append(ArticleTag(name: name, slug: key, members: [position]))
                }
            }
        }
        return found.sorted { $0.slug < $1.slug }
    }

    private static func duplicateSlugs(_ items: [(String, SourceLocation, String)], what: String) -> [Diagnostic] {
        // Nearly always there is none: look before sorting by path to say which came first.
        var slugs: Set<String> = []
        guard items.contains(where: { !slugs.insert($0.0).inserted }) else { return [] }
        var seen: [String: String] = [:]
        var found: [Diagnostic] = []
        for (slug, location, path) in items.sorted(by: { $0.2 < $1.2 }) {
            if let first = seen[slug] {
                found.append(
                    .error(
                        at: location, "two of the \(what) files have the slug '\(slug)'",
                        note: "\(first) has it too; give one a 'slug' of its own"))
            } else {
                seen[slug] = path
            }
        }
        return found
    }
}
