import Foundation

/// One file of a published picture, at one width in one format.
public struct Rendition: Sendable, Hashable {
    /// Relative to the output folder.
    public var file: String
    public var width: Int
    public var height: Int
}

/// A picture as the site publishes it: a few widths as WebP and as JPEG (PNG when it has
/// transparency, GIF for a GIF, animated when it is), upright and without metadata; or an SVG as
/// it is.
public struct PublishedPicture: Sendable, Hashable {
    /// Relative to `content/`, as front matter and bodies name it.
    public var source: String
    /// WebP renditions, narrowest first; none for an SVG.
    public var webp: [Rendition]
    /// JPEG, PNG or GIF renditions, narrowest first; for an SVG, the file itself (width and height 0
    /// when its header gives none).
    public var fallback: [Rendition]

    /// The widest rendition: its width and height are the picture's upright shape.
    public var largest: Rendition { fallback.last! }
    /// The narrowest JPEG or PNG, for sheets and their PDFs (Chromium embeds WebP in a PDF
    /// losslessly, several times larger than the JPEG).
    public var print: Rendition { fallback.first! }
    public var isVector: Bool { webp.isEmpty && fallback.count == 1 && fallback[0].file.hasSuffix(".svg") }
}

/// How pictures are made: part of every rendition's cache key, so a change here encodes again.
enum PictureSettings {
    static let widths = [320, 480, 960, 1600]
    static let jpegQuality = 78
    static let webpQuality = 72
    /// Larger pictures are refused: decoding 100 million pixels takes about 300 MB.
    static let pixelLimit = 100_000_000
    /// Pictures that would take more memory to encode are refused, on every machine alike (most
    /// are read row by row and take far less; see `PictureMemory`).
    static let memoryLimit = 256 << 20
    static let key = "widths \(widths) jpeg \(jpegQuality) webp \(webpQuality) upright stripped sRGB 2"

    /// The file extensions Limber decodes and publishes as renditions, with the libvips reader each
    /// one's bytes must match.
    static let rasterLoaders: [String: String] = [
        "jpg": "jpegload", "jpeg": "jpegload", "png": "pngload", "webp": "webpload", "heic": "heifload",
        "heif": "heifload", "avif": "heifload", "gif": "gifload",
    ]

    static func isRaster(_ path: String) -> Bool { rasterLoaders[fileExtension(path)] != nil }
    static func isSVG(_ path: String) -> Bool { fileExtension(path) == "svg" }
    static func fileExtension(_ path: String) -> String { PathComponents.fileExtension(of: path).lowercased() }
}

/// Every picture under `content/` that a page shows, published: renditions made once and kept in
/// the site's `.limber/pictures/` by the source's hash and `PictureSettings`, so a rebuild encodes
/// only new or changed pictures. A photo no page shows is not published at all (as it is, it
/// would carry its metadata); every SVG is checked and published as it is.
struct PictureSet: Sendable {
    /// By path relative to `content/`.
    var pictures: [String: PublishedPicture] = [:]
    /// Where each rendition is kept, by its path in the output.
    var keptFiles: [String: String] = [:]
    /// How many pictures this build encoded (the others came from the cache).
    var encoded = 0

    /// What went wrong with one picture, before anything was written.
    struct Problem: Sendable {
        var source: String
        var message: String
        var note: String?
        /// For an SVG: where in the file.
        var line = 1
        var column = 1
    }

    /// Publishes the pictures among `assets` (relative to `content/`) that are `used`, and every
    /// SVG, on every core as far as memory allows.
    static func publish(_ assets: [String], used: Set<String>, in folder: SiteFolder) -> (PictureSet, [Problem]) {
        let store = RenditionStore(
            folder: folder.path(".limber/pictures"), gate: MemoryGate(budget: PictureMemory.budget()))
        let wanted = assets.filter { PictureSettings.isSVG($0) || (PictureSettings.isRaster($0) && used.contains($0)) }
        let results = ParallelMap.map(wanted) { asset -> Result<RenditionStore.Found, SVGCheck.Refused> in
            let path = folder.path("content/" + asset)
            if PictureSettings.isSVG(asset) {
                return SVGCheck.publish(asset, path: path).map { .init(picture: $0, kept: [:], encoded: false) }
            }
            return store.publish(asset, path: path).mapError { SVGCheck.Refused(problems: [$0]) }
        }
        var set = PictureSet()
        var problems: [Problem] = []
        for (asset, result) in zip(wanted, results) {
            switch result {
            case .success(let found):
                set.pictures[asset] = found.picture
                if found.encoded { set.encoded += 1 }
                set.keptFiles.merge(found.kept) { $1 }
            case .failure(let refused): problems += refused.problems
            }
        }
        store.saveIndex()
        return (set, problems)
    }

