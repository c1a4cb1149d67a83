import Foundation

/// Everything read from `content/`, before references between files are checked.
public struct LoadedContent: Sendable {
    public var settings: SiteSettings
    public var stretches: [Stretch]
    public var routines: [Routine]
    /// Drafts among them only when the build asked for drafts.
    public var articles: [Article] = []
    public var plainPages: [PlainPage] = []
    /// Files under `content/` to copy as they are (images and other assets), relative to `content/`.
    public var assets: [String]
    /// Slugs (from file names) of stretch files that had errors: references to them are not
    /// reported again.
    public var failedStretches: Set<String> = []
    /// What the stretch and routine files that had errors still name, to check with the rest.
    public var unchecked: [UncheckedReferences] = []
    /// The files of content types without a model of their own (`ContentKind.entries`).
    public var entries: [Entry] = []
    /// The content types read: Limber's own, and any a build adds.
    public var kinds: [ContentKind] = ContentKind.builtIn
    /// In a translation, the stretches of the site's first language, which its routines may use
    /// where it has no translation of them.
    public var borrowed: [Stretch] = []
    /// The routines' sheets as the last build measured them, for a build that keeps a cache.
    var sheetFits: SheetFit.Known?

    public init(
        settings: SiteSettings, stretches: [Stretch], routines: [Routine], articles: [Article] = [],
        plainPages: [PlainPage] = [], assets: [String], failedStretches: Set<String> = []
    ) {
        self.settings = settings
        self.stretches = stretches
        self.routines = routines
        self.articles = articles
        self.plainPages = plainPages
        self.assets = assets
        self.failedStretches = failedStretches
    }
}

extension LoadedContent {
    package init(settings: SiteSettings, stretches: [Stretch], routines: [Routine], assets: [String]) {
        self.settings = settings
        self.stretches = stretches
        self.routines = routines
        self.assets = assets
    }
}

/// What a stretch or routine file with errors still names: its steps or related stretches and its
/// body's embeds. They are checked with the rest of the guide, so that an error in one field of a
/// file hides no error in another.
public struct UncheckedReferences: Sendable {
    /// Relative to the site folder.
    public var path: String
    /// A routine's steps, a stretch's related stretches.
    public var stretches: [Reference]
    public var body: RenderedMarkdown

    /// The folder its page would have, named after the file, which its body's links start from.
    var folder: String {
        let slug = String(path.split(separator: "/").last?.dropLast(3) ?? "")
        return path.hasPrefix("content/stretches/") ? Paths.stretch(slug) : Paths.routine(slug)
    }
}

/// A stretch or routine file as the loader read it: what it holds, its front matter and body as
/// text, and what reading it warned about.
public struct LoadedDocument: Sendable {
    /// Boxed: the documents of a build sit in several dictionaries and lists at once, and each
    /// holds a reference rather than a copy of the whole stretch or routine.
    public indirect enum Model: Sendable {
        case stretch(Stretch)
        case routine(Routine)

        /// The file's body.
        var body: RenderedMarkdown {
            switch self {
            case .stretch(let stretch): stretch.body
            case .routine(let routine): routine.body
            }
        }
    }

    /// Relative to the site folder.
    public var path: String
    public var model: Model
    /// The front matter and body as read.
    var text: FrontMatterDocument
    /// What reading the file warned about.
    public var warnings: [Diagnostic]
}

/// What a caller keeps of each stretch and routine file the loader reads (a build: hashes of its
/// front matter and body, to tell what the next edit touched). It is made on the core that read
/// the file, while the text is at hand, so that no file's text outlives its reading. A file that
/// has not changed since an earlier build is taken from what was kept of it, unread.
public protocol KeptDocument: Sendable {
    init(read document: LoadedDocument)
    var model: LoadedDocument.Model { get }
    var warnings: [Diagnostic] { get }
}

extension LoadedDocument: KeptDocument {
    /// The document as read, text and all.
    public init(read document: LoadedDocument) { self = document }
}

/// Reads `content/`: `site.yaml`, every stretch and every routine, each checked field by field.
public enum ContentLoader {
    static let siteFields = [
        "title", "base_url", "language", "languages", "description", "paper", "rep_seconds", "breath_seconds",
        "get_ready", "change_over", "tracking_days", "index_cards", "per_page", "unsafe_html", "pdf", "search",
        "publish", "date_format", "theme_color", "accent_color", "short_name", "background_color", "logo",
    ]
    static let publishFields = ["target", "branch", "base_url"]

