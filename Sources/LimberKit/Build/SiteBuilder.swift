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
    /// The Chromium to print with; found on PATH when nil.
    public var chromium: String?
    /// Overrides `base_url` from `site.yaml`: where the site is published.
    public var baseURL: String?
    /// Overrides `paper` from `site.yaml`.
    public var paper: SiteSettings.Paper?
    /// With `pdf`: print only this routine's sheet, and fail when there is no such routine.
    public var onlyRoutine: String?
    /// Told now and then how many pages are written, of how many, for a progress bar.
    public var onProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

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
}

/// The build, stage by stage: load content → resolve references → load the theme → render pages →
/// write them into a staged folder → swap it in.
extension BuildOptions {
    /// Everything about a build's options that changes what it writes.
    func fingerprintText(outputPath: String, date: String) -> String {
        [
            outputPath, baseURL ?? "", pdf ? "pdf" : "", chromium ?? "", paper?.rawValue ?? "", onlyRoutine ?? "",
            strict ? "strict" : "", date,
        ].joined(separator: "\u{0}")
    }
}

public enum SiteBuilder {
    /// Load and check content → resolve references → load and check the theme → render every page
    /// into a staged folder with the files beside them → swap it in. Stops at the first stage that
    /// found errors, with every diagnostic found so far.
    public static func build(_ options: BuildOptions) throws(BuildFailed) -> BuildReport {
        let started = Date()
        let folder = SiteFolder(root: options.siteFolder)
        let browser = try findBrowser(options)
        let outputPath = options.output ?? folder.path("public")
        let date = options.buildDate ?? buildDate()

        let fingerprintFile = Fingerprint.file(for: outputPath)
        // `check` writes nothing, so it needs no fingerprint.
        let inputs =
            options.checkOnly
            ? 0 : Fingerprint.inputs(folder, options: options.fingerprintText(outputPath: outputPath, date: date))
        if !options.checkOnly, let last = Fingerprint.read(fingerprintFile), last.inputs == inputs,
            FileManager.default.fileExists(atPath: outputPath), last.output == Fingerprint.output(outputPath)
        {
            return BuildReport(
                pages: last.pages, files: last.files, seconds: Date().timeIntervalSince(started), output: outputPath,
                diagnostics: [], upToDate: true)
        }
        if !options.checkOnly { try? FileManager.default.removeItem(atPath: fingerprintFile) }

        var (guide, theme, diagnostics) = try loadAndCheck(folder, options: options)
        if options.checkOnly {
            return BuildReport(
                pages: guide.pages.count, files: 0, seconds: Date().timeIntervalSince(started), output: outputPath,
                diagnostics: diagnostics)
        }
        try apply(options, to: &guide)

        let written: (pages: Int, files: Int)
        do {
            written = try write(
                guide, theme: theme, from: folder, to: outputPath, date: date, browser: browser, options: options)
        } catch {
            throw BuildFailed(diagnostics: diagnostics + error.diagnostics)
        }
        if diagnostics.isEmpty {
            // Builds with warnings are never skipped, so the warnings are printed every time.
            try? Fingerprint(
                inputs: inputs, output: Fingerprint.output(outputPath), pages: written.pages, files: written.files
            ).write(fingerprintFile)
        }
        return BuildReport(
            pages: written.pages, files: written.files, seconds: Date().timeIntervalSince(started),
            output: outputPath, diagnostics: diagnostics)
    }

    // MARK: - Stages

    /// The Chromium to print PDFs with, when `--pdf` asks for them; fails at once without one.
    static func findBrowser(_ options: BuildOptions) throws(BuildFailed) -> String? {
        guard options.pdf else { return nil }
        if let found = HeadlessChromium.find(explicit: options.chromium) { return found }
        let what = options.chromium.map { "no browser at \($0)" } ?? "no Chromium on PATH"
        throw BuildFailed(diagnostics: [
            .error(
                at: SourceLocation(path: "content/site.yaml", line: 1, column: 1),
                "--pdf needs headless Chromium: \(what)", note: HeadlessChromium.installHint)
        ])
    }