    /// Assets that are published as they are: anything that is not a picture Limber makes
    /// renditions of (SVGs are checked and published as they are).
    static func copiedAsIs(_ assets: [String]) -> [String] { assets.filter { !PictureSettings.isRaster($0) } }
}

extension PictureSet.Problem: Error {}

// MARK: - What pages show, and what went wrong

extension PictureSet {
    /// Every picture a page shows (relative to `content/`), with the lines that name it: a
    /// stretch's, routine's or article's `image` and `video_poster`, each `![…](…)` in a body, and
    /// the site's `logo`.
    static func uses(in guide: Guide) -> [String: [SourceLocation]] {
        var uses: [String: [SourceLocation]] = [:]
        func use(_ illustration: Illustration?, path: String) {
            guard let illustration else { return }
            uses[illustration.src, default: []].append(
                illustration.location ?? SourceLocation(path: path, line: 1, column: 1))
        }
        // Only a body's links are taken out of it, and a page's folder is worked out only for a
        // body that shows a picture: most show none, and every build asks.
        func bodyUses(_ links: [RenderedMarkdown.Link], path: String, folder: @autoclosure () -> String) {
            guard links.contains(where: { $0.isImage }) else { return }
            let folder = folder()
            for link in links where link.isImage {
                guard let target = PictureMarkup.target(of: link.destination, from: folder) else { continue }
                uses[target, default: []].append(SourceLocation(path: path, line: link.line, column: link.column))
            }
        }
        for stretch in guide.stretches {
            use(stretch.image, path: stretch.sourcePath)
            use(stretch.videoPoster, path: stretch.sourcePath)
            bodyUses(stretch.body.links, path: stretch.sourcePath, folder: Paths.stretch(stretch.slug))
        }
        for routine in guide.routines {
            use(routine.videoPoster, path: routine.sourcePath)
            bodyUses(routine.body.links, path: routine.sourcePath, folder: Paths.routine(routine.slug))
        }
        for article in guide.articles {
            use(article.image, path: article.sourcePath)
            bodyUses(article.body.links, path: article.sourcePath, folder: Paths.article(article.slug))
        }
        for page in guide.plainPages {
            bodyUses(page.body.links, path: page.sourcePath, folder: Paths.plainPage(page.slug))
        }
        for entry in guide.entries { bodyUses(entry.body.links, path: entry.sourcePath, folder: entry.folder) }
        use(guide.settings.logo, path: "content/site.yaml")
        return uses
    }

    /// Each problem as an error at every line that uses the picture (`uses`), or at the file
    /// itself when it is an SVG.
    static func diagnostics(for problems: [Problem], uses: [String: [SourceLocation]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for problem in problems {
            let file = SourceLocation(path: "content/" + problem.source, line: problem.line, column: problem.column)
            let places = PictureSettings.isSVG(problem.source) ? [file] : uses[problem.source] ?? [file]
            for place in places {
                diagnostics.append(
                    .error(at: place, "the picture '\(problem.source)' \(problem.message)", note: problem.note))
            }
        }
        return diagnostics
    }
}

// MARK: - The store of renditions

/// The renditions kept between builds in `.limber/pictures/<key>/`, where the key is a hash of the
/// source's bytes and `PictureSettings`; an index by path and file stamp saves reading the bytes of
/// pictures that have not changed. In the output a rendition is `<folder>/<name>.<key>-<width>.<ext>`.
final class RenditionStore: @unchecked Sendable {
    let folder: String
    /// Lets as many pictures be encoded at once as memory allows.
    let gate: MemoryGate
    private let lock = NSLock()
    private var index: [String: (stamp: String, key: String)]
    private var indexChanged = false

    init(folder: String, gate: MemoryGate) {
        self.folder = folder
        self.gate = gate
        index = Self.readIndex(folder + "/index")
    }

