import Foundation

/// What to build and where.
public struct BuildOptions: Sendable {
    public var siteFolder: String
    /// Defaults to `public/` inside the site folder.
    public var output: String?
    /// Stop after checking: write nothing.
    public var checkOnly = false
    /// Treat warnings as errors.
    public var strict = false
    /// The date printed on sheets (`YYYY-MM-DD`); today, or `SOURCE_DATE_EPOCH`'s day, when nil.
    public var buildDate: String?
    /// Also print every routine sheet to `routines/<slug>/<slug>.pdf` with headless Chromium.
    public var pdf = false
    /// Print sheets, as `pdf` does, when `site.yaml` says `pdf: true`. The preview server does not.
    public var followsSitePDF = true
    /// The Chromium to print with; found on PATH when nil.
    public var chromium: String?
    /// Make the search index with Pagefind (`SearchIndex`) when `site.yaml` asks for it or
    /// Pagefind is installed. The preview server does not: its pages search `cards.js`.
    public var indexesSearch = true
    /// The Pagefind to index with; found on PATH when nil.
    public var pagefind: String?
    /// Overrides `base_url` from `site.yaml`: where the site is published.
    public var baseURL: String?
    /// Overrides `paper` from `site.yaml`.
    public var paper: SiteSettings.Paper?
    /// Also build draft articles (`limber serve`).
    public var drafts = false
    /// With `pdf`: print only this routine's sheet, and fail when there is no such routine.
    public var onlyRoutine: String?
    /// Told now and then how many pages are written, of how many, for a progress bar.
    public var onProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// The process ends right after this build (the `limber` command): the build's content is
    /// left for the process's end to reclaim, instead of being freed piece by piece (for ten
    /// thousand stretches that is a tenth of the time of a rebuild after one edit). Never set in a
    /// process that goes on, such as `limber serve`.
    public var exitsAfterwards = false
    /// Replace an output folder that holds files no build of this site wrote (`--force`).
    public var force = false
    /// A full build sets the bodies' text aside in a file, as it reads them, when the stretch and
    /// routine files are larger than this many bytes together (`BodiesSetAside`).
    package var setsBodiesAsideAbove = BodiesSetAside.threshold
    /// The output is a folder of Limber's own (the preview's, the sheet's): not checked.
    var privateOutput = false
    /// Where a process that builds again and again (`limber serve`) keeps each build's cache for
    /// the next, with the files its watcher saw change: nil reads the cache from disk and walks
    /// the folders.
    public var memory: BuildMemory?
    /// The content types the build reads (`ContentKind`): Limber's own, unless a test adds one.
    package var kinds = ContentKind.builtIn

    public init(
        siteFolder: String, output: String? = nil, checkOnly: Bool = false, strict: Bool = false,
        buildDate: String? = nil
    ) {
        self.siteFolder = siteFolder
        self.output = output
        self.checkOnly = checkOnly
        self.strict = strict
        self.buildDate = buildDate
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public var pages: Int
    public var files: Int
    public var seconds: Double
    public var output: String
    /// Warnings (a build with errors throws instead).
    public var diagnostics: [Diagnostic]
    /// Nothing had changed since the last build, which is still in place: nothing was written.
    public var upToDate = false
    /// How many pages were rendered: all of them, or only those an edit touched.
    public var rendered = 0
    /// Whether the build prints sheets (`--pdf` or `pdf: true`).
    public var printsPDFs = false
    /// Routine sheets printed to PDF, kept from the last build, and removed because their sheet
    /// changed in a build that does not print: each `routines/<slug>/<slug>.pdf`.
    public var printedPDFs: [String] = []
    public var keptPDFs: [String] = []
    public var removedPDFs: [String] = []
    /// How many pictures were decoded and encoded; the others' renditions were kept from before.
    public var picturesEncoded = 0
    /// One-line notices about how the site was written (an output updated in place).
    public var notices: [String] = []
    /// How many bodies' text was set aside in a file while the pages were rendered, rather than
    /// kept in memory (`BodiesSetAside`).
    public var bodiesSetAside = 0
}

extension BuildOptions {
    /// Everything about a build's options that changes what it writes: part of the cache's setup.
    func setupText(outputPath: String, date: String) -> String {
        [
            outputPath, baseURL ?? "", pdf ? "pdf" : "", chromium ?? "", paper?.rawValue ?? "", onlyRoutine ?? "",
            strict ? "strict" : "", drafts ? "drafts" : "", date, indexesSearch ? pagefind ?? "" : "",
        ].joined(separator: "\u{0}")
    }
}

/// A build, stage by stage (`build` lists them); each stage is a function from values to values.
public enum SiteBuilder {
    /// Prepare → ask the last build → load content → resolve references → publish the pictures →
    /// draw the logo's icons → check the theme → plan the pages → render and write them → keep the cache. Every problem in
    /// content and theme is reported at once, after the theme is checked; nothing is written when
    /// there is one. A build that writes holds its output's lock throughout (`OutputPlace`).
    public static func build(_ options: BuildOptions) throws(BuildFailed) -> BuildReport {
        let run = try prepare(options)
        guard let place = run.place else { return try build(run) }
        return try place.whileLocked { () throws(BuildFailed) -> BuildReport in
            place.removeLeftovers()
            return try build(run)
        }
    }

