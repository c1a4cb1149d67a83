import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A compact binary form for what the build cache keeps: numbers as LEB128, text as its length
/// and UTF-8 bytes. Reading ten thousand stretches back takes milliseconds, where parsing their
/// YAML again takes a second; `Codable` with JSON sits in between and is too slow for an edit.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// A writer with room for `capacity` bytes before it grows.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func int(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }
}

/// The bytes of a cache file, mapped read-only rather than read: a build that finds nothing
/// changed touches only the header, and one that reads the documents lets go of each part's pages
/// once it is decoded (`release`), so the file never sits in memory beside what it decodes to.
final class CacheBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
    private let mapped: Bool

    /// The file at `path` mapped; nil when it cannot be opened or is empty.
    init?(mapping path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let count = Int(info.st_size)
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        buffer = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: count)
        mapped = true
    }

    /// A copy of `bytes`, in memory.
    init(_ bytes: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        buffer = UnsafeBufferPointer(copy)
        mapped = false
    }

    /// `count` bytes read from `descriptor` at `offset`; nil when fewer could be read.
    init?(reading count: Int, at offset: Int, of descriptor: Int32) {
        guard count > 0 else { return nil }
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
        var done = 0
        while done < count {
            let read = pread(descriptor, copy.baseAddress! + done, count - done, off_t(offset + done))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { break }
            done += read
        }
        // Only a buffer that `pread` filled to its end is read: `UInt8` needs no other setting up.
        guard done == count else {
            copy.deallocate()
            return nil
        }
        buffer = UnsafeBufferPointer(copy)
        mapped = false
    }

    /// Lets go of the whole pages inside `range`: they leave this process's memory, and are read
    /// again from the file only if touched again.
    func release(_ range: Range<Int>) {
        guard mapped, let base = buffer.baseAddress else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound == buffer.count ? range.upperBound : range.upperBound / page * page
        guard start < end else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        } else {
            buffer.deallocate()
        }
    }
}

/// Reads what `CacheWriter` wrote; any damage (a short or garbled file) throws, and the build
/// then starts from scratch.
struct CacheReader: @unchecked Sendable {
    struct Damaged: Error {}

    /// Keeps the bytes alive for as long as a reader of them is.
    let storage: CacheBytes
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int
    /// Where this reader stops: the end of the bytes, or of one framed piece.
    let count: Int
    /// The last path read (`path()`).
    private var lastPath: String?