    /// Reads the site's content, keeping each stretch and routine file as read.
    public static func load(
        _ folder: SiteFolder, drafts: Bool = false, kinds: [ContentKind] = ContentKind.builtIn
    ) -> (LoadedContent?, [Diagnostic]) {
        let (content, _, diagnostics) = load(folder, keeping: LoadedDocument.self, drafts: drafts, kinds: kinds)
        return (content, diagnostics)
    }

    /// Reads the site's content, and what `Kept` keeps of every stretch and routine file read
    /// without errors, by path. `reuse` gives what was kept of a file by an earlier build, when the
    /// file has not changed since: it is not read again. `didRead` is told of each stretch and
    /// routine read (not reused), on the thread that read it. Draft articles are checked always,
    /// and kept only with `drafts`. Each of `kinds` is read from its folder with its own decoder.
    public static func load<Kept: KeptDocument>(
        _ folder: SiteFolder, keeping: Kept.Type, reuse: (@Sendable (String) -> Kept?)? = nil,
        didRead: (@Sendable (LoadedDocument.Model) -> Void)? = nil, drafts: Bool = false,
        kinds: [ContentKind] = ContentKind.builtIn, translation: String? = nil
    ) -> (LoadedContent?, [String: Kept], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard folder.isDirectory("content") else { return (nil, [:], [noSite(folder)]) }
        var settings = loadSettings(folder, into: &diagnostics)
        if let translation, var translated = settings {
            translated.language = translation
            translated.baseURL += translation + "/"
            translated.languageFolder = translation + "/"
            if let title = translated.titles[translation] { translated.title = title }
            if let description = translated.descriptions[translation] { translated.description = description }
            // A `date_format` the site gives is kept in every language; the first language's
            // own long date becomes the translation's.
            if translated.dateFormat == DateLabels.defaultFormat(language: translated.languages.first ?? "en") {
                translated.dateFormat = DateLabels.defaultFormat(language: translation)
            }
            settings = translated
        }
        // Which language each file is in, by the code before `.md`: this read takes the files of
        // `translation`, else those of the site's first language (a code the site does not have
        // is an error, reported by that read).
        let languages = settings?.languages ?? []
        let first = settings?.language ?? "en"
        func isRead(_ name: String, at relative: String) -> Bool {
            guard let code = ContentLanguage.suffix(of: name) else { return translation == nil }
            if let translation { return code == translation }
            if languages.contains(code) || code == first { return code == first }
            diagnostics.append(
                .error(
                    at: SourceLocation(path: relative, line: 1, column: 1),
                    "'\(code)' is not one of the site's languages",
                    note: languages.isEmpty
                        ? "to publish the guide in more than one language, list them in site.yaml: 'languages: [\(first), \(code)]'"
                        : "add it to 'languages' in site.yaml, or rename the file"))
            return false
        }
        if let language = settings?.language {
            let (words, problems) = DoseWords.load(language: language, folder: folder)
            settings?.doseWords = words
            diagnostics += problems
        }

        // Files kept between builds (stretches, routines), and those read on every build, each
        // with whether it is no link, in folders that are none: inside `content/` without a check
        // that follows its path (a third of the time of reading them).
        var keptFiles: [(path: String, linkFree: Bool)] = []
        var proseFiles: [(path: String, linkFree: Bool)] = []
        // Each kind's folder, listed once: the list of published files lists it again.
        var listings: [String: [SiteFolder.Entry]] = [:]
        for kind in kinds {
            let folderName = kind.folder
            let linkFreeFolder = folder.isLinkFreeFolder("content/\(folderName)")
            let listing = folder.listing("content/\(folderName)")
            listings["content/\(folderName)"] = listing
            for entry in listing {
                let (name, isDirectory) = (entry.name, entry.isDirectory)
                let relative = "content/\(folderName)/\(name)"
                // Hidden files and backups are named by the list of published files below.
                if isDirectory || PublishedFiles.reasonToSkip(name: name) != nil { continue }
                guard name.hasSuffix(".md") else {
                    diagnostics.append(
                        .warning(
                            at: SourceLocation(path: relative, line: 1, column: 1),
                            "not a \(kind.noun): only .md files are read in content/\(folderName)/"))
                    continue
                }
                guard isRead(name, at: relative) else { continue }
                let file = (relative, linkFreeFolder && !entry.mayBeLink)
                switch kind.reading {
                case .kept: keptFiles.append(file)
                case .everyBuild: proseFiles.append(file)
                }
            }
        }
        // Each file's decoder, by its folder: a few prefixes to compare, against a file's parsing.
        // Compared byte by byte: a name that starts with a combining mark joins the `/` before it
        // into one character, which a comparison of characters would not see as the folder's.
        let decoders = kinds.map { (Array("content/\($0.folder)/".utf8), $0.decode) }
        @Sendable func decode(
            _ document: FrontMatterDocument, _ source: ContentKind.Source, _ diagnostics: inout [Diagnostic],
            _ unchecked: inout UncheckedReferences?
        ) -> Decoded? {
            guard let decode = decoders.first(where: { source.path.utf8.starts(with: $0.0) })?.1 else { return nil }
            return decode(document, source, &diagnostics, &unchecked)
        }

        let settingsForBodies = settings ?? SiteSettings(title: "", baseURL: "/")
        let doseWords = settingsForBodies.doseWords
        let options = CommonMark.Options(
            unsafeHTML: settingsForBodies.unsafeHTML, language: settingsForBodies.language)
        let allFiles = keptFiles.map(\.path)
        let results = ParallelMap.map(keptFiles) { file -> (Kept?, [Diagnostic], UncheckedReferences?) in
            if let reused = reuse?(file.path) { return (reused, reused.warnings, nil) }
            let read: (Kept?, [Diagnostic], UncheckedReferences?) = readKept(
                file.path, in: folder, linkFree: file.linkFree, options: options, doseWords: doseWords, decode: decode)
            if let didRead, let model = read.0?.model { didRead(model) }
            return read
        }
        var stretches: [Stretch] = []
        var routines: [Routine] = []
        var failedStretches: Set<String> = []
        var documents: [String: Kept] = [:]
        documents.reserveCapacity(allFiles.count)
        var unchecked: [UncheckedReferences] = []
        for (path, (document, found, references)) in zip(allFiles, results) {
            diagnostics += found
            if let references { unchecked.append(references) }
            switch document?.model {
            case .stretch(let stretch): stretches.append(stretch)
            case .routine(let routine): routines.append(routine)
            case nil:
                if path.hasPrefix("content/\(ContentKind.stretches.folder)/") {
                    failedStretches.insert(
                        String(ContentLanguage.original(of: PathComponents.name(of: path)).dropLast(3)))
                }
            }
            if let document, !found.hasErrors { documents[path] = document }
        }

        // Articles, pages and the like are few: read in full on every build, never kept in the cache.
        let prose = ParallelMap.map(proseFiles) { file -> (Decoded?, [Diagnostic]) in
            let path = file.path
            var local: [Diagnostic] = []
            var unchecked: UncheckedReferences?
            guard let document = readDocument(folder, path, linkFree: file.linkFree, into: &local) else {
                return (nil, local)
            }
            let source = ContentKind.Source(
                path: path, folder: folder, options: options, doseWords: settingsForBodies.doseWords)
            return (decode(document, source, &local, &unchecked), local)
        }
        var articles: [Article] = []
        var plainPages: [PlainPage] = []
        var entries: [Entry] = []
        for (model, found) in prose {
            diagnostics += found
            switch model {
            case .article(let article): if drafts || !article.draft { articles.append(article) }
            case .page(let page): plainPages.append(page)
            case .entry(let entry): entries.append(entry)
            case .stretch, .routine, nil: break
            }
        }

        let (files, skipped) = PublishedFiles.list(folder, below: "content", listings: listings)
        diagnostics += skipped
        diagnostics += unreadFolders(files.filter { $0.hasSuffix(".md") }, kinds: kinds)
        var assets = files.filter { path in !path.hasSuffix(".md") && path != "content/site.yaml" }
            .map { PathComponents.dropping("content/", from: $0) }
        assets.removeAll { asset in
            guard let kind = folder.notARegularFile("content/" + asset) else { return false }
            diagnostics.append(
                .error(
                    at: SourceLocation(path: "content/" + asset, line: 1, column: 1),
                    "the file is \(kind), not a regular file: it cannot be published",
                    note: "move it out of content/"))
            return true
        }
        diagnostics += RunnableFiles.problems(among: assets, unsafeHTML: settingsForBodies.unsafeHTML)

        guard let settings else { return (nil, documents, diagnostics) }
        var content = LoadedContent(
            settings: settings, stretches: stretches, routines: routines, articles: articles,
            plainPages: plainPages, assets: assets, failedStretches: failedStretches)
        content.unchecked = unchecked
        content.entries = entries
        content.kinds = kinds
        return (content, documents, diagnostics)
    }