    /// The stages, in order.
    static func build(_ run: Run) throws(BuildFailed) -> BuildReport {
        var run = run
        StageTimer.mark("start")
        // What the last build left is good for is decided in one place, `LastBuild`: nothing to
        // do, files not to read again, pages not to write again.
        let last = LastBuild.find(for: run)
        if let cache = last.upToDate {
            // The process ends here: the cache is left for its end (freeing it was 19 ms at 50,000 stretches).
            if run.options.exitsAfterwards { ExitingProcess.keep(last) }
            return run.report(upToDate: cache)
        }

        // The theme is read on the other core while the content is (an edit's load is mostly on
        // one core: 10 ms at 10,000 stretches).
        let themeRead = ParallelMap.ahead { [run] in Theme.load(run.folder, kinds: run.options.kinds) }
        var diagnostics: [Diagnostic] = []
        // A full build of a large guide sets each body's text aside as it is read.
        let setAside = last.cache == nil ? BodiesSetAside.forFullBuild(of: last.inputs, run) : nil
        let (content, documents) = load(run, reusing: last, settingAside: setAside, into: &diagnostics)
        let guide = content.flatMap { resolve($0, into: &diagnostics) }
        let translations = translate(run, content, guide, into: &diagnostics)
        var pictures = publishPictures(run, content, guide, translations: translations, into: &diagnostics)
        let icons = brandIcons(run, content, guide, &pictures, into: &diagnostics)
        var theme = checkTheme(run, themeRead.value, checkedBefore: last.cache != nil, into: &diagnostics)
        if let icons { theme = theme?.branded(with: icons) }
        if let guide, let theme {
            diagnostics += clashes(of: guide.assets, with: theme)
            diagnostics += theme.wordTables.problems(
                for: guide.settings.language,
                at: guide.settings.languageLocation ?? SourceLocation(path: "content/site.yaml", line: 1, column: 1))
        }
        var checked = try accept(run, guide, theme, documents, pictures, diagnostics)
        checked.translations = translations
        checked.bodiesSetAside = setAside?.count ?? 0
        if run.options.checkOnly { return run.report(pages: checked.guide.pages.count, checked.diagnostics) }

        var ready = try applyOptions(&run, to: checked)
        // A build that stopped at an error wrote nothing, so the cache still tells the truth about
        // the output and its copy. From here until this build has finished, the copy may be
        // neither the last build nor this one.
        last.forget()
        let plan = plan(ready, after: last, run)
        let written = try write(plan, ready, run)
        let printedTooLong = SheetPDFs.warnings(pages: written.pdfs.pages, ready.guide)
        if !printedTooLong.isEmpty { ready.diagnostics = (ready.diagnostics + printedTooLong).sortedByLocation() }
        // The list of the output's files is kept when none came or went (sorting and writing it
        // was 7 ms of an edit at 10,000 stretches).
        if let place = run.place, !(written.sameNames && access(OutputClaim.manifest(place.state), F_OK) == 0) {
            OutputClaim.record(written.outputs.keys, state: place.state)
        }
        // A guide in several languages is built in full each time: the cache knows one language.
        if ready.translations.isEmpty { last.keep(written, ready, run) }
        StageTimer.mark("write cache")
        if run.options.exitsAfterwards { ExitingProcess.keep(last, ready, plan, written) }
        return run.report(written, ready)
    }

    /// What a build wrote: counts to report, and every file with its stamp for the cache.
    struct Written {
        var pages: Int
        var files: Int
        var outputs: [String: FileStamp]
        /// Each stretch's card rendered ahead (`ViewBuilder.cardRoot`), by path.
        var cards: [String: KeptCard]
        /// How many pages were rendered.
        var rendered: Int
        /// The documents an edit touched: the cache keeps the others' bytes as they were. Nil
        /// after a full build, which counts every document as new.
        var changedDocuments: Set<String>? = nil
        /// The sheets printed to PDF, the PDFs kept and those removed.
        var pdfs = SheetPDFs.Plan()
        /// The output has the same files as after the last build: none came or went.
        var sameNames = false
    }

    /// A guide checked and ready to write, with its documents for the cache.
    struct Checked {
        var guide: Guide
        var theme: Theme
        /// Warnings: a build with errors stops before it has a `Checked`.
        var diagnostics: [Diagnostic]
        var documents: [String: SourceDocument]
        /// The files read again, not taken from the last build (`Documents.readAgain`).
        var readAgain: [String]?
        /// Every picture under `content/`, with its renditions made.
        var pictures: PictureSet
        /// On a guide in several languages (`languages:`), the guide in each language but the first.
        var translations: [Guide] = []
        /// How many bodies' text is set aside in a file (`BodiesSetAside`).
        var bodiesSetAside = 0
    }

    // MARK: - Stages

    /// What stays the same through a build: where it reads and writes, its day, its browser.
    struct Run: Sendable {
        var options: BuildOptions
        var folder: SiteFolder
        var outputPath: String
        /// Where the cache and the copy of the site are kept; nil for `check`, which writes nothing.
        var place: OutputPlace?
        /// The day printed on sheets.
        var date: String
        /// The Chromium that prints sheets to PDF, with `--pdf` or `pdf: true`.
        var browser: String?
        /// The Pagefind that makes the search index, once `site.yaml` is read (`applyOptions`).
        var pagefind: String?
        var started: Date

        func report(
            pages: Int, files: Int = 0, _ diagnostics: [Diagnostic] = [], upToDate: Bool = false, rendered: Int = 0,
            picturesEncoded: Int = 0
        ) -> BuildReport {
            BuildReport(
                pages: pages, files: files, seconds: Date().timeIntervalSince(started), output: outputPath,
                diagnostics: diagnostics, upToDate: upToDate, rendered: rendered, picturesEncoded: picturesEncoded)
        }

        /// Nothing to build: the last build's counts, and its warnings printed again (its files
        /// are the same).
        func report(upToDate cache: BuildCache) -> BuildReport {
            report(pages: cache.pages, files: cache.files, cache.warnings, upToDate: true)
        }

        /// What a build wrote and printed, with its warnings.
        func report(_ written: Written, _ checked: Checked) -> BuildReport {
            var report = report(
                pages: written.pages, files: written.files, checked.diagnostics, rendered: written.rendered,
                picturesEncoded: checked.pictures.encoded)
            report.printsPDFs = browser != nil
            report.printedPDFs = written.pdfs.print.map(Paths.sheetPDF)
            report.keptPDFs = written.pdfs.keep.map(Paths.sheetPDF)
            report.removedPDFs = written.pdfs.remove.map(Paths.sheetPDF)
            report.bodiesSetAside = checked.bodiesSetAside
            if place?.inPlace == true {
                report.notices.append(
                    "\(outputPath) is a mount point: updated in place, new files first, pages next, removals last")
            }
            return report
        }
    }

    /// The build's folders and day, and the Chromium to print PDFs with when `--pdf` asks for
    /// them: without one, the build fails at once.
    static func prepare(_ options: BuildOptions) throws(BuildFailed) -> Run {
        let started = Date()
        var options = options
        // Found here, so that installing or removing it makes the next build a full one.
        if options.indexesSearch { options.pagefind = SearchIndex.find(explicit: options.pagefind) }
        let folder = SiteFolder(root: options.siteFolder)
        var outputPath = options.output ?? folder.path("public")
        var place: OutputPlace?
        // Nothing is kept for a folder that is not a site (perhaps a misspelt command): loading
        // says what it is.
        if !options.checkOnly && folder.isDirectory("content") {
            outputPath = OutputClaim.resolve(outputPath)
            if !options.privateOutput {
                try OutputClaim.check(
                    output: outputPath, site: folder.root,
                    state: OutputPlace.state(site: folder.root, output: outputPath), force: options.force)
            }
            do {
                place = try OutputPlace(site: folder.root, output: outputPath)
            } catch {
                throw cannotWrite(outputPath, folder: folder, error)
            }
            outputPath = place!.output
        }
        return Run(
            options: options, folder: folder, outputPath: outputPath, place: place,
            date: options.buildDate ?? buildDate(), browser: try findBrowser(options), started: started)
    }