    /// One rendition as the store keeps it: `webp 480 360` in a manifest, `480.webp` beside it.
    struct Entry {
        var format: VipsPicture.Format
        var width: Int
        var height: Int

        var keptName: String { "\(width).\(format.fileExtension)" }
    }

    /// The picture as published from the kept `entries`, with the output name of each and where it is kept.
    func picture(_ source: String, key: String, entries: [Entry]) -> (PublishedPicture, [String: String]) {
        let stem = PathComponents.removingExtension(source)
        var picture = PublishedPicture(source: source, webp: [], fallback: [])
        var kept: [String: String] = [:]
        for entry in entries {
            let file = "\(stem).\(key)-\(entry.width).\(entry.format.fileExtension)"
            let rendition = Rendition(file: file, width: entry.width, height: entry.height)
            if entry.format == .webp { picture.webp.append(rendition) } else { picture.fallback.append(rendition) }
            kept[file] = folder + "/" + key + "/" + entry.keptName
        }
        return (picture, kept)
    }

    /// What `publish` found for one picture.
    struct Found {
        var picture: PublishedPicture
        var kept: [String: String]
        var encoded: Bool
    }

    /// The picture's renditions, from the store or made now.
    func publish(_ asset: String, path: String) -> Result<Found, PictureSet.Problem> {
        func problem(_ message: String) -> Result<Found, PictureSet.Problem> {
            .failure(PictureSet.Problem(source: asset, message: message))
        }
        // Published as `NAME.KEY-WIDTH.webp` (a 16-digit key), written first under that name and
        // `.limber-new`: all of it must fit a file name's 255 bytes.
        let stem = PathComponents.name(of: PathComponents.removingExtension(asset))
        if stem.utf8.count + ".0123456789abcdef-1600.webp.limber-new".utf8.count > 255 {
            return .failure(
                PictureSet.Problem(
                    source: asset, message: "has a name too long for the names of its published sizes",
                    note: "shorten the file's name to 200 bytes or fewer"))
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return problem("cannot be read") }
        let stamp = Self.text(FileStamp(info))
        var known = lock.withLock { index[asset].flatMap { $0.stamp == stamp ? $0.key : nil } }
        if known == nil {
            guard let data = FileManager.default.contents(atPath: path) else { return problem("cannot be read") }
            var hash = FNV()
            data.withUnsafeBytes { hash.add($0) }
            hash.add(PictureSettings.key)
            let hex = String(hash.value, radix: 16)
            known = String(repeating: "0", count: 16 - hex.count) + hex
        }
        let key = known!
        let kept = folder + "/" + key
        var encoded = false
        var entries = Self.readManifest(kept + "/manifest")
        if entries == nil {
            do {
                entries = try make(asset, path: path, into: kept)
                encoded = true
            } catch let problem {
                return .failure(problem)
            }
        }
        lock.withLock {
            if index[asset]?.stamp != stamp || index[asset]?.key != key {
                index[asset] = (stamp, key)
                indexChanged = true
            }
        }
        let (picture, files) = picture(asset, key: key, entries: entries!)
        return .success(Found(picture: picture, kept: files, encoded: encoded))
    }

