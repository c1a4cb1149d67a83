import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file's size, modification time, inode and mode: when none of them changed, neither did the file.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64
    var mode: UInt32

    init(_ info: stat) {
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
        mode = UInt32(info.st_mode)
    }

    init(size: Int, seconds: Int, nanoseconds: Int, inode: UInt64, mode: UInt32) {
        (self.size, self.seconds, self.nanoseconds, self.inode, self.mode) = (size, seconds, nanoseconds, inode, mode)
    }

    /// A number for the file at `path` with this stamp, its bits well mixed: the digest of a list
    /// of files is the sum of theirs (`BuildCache.Sources`).
    func digest(path: String) -> UInt64 {
        var hash = FNV()
        hash.add(path)
        for number in [
            UInt64(bitPattern: Int64(size)), UInt64(bitPattern: Int64(seconds)),
            UInt64(bitPattern: Int64(nanoseconds)), inode, UInt64(mode),
        ] {
            hash.add(number)
        }
        // SplitMix64's last steps: a change to any bit of the hash changes half of these.
        var mixed = hash.value
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// The stamp of the file at `path` (not following a last symbolic link), nil when it is missing.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        return lstat(path, &info) == 0 ? FileStamp(info) : nil
    }
}

/// What the last good build read and wrote, kept in the site's `.limber/` (never inside the output
/// or beside it, where it would be published; `OutputPlace`):
///
/// - `setup`: a hash of the build's options, Limber's version and binary, and the stamp of every
///   file under `templates/` and `content/` other than stretches and routines (and files no build
///   reads, such as an editor's swap files). When it differs, the build starts from scratch.
/// - `sources`: the stamp of every stretch and routine file; the ones that differ are read again.
/// - `outputs`: every file written, with its stamp, so a file changed or deleted by hand is noticed.
/// - `documents`: every stretch and routine as parsed, with hashes of its front matter and body,
///   read only when some source changed.
/// - `cards`: each stretch's card as rendered ahead, its way back to the root left open
///   (`ViewBuilder.cardRoot`), by path: good for as long as the theme and the stretch's front
///   matter are the same.
/// - `warnings`: what the build warned about, printed again by a build that finds nothing changed;
///   each document also keeps its own, for a build that reads other files again.
///
/// The documents (with their cards) are most of the cache's bytes, and an edit changes one or a
/// few: they live in a file of their own beside the cache (`documentsFile`), which an edit only
/// appends to. The cache names that file (by a number drawn when it was started) and where each
/// document is in it; bytes no longer named are dropped when the file is written anew, once they
/// outweigh those still named, and by every full build.
struct BuildCache: Sendable {
    static let magic = Array("limber-cache-5\n".utf8)
    static let documentsMagic = Array("limber-documents-2\n".utf8)

    var setup: UInt64
    var pages: Int
    var files: Int
    var sources: Sources
    var outputs: [String: FileStamp]
    var documents: [String: SourceDocument]
    var cards: [String: KeptCard]
    var warnings: [Diagnostic]
    /// Each routine's sheet as measured, by routine file (`SheetFit.measured`).
    var sheetFits: [String: SheetFit.Fit] = [:]
    /// When the build had written every file and its copy (nanoseconds since 1970, by the clock
    /// the kernel stamps files with): a file whose links changed from then on (`FileTree.look`)
    /// changed after the build.
    var written = 0
    /// The documents file named, and where the documents and cards are in it, until
    /// `readDocuments` reads them.
    fileprivate var unread: (file: String, generation: UInt64, ranges: [Range<Int>])?

    init(
        setup: UInt64, pages: Int, files: Int, sources: Sources, outputs: [String: FileStamp],
        documents: [String: SourceDocument], cards: [String: KeptCard], warnings: [Diagnostic] = []
    ) {
        (self.setup, self.pages, self.files, self.sources, self.outputs) = (setup, pages, files, sources, outputs)
        (self.documents, self.cards, self.warnings) = (documents, cards, warnings)
    }