    /// The Chromium to print PDFs with, when `--pdf` (or `reason`) asks for them; fails without one.
    static func findBrowser(_ options: BuildOptions, for reason: String? = nil) throws(BuildFailed) -> String? {
        guard options.pdf || reason != nil else { return nil }
        if let found = HeadlessChromium.find(explicit: options.chromium) { return found }
        let what = options.chromium.map { "no browser at \($0)" } ?? "no Chromium on PATH"
        throw BuildFailed(diagnostics: [
            .error(
                at: reason == nil ? .commandLine : SourceLocation(path: "content/site.yaml", line: 1, column: 1),
                "\(reason ?? "--pdf") needs headless Chromium: \(what)", note: HeadlessChromium.installHint)
        ])
    }

    /// The Pagefind to make the search index with: the one found, unless `search: false`; with
    /// `search: true`, the build fails without one.
    static func findPagefind(_ options: BuildOptions, settings: SiteSettings) throws(BuildFailed) -> String? {
        guard options.indexesSearch, settings.search != false else { return nil }
        if let found = options.pagefind { return found }
        guard settings.search == true else { return nil }
        throw BuildFailed(diagnostics: [
            .error(
                at: settings.searchLocation ?? SourceLocation(path: "content/site.yaml", line: 1, column: 1),
                "search: true needs Pagefind to make the search index: no pagefind on PATH",
                note: SearchIndex.installHint)
        ])
    }

    /// Every content file read and checked, and each stretch and routine read without errors with
    /// hashes of its front matter and body, for the next build to compare; a file the last build
    /// read and that has not changed since is taken from it. Draft articles are kept only for
    /// `limber serve`.
    static func load(
        _ run: Run, reusing last: LastBuild, settingAside setAside: BodiesSetAside? = nil,
        into diagnostics: inout [Diagnostic]
    ) -> (LoadedContent?, Documents) {
        // The files the last build's documents could not stand in for, which were read again.
        let readAgain = Locked<[String]>([])
        let reuse = last.reuse.map { reuse in
            { @Sendable (path: String) -> SourceDocument? in
                let document = reuse(path)
                if document == nil { readAgain.withLock { $0.append(path) } }
                return document
            }
        }
        var didRead: (@Sendable (LoadedDocument.Model) -> Void)?
        if let setAside { didRead = { model in setAside.setAside(model.body) } }
        var (content, documents, problems) = ContentLoader.load(
            run.folder, keeping: SourceDocument.self, reuse: reuse,
            didRead: didRead, drafts: run.options.drafts,
            kinds: run.options.kinds)
        diagnostics += problems
        let readAgainPaths = reuse == nil ? nil : readAgain.withLock { $0 }
        // Sheets measured by the last build are kept for the routines whose files and stretches'
        // files are the same: the key is made of their documents' hashes.
        if run.place != nil {
            content?.sheetFits = SheetFit.Known(fits: last.cache?.sheetFits ?? [:]) { [documents] routine, guide in
                guard let own = documents[routine.sourcePath] else { return nil }
                var key = FNV()
                key.add(own.frontMatterHash)
                key.add(own.bodyHash)
                for step in routine.steps {
                    guard let position = guide.stretchIndex[step.stretch.slug],
                        let stretch = documents[guide.stretches[position].sourcePath]
                    else { return nil }
                    key.add(stretch.frontMatterHash)
                    key.add(stretch.bodyHash)
                }
                return key.value
            }
            content?.sheetFits?.unchanged = unchangedRoutine(
                readAgain: readAgainPaths, documents, last: last.cache?.documents)
        }
        StageTimer.mark("  load")
        return (content, Documents(all: documents, readAgain: readAgainPaths))
    }

    /// Whether a routine's file and its steps' stretch files are surely the last build's: its file
    /// was not read again, and no step names a stretch whose file was, as it was or as it is now.
    /// Nil when that cannot be told: every file was read, or one of the last build's is gone (a
    /// step may now name another file's stretch).
    static func unchangedRoutine(
        readAgain: [String]?, _ documents: [String: SourceDocument], last: [String: SourceDocument]?
    ) -> (@Sendable (Routine) -> Bool)? {
        guard let readAgain, let last else { return nil }
        var added = 0
        var slugs: Set<String> = []
        for path in readAgain {
            if last[path] == nil, documents[path] != nil { added += 1 }
            for document in [last[path], documents[path]] {
                if case .stretch(let stretch) = document?.model { slugs.insert(stretch.slug) }
            }
        }
        guard last.count == documents.count - added else { return nil }
        let paths = Set(readAgain)
        return { [slugs] routine in
            !paths.contains(routine.sourcePath) && !routine.steps.contains { slugs.contains($0.stretch.slug) }
        }
    }

    /// The documents of a build's stretches and routines, by path, for the cache.
    struct Documents {
        var all: [String: SourceDocument]
        /// The files that were read again rather than taken from the last build's documents: every
        /// other document is the last build's. Nil when none could be taken.
        var readAgain: [String]?
    }

    /// On a guide in several languages, each language but the first read and checked as a guide of
    /// its own, under its folder (`de/`), with the first language's stretches for its routines'
    /// steps where it has no translation of them. Only its own files' problems are reported: the
    /// first language's read reports the rest.
    static func translate(
        _ run: Run, _ content: LoadedContent?, _ guide: Guide?, into diagnostics: inout [Diagnostic]
    ) -> [Guide] {
        guard let content, content.settings.languages.count > 1 else { return [] }
        var translations: [Guide] = []
        for language in content.settings.languages.dropFirst() {
            let (read, _, problems) = ContentLoader.load(
                run.folder, keeping: LoadedDocument.self, drafts: run.options.drafts, kinds: run.options.kinds,
                translation: language)
            let own = { (diagnostic: Diagnostic) in
                ContentLanguage.suffix(of: diagnostic.location.path) == language
                    || diagnostic.location.path == "templates/i18n/\(language).yaml"
            }
            diagnostics += problems.filter(own)
            guard var read else { continue }
            read.borrowed = content.stretches
            let (translated, found) = Guide.resolve(read)
            diagnostics += found.filter(own)
            guard var translated else { continue }
            translated.borrowedLanguage = content.settings.language
            translations.append(translated)
        }
        StageTimer.mark("  translations")
        return translations
    }

    /// References between files checked, and the content in reading order.
    static func resolve(_ content: LoadedContent, into diagnostics: inout [Diagnostic]) -> Guide? {
        let (guide, problems) = Guide.resolve(content)
        diagnostics += problems
        StageTimer.mark("  resolve")
        return guide
    }