    /// One stretch or routine file read and decoded, with what reading it found (and, when it has
    /// errors, what it names, to check all the same).
    static func readKept<Kept: KeptDocument>(
        _ path: String, in folder: SiteFolder, linkFree: Bool = false, options: CommonMark.Options,
        doseWords: DoseWords,
        decode: (FrontMatterDocument, ContentKind.Source, inout [Diagnostic], inout UncheckedReferences?) -> Decoded?
    ) -> (Kept?, [Diagnostic], UncheckedReferences?) {
        var local: [Diagnostic] = []
        var unchecked: UncheckedReferences?
        guard let document = readDocument(folder, path, linkFree: linkFree, into: &local) else {
            return (nil, local, nil)
        }
        let source = ContentKind.Source(path: path, folder: folder, options: options, doseWords: doseWords)
        let model: LoadedDocument.Model? =
            switch decode(document, source, &local, &unchecked) {
            case .stretch(let stretch): .stretch(stretch)
            case .routine(let routine): .routine(routine)
            default: nil
            }
        guard let model else { return (nil, local, unchecked) }
        return (Kept(read: LoadedDocument(path: path, model: model, text: document, warnings: local)), local, nil)
    }

    /// One stretch or routine file of a site in `settings`, read and decoded by its kind among
    /// `kinds`: `limber serve` reads a saved file alone this way (`SavedPages`).
    static func readKept<Kept: KeptDocument>(
        _ path: String, in folder: SiteFolder, settings: SiteSettings, kinds: [ContentKind]
    ) -> (Kept?, [Diagnostic]) {
        guard let kind = kinds.first(where: { path.utf8.starts(with: "content/\($0.folder)/".utf8) }) else {
            return (nil, [])
        }
        let options = CommonMark.Options(unsafeHTML: settings.unsafeHTML, language: settings.language)
        let read: (Kept?, [Diagnostic], UncheckedReferences?) = readKept(
            path, in: folder, options: options, doseWords: settings.doseWords, decode: kind.decode)
        return (read.0, read.1)
    }