    /// Reads the documents and cards, on every core, a thousand at a time: a build that finds
    /// nothing changed never needs them. The file's pages of each thousand are let go once read.
    /// False when they are damaged.
    mutating func readDocuments() -> Bool {
        guard let (file, generation, ranges) = unread else { return true }
        unread = nil
        guard let bytes = CacheBytes(mapping: file) else { return false }
        let reader = CacheReader(bytes)
        let start = Self.documentsMagic.count + 8
        guard reader.starts(with: Self.documentsMagic + Self.bytes(of: generation)),
            ranges.allSatisfy({ $0.lowerBound >= start && $0.upperBound <= bytes.buffer.count })
        else { return false }
        documents.reserveCapacity(ranges.count)
        cards.reserveCapacity(ranges.count)
        var encoded: [String: Range<Int>] = [:]
        encoded.reserveCapacity(ranges.count)
        for start in stride(from: 0, to: ranges.count, by: 1000) {
            let batch = Array(ranges[start..<min(start + 1000, ranges.count)])
            let decoded = ParallelMap.map(batch) { range in
                var reader = reader.slice(range)
                return try? reader.document()
            }
            for (entry, range) in zip(decoded, batch) {
                guard let (path, document, card) = entry else { return false }
                documents[path] = document
                cards[path] = card
                encoded[path] = range
            }
            for span in Self.spans(batch) { reader.storage.release(span) }
        }
        self.encoded = encoded
        self.source = (reader, generation)
        return true
    }

    /// Where each document is in the documents file, to name again when it is the same.
    private(set) var encoded: [String: Range<Int>] = [:]
    /// The documents file as read, and its number, once its documents are.
    private var source: (reader: CacheReader, generation: UInt64)?

    /// The documents file beside the cache at `path`.
    static func documentsFile(_ path: String) -> String { path + "-documents" }