    init(_ storage: CacheBytes, from offset: Int = 0) {
        self.storage = storage
        self.bytes = storage.buffer
        self.offset = offset
        self.count = storage.buffer.count
    }

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.init(CacheBytes(bytes), from: offset)
    }

    private init(_ storage: CacheBytes, range: Range<Int>) {
        self.storage = storage
        self.bytes = storage.buffer
        self.offset = range.lowerBound
        self.count = range.upperBound
    }

    /// Whether the bytes start with `prefix`.
    func starts(with prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }

    /// A copy of the bytes of `range`.
    func bytes(_ range: Range<Int>) -> [UInt8] { Array(bytes[range]) }

    /// The bytes of `range` where they are, for as long as this reader's storage is kept.
    func buffer(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// A reader of `range` alone, sharing the bytes.
    func slice(_ range: Range<Int>) -> CacheReader { CacheReader(storage, range: range) }

    mutating func skip(_ length: Int) { offset += length }

    var atEnd: Bool { offset == count }

    mutating func int() throws(Damaged) -> Int {
        // Most numbers (lengths, lines, columns) are below 128: one byte.
        if offset < count, bytes[offset] < 0x80 {
            offset += 1
            return Int(bytes[offset - 1])
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < count, shift < 64 else { throw Damaged() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return Int(Int64(bitPattern: value)) }
            shift += 7
        }
    }

    mutating func uint64() throws(Damaged) -> UInt64 {
        guard offset + 8 <= count else { throw Damaged() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return value
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard offset < count, bytes[offset] <= 1 else { throw Damaged() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() throws(Damaged) -> String {
        let length = try int()
        guard length >= 0, offset + length <= count else { throw Damaged() }
        let text = try utf8(offset..<(offset + length))
        offset += length
        return text
    }

    /// The text of `range`, which a cache that is not damaged holds as UTF-8. Most of a guide's
    /// text is ASCII and is taken as it is: `String(validating:as:)` is generic, and looks up its
    /// types' metadata at every call (a third of the CPU of reading the documents back, at 10,000
    /// stretches).
    private func utf8(_ range: Range<Int>) throws(Damaged) -> String {
        let text = UnsafeBufferPointer(rebasing: bytes[range])
        if text.allSatisfy({ $0 < 0x80 }) { return String(decoding: text, as: UTF8.self) }
        guard let checked = String(validating: text, as: UTF8.self) else { throw Damaged() }
        return checked
    }

    /// A file's path, as `string` reads it: a document names its own file in many places (each
    /// step, related stretch and warning), and a path the same as the last one read is that
    /// string again, not a copy.
    mutating func path() throws(Damaged) -> String {
        let length = try int()
        guard length >= 0, offset + length <= count else { throw Damaged() }
        if var last = lastPath, last.utf8.count == length,
            last.withUTF8({ length == 0 || memcmp($0.baseAddress!, bytes.baseAddress! + offset, length) == 0 })
        {
            offset += length
            return last
        }
        let text = try utf8(offset..<(offset + length))
        offset += length
        lastPath = text
        return text
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout CacheReader) throws(Damaged) -> T) throws(Damaged) -> [T] {
        let length = try int()
        guard length >= 0, length <= count - offset else { throw Damaged() }
        var values: [T] = []
        values.reserveCapacity(length)
        for _ in 0..<length { values.append(try read(&self)) }
        return values
    }

    mutating func strings() throws(Damaged) -> [String] { try array { reader throws(Damaged) in try reader.string() } }

    mutating func choice<T: RawRepresentable<String>>(_ type: T.Type) throws(Damaged) -> T {
        guard let value = T(rawValue: try string()) else { throw Damaged() }
        return value
    }
}

// MARK: - The content models

extension CacheWriter {
    mutating func location(_ value: SourceLocation) {
        string(value.path)
        int(value.line)
        int(value.column)
    }

    mutating func diagnostic(_ value: Diagnostic) {
        int(value.severity == .error ? 1 : 0)
        location(value.location)
        string(value.message)
        optional(value.note) { $0.string($1) }
    }

    mutating func reference(_ value: Reference) {
        string(value.slug)
        location(value.location)
    }

    mutating func range(_ value: ClosedRange<Int>) {
        int(value.lowerBound)
        int(value.upperBound)
    }

    mutating func dose(_ value: Dose) {
        range(value.sets)
        switch value.work {
        case .hold(let seconds):
            int(0)
            range(seconds)
        case .reps(let reps, let hold):
            int(1)
            range(reps)
            optional(hold) { $0.range($1) }
        case .breaths(let breaths):
            int(2)
            range(breaths)
        case .text(let words):
            int(3)
            string(words)
        }
        optional(value.rest) { $0.range($1) }
        optional(value.side) { $0.string($1) }
        optional(value.manner) { $0.string($1) }
    }

    mutating func illustration(_ image: Illustration) {
        string(image.src)
        string(image.alt)
        optional(image.width) { $0.int($1) }
        optional(image.height) { $0.int($1) }
        optional(image.location) { $0.location($1) }
    }

    /// A body: its links and embeds, then its text as one framed piece, which a build reads only
    /// when it renders a page that shows it (`CacheReader.markdown`).
    mutating func markdown(_ value: RenderedMarkdown) {
        for links in [value.links, value.omittedFrames] {
            array(links) { writer, link in
                writer.string(link.destination)
                writer.bool(link.isImage)
                writer.int(link.line)
                writer.int(link.column)
            }
        }
        array(value.embeds) { writer, embed in
            writer.string(embed.kind)
            writer.strings(embed.options)
            writer.strings(embed.names)
            writer.int(embed.line)
            writer.int(embed.column)
            writer.int(embed.fenceLine)
            writer.array(embed.optionColumns) { $0.int($1) }
        }
        // Read once: a text set aside is read back at each ask.
        var text = CacheWriter()
        value.text.read { text.text($0) }
        int(text.bytes.count)
        bytes.append(contentsOf: text.bytes)
    }

    /// A body's text, as `CacheReader.text` reads it.
    mutating func text(_ value: borrowing RenderedMarkdown.Text) {
        string(value.html)
        array(value.headings) { writer, heading in
            writer.int(heading.level)
            writer.string(heading.text)
            writer.string(heading.id)
        }
        strings(value.orderedSteps)
        string(value.firstParagraph)
        int(value.words)
    }

    mutating func stretch(_ value: Stretch) {
        string(value.slug)
        string(value.title)
        string(value.summary)
        string(value.kind.rawValue)
        string(value.level.rawValue)
        strings(value.targets)
        dose(value.dose)
        strings(value.equipment)
        strings(value.cues)
        strings(value.cautions)
        optional(value.image) { $0.illustration($1) }
        optional(value.video) { $0.string($1) }
        optional(value.videoPoster) { $0.illustration($1) }
        array(value.related) { $0.reference($1) }
        optional(value.date) { $0.string($1) }
        markdown(value.body)
        string(value.sourcePath)
        location(value.slugLocation)
    }

    mutating func routine(_ value: Routine) {
        string(value.slug)
        string(value.title)
        string(value.summary)
        array(value.steps) { writer, step in
            writer.reference(step.stretch)
            writer.optional(step.dose) { $0.dose($1) }
            writer.optional(step.note) { $0.string($1) }
        }
        optional(value.frequency) { writer, frequency in
            switch frequency {
            case .daily(let times):
                writer.int(0)
                writer.range(times)
            case .weekly(let times):
                writer.int(1)
                writer.range(times)
            case .everyOtherDay:
                writer.int(2)
            case .text(let words):
                writer.int(3)
                writer.string(words)
            }
        }
        optional(value.warmup) { $0.string($1) }
        strings(value.cautions)
        optional(value.video) { $0.string($1) }
        optional(value.videoPoster) { $0.illustration($1) }
        optional(value.date) { $0.string($1) }
        markdown(value.body)
        string(value.sourcePath)
        location(value.slugLocation)
    }
}

extension CacheReader {
    mutating func location() throws(Damaged) -> SourceLocation {
        SourceLocation(path: try path(), line: try int(), column: try int())
    }

    mutating func diagnostic() throws(Damaged) -> Diagnostic {
        let severity: Diagnostic.Severity = try int() == 1 ? .error : .warning
        return Diagnostic(
            severity, at: try location(), try string(),
            note: try optional { reader throws(Damaged) in try reader.string() })
    }

    mutating func reference() throws(Damaged) -> Reference {
        Reference(slug: try string(), location: try location())
    }

    mutating func range() throws(Damaged) -> ClosedRange<Int> {
        let low = try int()
        let high = try int()
        guard low <= high else { throw Damaged() }
        return low...high
    }

    mutating func dose() throws(Damaged) -> Dose {
        let sets = try range()
        let work: Dose.Work
        switch try int() {
        case 0: work = .hold(try range())
        case 1: work = .reps(try range(), hold: try optional { reader throws(Damaged) in try reader.range() })
        case 2: work = .breaths(try range())
        case 3: work = .text(try string())
        default: throw Damaged()
        }
        return Dose(
            sets: sets, work: work, rest: try optional { reader throws(Damaged) in try reader.range() },
            side: try optional { reader throws(Damaged) in try reader.string() },
            manner: try optional { reader throws(Damaged) in try reader.string() })
    }

    mutating func illustration() throws(Damaged) -> Illustration {
        Illustration(
            src: try string(), alt: try string(), width: try optional { reader throws(Damaged) in try reader.int() },
            height: try optional { reader throws(Damaged) in try reader.int() },
            location: try optional { reader throws(Damaged) in try reader.location() })
    }

    mutating func markdown() throws(Damaged) -> RenderedMarkdown {
        func readLinks() throws(Damaged) -> [RenderedMarkdown.Link] {
            try array { reader throws(Damaged) in
                RenderedMarkdown.Link(
                    destination: try reader.string(), isImage: try reader.bool(), line: try reader.int(),
                    column: try reader.int())
            }
        }
        let links = try readLinks()
        let omittedFrames = try readLinks()
        let embeds = try array { reader throws(Damaged) in
            RenderedMarkdown.Embed(
                kind: try reader.string(), options: try reader.strings(), names: try reader.strings(),
                line: try reader.int(), column: try reader.int(), fenceLine: try reader.int(),
                optionColumns: try reader.array { reader throws(Damaged) in try reader.int() })
        }
        // The text is only looked over here, that its pieces fit together; it is read when a
        // page that shows it is rendered.
        let length = try int()
        guard length >= 0, length <= count - offset else { throw Damaged() }
        let text = slice(offset..<(offset + length))
        var check = text
        try check.skipText()
        skip(length)
        return RenderedMarkdown(links: links, omittedFrames: omittedFrames, embeds: embeds) {
            var reader = text
            return reader.text()
        }
    }

    /// Steps over a body's text as `CacheWriter.markdown` wrote it, or throws when it is damaged.
    mutating func skipText() throws(Damaged) {
        try skipString()
        for _ in 0..<(try length()) {
            _ = try int()
            try skipString()
            try skipString()
        }
        for _ in 0..<(try length()) { try skipString() }
        try skipString()
        _ = try int()
        guard atEnd else { throw Damaged() }
    }

    /// A length or count that fits in what is left.
    private mutating func length() throws(Damaged) -> Int {
        let length = try int()
        guard length >= 0, length <= count - offset else { throw Damaged() }
        return length
    }

    private mutating func skipString() throws(Damaged) { skip(try length()) }

    /// A body's text that `skipText` found whole. Its bytes are taken as UTF-8 without being
    /// checked again: a byte that is not would stand as U+FFFD.
    mutating func text() -> RenderedMarkdown.Text {
        func string() -> String {
            let length = (try? int()) ?? 0
            defer { offset += length }
            return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
        }
        var value = RenderedMarkdown.Text(html: string())
        for _ in 0..<((try? int()) ?? 0) {
            value.headings.append(
                RenderedMarkdown.Heading(level: (try? int()) ?? 1, text: string(), id: string()))
        }
        for _ in 0..<((try? int()) ?? 0) { value.orderedSteps.append(string()) }
        value.firstParagraph = string()
        value.words = (try? int()) ?? 0
        return value
    }

    mutating func stretch() throws(Damaged) -> Stretch {
        let slug = try string()
        let title = try string()
        let summary = try string()
        let kind = try choice(Kind.self)
        let level = try choice(Level.self)
        let targets = try strings()
        let dose = try dose()
        let equipment = try strings()
        let cues = try strings()
        let cautions = try strings()
        let image = try optional { reader throws(Damaged) in try reader.illustration() }
        let video = try optional { reader throws(Damaged) in try reader.string() }
        let poster = try optional { reader throws(Damaged) in try reader.illustration() }
        let related = try array { reader throws(Damaged) in try reader.reference() }
        let date = try optional { reader throws(Damaged) in try reader.string() }
        return Stretch(
            slug: slug, title: title, summary: summary, kind: kind, level: level, targets: targets, dose: dose,
            equipment: equipment, cues: cues, cautions: cautions, image: image, video: video, videoPoster: poster,
            related: related, date: date, body: try markdown(), sourcePath: try path(), slugLocation: try location())
    }

    mutating func routine() throws(Damaged) -> Routine {
        let slug = try string()
        let title = try string()
        let summary = try string()
        let steps = try array { reader throws(Damaged) in
            let stretch = try reader.reference()
            let dose = try reader.optional { reader throws(Damaged) in try reader.dose() }
            return Step(
                stretch: stretch, dose: dose,
                note: try reader.optional { reader throws(Damaged) in try reader.string() })
        }
        let frequency = try optional { reader throws(Damaged) -> Frequency in
            switch try reader.int() {
            case 0: return .daily(try reader.range())
            case 1: return .weekly(try reader.range())
            case 2: return .everyOtherDay
            case 3: return .text(try reader.string())
            default: throw Damaged()
            }
        }
        let warmup = try optional { reader throws(Damaged) in try reader.string() }
        let cautions = try strings()
        let video = try optional { reader throws(Damaged) in try reader.string() }
        let poster = try optional { reader throws(Damaged) in try reader.illustration() }
        let date = try optional { reader throws(Damaged) in try reader.string() }
        return Routine(
            slug: slug, title: title, summary: summary, steps: steps, frequency: frequency, warmup: warmup,
            cautions: cautions, video: video, videoPoster: poster,
            date: date, body: try markdown(), sourcePath: try path(), slugLocation: try location())
    }
}

/// A stretch's card as a build keeps it (`ViewBuilder.cardRoot`): rendered by this build, or kept
/// in the cache's documents file and read only when a page shows it. An edit's pages show few of
/// a guide's cards, and reading all 10,000 was a fifth of reading the documents back.
struct KeptCard: Sendable {
    private enum Form: Sendable {
        case text(String)
        /// A reader at the card's length, which `CacheReader.keptCard` found to fit.
        case stored(CacheReader)
    }

    private let form: Form

    init(_ text: String) { form = .text(text) }

    fileprivate init(stored reader: CacheReader) { form = .stored(reader) }

    /// The card. One read from the cache is taken as UTF-8 without being checked again: a byte
    /// that is not would stand as U+FFFD, as in a body's text (`CacheReader.text`).
    var text: String {
        switch form {
        case .text(let text): text
        case .stored(var reader): reader.keptText()
        }
    }
}

extension ViewBuilder {
    /// Shows `cards`, one a stretch in the guide's order, on the pages that show a card.
    mutating func show(_ cards: [KeptCard]) {
        renderedCards = { cards[$0].text }
    }
}

extension CacheReader {
    /// A card written with `CacheWriter.string`, its bytes stepped over: read when it is shown.
    mutating func keptCard() throws(Damaged) -> KeptCard {
        let card = KeptCard(stored: self)
        let length = try int()
        guard length >= 0, length <= count - offset else { throw Damaged() }
        skip(length)
        return card
    }

    /// The string at this place, which `keptCard` found to fit.
    fileprivate mutating func keptText() -> String {
        let length = (try? int()) ?? 0
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }
}