    /// A site folder without `content/`, or no folder at all: perhaps a misspelt command
    /// (`limber buidl`), which the command line took for the site's folder.
    static func noSite(_ folder: SiteFolder) -> Diagnostic {
        let name = PathComponents.name(of: folder.root)
        guard FileManager.default.fileExists(atPath: folder.root) else {
            if let command = Limber.commands.first(where: { Suggestion.isOneEditAway(name, $0) }) {
                return .error(
                    at: .commandLine, "there is no site folder '\(name)'",
                    note: "did you mean 'limber \(command)'?")
            }
            return .error(
                at: .commandLine, "there is no site folder at \(folder.root)",
                note: "give the site's folder, or run 'limber init \(name)' to start a site there")
        }
        return .error(
            at: .commandLine, "\(folder.root) has no content/ folder, so it is not a site",
            note: "run 'limber init' to start a site, or pass the site's folder")
    }

    /// A warning for each folder of `content/` with Markdown that no part of Limber reads (a typo
    /// like `content/strecthes/` would make its stretches vanish without a word), at its first file.
    static func unreadFolders(_ markdownFiles: [String], kinds: [ContentKind] = ContentKind.builtIn) -> [Diagnostic] {
        let read = Set(kinds.map { "content/\($0.folder)" })
        let readFolders = kinds.map { Array("content/\($0.folder)/".utf8) }
        var unread: [String: [String]] = [:]
        for path in markdownFiles {
            // Most files are right in a folder that is read: seen by their bytes, without a copy.
            if readFolders.contains(where: { folder in
                path.utf8.starts(with: folder) && !path.utf8.dropFirst(folder.count).contains(UInt8(ascii: "/"))
            }) {
                continue
            }
            // The folder by the last slash: NSString's path calls cost more than the rest of
            // this loop, once for every file of a large guide.
            let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
            if read.contains(parent) || path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            unread[parent, default: []].append(path)
        }
        let names = kinds.map(\.folder)
        return unread.keys.sorted().map { parent in
            let files = unread[parent]!.sorted()
            let count = files.count == 1 ? "a Markdown file" : "\(files.count) Markdown files"
            let parts = parent.split(separator: "/").dropFirst().map(String.init)
            var note = "Limber reads Markdown only in \(ContentKind.folderList(kinds))"
            if let first = parts.first, let closest = Suggestion.closest(to: first, in: names), closest != first {
                note = "did you mean 'content/\(closest)/'?"
            } else if let first = parts.first, names.contains(first) {
                note = "Limber reads only the files right in content/\(first)/, not in folders below it"
            }
            return .warning(
                at: SourceLocation(path: files[0], line: 1, column: 1),
                "\(parent)/ holds \(count) that Limber does not read", note: note)
        }
    }

    // MARK: - site.yaml