    /// A number's eight bytes, as `CacheWriter.uint64` writes them.
    static func bytes(of value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    /// `ranges` as runs that follow one another in the file: most of a batch is one run, and a
    /// document appended by an edit is one of its own.
    static func spans(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for range in ranges {
            if let last = spans.last, last.upperBound == range.lowerBound {
                spans[spans.count - 1] = last.lowerBound..<range.upperBound
            } else {
                spans.append(range)
            }
        }
        return spans
    }

    // MARK: - What the inputs are now

    /// The stretch and routine files, by path, with the sum of their digests
    /// (`FileStamp.digest`): two lists with as many files and the same sum are taken to be the
    /// same, which a debug build checks. Comparing the lists themselves, file by file, was 22 ms
    /// of a build with nothing changed at 50,000 stretches; the chance that a change leaves the
    /// sum as it was is one in 2^64. The files are kept as the walk or the cache listed them, and
    /// made a dictionary only when a build asks for one file: a build with nothing changed never
    /// does (making the two dictionaries was 40 ms of its CPU at 50,000 stretches).
    struct Sources: Sendable, Equatable {
        private var listed: Listed
        private(set) var digest: UInt64

        /// The list, and the dictionary made of it once it is asked for.
        private final class Listed: Sendable {
            let entries: [(path: String, stamp: FileStamp)]
            let table: MadeOnce<[String: FileStamp]>

            init(_ entries: [(path: String, stamp: FileStamp)]) {
                self.entries = entries
                table = MadeOnce { Dictionary(entries, uniquingKeysWith: { first, _ in first }) }
            }

            /// A list of a dictionary already made: it is kept, not made again on the next ask.
            init(table: [String: FileStamp]) {
                entries = table.map { (path: $0.key, stamp: $0.value) }
                self.table = MadeOnce(table)
            }
        }

        init(_ entries: [(String, FileStamp)]) {
            listed = Listed(entries.map { (path: $0.0, stamp: $0.1) })
            digest = entries.reduce(0) { $0 &+ $1.1.digest(path: $1.0) }
        }

        /// The files' sizes added up, in bytes.
        var bytes: Int { listed.entries.reduce(0) { $0 + $1.stamp.size } }

        /// Every file by path: made on the first ask, and shared by the copies of this list.
        var stamps: [String: FileStamp] { listed.table.value }

        /// Each file with its stamp, in no particular order.
        var entries: [(path: String, stamp: FileStamp)] { listed.entries }

        var count: Int { listed.entries.count }

        /// A file's stamp; setting one makes a new list (for `limber serve`, which sets the few
        /// files its watcher saw change).
        subscript(path: String) -> FileStamp? {
            get { stamps[path] }
            set {
                var table = stamps
                if let old = table[path] { digest &-= old.digest(path: path) }
                if let newValue { digest &+= newValue.digest(path: path) }
                table[path] = newValue
                listed = Listed(table: table)
            }
        }

        /// The files whose stamps differ from `earlier`'s, with those only one of the two lists
        /// has. When both list the same files in the same order (the walk's, which the cache
        /// keeps), side by side; else by dictionary (making the two was 64 ms of an edit's CPU at
        /// 50,000 stretches).
        func changed(since earlier: Sources) -> Set<String> {
            if let changed = changedSideBySide(since: earlier) {
                assert(changed == changedByPath(since: earlier), "the files changed side by side differ")
                return changed
            }
            return changedByPath(since: earlier)
        }

        private func changedSideBySide(since earlier: Sources) -> Set<String>? {
            let (now, before) = (entries, earlier.entries)
            guard now.count == before.count else { return nil }
            var changed: Set<String> = []
            for (file, was) in zip(now, before) {
                guard file.path == was.path else { return nil }
                if file.stamp != was.stamp { changed.insert(file.path) }
            }
            return changed
        }

        private func changedByPath(since earlier: Sources) -> Set<String> {
            let (now, before) = (stamps, earlier.stamps)
            var changed = Set(now.compactMap { before[$0.key] == $0.value ? nil : $0.key })
            for path in before.keys where now[path] == nil { changed.insert(path) }
            return changed
        }

        static func == (a: Sources, b: Sources) -> Bool {
            let same = a.count == b.count && a.digest == b.digest
            assert(same == (a.stamps == b.stamps), "two lists of sources with the same digest differ")
            return same
        }
    }

    /// The inputs of a build as they are on disk now.
    struct Inputs: Sendable {
        var setup: UInt64
        var sources: Sources
        /// Every other file and folder walked, by path: `BuildMemory` tells from it whether a
        /// file an editor made and removed again (a backup, a test file) was one.
        var others: Set<String> = []
    }

    /// Walks `content/` and `templates/`: stretch and routine files by their stamps, everything
    /// else (and `options`, the version, the binary) into one hash. A file or folder the build
    /// never reads (`PublishedFiles.reasonToSkip`: an editor's swap or backup file, a hidden
    /// folder) is not an input: an editor making and writing its swap file as the author types
    /// does not make the next build a full one. (The warning that names such a file is printed
    /// by the next build that reads the content.)
    static func inputs(_ folder: SiteFolder, options: String) -> Inputs {
        var hash = FNV()
        hash.add(options)
        hash.add(Limber.version)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 { hash.add(info) }
        // Gathered in a list and made a dictionary at once, at its size: a dictionary grown one
        // file at a time was 30 ms of a build with nothing changed at 50,000 stretches.
        var sources: [(String, FileStamp)] = []
        var others: [(path: String, info: stat)] = []
        for part in ["content", "templates"] {
            walk(folder.path(part), relative: part) { relative, info in
                if (info.st_mode & S_IFMT) == S_IFREG, isSource(relative) {
                    sources.append((relative, FileStamp(info)))
                    return true
                }
                guard isRead(relative) else { return false }
                others.append((relative, info))
                return true
            }
        }
        // In the order of their paths: only these few are sorted, not the stretches' names.
        others.sort { $0.path < $1.path }
        for (relative, info) in others {
            hash.add(relative)
            // A folder's own time changes whenever an editor saves a file inside it.
            if (info.st_mode & S_IFMT) != S_IFDIR { hash.add(info) }
        }
        return Inputs(
            setup: hash.value, sources: Sources(sources),
            others: Set(others.map(\.path)))
    }

    /// Whether a build reads the file or folder at `relative` (or, for a folder, what is in it):
    /// not one in or under a file or folder `PublishedFiles.reasonToSkip` names.
    static func isRead(_ relative: String) -> Bool {
        !relative.split(separator: "/").contains { PublishedFiles.reasonToSkip(name: String($0)) != nil }
    }

    /// The files of the content types kept between builds (`ContentKind.Reading.kept`):
    /// `content/stretches/*.md` and `content/routines/*.md`.
    static func isSource(_ relative: String) -> Bool {
        // By bytes: this is asked of every file of a guide at every build.
        let bytes = relative.utf8
        guard bytes.count > 3, bytes.suffix(3).elementsEqual(".md".utf8) else { return false }
        for folder in keptFolders where bytes.starts(with: folder) {
            let name = bytes.dropFirst(folder.count)
            return !name.contains(UInt8(ascii: "/")) && name.first != UInt8(ascii: ".")
        }
        return false
    }

    static let keptFolders = ContentKind.builtIn.filter { $0.reading == .kept }.map {
        Array("content/\($0.folder)/".utf8)
    }

    /// Every entry below `path`, in no particular order (POSIX calls: Foundation's per-file
    /// attributes are several times slower for 10,000 files); `visit` says whether to go into a
    /// folder.
    private static func walk(_ path: String, relative: String, _ visit: (String, stat) -> Bool) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        // Each entry relative to the open folder (the kernel does not walk the whole path again),
        // on every core: a folder of ten thousand stretches takes ten thousand calls.
        let folder = dirfd(directory)
        let stats = ParallelMap.map(names) { name -> stat? in
            var info = stat()
            // By the string's own bytes: passing a String for a C string copies it.
            return name.withCString { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) } == 0 ? info : nil
        }
        for (name, info) in zip(names, stats) {
            guard let info else { continue }
            let descend = visit(relative + "/" + name, info)
            if descend, (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path + "/" + name, relative: relative + "/" + name, visit)
            }
        }
    }

    // MARK: - Reading and writing

    /// Writes the cache, a new file renamed over the old one, after its documents. A document in
    /// `unchanged` keeps its bytes in `last`'s documents file; when that file is still the one
    /// `last` read, and the others are few, they are appended to it. Else the documents file is
    /// written anew: the documents are encoded on every core, a few hundred at a time, so the
    /// whole never sits in memory, and those unchanged are copied from the last file's map.
    /// `changed` names the documents an edit touched; nil means every one (a full build). With
    /// `readBack`, gives the cache as a build would read it back, its documents file mapped: the
    /// `last` of the next build in the same process (`BuildMemory`).
    @discardableResult
    func write(
        _ path: String, reusing last: BuildCache? = nil, changed: Set<String>? = nil, readBack: Bool = true
    ) throws -> BuildCache? {
        let source = last?.source
        // In the order the last documents file holds them, whose runs are copied whole; the
        // others after (sorting every path was a third of writing the cache after an edit).
        var placedPaths = documents.keys.map { path -> (path: String, kept: Range<Int>?) in
            guard source != nil, let changed, !changed.contains(path) else { return (path, nil) }
            return (path, last?.encoded[path])
        }
        placedPaths.sort { ($0.kept?.lowerBound ?? Int.max) < ($1.kept?.lowerBound ?? Int.max) }
        let paths = placedPaths.map(\.path)
        let kept = placedPaths.map(\.kept)
        let file = Self.documentsFile(path)
        let placed: (generation: UInt64, ranges: [Range<Int>])
        if let source, let ranges = try append(paths, kept: kept, to: file, generation: source.generation) {
            placed = (source.generation, ranges)
        } else {
            placed = try writeDocuments(paths, kept: kept, from: source?.reader, to: file)
        }

        // The lists of files, one on each core, in no particular order: they are read back into
        // dictionaries.
        @Sendable func encode(_ stamps: some Collection<(key: String, value: FileStamp)>) -> [UInt8] {
            // Room for every entry at once: a path and five numbers, most of them short.
            var writer = CacheWriter(capacity: stamps.count * 80)
            writer.int(stamps.count)
            for (path, stamp) in stamps {
                writer.string(path)
                writer.stamp(stamp)
            }
            return writer.bytes
        }
        let lists = ParallelMap.map([true, false]) { [sources, outputs] isSources in
            isSources ? encode(sources.entries.lazy.map { (key: $0.path, value: $0.stamp) }) : encode(outputs)
        }
        var header = CacheWriter()
        header.uint64(setup)
        header.int(pages)
        header.int(files)
        header.int(self.written)
        var rest = CacheWriter()
        rest.array(warnings) { writer, warning in writer.diagnostic(warning) }
        rest.array(Array(sheetFits)) { writer, entry in
            writer.string(entry.key)
            writer.optional(entry.value.key) { $0.uint64($1) }
            writer.optional(entry.value.warning) { $0.diagnostic($1) }
        }
        rest.uint64(placed.generation)
        // In the file's order, so that a build reading them back lets go of runs, not documents.
        rest.array(placed.ranges.sorted { $0.lowerBound < $1.lowerBound }) { writer, range in
            writer.int(range.lowerBound)
            writer.int(range.count)
        }
        let temporary = path + ".new"
        let cache = try CacheFile(writingTo: temporary)
        try cache.append(Self.magic + header.bytes + lists[0] + lists[1] + rest.bytes)
        try cache.close()
        guard rename(temporary, path) == 0 else { throw OutputError(message: "cannot write \(path)") }
        guard readBack else { return nil }
        var written = self
        written.unread = nil
        written.encoded = Dictionary(uniqueKeysWithValues: zip(paths, placed.ranges))
        written.source = CacheBytes(mapping: file).map { (CacheReader($0), placed.generation) }
        return written
    }

    /// Appends the documents not `kept` to the documents file `last` read, and gives where every
    /// document is; nil, with nothing written, when that file is no longer there, or when the
    /// bytes it holds that no document names would outweigh those that one does.
    private func append(
        _ paths: [String], kept: [Range<Int>?], to file: String, generation: UInt64
    ) throws -> [Range<Int>]? {
        let fresh = kept.indices.filter { kept[$0] == nil }
        guard fresh.count <= max(1, paths.count / 8) else { return nil }
        let descriptor = open(file, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let start = Self.documentsMagic + Self.bytes(of: generation)
        var first = [UInt8](repeating: 0, count: start.count)
        guard pread(descriptor, &first, start.count, 0) == start.count, first == start else { return nil }
        let end = Int(lseek(descriptor, 0, SEEK_END))
        let live = kept.reduce(0) { $0 + ($1?.count ?? 0) }
        guard end > 0, end <= 2 * live else { return nil }
        let encoded = ParallelMap.map(fresh) { index -> [UInt8] in
            var writer = CacheWriter()
            writer.document(paths[index], documents[paths[index]]!, card: cards[paths[index]]?.text)
            return writer.bytes
        }
        var ranges = kept
        var offset = end
        for (index, bytes) in zip(fresh, encoded) {
            ranges[index] = offset..<(offset + bytes.count)
            offset += bytes.count
        }
        let appended = encoded.reduce(into: [UInt8]()) { $0 += $1 }
        guard appended.withUnsafeBytes({ StagedOutput.writeAll(descriptor, $0) }) else {
            throw OutputError(message: "cannot write the build cache")
        }
        return ranges.map { $0! }
    }

    /// Writes the documents file anew, a new file renamed over the old one, under a new number:
    /// the documents `kept` copied from `last` (a run of them that lay together there in one
    /// piece, straight from the map), the others encoded.
    private func writeDocuments(
        _ paths: [String], kept: [Range<Int>?], from last: CacheReader?, to file: String
    ) throws -> (generation: UInt64, ranges: [Range<Int>]) {
        let generation = UInt64.random(in: 1...UInt64.max)
        let temporary = file + ".new"
        let output = try CacheFile(writingTo: temporary)
        let start = Self.documentsMagic + Self.bytes(of: generation)
        try output.append(start)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(paths.count)
        var offset = start.count
        // A few hundred at a time: the batch, encoded, is what this adds to the build's memory.
        for batchStart in stride(from: 0, to: paths.count, by: 250) {
            let batch = Array(batchStart..<min(batchStart + 250, paths.count))
            let encoded = ParallelMap.map(batch) { index -> [UInt8] in
                guard kept[index] == nil || last == nil else { return [] }
                var writer = CacheWriter()
                writer.document(paths[index], documents[paths[index]]!, card: cards[paths[index]]?.text)
                return writer.bytes
            }
            var run: Range<Int>?
            for (index, bytes) in zip(batch, encoded) {
                if let range = kept[index], let last {
                    if let current = run, current.upperBound == range.lowerBound {
                        run = current.lowerBound..<range.upperBound
                    } else {
                        if let current = run { try output.append(last.buffer(current)) }
                        run = range
                    }
                    ranges.append(offset..<(offset + range.count))
                    offset += range.count
                } else {
                    if let current = run { try output.append(last!.buffer(current)) }
                    run = nil
                    try output.append(bytes)
                    ranges.append(offset..<(offset + bytes.count))
                    offset += bytes.count
                }
            }
            if let current = run { try output.append(last!.buffer(current)) }
            // The last file's pages copied from are let go again.
            if let last {
                for span in Self.spans(batch.compactMap { kept[$0] }) { last.storage.release(span) }
            }
        }
        try output.close()
        guard rename(temporary, file) == 0 else { throw OutputError(message: "cannot write \(file)") }
        return (generation, ranges)
    }

    /// The cache as the last build left it: nil when there is none, or it is damaged or of
    /// another version.
    static func read(_ path: String) -> BuildCache? {
        guard let bytes = CacheBytes(mapping: path) else { return nil }
        var reader = CacheReader(bytes)
        guard reader.starts(with: magic) else { return nil }
        reader.skip(magic.count)
        return try? reader.cache(documentsFile: documentsFile(path))
    }
}