    /// Content and theme, each checked in full, so one run reports every problem.
    static func loadAndCheck(
        _ folder: SiteFolder, options: BuildOptions
    ) throws(BuildFailed) -> (Guide, Theme, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (content, loadProblems) = ContentLoader.load(folder)
        diagnostics += loadProblems
        var guide: Guide?
        if let content {
            let (resolved, problems) = Guide.resolve(content)
            diagnostics += problems
            guide = resolved
        }
        let (theme, themeProblems) = Theme.load(folder)
        diagnostics += themeProblems
        if let theme { diagnostics += TemplateCheck.check(theme) }
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
        guard !failed, let guide, let theme else { throw BuildFailed(diagnostics: diagnostics.sortedByLocation()) }
        return (guide, theme, diagnostics.sortedByLocation())
    }

    /// What the command line overrides: paper, `--base-url`, the one routine `limber sheet` prints.
    static func apply(_ options: BuildOptions, to guide: inout Guide) throws(BuildFailed) {
        if let paper = options.paper { guide.settings.paper = paper }
        if let baseURL = options.baseURL {
            guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else {
                throw BuildFailed(diagnostics: [
                    .error(
                        at: SourceLocation(path: "--base-url", line: 1, column: 1),
                        "'\(baseURL)' is not a web address", note: "give it like https://example.org/some/path/")
                ])
            }
            guide.settings.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        if let only = options.onlyRoutine {
            let known = guide.routines.map(\.slug)
            guard known.contains(only) else {
                throw BuildFailed(diagnostics: [
                    .error(
                        at: SourceLocation(path: "content/routines/\(only).md", line: 1, column: 1),
                        "no routine '\(only)'",
                        note: Suggestion.note(for: only, in: known) ?? "routines: " + known.joined(separator: ", "))
                ])
            }
        }
    }

    /// Renders every page on every core, writes the files beside them, prints sheets when asked,
    /// and swaps the whole folder in; on any failure the staged folder is thrown away.
    static func write(
        _ guide: Guide, theme: Theme, from folder: SiteFolder, to outputPath: String, date: String,
        browser: String?, options: BuildOptions
    ) throws(BuildFailed) -> (pages: Int, files: Int) {
        let feed = SiteFiles.feed(guide)
        var builder = ViewBuilder(guide: guide, theme: theme, buildDate: date, withPDFs: options.pdf)
        builder.hasFeed = feed != nil
        // Stretch pages and list pages stand two folders deep: their cards are rendered once.
        let cardRoot = Page(content: .stretch(0), folder: Paths.stretch("x")).root
        builder.renderedCards = (cardRoot, builder.renderCards(root: cardRoot))
        // A theme without a 404 template builds without a 404 page.
        let pages = guide.pages.filter { $0.content != .notFound || theme.sources["404"] != nil }
        let sheets =
            browser == nil ? [] : guide.routines.filter { options.onlyRoutine == nil || $0.slug == options.onlyRoutine }
        do {
            let staged = try StagedOutput(output: outputPath)
            do {
                let progress = Progress(total: pages.count, report: options.onProgress)
                let failures = ParallelMap.map(pages) { page -> String? in
                    let html = theme.render(page.template, builder.view(for: page))
                    do {
                        try staged.write(page.file, html)
                        progress.done()
                        return nil
                    } catch {
                        return "\(error)"
                    }
                }.compactMap { $0 }
                if let failure = failures.first { throw OutputError(message: failure) }
                let lastModified = SiteFiles.lastModified(guide, history: History.lastCommitDates(folder))
                try staged.write("sitemap.xml", SiteFiles.sitemap(guide, pages: pages, lastModified: lastModified))
                try staged.write("robots.txt", SiteFiles.robots(guide))
                if let feed { try staged.write("feed.xml", feed) }
                for (file, bytes) in theme.staticFiles.sorted(by: { $0.key < $1.key }) {
                    try staged.write(theme.outputNames[file]!, bytes)
                }
                for asset in guide.assets {
                    try staged.copy(from: folder.path("content/" + asset), to: asset)
                }
                if let browser { try SheetPrinter.print(sheets, into: staged, chromium: browser) }
                try staged.commit()
            } catch {
                staged.discard()
                throw error
            }
        } catch {
            let at = SourceLocation(path: relativePath(outputPath, to: folder.root), line: 1, column: 1)
            throw BuildFailed(diagnostics: [.error(at: at, "cannot write the site: \(error)")])
        }
        let files = pages.count + theme.staticFiles.count + guide.assets.count + (feed == nil ? 2 : 3) + sheets.count
        return (pages.count, files)
    }

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