    static func loadSettings(_ folder: SiteFolder, into diagnostics: inout [Diagnostic]) -> SiteSettings? {
        let path = "content/site.yaml"
        guard folder.exists(path) else {
            diagnostics.append(
                .error(
                    at: SourceLocation(path: path, line: 1, column: 1), "the site has no content/site.yaml",
                    note: "it needs at least 'title' and 'base_url'"))
            return nil
        }
        let text: String
        switch folder.readText(path) {
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        case .success(let decoded): text = decoded
        }
        let (parsed, problems) = Fields.parse(yaml: text, path: path, lineOffset: 0)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: siteFields)
        let title = fields.text("title", required: true)
        var baseURL = fields.siteAddress("base_url")
        if !fields.has("base_url") {
            fields.missing("base_url", hint: "the address the site is published at, like 'https://example.org/'")
        }
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        var settings = SiteSettings(title: title ?? "", baseURL: baseURL ?? "/")
        if let language = fields.text("language") {
            settings.language = language
            settings.languageLocation = fields.node("language").map(fields.location(of:))
        }
        readLanguages(&fields, into: &settings)
        if let description = fields.text("description") { settings.description = description }
        if let paper = fields.choice("paper", of: SiteSettings.Paper.self) { settings.paper = paper }
        if let seconds = fields.integer("rep_seconds", in: 1...60) { settings.repSeconds = seconds }
        if let seconds = fields.integer("breath_seconds", in: 1...60) { settings.breathSeconds = seconds }
        if let days = fields.integer("tracking_days", in: 1...31) { settings.trackingDays = days }
        if let seconds = fields.integer("get_ready", in: 0...60) { settings.getReady = seconds }
        if let seconds = fields.integer("change_over", in: 0...60) { settings.changeOver = seconds }
        if let cards = fields.integer("index_cards", in: 1...10000) { settings.indexCards = cards }
        if let perPage = fields.integer("per_page", in: 1...10000) { settings.perPage = perPage }
        if let unsafe = fields.boolean("unsafe_html") { settings.unsafeHTML = unsafe }
        if let pdf = fields.boolean("pdf") { settings.pdf = pdf }
        if let search = fields.boolean("search") {
            settings.search = search
            settings.searchLocation = fields.node("search").map { fields.location(of: $0) }
        }
        settings.dateFormat = fields.text("date_format") ?? DateLabels.defaultFormat(language: settings.language)
        fields.readBrand(into: &settings)
        fields.readLogo(into: &settings, folder: folder)
        if var group = fields.group("publish") {
            group.rejectUnknown(known: publishFields)
            settings.publish.target = group.text("target")
            settings.publish.branch = group.text("branch")
            settings.publish.baseURL = group.siteAddress("base_url")
            settings.publish.location = group.start
            if let target = settings.publish.target, let value = group.node("target") {
                if let problem = PublishTarget.problem(in: target) {
                    group.diagnostics.append(.error(at: group.location(of: value), problem))
                }
            }
            fields.diagnostics += group.diagnostics
        }
        diagnostics += fields.diagnostics
        return fields.diagnostics.hasErrors || problems.hasErrors ? nil : settings
    }

    // MARK: - Stretches and routines

    static func readDocument(
        _ folder: SiteFolder, _ path: String, linkFree: Bool = false, into diagnostics: inout [Diagnostic]
    ) -> FrontMatterDocument? {
        let split = folder.readText(path, linkFree: linkFree).flatMap { FrontMatter.split($0, path: path) }
        switch split {
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        case .success(let document):
            return document
        }
    }

    /// A file's bytes split into front matter and body, as `readDocument(_:_:linkFree:into:)` reads them.
    static func readDocument(_ bytes: [UInt8], path: String, into diagnostics: inout [Diagnostic])
        -> FrontMatterDocument?
    {
        switch FrontMatter.decodeText(bytes, path: path).flatMap({ FrontMatter.split($0, path: path) }) {
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        case .success(let document):
            return document
        }
    }

    /// `languages: [en, de]`: each a language code, none twice; the first is the site's `language`
    /// (which, when also written, must be the same).
    ///
    /// Written as a group instead of a list, each language may give the site's `title` and
    /// `description` in its own words:
    ///
    ///     languages:
    ///       en: {}
    ///       de: {title: Dehnen mit Anna, description: Dehnübungen für den Rücken.}
    static func readLanguages(_ fields: inout Fields, into settings: inout SiteSettings) {
        guard let node = fields.node("languages") else { return }
        let at = fields.location(of: node)
        var written: [String] = []
        if case .mapping(let mapping) = node, var group = fields.group("languages") {
            for (key, value) in mapping.pairs {
                guard let code = key.scalar?.string else { continue }
                written.append(code)
                guard case .mapping = value, var words = group.group(code) else {
                    if let text = value.scalar?.string, !text.isEmpty, text != "~", text != "null" {
                        group.diagnostics.append(
                            .error(
                                at: group.location(of: value), "'\(code)' in 'languages' should be a group of fields",
                                note: "write it like '\(code): {title: …, description: …}', or '\(code): {}'"))
                    }
                    continue
                }
                words.rejectUnknown(known: ["title", "description"])
                if let title = words.text("title") { settings.titles[code] = title }
                if let description = words.text("description") { settings.descriptions[code] = description }
                group.diagnostics += words.diagnostics
            }
            fields.diagnostics += group.diagnostics
        } else {
            written = fields.textList("languages", minimum: 1)
        }
        var codes: [String] = []
        for code in written {
            guard ContentLanguage.isCode(code) else {
                fields.diagnostics.append(
                    .error(
                        at: at, "'\(code)' is not a language code",
                        note: "write each language as a code like 'en', 'de' or 'pt-br'"))
                continue
            }
            if codes.contains(code) {
                fields.diagnostics.append(.error(at: at, "'\(code)' is in 'languages' twice"))
                continue
            }
            codes.append(code)
        }
        guard let first = codes.first else { return }
        if let written = fields.node("language"), let language = fields.text(of: written, name: "language"),
            language != first
        {
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: written),
                    "'language' is '\(language)' but the first of 'languages' is '\(first)'",
                    note: "the first of 'languages' is the site's language: leave 'language' out"))
        }
        settings.language = first
        if codes.count > 1 { settings.languages = codes }
        if let title = settings.titles[first] { settings.title = title }
        if let description = settings.descriptions[first] { settings.description = description }
    }

    /// The slug from the `slug` field, else from the file name (without the language of a
    /// translation: `hip-flexor` for `hip-flexor.de.md`); checked to be `a-z0-9-`.
    static func slug(_ fields: inout Fields, path: String, language: String) -> (String, SourceLocation)? {
        let fileSlug = String(ContentLanguage.original(of: PathComponents.name(of: path)).dropLast(3))
        if let node = fields.node("slug"), let value = fields.text(of: node, name: "slug") {
            let at = fields.location(of: node)
            guard isValidSlug(value) else {
                let suggestion = LimberKit.slug(for: value, language: language)
                fields.diagnostics.append(
                    .error(
                        at: at, "the slug '\(value)' may use only a-z, 0-9 and '-'",
                        note: suggestion.isEmpty ? "write it like 'my-stretch'" : "did you mean '\(suggestion)'?"))
                return nil
            }
            guard value.utf8.count <= maximumSlugBytes else {
                fields.diagnostics.append(tooLongForAnAddress(at, "the slug"))
                return nil
            }
            return (value, at)
        }
        let at = SourceLocation(path: path, line: 1, column: 1)
        guard fileSlug.utf8.count <= maximumSlugBytes else {
            fields.diagnostics.append(tooLongForAnAddress(at, "the file name"))
            return nil
        }
        guard isValidSlug(fileSlug) else {
            let suggestion = LimberKit.slug(for: fileSlug, language: language)
            fields.diagnostics.append(
                .error(
                    at: at, "the file name '\(fileSlug)' is not a valid slug (only a-z, 0-9 and '-')",
                    note: suggestion.isEmpty
                        ? "add a 'slug' field, like 'slug: my-stretch', or rename the file"
                        : "rename the file to '\(suggestion).md' or add a 'slug' field"))
            return nil
        }
        return (fileSlug, at)
    }

    /// The longest slug, in bytes: a page's folder and the files named after it (`SLUG.pdf`, and
    /// the temporary names a rebuild gives them) must fit a file name's 255 bytes.
    static let maximumSlugBytes = 200

    static func tooLongForAnAddress(_ at: SourceLocation, _ what: String) -> Diagnostic {
        .error(
            at: at, "\(what) is longer than \(maximumSlugBytes) bytes, too long for the name of a page's folder",
            note: "give it a shorter 'slug'")
    }

    static func isValidSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }

    /// Each target, piece of equipment and tag has a page whose address is made from its name: a
    /// name with no letters or digits (only emoji, say) would have none, and a very long one one
    /// too long for a folder's name.
    static func addresses(_ fields: inout Fields, _ name: String, what: String, language: String) {
        guard case .sequence(let sequence) = fields.node(name) else { return }
        for item in sequence.nodes {
            guard let text = item.scalar?.string.trimmingSpaces(), !text.isEmpty else { continue }
            let address = LimberKit.slug(for: text, language: language)
            if address.utf8.count > maximumSlugBytes {
                fields.diagnostics.append(
                    .error(
                        at: fields.location(of: item),
                        "the \(what) is too long for its page's address (more than \(maximumSlugBytes) bytes)",
                        note: "name it in a few words, like 'hip flexors'"))
            }
            guard address.isEmpty else { continue }
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: item),
                    "the \(what) '\(text)' has no letters or digits for its page's address",
                    note: "name it in words, like 'hip flexors'"))
        }
    }

    /// A dose: text in the dose grammar, or `{text: until relaxed}` for a dose in words.
    static func dose(_ fields: inout Fields, _ node: Node, name: String, words: DoseWords = .english) -> Dose? {
        if case .mapping(let mapping) = node {
            var words: String?
            for (key, value) in mapping.pairs {
                guard key.scalar?.string == "text" else {
                    let keyName = key.scalar?.string ?? ""
                    fields.diagnostics.append(
                        .error(
                            at: fields.location(of: key), "unknown field '\(keyName)' in a dose",
                            note: Suggestion.note(for: keyName, in: ["text"])
                                ?? "a dose in words is written '\(name): {text: until relaxed}'"))
                    continue
                }
                words = fields.text(of: value, name: "text")
            }
            guard !mapping.pairs.isEmpty else {
                fields.diagnostics.append(
                    .error(
                        at: fields.location(of: node), "'\(name)' is empty",
                        note: "a dose in words is written '\(name): {text: until relaxed}'"))
                return nil
            }
            return words.map(Dose.text)
        }
        guard let text = fields.text(of: node, name: name) else { return nil }
        do {
            return try Dose(parsing: text, words: words)
        } catch {
            fields.diagnostics.append(
                .error(
                    at: fields.location(ofDoseError: error, in: node), "\(error.message): '\(text)'", note: error.note))
            return nil
        }
    }

    static func illustration(_ fields: inout Fields, folder: SiteFolder) -> Illustration? {
        guard let node = fields.node("image") else { return nil }
        guard case .mapping(let mapping) = node else {
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: node), "'image' needs 'src' and 'alt'",
                    note: "write 'image:' then indented 'src: images/x.svg' and 'alt: …' lines"))
            return nil
        }
        var src: (String, Node)?
        var alt: String?
        for (key, value) in mapping.pairs {
            switch key.scalar?.string {
            case "src": src = fields.text(of: value, name: "src").map { ($0, value) }
            case "alt": alt = fields.text(of: value, name: "alt")
            default:
                let name = key.scalar?.string ?? ""
                fields.diagnostics.append(
                    .error(
                        at: fields.location(of: key), "unknown field '\(name)' in 'image'",
                        note: Suggestion.note(for: name, in: ["src", "alt"])))
            }
        }
        guard let (source, sourceNode) = src else {
            fields.diagnostics.append(.error(at: fields.location(of: node), "'image' has no 'src'"))
            return nil
        }
        guard let alt else {
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: node), "'image' has no 'alt' text",
                    note: "describe the picture for people who cannot see it"))
            return nil
        }
        guard let normalized = picturePath(source, at: sourceNode, &fields, folder: folder) else { return nil }
        return Illustration(src: normalized, alt: alt, location: fields.location(of: sourceNode))
    }

    /// A picture's path as front matter gives it, relative to `content/`, when the file is there.
    static func picturePath(_ source: String, at node: Node, _ fields: inout Fields, folder: SiteFolder) -> String? {
        let normalized = PathComponents.normalized(source)
        if source.hasPrefix("/") || normalized.hasPrefix("..") || source.contains("://") {
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: node), "the image '\(source)' is outside content/",
                    note: "put it under content/ and give its path from there, like 'images/pose.svg'"))
            return nil
        }
        let relative = "content/" + normalized
        guard folder.existsAsNonFolder(relative) else {
            fields.diagnostics.append(
                .error(
                    at: fields.location(of: node), "no image at 'content/\(normalized)'",
                    note: imageNote(normalized, folder: folder)))
            return nil
        }
        guard folder.staysInside(relative) else {
            fields.diagnostics.append(
                .error(at: fields.location(of: node), "the image '\(source)' links outside the site"))
            return nil
        }
        return normalized
    }

    /// `video_poster`: a picture under `content/` shown on the video's play button.
    static func videoPoster(_ fields: inout Fields, folder: SiteFolder) -> Illustration? {
        guard let node = fields.node("video_poster"), let source = fields.text(of: node, name: "video_poster"),
            let path = picturePath(source, at: node, &fields, folder: folder)
        else { return nil }
        return Illustration(src: path, alt: "", location: fields.location(of: node))
    }

    /// What the author may have meant by an image path that leads to nothing.
    static func imageNote(_ path: String, folder: SiteFolder) -> String? {
        let files = PublishedFiles.list(folder, below: "content").files
            .filter { !$0.hasSuffix(".md") && $0 != "content/site.yaml" }
            .map { PathComponents.dropping("content/", from: $0) }
        if let found = MeantFile.find(path, among: files) { return MeantFile.note(found, link: found.file) }
        return path.hasPrefix("content/")
            ? "paths start inside content/: write it as '\(path.dropFirst("content/".count))'" : nil
    }

    /// Warnings for the sentences `limber new` wrote for the author to replace.
    static func placeholders(summary: String, at node: Node, _ fields: inout Fields) {
        guard Scaffold.isPlaceholderSummary(summary) else { return }
        fields.diagnostics.append(
            .warning(
                at: fields.location(of: node), "the summary is still the example that 'limber new' wrote",
                note: "say in one sentence what it does and who it is for"))
    }

    static func placeholders(in document: FrontMatterDocument, path: String, _ fields: inout Fields) {
        for line in Scaffold.placeholderLines {
            guard let offset = byteOffset(of: line, in: document.body) else { continue }
            let lineNumber = document.body.utf8.prefix(offset).count(where: { $0 == 0x0A }) + 1
            fields.diagnostics.append(
                .warning(
                    at: SourceLocation(path: path, line: document.bodyLineOffset + lineNumber, column: 1),
                    "this is still the example text that 'limber new' wrote",
                    note: "write it in your own words, or delete the line"))
        }
    }

    /// Where `needle`'s bytes first stand in `text`, from its start. The standard library's generic
    /// `firstRange(of:)` over UTF-8 views took 0.3 ms a file, a third of a build's time; libc's
    /// `memchr` finds each candidate first byte quicker than a loop.
    static func byteOffset(of needle: String, in text: String) -> Int? {
        var (text, needle) = (text, needle)
        return text.withUTF8 { haystack in
            needle.withUTF8 { pin -> Int? in
                guard let first = pin.first else { return 0 }
                guard haystack.count >= pin.count, let start = haystack.baseAddress else { return nil }
                let last = haystack.count - pin.count
                var from = 0
                while from <= last, let found = memchr(start + from, Int32(first), last - from + 1) {
                    let hit = UnsafeRawPointer(found) - UnsafeRawPointer(start)
                    if memcmp(start + hit, pin.baseAddress!, pin.count) == 0 { return hit }
                    from = hit + 1
                }
                return nil
            }
        }
    }

    /// The body as HTML, with its links and embeds placed by line in the whole file.
    static func renderBody(_ document: FrontMatterDocument, options: CommonMark.Options) -> RenderedMarkdown {
        var body = CommonMark.render(document.body, options: options)
        for index in body.links.indices { body.links[index].line += document.bodyLineOffset }
        for index in body.embeds.indices {
            body.embeds[index].line += document.bodyLineOffset
            body.embeds[index].fenceLine += document.bodyLineOffset
        }
        for index in body.omittedFrames.indices { body.omittedFrames[index].line += document.bodyLineOffset }
        return body
    }

    /// Mistakes in how embeds are written: one name each, and only the words `card` or `full`
    /// after `stretch`, none after `routine`. Whether the names exist is checked with the guide.
    static func embedForms(_ body: RenderedMarkdown, path: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for embed in body.embeds {
            let at = SourceLocation(path: path, line: embed.line, column: embed.column)
            let allowed = embed.kind == "stretch" ? EmbedForm.allCases.map(\.rawValue) : []
            if let position = embed.options.firstIndex(where: { !allowed.contains($0) }) {
                let word = embed.options[position]
                let column = embed.optionColumns.indices.contains(position) ? embed.optionColumns[position] : 1
                let note =
                    allowed.isEmpty
                    ? "a routine is shown one way: write only 'routine'"
                    : Suggestion.note(for: word, in: allowed)
                        ?? "write 'stretch' for it in full, 'stretch card' for its card"
                found.append(
                    .error(
                        at: SourceLocation(path: path, line: embed.fenceLine, column: column),
                        "unknown word '\(word)' after '\(embed.kind)'", note: note))
            } else if embed.options.count > 1 {
                found.append(
                    .error(
                        at: SourceLocation(path: path, line: embed.fenceLine, column: embed.optionColumns.last ?? 1),
                        "write either 'stretch card' or 'stretch full', not both"))
            }
            if embed.names.isEmpty {
                found.append(
                    .error(
                        at: at, "this '\(embed.kind)' block names no \(embed.kind)",
                        note: "write its slug inside the block"))
            } else if embed.names.count > 1 {
                found.append(
                    .error(
                        at: at, "a '\(embed.kind)' block shows one \(embed.kind); this one names \(embed.names.count)",
                        note: "give each its own block"))
            }
        }
        return found
    }
}