extension CacheWriter {
    mutating func stamp(_ value: FileStamp) {
        int(value.size)
        int(value.seconds)
        int(value.nanoseconds)
        uint64(value.inode)
        int(Int(value.mode))
    }
}

extension CacheReader {
    mutating func stamp() throws(Damaged) -> FileStamp {
        FileStamp(
            size: try int(), seconds: try int(), nanoseconds: try int(), inode: try uint64(),
            mode: UInt32(truncatingIfNeeded: try int()))
    }

    mutating func cache(documentsFile: String) throws(Damaged) -> BuildCache {
        let setup = try uint64()
        let pages = try int()
        let files = try int()
        let written = try int()
        func stamps() throws(Damaged) -> [String: FileStamp] {
            let count = try int()
            // At least a byte for each: a damaged count does not ask for more room than the file has.
            guard count >= 0, count <= self.count - offset else { throw Damaged() }
            var stamps: [String: FileStamp] = [:]
            stamps.reserveCapacity(count)
            for _ in 0..<count { stamps[try string()] = try stamp() }
            return stamps
        }
        let sources = try { () throws(Damaged) -> BuildCache.Sources in
            let count = try int()
            guard count >= 0, count <= self.count - offset else { throw Damaged() }
            var entries: [(String, FileStamp)] = []
            entries.reserveCapacity(count)
            for _ in 0..<count { entries.append((try string(), try stamp())) }
            return BuildCache.Sources(entries)
        }()
        let outputs = try stamps()
        var warnings: [Diagnostic] = []
        for _ in 0..<(try int()) { warnings.append(try diagnostic()) }
        var sheetFits: [String: SheetFit.Fit] = [:]
        for _ in 0..<(try int()) {
            let path = try string()
            let key = try optional { reader throws(Damaged) in try reader.uint64() }
            sheetFits[path] = SheetFit.Fit(
                key: key, warning: try optional { reader throws(Damaged) in try reader.diagnostic() })
        }
        // Where each document is in the documents file, read only when a build needs them.
        let generation = try uint64()
        let ranges = try array { reader throws(Damaged) -> Range<Int> in
            let start = try reader.int()
            let length = try reader.int()
            guard start >= 0, length >= 0, start <= Int.max - length else { throw Damaged() }
            return start..<(start + length)
        }
        guard atEnd else { throw Damaged() }
        var cache = BuildCache(
            setup: setup, pages: pages, files: files, sources: sources, outputs: outputs, documents: [:], cards: [:],
            warnings: warnings)
        cache.sheetFits = sheetFits
        cache.written = written
        cache.unread = (documentsFile, generation, ranges)
        return cache
    }