    /// Every picture a page shows made into renditions (or taken from those kept from before),
    /// on every core as far as memory allows; a picture that cannot be published is an error at
    /// each line that uses it.
    static func publishPictures(
        _ run: Run, _ content: LoadedContent?, _ guide: Guide?, translations: [Guide] = [],
        into diagnostics: inout [Diagnostic]
    ) -> PictureSet {
        guard let content, let guide else { return PictureSet() }
        var uses = PictureSet.uses(in: guide)
        for translation in translations { uses.merge(PictureSet.uses(in: translation), uniquingKeysWith: +) }
        let (pictures, problems) = PictureSet.publish(content.assets, used: Set(uses.keys), in: run.folder)
        diagnostics += PictureSet.diagnostics(for: problems, uses: uses)
        StageTimer.mark("  pictures (\(pictures.encoded) encoded)")
        return pictures
    }

    /// The site's icons drawn from its `logo` (or kept from an earlier build), when it has one; an
    /// error at the `logo` line when the logo is not published or cannot be made into them.
    static func brandIcons(
        _ run: Run, _ content: LoadedContent?, _ guide: Guide?, _ pictures: inout PictureSet,
        into diagnostics: inout [Diagnostic]
    ) -> BrandIcons? {
        guard let content, let guide, let logo = guide.settings.logo else { return nil }
        guard let published = pictures.pictures[logo.src] else {
            // A damaged picture, or an SVG that could run something, has its errors already.
            if !content.assets.contains(logo.src) {
                diagnostics.append(
                    .error(
                        at: logo.location ?? SourceLocation(path: "content/site.yaml", line: 1, column: 1),
                        "the logo '\(logo.src)' is a file Limber never publishes",
                        note: "hidden files, backups and links that lead out of content/ are left out: "
                            + "name the picture itself, like 'images/logo.svg'"))
            }
            return nil
        }
        let made = BrandIcons.make(logo, published: published, background: guide.settings.splashColor, in: run.folder)
        StageTimer.mark("  icons")
        switch made {
        case .success(let icons):
            if icons.drawn { pictures.encoded += 1 }
            return icons
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }

    /// The theme's templates parsed, and every name they use checked against the page views. A
    /// theme the last build checked (a cache is kept only by a build that succeeded, and its
    /// setup holds every template and this binary) is not checked again.
    static func checkTheme(
        _ run: Run, _ loaded: (Theme?, [Diagnostic]), checkedBefore: Bool, into diagnostics: inout [Diagnostic]
    ) -> Theme? {
        let (theme, problems) = loaded
        diagnostics += problems
        StageTimer.mark("  theme")
        if let theme, !checkedBefore { diagnostics += TemplateCheck.check(theme, kinds: run.options.kinds) }
        StageTimer.mark("  template check")
        return theme
    }

    /// The checked guide and theme, with every warning in order; every problem at once when there
    /// is an error (or, with `--strict`, a warning).
    static func accept(
        _ run: Run, _ guide: Guide?, _ theme: Theme?, _ documents: Documents, _ pictures: PictureSet,
        _ diagnostics: [Diagnostic]
    ) throws(BuildFailed) -> Checked {
        let diagnostics = diagnostics.sortedByLocation()
        guard !diagnostics.hasErrors, !(run.options.strict && !diagnostics.isEmpty), let guide, let theme else {
            throw BuildFailed(diagnostics: diagnostics)
        }
        StageTimer.mark("load and check")
        return Checked(
            guide: guide, theme: theme, diagnostics: diagnostics, documents: documents.all,
            readAgain: documents.readAgain, pictures: pictures)
    }

    /// An error at each file under `content/` that would land where one of the theme's files goes
    /// (`content/icon-192.png` beside the theme's icon): one would silently replace the other.
    static func clashes(of assets: [String], with theme: Theme) -> [Diagnostic] {
        let themeFiles = Set(theme.outputNames.values)
        return assets.filter(themeFiles.contains).map { asset in
            .error(
                at: SourceLocation(path: "content/" + asset, line: 1, column: 1),
                "the theme publishes a file of its own at \(asset): one would replace the other",
                note: "rename it, or move it into a folder such as images/")
        }
    }

    /// The guide with what the command line overrides, and the Chromium to print with when
    /// `site.yaml` says `pdf: true`.
    static func applyOptions(_ run: inout Run, to checked: Checked) throws(BuildFailed) -> Checked {
        var checked = checked
        try apply(run.options, to: &checked.guide)
        for index in checked.translations.indices {
            try apply(run.options, to: &checked.translations[index])
            if run.options.baseURL != nil {
                checked.translations[index].settings.baseURL =
                    checked.guide.settings.baseURL + checked.translations[index].settings.languageFolder
            }
        }
        if run.browser == nil, run.options.followsSitePDF, checked.guide.settings.pdf {
            run.browser = try findBrowser(run.options, for: "pdf: true in site.yaml")
        }
        run.pagefind = try findPagefind(run.options, settings: checked.guide.settings)
        return checked
    }

    /// What the command line overrides: paper, `--base-url`, the one routine `limber sheet` prints.
    static func apply(_ options: BuildOptions, to guide: inout Guide) throws(BuildFailed) {
        if let paper = options.paper { guide.settings.paper = paper }
        if let baseURL = options.baseURL {
            if let problem = SiteAddress.problem(in: baseURL) {
                throw BuildFailed(diagnostics: [
                    .error(
                        at: .commandLine, "--base-url '\(baseURL)': \(problem.message)",
                        note: "give it like https://example.org/some/path/")
                ])
            }
            guide.settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        if let only = options.onlyRoutine {
            let known = guide.routines.map(\.slug)
            guard known.contains(only) else {
                throw BuildFailed(diagnostics: [
                    .error(
                        at: .commandLine, "no routine '\(only)' in content/routines/",
                        note: Suggestion.note(for: only, in: known) ?? "routines: " + known.joined(separator: ", "))
                ])
            }
        }
    }

    /// The view data for the guide's pages in `theme`; sheets link to their PDF when the build
    /// prints them, or when an earlier build's PDF is kept (`keptPDFs`).
    static func viewBuilder(
        _ guide: Guide, theme: Theme, pictures: PictureSet, date: String, printing: Bool, keptPDFs: Set<String>
    ) -> ViewBuilder {
        var builder = ViewBuilder(guide: guide, theme: theme, buildDate: date, withPDFs: printing)
        builder.keptPDFs = printing ? [] : keptPDFs
        builder.hasFeed = SiteFiles.hasFeed(guide)
        builder.pictures = pictures.pictures
        return builder
    }

    /// A translation's pages: those of any guide but the 404 page, which is the first language's.
    static func translatedPages(of guide: Guide, in theme: Theme) -> [Page] {
        pages(of: guide, in: theme).filter { $0.content != .notFound }
    }

    /// The pages to write: a theme without a 404 template builds without a 404 page.
    static func pages(of guide: Guide, in theme: Theme) -> [Page] {
        guide.pages.filter { $0.content != .notFound || theme.sources["404"] != nil }
    }

    /// Renders `pages` on every core, handing each to `write`.
    static func render(
        _ pages: [Page], with builder: ViewBuilder, theme: Theme, options: BuildOptions,
        write: @Sendable (String, [UInt8]) throws -> Void
    ) throws {
        let progress = Progress(total: pages.count, report: options.onProgress)
        let failures = ParallelMap.map(pages) { page -> String? in
            let html = theme.renderBytes(page.template, builder.view(for: page))
            do {
                try write(page.file, html)
                progress.done()
                return nil
            } catch {
                return "\(error)"
            }
        }.compactMap { $0 }
        if let failure = failures.first { throw OutputError(message: failure) }
    }

    /// Writes the sitemap, robots.txt, the feed, the offline files and the files the lists and the
    /// composer load (`BrowsingFile`), each handed to `write` as soon as it is made. One at a time:
    /// several are the size of the guide, and a full build is at its peak in memory while they
    /// are made (an edit makes them on every core: `planUpdate`).
    static func writeSiteFiles(
        _ guide: Guide, pages: [Page], theme: Theme, from folder: SiteFolder,
        programme: MadeOnce<ProgrammeData.File>, translations: [(Guide, [Page])] = [],
        versions: LanguageVersions? = nil, write: (String, String) throws -> Void
    ) throws {
        let words = theme.wordTables.words(for: guide.settings.language)
        for part in BrowsingFile.allCases {
            let (file, text) = browsingFile(part, guide, words: words, programme: programme)
            try write(file, text)
        }
        for (file, text) in otherSiteFiles(
            guide, pages: pages, theme: theme, from: folder, programme: programme, translations: translations,
            versions: versions)
        {
            try write(file, text)
        }
    }

    /// The sitemap, robots.txt, the feed and the offline files.
    static func otherSiteFiles(
        _ guide: Guide, pages: [Page], theme: Theme, from folder: SiteFolder,
        programme: MadeOnce<ProgrammeData.File>, translations: [(Guide, [Page])] = [],
        versions: LanguageVersions? = nil
    ) -> [(String, String)] {
        let sitemap = SiteFiles.sitemap(
            [(guide, pages)] + translations, history: History.lastCommitDates(folder), versions: versions)
        var files = [("sitemap.xml", sitemap), ("robots.txt", SiteFiles.robots(guide))]
        if let feed = SiteFiles.feed(guide) { files.append(("feed.xml", feed)) }
        let assets = Array(theme.outputNames.values)
        files.append((Offline.manifestName, Offline.manifest(guide, outputNames: theme.outputNames)))
        // The composer and its data are kept from the first visit, to make programmes offline.
        let programme = [
            Paths.file(Paths.programme), Paths.file(Paths.programme + "sheet/"),
            programme.read { $0.name },
        ]
        files.append((Offline.workerName, Offline.serviceWorker(assets: assets + programme, sitemap: sitemap)))
        return files
    }

    /// What `write` does: every page into a new folder swapped in at the end, or only the pages
    /// an edit touched, into the copy of the site kept for it, swapped in the same way.
    enum Plan {
        /// Every page, with the views for them and each stretch's card rendered ahead, by path.
        case full([Page], ViewBuilder, cards: [String: KeptCard])
        case update(Update)

        var isUpdate: Bool {
            if case .update = self { true } else { false }
        }
    }

    /// The pages to render and write. A build whose edit changes every page is done in full; so is
    /// one without a copy of the site that is file for file the output.
    static func plan(_ checked: Checked, after last: LastBuild, _ run: Run) -> Plan {
        if checked.translations.isEmpty, let cache = last.updatable(run),
            let update = planUpdate(from: cache, to: checked, run)
        {
            return .update(update)
        }
        var builder = viewBuilder(
            checked.guide, theme: checked.theme, pictures: checked.pictures, date: run.date,
            printing: run.browser != nil,
            keptPDFs: SheetPDFs.existing(checked.guide, in: run.outputPath))
        StageTimer.mark("plan")
        let cards = renderCards(with: &builder)
        let pages = pages(of: checked.guide, in: checked.theme)
        if !checked.translations.isEmpty {
            builder.languageVersions = LanguageVersions(
                [(checked.guide, pages)] + checked.translations.map { ($0, translatedPages(of: $0, in: checked.theme)) }
            )
        }
        return .full(pages, builder, cards: cards)
    }

    /// Each stretch's card rendered ahead (`ViewBuilder.cardRoot`), by path, and handed to
    /// `builder` for the pages that show it: a card in `kept` as the last build rendered it, the
    /// others now, on every core. Pages show a stretch's card many times (lists, related stretches,
    /// the index), so it is rendered once.
    static func renderCards(
        with builder: inout ViewBuilder, kept: [String: KeptCard] = [:], except changed: Set<String> = []
    ) -> [String: KeptCard] {
        let stretches = builder.guide.stretches
        // Each stretch's card looked up once, in one pass: the kept one, or a place for one to
        // render. The last build's cards are copied once, and only when some changed.
        var shown: [KeptCard] = []
        shown.reserveCapacity(stretches.count)
        var missing: [Int] = []
        for (index, stretch) in stretches.enumerated() {
            if !changed.contains(stretch.sourcePath), let card = kept[stretch.sourcePath] {
                shown.append(card)
            } else {
                missing.append(index)
                shown.append(KeptCard(""))
            }
        }
        let rendered = ParallelMap.map(missing) { [builder] in KeptCard(builder.renderCard($0)) }
        var cards = kept
        for path in changed { cards.removeValue(forKey: path) }
        for (index, card) in zip(missing, rendered) {
            shown[index] = card
            cards[stretches[index].sourcePath] = card
        }
        builder.show(shown)
        StageTimer.mark("cards (\(rendered.count) rendered)")
        return cards
    }

    /// Renders and writes what `plan` says; a failure is reported after the build's warnings. One
    /// stage, not two: each page is written as soon as it is rendered, so no page waits in memory.
    static func write(_ plan: Plan, _ checked: Checked, _ run: Run) throws(BuildFailed) -> Written {
        do {
            let written =
                switch plan {
                case .full(let pages, let builder, let cards):
                    try writeAll(pages, with: builder, cards: cards, checked, run)
                case .update(let update): try writeChanges(update, checked, run)
                }
            StageTimer.mark(plan.isUpdate ? "update" : "full write")
            return written
        } catch {
            throw BuildFailed(diagnostics: checked.diagnostics + error.diagnostics)
        }
    }

    /// Renders every page on every core, writes the files beside them, prints sheets when asked,
    /// and swaps the whole folder in; on any failure the staged folder is thrown away. The last
    /// build is then removed, and the copy of the site that updates are written into is made.
    static func writeAll(
        _ pages: [Page], with builder: ViewBuilder, cards: [String: KeptCard], _ checked: Checked, _ run: Run
    ) throws(BuildFailed) -> Written {
        let (guide, theme, folder, options) = (checked.guide, checked.theme, run.folder, run.options)
        // PDFs the last build left: kept while their sheets are the same but for the day (a new
        // day is a new setup, so a build on the next day is a full one).
        let existingPDFs = SheetPDFs.existing(guide, in: run.outputPath)
        var pdfs = SheetPDFs.Plan()
        let outputs: [String: FileStamp]
        let place = run.place!
        do {
            let staged = try StagedOutput(output: run.outputPath, staging: place.staging, privately: !place.keepsSpare)
            do {
                try render(pages, with: builder, theme: theme, options: options) { try staged.write($0, $1) }
                // What rendering freed goes back to the system before the site files are made
                // beside the guide: the build's peak in memory.
                FreedMemory.giveBack()
                StageTimer.mark("pages")
                var translatedPages: [(Guide, [Page])] = []
                for translation in checked.translations {
                    let prefix = translation.settings.languageFolder
                    translatedPages.append(
                        (
                            translation,
                            try writeTranslation(translation, like: builder, checked, run) { file, bytes in
                                try staged.write(prefix + file, bytes)
                            }
                        ))
                }
                try writeSiteFiles(
                    guide, pages: pages, theme: theme, from: folder, programme: builder.programmeData,
                    translations: translatedPages, versions: builder.languageVersions
                ) { try staged.write($0, $1) }
                for (file, bytes) in theme.staticFiles.sorted(by: { $0.key < $1.key }) {
                    try staged.write(theme.outputNames[file]!, bytes)
                }
                for asset in PictureSet.copiedAsIs(guide.assets) {
                    try staged.copy(from: folder.path("content/" + asset), to: asset)
                }
                for (file, kept) in checked.pictures.keptFiles.sorted(by: { $0.key < $1.key }) {
                    try staged.copy(from: kept, to: file)
                }
                pdfs = SheetPDFs.plan(
                    routines: guide.routines.map(\.slug), printing: run.browser != nil, only: options.onlyRoutine,
                    existing: existingPDFs
                ) { slug in
                    let sheet = Paths.file(Paths.sheet(slug))
                    return !SheetPDFs.sameSheet(
                        try? SiteFolder.readFile(staged.staging + "/" + sheet),
                        try? SiteFolder.readFile(run.outputPath + "/" + sheet), date: run.date)
                }
                for slug in pdfs.keep {
                    try staged.copy(from: run.outputPath + "/" + Paths.sheetPDF(slug), to: Paths.sheetPDF(slug))
                }
                try rewriteSheets(pdfs.remove, of: guide, with: builder, theme: theme) { try staged.write($0, $1) }
                if let browser = run.browser {
                    pdfs.pages = try SheetPrinter.print(pdfs.print, from: staged.staging, chromium: browser) {
                        try staged.write($0, $1)
                    }
                }
                if let pagefind = run.pagefind {
                    try SearchIndex.make(site: staged.staging, pagefind: pagefind, scratch: place.state + "/search") {
                        try staged.write($0, $1)
                    }
                    StageTimer.mark("search index")
                }
                outputs = staged.written
                if place.inPlace {
                    try FileTree.update(
                        run.outputPath, from: staged.staging, files: Array(outputs.keys),
                        removing: OutputClaim.recorded(state: place.state))
                } else {
                    try staged.commit()
                }
            } catch {
                staged.discard()
                throw error
            }
        } catch {
            throw cannotWrite(run.outputPath, folder: folder, error)
        }
        StageTimer.mark("swap")
        FileTree.remove(place.staging)
        if place.keepsSpare {
            FileTree.remove(place.spare)
            // Without the copy, the next build is a full one.
            if (try? FileTree.link(Array(outputs.keys), from: run.outputPath, to: place.spare)) == nil {
                FileTree.remove(place.spare)
            }
        }
        StageTimer.mark("copy for the next build")
        let pageCount = pages.count + translatedCount(checked)
        return Written(
            pages: pageCount, files: outputs.count, outputs: outputs,
            cards: cards,
            rendered: pageCount, pdfs: pdfs)
    }

    /// The pages of the guide's translations.
    static func translatedCount(_ checked: Checked) -> Int {
        checked.translations.reduce(0) { $0 + translatedPages(of: $1, in: checked.theme).count }
    }

    /// What each language's lists, search box and programme composer load, beside its pages: the
    /// card index, the stretches' cues for the search without an index, and the composer's data.
    /// Each is made from every stretch, so each is a part of its own for the cores to share.
    enum BrowsingFile: CaseIterable {
        // The largest first: the cores take the parts in this order.
        case programme, cards, cues
    }

    /// One of the files the lists and the composer load. With `patching`, after an edit that
    /// keeps every stretch in its place, a file with a line a stretch is the last build's (by
    /// name) with the lines of the stretches at `changed` made again (`StretchLines`).
    static func browsingFile(
        _ file: BrowsingFile, _ guide: Guide, words: Words, programme: MadeOnce<ProgrammeData.File>,
        patching: (last: @Sendable (String) -> [UInt8]?, changed: [Int])? = nil
    ) -> (String, String) {
        func made(_ name: String, _ lines: StretchLines) -> (String, String) {
            (name, lines.made(from: patching?.last(name), changed: patching?.changed))
        }
        return switch file {
        case .cards: made(CardIndex.fileName, CardIndex.lines(guide, words: words))
        case .cues: made(CardIndex.cuesFileName, CardIndex.cuesLines(guide))
        case .programme: programme.read { ($0.name, $0.text) }
        }
    }

    /// A translation's pages, feed, card index and programme data, each handed to `write` with
    /// its path under the translation's folder; its sheets are not printed to PDF. Returns the
    /// pages, for the sitemap.
    static func writeTranslation(
        _ translation: Guide, like first: ViewBuilder, _ checked: Checked, _ run: Run,
        write: @Sendable (String, [UInt8]) throws -> Void
    ) throws -> [Page] {
        var builder = viewBuilder(
            translation, theme: checked.theme, pictures: checked.pictures, date: run.date, printing: false,
            keptPDFs: [])
        builder.languageVersions = first.languageVersions
        let pages = translatedPages(of: translation, in: checked.theme)
        _ = renderCards(with: &builder)
        try render(pages, with: builder, theme: checked.theme, options: run.options, write: write)
        if let feed = SiteFiles.feed(translation) { try write("feed.xml", Array(feed.utf8)) }
        for part in BrowsingFile.allCases {
            let (file, text) = browsingFile(part, translation, words: builder.words, programme: builder.programmeData)
            try write(file, Array(text.utf8))
        }
        StageTimer.mark("pages in \(translation.settings.language)")
        return pages
    }

    /// Renders the pages and sheets of `routines` again without a link to their PDF, which the
    /// build removes.
    static func rewriteSheets(
        _ routines: [String], of guide: Guide, with builder: ViewBuilder, theme: Theme,
        write: (String, String) throws -> Void
    ) throws {
        guard !routines.isEmpty else { return }
        var builder = builder
        builder.keptPDFs.subtract(routines)
        for page in guide.pages {
            switch page.content {
            case .routine(let index), .sheet(let index):
                guard routines.contains(guide.routines[index].slug) else { continue }
                try write(page.file, theme.render(page.template, builder.view(for: page)))
            default:
                continue
            }
        }
    }

    /// An edit's pages: those that show a changed document in the last build or in this one,
    /// and pages that are new; the files beside them that change; the files that are gone.
    struct Update {
        var cache: BuildCache
        /// Every page of the site.
        var pages: [Page]
        /// The pages to render again.
        var redo: [Page]
        var builder: ViewBuilder
        /// Each stretch's card rendered ahead, by path: most as the last build rendered them.
        var cards: [String: KeptCard]
        /// The sitemap, robots.txt and feed when they change.
        var siteFiles: [(String, String)]
        /// Every file the site has after the edit.
        var expected: Set<String>
        /// The documents the edit touched: new, gone, or with other front matter or body.
        var changed: Set<String>
    }

    /// What an edit touched, from the documents of the last build and of this one. Nil when the
    /// edit changes every page (a first or last `date`, so a feed link comes or goes).
    static func planUpdate(from cache: BuildCache, to checked: Checked, _ run: Run) -> Update? {
        let guide = checked.guide
        let (frontMatter, body) = Incremental.changes(
            from: cache.documents, to: checked.documents, readAgain: checked.readAgain)
        // Every page links to the feed when there is one: a feed that comes or goes is a full build.
        // Only a document whose front matter changed can bring the first date or take the last away.
        let dated = { (documents: [String: SourceDocument]) in documents.values.contains { $0.date != nil } }
        if frontMatter.contains(where: { cache.documents[$0]?.date != nil || checked.documents[$0]?.date != nil }),
            dated(cache.documents) != dated(checked.documents)
        {
            return nil
        }
        // The lists' pages on one core while the other pages are found on every core.
        let found = ParallelMap.map([true, false]) { isLists -> Set<String> in
            isLists
                ? Incremental.listPages(from: cache.documents, to: guide, frontMatterChanged: frontMatter)
                : Incremental.pages(
                    from: cache.documents, to: checked.documents, in: guide, frontMatterChanged: frontMatter,
                    bodyChanged: body)
        }
        let touched = found[0].union(found[1])
        StageTimer.mark("what changed")

        var builder = viewBuilder(
            guide, theme: checked.theme, pictures: checked.pictures, date: run.date, printing: run.browser != nil,
            keptPDFs: existingPDFs(in: cache, guide))
        let pages = pages(of: guide, in: checked.theme)
        // Each page's file named once, for the pages to redo and the files the site has.
        let pageFiles = pages.map(\.file)
        let redo = zip(pages, pageFiles).filter { touched.contains($1) || cache.outputs[$1] == nil }.map(\.0)
        StageTimer.mark("\(redo.count) pages to redo")
        // Cards of stretches whose front matter is the same are as the last build rendered them
        // (a document that is gone counts as changed front matter).
        let kept = cache.cards
        // The sitemap and feed show front matter (titles, dates, which pages there are) and, in a
        // git repository, when each file was last committed: after body edits alone outside git,
        // they are as they were. The card index, the other site files and the cards are made at
        // once, on every core.
        let remakeSiteFiles = !frontMatter.isEmpty || History.isRepository(run.folder)
        // When every stretch keeps its place, the files with a line a stretch are the last
        // build's, in the copy of the site, with the changed stretches' lines made again.
        let spare = run.place!.spare
        let last: @Sendable (String) -> [UInt8]? = { try? SiteFolder.readFile(spare + "/" + $0) }
        let patching =
            Incremental.keepsPlaces(from: cache.documents, to: checked.documents, frontMatterChanged: frontMatter)
            ? (last: last, changed: Incremental.positions(of: frontMatter, in: guide).sorted()) : nil
        if let patching, let name = cache.outputs.keys.first(where: ProgrammeData.isFile) {
            builder.programmeData(patching: { patching.last(name) }, changed: patching.changed)
        }
        // The cards, and the site files when they change, each a part for the cores to share.
        enum Part {
            case cards
            case browsing(BrowsingFile)
            case others
        }
        // The longest part first (the sitemap, feed and service worker), so that the other core
        // takes the rest in the meantime.
        let parts =
            (remakeSiteFiles ? [Part.others] : []) + [.cards]
            + (remakeSiteFiles ? BrowsingFile.allCases.map(Part.browsing) : [])
        typealias Made = (cards: [String: KeptCard], shown: (@Sendable (Int) -> String)?, files: [(String, String)])
        let made = ParallelMap.map(parts) { [builder, kept] part -> Made in
            switch part {
            case .cards:
                var cardBuilder = builder
                return (
                    renderCards(with: &cardBuilder, kept: kept, except: frontMatter), cardBuilder.renderedCards, []
                )
            case .browsing(let file):
                let made = browsingFile(
                    file, guide, words: builder.words, programme: builder.programmeData, patching: patching)
                return ([:], nil, [made])
            case .others:
                return (
                    [:], nil,
                    otherSiteFiles(
                        guide, pages: pages, theme: checked.theme, from: run.folder, programme: builder.programmeData)
                )
            }
        }
        let cardsPart = made.first { $0.shown != nil }!
        let cards = cardsPart.cards
        builder.renderedCards = cardsPart.shown
        let files = made.flatMap(\.files)
        let siteFileNames =
            files.isEmpty
            ? cache.outputs.keys.filter { SiteFiles.names.contains($0) || ProgrammeData.isFile($0) } : files.map(\.0)
        StageTimer.mark("site files")
        var expected = Set(pageFiles).union(siteFileNames).union(PictureSet.copiedAsIs(guide.assets))
        expected.formUnion(checked.pictures.keptFiles.keys)
        expected.formUnion(checked.theme.outputNames.values)
        return Update(
            cache: cache, pages: pages, redo: redo, builder: builder, cards: cards, siteFiles: files,
            expected: expected,
            changed: frontMatter.union(body))
    }

    /// The routines (slugs) whose PDF the last build wrote or kept.
    static func existingPDFs(in cache: BuildCache, _ guide: Guide) -> Set<String> {
        Set(guide.routines.map(\.slug).filter { cache.outputs[Paths.sheetPDF($0)] != nil })
    }

    /// Renders an edit's pages and writes them into the copy of the site, with the files beside
    /// them that changed; prints the sheets that changed, or removes their PDFs in a build that
    /// does not print; removes the files that are gone; and swaps the copy in.
    static func writeChanges(_ update: Update, _ checked: Checked, _ run: Run) throws(BuildFailed) -> Written {
        let output = SpareTree(spare: run.place!.spare, output: run.outputPath)
        let guide = checked.guide
        var pdfs = SheetPDFs.Plan()
        var expected = update.expected
        var removed: [String] = []
        do {
            try render(update.redo, with: update.builder, theme: checked.theme, options: run.options) {
                try output.write($0, $1)
            }
            for (file, text) in update.siteFiles { try output.write(file, text) }
            // A picture that a page starts showing joins the site.
            for (file, kept) in checked.pictures.keptFiles.sorted(by: { $0.key < $1.key })
            where update.cache.outputs[file] == nil {
                guard let bytes = FileManager.default.contents(atPath: kept) else {
                    throw OutputError(message: "cannot read \(kept)")
                }
                try output.write(file, [UInt8](bytes))
            }
            // A page is written only when its bytes changed.
            let changed = output.written
            pdfs = SheetPDFs.plan(
                routines: guide.routines.map(\.slug), printing: run.browser != nil, only: run.options.onlyRoutine,
                existing: existingPDFs(in: update.cache, guide)
            ) { changed[Paths.file(Paths.sheet($0))] != nil }
            for slug in pdfs.remove { output.remove(Paths.sheetPDF(slug)) }
            try rewriteSheets(pdfs.remove, of: guide, with: update.builder, theme: checked.theme) {
                try output.write($0, $1)
            }
            if let browser = run.browser {
                pdfs.pages = try SheetPrinter.print(pdfs.print, from: output.spare, chromium: browser) {
                    try output.write($0, $1)
                }
            }
            expected = update.expected.union((pdfs.keep + pdfs.print).map(Paths.sheetPDF))
            // The last build's files this one does not make: the search index's are looked at
            // once it is made or kept.
            let notMade = update.cache.outputs.keys.filter { !expected.contains($0) }
            let gone = notMade.filter { !SearchIndex.isFile($0) }
            for file in gone { output.remove(file) }
            if let pagefind = run.pagefind {
                // The index is made again when a page changed, came or went; else it is kept.
                let pagesChanged = (Array(output.written.keys) + gone).contains { $0.hasSuffix(".html") }
                if pagesChanged {
                    expected.formUnion(
                        try SearchIndex.make(
                            site: output.spare, pagefind: pagefind, scratch: run.place!.state + "/search"
                        ) {
                            try output.write($0, $1)
                        })
                    StageTimer.mark("search index")
                } else {
                    expected.formUnion(update.cache.outputs.keys.filter(SearchIndex.isFile))
                }
            }
            let goneIndex = notMade.filter { SearchIndex.isFile($0) && !expected.contains($0) }
            for file in goneIndex { output.remove(file) }
            removed = gone + goneIndex
            StageTimer.mark("write the copy")
            try output.commit()
        } catch {
            throw cannotWrite(run.outputPath, folder: run.folder, error)
        }
        // The last build's files but those the build removed, with those it wrote.
        var outputs = update.cache.outputs
        for file in removed { outputs[file] = nil }
        outputs.merge(output.written) { $1 }
        return Written(
            pages: update.pages.count, files: outputs.count, outputs: outputs, cards: update.cards,
            rendered: update.redo.count, changedDocuments: update.changed, pdfs: pdfs,
            sameNames: removed.isEmpty && outputs.count == update.cache.outputs.count)
    }

    static func cannotWrite(_ outputPath: String, folder: SiteFolder, _ error: Error) -> BuildFailed {
        let at = SourceLocation(path: relativePath(outputPath, to: folder.root), line: 1, column: 1)
        return BuildFailed(diagnostics: [.error(at: at, "cannot write the site: \(error)")])
    }

    /// Today (`YYYY-MM-DD`, UTC), or the day of `SOURCE_DATE_EPOCH` when set: a new article's date.
    public static func today() -> String { buildDate() }

    /// The day of the build, or of `SOURCE_DATE_EPOCH` when set, so builds can be reproduced.
    static func buildDate() -> String {
        let seconds = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        let date = seconds.map { Date(timeIntervalSince1970: $0) } ?? Date()
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func relativePath(_ path: String, to root: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// Counts pages written from any thread and tells `report` about every 1% of them.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?
    private var count = 0

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func done() {
        guard let report else { return }
        let now: Int = lock.withLock {
            count += 1
            return count
        }
        if now == total || now % max(1, total / 100) == 0 { report(now, total) }
    }
}

/// With `LIMBER_TIMINGS=1` in the environment, each stage of a build prints how long it took, and
/// how much processor time it used, the memory the process holds and the most it has held so far,
/// to standard error: for finding where the time and memory of a build go.
enum StageTimer {
    static let enabled = ProcessInfo.processInfo.environment["LIMBER_TIMINGS"] == "1"
    nonisolated(unsafe) private static var last = Date()
    nonisolated(unsafe) private static var lastCPU = 0.0

    static func mark(_ stage: String) {
        guard enabled else { return }
        let now = Date()
        // Processor time on every core, user and system: what a stage costs on a busy machine.
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
        let line = String(
            format: "%8.3f s %8.3f cpu %6d MiB %6d peak  %@\n", now.timeIntervalSince(last), cpu - lastCPU,
            residentMiB(), usage.ru_maxrss / 1024, stage)
        FileHandle.standardError.write(Data(line.utf8))
        last = now
        lastCPU = cpu
    }

    /// The memory the process holds now, in MiB: its resident pages (`/proc/self/statm`).
    private static func residentMiB() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }
}

/// What a build that ends its process leaves for the process's end to reclaim.
enum ExitingProcess {
    nonisolated(unsafe) private static var kept: [Any] = []

    static func keep(_ values: Any...) { kept.append(values) }
}