    /// Checks the file's bytes, decodes it and encodes every rendition into `kept`, written in
    /// full before the folder takes its name.
    private func make(_ asset: String, path: String, into kept: String) throws(PictureSet.Problem) -> [Entry] {
        func problem(_ message: String, note: String? = nil) -> PictureSet.Problem {
            PictureSet.Problem(source: asset, message: message, note: note)
        }
        let header: VipsPicture.Header
        switch VipsPicture.header(path) {
        case .success(let found): header = found
        case .failure: throw problem("is damaged or is not a picture Limber can read")
        }
        let fileExtension = PictureSettings.fileExtension(asset)
        if header.loader != PictureSettings.rasterLoaders[fileExtension] {
            let actual = header.loader.replacingOccurrences(of: "load", with: "")
            let renamed = PictureSettings.rasterLoaders.first { $0.value == header.loader }.map {
                "rename it to '\(PathComponents.removingExtension(asset)).\($0.key)'"
            }
            var found = problem("is named .\(fileExtension) but holds a \(actual.uppercased()) picture")
            found.note = renamed
            throw found
        }
        let frames = header.isAnimation ? " in \(header.frames) frames" : ""
        if header.width * header.height * header.frames > PictureSettings.pixelLimit {
            throw problem(
                "has \(header.width)×\(header.height) pixels\(frames), over the limit of "
                    + "\(PictureSettings.pixelLimit / 1_000_000) million",
                note: "make it smaller before adding it; 1600 pixels wide is the widest Limber publishes")
        }
        let widest = header.uprightSize.width
        var widths = PictureSettings.widths.filter { $0 < widest }
        if widths.count < PictureSettings.widths.count { widths.append(widest) }
        let memory = PictureMemory.need(header, width: widths.last!)
        if memory > PictureSettings.memoryLimit {
            let bits = header.bytesPerBand * 8
            let note =
                switch (header.loader, header.interlaced) {
                case ("jpegload", true):
                    "save it again as a baseline JPEG, not progressive: Limber reads a baseline JPEG row by row, "
                        + "a progressive one whole"
                case ("pngload", true):
                    "save it again without interlacing: Limber reads a plain PNG row by row, an interlaced one whole"
                default: "make it smaller before adding it; 1600 pixels wide is the widest Limber publishes"
                }
            throw problem(
                "would take \(memory >> 20) MB of memory to read (\(header.width)×\(header.height) pixels\(frames), "
                    + "\(bits)-bit), over the limit of \(PictureSettings.memoryLimit >> 20) MB", note: note)
        }
        let fallbackFormat: VipsPicture.Format = header.loader == "gifload" ? .gif : header.hasAlpha ? .png : .jpeg

        var entries: [Entry] = []
        var files: [(String, [UInt8])] = []
        do throws(VipsPicture.Failure) {
            try gate.withMemory(memory) { () throws(VipsPicture.Failure) in
                let full = try VipsPicture.decode(path, width: widths.last!, animation: header.isAnimation)
                for width in widths {
                    // An animation is shrunk from the file at each width: frame by frame.
                    let picture =
                        header.isAnimation && width < widths.last!
                        ? try VipsPicture.decode(path, width: width, animation: true) : try full.shrunk(to: width)
                    for format in [VipsPicture.Format.webp, fallbackFormat] {
                        let quality = format == .webp ? PictureSettings.webpQuality : PictureSettings.jpegQuality
                        let entry = Entry(format: format, width: picture.width, height: picture.height)
                        entries.append(entry)
                        files.append((entry.keptName, try picture.encoded(as: format, quality: quality)))
                    }
                }
            }
        } catch {
            // libvips keeps one error text for the whole process, so it may speak of another picture.
            throw problem("is damaged or cut short")
        }
        let manifest = entries.map { "\($0.format.rawValue) \($0.width) \($0.height)\n" }.joined()
        files.append(("manifest", Array(manifest.utf8)))
        let temporary = kept + ".making-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            for (name, bytes) in files { _ = try StagedOutput.writeFile(temporary + "/" + name, bytes) }
            if rename(temporary, kept) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            // The store only saves time: a picture that cannot be kept is made again next time.
            try? FileManager.default.removeItem(atPath: temporary)
        }
        return entries
    }

    // MARK: - Files

    static func readManifest(_ path: String) -> [Entry]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var entries: [Entry] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let format = VipsPicture.Format(rawValue: String(parts[0])),
                let width = Int(parts[1]), let height = Int(parts[2])
            else { return nil }
            entries.append(Entry(format: format, width: width, height: height))
        }
        return entries.contains { $0.format != .webp } ? entries : nil
    }

    private static func text(_ stamp: FileStamp) -> String {
        "\(stamp.size) \(stamp.seconds) \(stamp.nanoseconds) \(stamp.inode) \(stamp.mode)"
    }

    private static func readIndex(_ path: String) -> [String: (stamp: String, key: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var index: [String: (stamp: String, key: String)] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            index[String(parts[0])] = (String(parts[1]), String(parts[2]))
        }
        return index
    }

    /// Writes the index when this build added to it.
    func saveIndex() {
        let text: String? = lock.withLock {
            guard indexChanged else { return nil }
            return index.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.stamp)\t\($0.value.key)\n" }.joined()
        }
        guard let text else { return }
        let temporary = folder + "/index.new-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if (try? StagedOutput.writeFile(temporary, Array(text.utf8))) != nil {
            rename(temporary, folder + "/index")
        }
    }
}