    /// A document with its path, and its card when it is a stretch.
    mutating func document() throws(Damaged) -> (String, SourceDocument, KeptCard?) {
        let path = try path()
        let frontMatterHash = try uint64()
        let bodyHash = try uint64()
        let model: SourceDocument.Model =
            switch try int() {
            case 0: .stretch(try stretch())
            case 1: .routine(try routine())
            default: throw Damaged()
            }
        let card = try optional { reader throws(Damaged) in try reader.keptCard() }
        let warnings = try array { reader throws(Damaged) in try reader.diagnostic() }
        guard atEnd else { throw Damaged() }
        return (
            path,
            SourceDocument(model: model, frontMatterHash: frontMatterHash, bodyHash: bodyHash, warnings: warnings),
            card
        )
    }
}

extension CacheWriter {
    mutating func document(_ path: String, _ document: SourceDocument, card: String?) {
        string(path)
        uint64(document.frontMatterHash)
        uint64(document.bodyHash)
        switch document.model {
        case .stretch(let stretch):
            int(0)
            self.stretch(stretch)
        case .routine(let routine):
            int(1)
            self.routine(routine)
        }
        optional(card) { $0.string($1) }
        array(document.warnings) { $0.diagnostic($1) }
    }
}

/// A file written from the start in large pieces, with POSIX calls.
final class CacheFile {
    private var descriptor: Int32

    init(writingTo path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(message: "cannot write \(path)") }
    }

    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard StagedOutput.writeAll(descriptor, bytes) else {
            throw OutputError(message: "cannot write the build cache")
        }
    }

    func close() throws {
        guard Glibc.close(descriptor) == 0 else { throw OutputError(message: "cannot write the build cache") }
        descriptor = -1
    }

    deinit { if descriptor >= 0 { Glibc.close(descriptor) } }
}

/// FNV-1a, 64 bits.
struct FNV {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        // Bytes side by side in memory are read as such: a String's UTF-8 view read a byte at a
        // time through its iterator took twice as long (the composer's data, 2.8 MB at 10,000
        // stretches, hashed for its name on every edit).
        let done: Void? = bytes.withContiguousStorageIfAvailable { add(buffer: $0) }
        if done != nil { return }
        for byte in bytes { add(byte: byte) }
    }

    private mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
        var value = value
        for byte in buffer {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        self.value = value
    }

    private mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100_0000_01b3
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
        add(CollectionOfOne(0))
    }

    mutating func add(_ info: stat) {
        for number in [
            UInt64(bitPattern: Int64(info.st_size)), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)),
            UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)), UInt64(info.st_ino), UInt64(info.st_mode),
        ] {
            withUnsafeBytes(of: number) { add($0) }
        }
    }
}
