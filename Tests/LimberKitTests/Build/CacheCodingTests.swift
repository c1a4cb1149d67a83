import Foundation
import Testing

@testable import LimberKit

/// What the build cache keeps comes back as it was written: every stretch, routine, dose,
/// frequency, picture, body, warning and file stamp, with empty texts, text in any script, numbers
/// at their limits and fields left out. The comparison walks every stored field (`StoredFields.differ`),
/// and the full samples set every one of them (`StoredFields.unset`), so a field the coding drops, or
/// one added to a model and not to the coding, fails here by its name.
@Suite struct CacheCodingTests {
    // MARK: - Samples

    static let unicode = "Étirement du psoas 🧘‍♀️ — 股四頭筋のストレッチ, e\u{301}, \u{1F1EB}\u{1F1F7}"

    static func location(_ path: String = "content/stretches/psoas.md", line: Int = 12, column: Int = 3)
        -> LimberKit.SourceLocation
    {
        LimberKit.SourceLocation(path: path, line: line, column: column)
    }

    static let fullIllustration = Illustration(
        src: "images/psoas.jpg", alt: unicode, width: 1920, height: Int.max, location: location(line: 4))

    static let fullDose = Dose(
        sets: 2...3, work: .reps(8...12, hold: 2...5), rest: 30...60, side: "each", manner: "slowly")

    static let works: [Dose.Work] = [
        .hold(30...45), .reps(1...1, hold: nil), .reps(0...Int.max, hold: Int.min...(-1)), .breaths(5...8), .text(""),
        .text(unicode),
    ]

    /// A body with every part filled in, its text given rather than read from the cache.
    static var fullBody: RenderedMarkdown {
        var body = RenderedMarkdown(html: "<p>\(unicode)</p>\n" + RenderedMarkdown.Embed.marker(0))
        body.headings = [
            .init(level: 2, text: "How to", id: "how-to"), .init(level: 6, text: unicode, id: "étirement"),
        ]
        body.links = [
            .init(destination: "../hamstrings/", isImage: false, line: 3, column: 7),
            .init(destination: "images/a b.png", isImage: true, line: Int.max, column: 0),
        ]
        body.omittedFrames = [.init(destination: "https://video.example/embed/1", isImage: false, line: 9, column: 1)]
        body.orderedSteps = ["Kneel on one knee.", unicode]
        body.firstParagraph = "<p>\(unicode)</p>"
        body.embeds = [
            .init(
                kind: "stretch", options: ["card", "full"], names: ["psoas", "hamstrings"], line: 14, column: 1,
                fenceLine: 13,
                optionColumns: [11, 16])
        ]
        body.words = 1_000_000
        return body
    }

    static var fullStretch: Stretch {
        Stretch(
            slug: "psoas", title: unicode, summary: "Opens the front of the hip.", kind: .foamRolling,
            level: .advanced, targets: ["hips", unicode], dose: fullDose, equipment: ["mat"],
            cues: ["Tuck the pelvis."],
            cautions: ["Not after hip surgery."], image: fullIllustration, video: "videos/psoas.mp4",
            videoPoster: Illustration(
                src: "images/poster.jpg", alt: "Kneeling", width: 0, height: 1, location: location()),
            related: [Reference(slug: "hamstrings", location: location(line: 20, column: 5))], date: "2026-03-09",
            body: fullBody, sourcePath: "content/stretches/psoas.md", slugLocation: location(line: 2, column: 7))
    }

    static var fullRoutine: Routine {
        Routine(
            slug: "évening-hips", title: unicode, summary: "Ten minutes for the hips.",
            steps: [
                Step(stretch: Reference(slug: "psoas", location: location()), dose: fullDose, note: unicode),
                Step(
                    stretch: Reference(slug: "hamstrings", location: location(line: 31)),
                    dose: Dose(work: .text(unicode), rest: 0...0, side: "left", manner: "gently"), note: "Slowly."),
            ],
            frequency: .weekly(2...3), warmup: "Walk for five minutes.", cautions: ["Stop if it hurts."],
            video: "videos/evening.mp4", videoPoster: fullIllustration, date: "2026-12-31", body: fullBody,
            sourcePath: "content/routines/évening-hips.md", slugLocation: location("content/routines/évening-hips.md"))
    }

    /// A stretch with every optional field left out and every text and list empty.
    static var emptyStretch: Stretch {
        Stretch(
            slug: "", title: "", summary: "", kind: .static, level: .beginner, targets: [],
            dose: Dose(sets: 1...1, work: .hold(0...0)), body: .empty, sourcePath: "",
            slugLocation: location("", line: 0, column: 0))
    }

    /// A routine with every optional field left out and every text empty, its one step too, and
    /// a body whose lists hold empty texts.
    static var emptyRoutine: Routine {
        var body = RenderedMarkdown(html: "")
        body.orderedSteps = ["", ""]
        body.embeds = [.init(kind: "", options: [""], names: [], line: 0, column: 0, fenceLine: 0)]
        return Routine(
            slug: "", title: "", summary: "",
            steps: [Step(stretch: Reference(slug: "", location: location("", line: 0, column: 0)))], body: body,
            sourcePath: "", slugLocation: location("", line: 0, column: 0))
    }

    static let warning = Diagnostic(.warning, at: location(), unicode, note: "did you mean `static`?")
    static let error = Diagnostic(.error, at: location("", line: Int.max, column: Int.min), "", note: nil)

    // MARK: - Round trips

    /// `value` written and read back, with every byte read.
    static func roundTrip<T>(
        _ value: T, _ write: (inout CacheWriter, T) -> Void,
        _ read: (inout CacheReader) throws(CacheReader.Damaged) -> T
    ) throws -> T {
        var writer = CacheWriter()
        write(&writer, value)
        var reader = CacheReader(writer.bytes)
        let back = try read(&reader)
        #expect(reader.atEnd, "bytes were left unread")
        return back
    }

    static func expectSame(_ value: Any, _ back: Any, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let differences = StoredFields.differ(value, back)
        #expect(differences.isEmpty, "these fields changed on the way: \(differences)", sourceLocation: sourceLocation)
    }

    @Test func theFullSamplesSetEveryField() {
        #expect(StoredFields.unset(Self.fullStretch) == [], "fill these in, or a dropped field goes unnoticed")
        #expect(StoredFields.unset(Self.fullRoutine) == [], "fill these in, or a dropped field goes unnoticed")
        #expect(StoredFields.unset(Self.warning) == [])
    }

    @Test func aStretchComesBackWithEveryField() throws {
        for stretch in [Self.fullStretch, Self.emptyStretch] {
            Self.expectSame(
                stretch,
                try Self.roundTrip(
                    stretch, { $0.stretch($1) }, { reader throws(CacheReader.Damaged) in try reader.stretch() }))
        }
    }

    @Test func aRoutineComesBackWithEveryField() throws {
        for routine in [Self.fullRoutine, Self.emptyRoutine] {
            Self.expectSame(
                routine,
                try Self.roundTrip(
                    routine, { $0.routine($1) }, { reader throws(CacheReader.Damaged) in try reader.routine() }))
        }
    }

    @Test(arguments: works) func everyKindOfDoseComesBack(_ work: Dose.Work) throws {
        for dose in [
            Dose(sets: 1...1, work: work),
            Dose(sets: 0...Int.max, work: work, rest: 0...0, side: "", manner: Self.unicode),
        ] {
            Self.expectSame(
                dose,
                try Self.roundTrip(dose, { $0.dose($1) }, { reader throws(CacheReader.Damaged) in try reader.dose() }))
        }
    }

    @Test(arguments: [
        Frequency.daily(1...1), .daily(2...3), .weekly(1...Int.max), .everyOtherDay, .text(""), .text(unicode),
    ])
    func everyKindOfFrequencyComesBack(_ frequency: Frequency) throws {
        var routine = Self.fullRoutine
        routine.frequency = frequency
        Self.expectSame(
            routine,
            try Self.roundTrip(
                routine, { $0.routine($1) }, { reader throws(CacheReader.Damaged) in try reader.routine() }))
    }

    @Test func picturesWarningsAndNumbersAtTheirLimitsComeBack() throws {
        for picture in [Self.fullIllustration, Illustration(src: "", alt: "")] {
            Self.expectSame(
                picture,
                try Self.roundTrip(
                    picture, { $0.illustration($1) },
                    { reader throws(CacheReader.Damaged) in try reader.illustration() }))
        }
        for diagnostic in [Self.warning, Self.error] {
            Self.expectSame(
                diagnostic,
                try Self.roundTrip(
                    diagnostic, { $0.diagnostic($1) }, { reader throws(CacheReader.Damaged) in try reader.diagnostic() }
                ))
        }
        for number in [0, 1, -1, 127, 128, Int.max, Int.min] {
            let back = try Self.roundTrip(
                number, { $0.int($1) }, { reader throws(CacheReader.Damaged) in try reader.int() })
            #expect(back == number)
        }
        for number in [0, 1, UInt64.max] {
            let back = try Self.roundTrip(
                number, { $0.uint64($1) }, { reader throws(CacheReader.Damaged) in try reader.uint64() })
            #expect(back == number)
        }
        let stamps = [
            FileStamp(size: 0, seconds: 0, nanoseconds: 0, inode: 0, mode: 0),
            FileStamp(size: Int.max, seconds: -1, nanoseconds: 999_999_999, inode: UInt64.max, mode: UInt32.max),
        ]
        for stamp in stamps {
            let back = try Self.roundTrip(
                stamp, { $0.stamp($1) }, { reader throws(CacheReader.Damaged) in try reader.stamp() })
            #expect(back == stamp)
        }
    }

    /// The same path twice, then another of the same length: `path()` hands back the last one
    /// read only when the bytes are the same.
    @Test func pathsOfTheSameLengthAreToldApart() throws {
        let paths = ["content/a.md", "content/a.md", "content/b.md", "", "", "content/é.md"]
        let back = try Self.roundTrip(paths, { writer, paths in for path in paths { writer.string(path) } }) {
            reader throws(CacheReader.Damaged) in
            var read: [String] = []
            for _ in paths { read.append(try reader.path()) }
            return read
        }
        #expect(back == paths)
    }

    /// A string whose bytes are not UTF-8 (a damaged cache) is damage, whether the rest is ASCII
    /// or not; ASCII and other text come back as written.
    @Test func textThatIsNotUTF8IsDamage() throws {
        for bytes: [UInt8] in [[0x61, 0xFF, 0x62], [0xC3], [0xC3, 0xA9, 0xE2, 0x82], [0xED, 0xA0, 0x80]] {
            var writer = CacheWriter()
            writer.int(bytes.count)
            let encoded = writer.bytes + bytes
            var reader = CacheReader(encoded)
            #expect(throws: CacheReader.Damaged.self) { try reader.string() }
            reader = CacheReader(encoded)
            #expect(throws: CacheReader.Damaged.self) { try reader.path() }
        }
        for text in ["plain ASCII", "", Self.unicode, "é"] {
            let back = try Self.roundTrip(text, { $0.string($1) }) { reader throws(CacheReader.Damaged) in
                try reader.string()
            }
            #expect(back == text)
        }
    }

    @Test func aDocumentComesBackWithItsHashesCardAndWarnings() throws {
        let documents: [(SourceDocument, String?)] = [
            (
                SourceDocument(
                    model: .stretch(Self.fullStretch), frontMatterHash: UInt64.max, bodyHash: 0,
                    warnings: [Self.warning, Self.error]), "<li>\(Self.unicode)</li>"
            ),
            (SourceDocument(model: .routine(Self.fullRoutine), frontMatterHash: 1, bodyHash: UInt64.max - 1), nil),
            (SourceDocument(model: .stretch(Self.emptyStretch), frontMatterHash: 0, bodyHash: 0), ""),
        ]
        for (document, card) in documents {
            var writer = CacheWriter()
            writer.document("content/stretches/psoas.md", document, card: card)
            var reader = CacheReader(writer.bytes)
            let (path, back, backCard) = try reader.document()
            #expect(path == "content/stretches/psoas.md")
            #expect(backCard?.text == card)
            Self.expectSame(document, back)
        }
    }

    /// A build with nothing changed compares the stretch and routine files by their count and
    /// the sum of their digests: any one field of any one stamp, or a path, changed makes
    /// another sum, and a file's stamp set again keeps the sum a fresh list would have.
    @Test func listsOfSourcesDifferWhenAnyStampDoes() {
        let stamp = FileStamp(size: 120, seconds: 1_700_000_000, nanoseconds: 5, inode: 42, mode: 0o100644)
        let paths = (0..<50).map { "content/stretches/s\($0).md" }
        let sources = BuildCache.Sources(paths.map { ($0, stamp) })
        var changes: [FileStamp] = []
        for field in 0..<5 {
            var other = stamp
            switch field {
            case 0: other.size += 1
            case 1: other.seconds += 1
            case 2: other.nanoseconds += 1
            case 3: other.inode += 1
            default: other.mode ^= 0o22
            }
            changes.append(other)
        }
        for (place, other) in changes.enumerated() {
            var changed = paths.map { ($0, stamp) }
            changed[place * 7].1 = other
            #expect(BuildCache.Sources(changed) != sources, "a stamp's field \(place) changed")
            var updated = sources
            updated[paths[place * 7]] = other
            #expect(updated == BuildCache.Sources(changed))
            #expect(updated.digest == BuildCache.Sources(changed).digest)
        }
        var renamed = paths.map { ($0, stamp) }
        renamed[3].0 = "content/stretches/s3-renamed.md"
        #expect(BuildCache.Sources(renamed) != sources)
        var removed = sources
        removed[paths[0]] = nil
        #expect(removed != sources)
        removed[paths[0]] = stamp
        #expect(removed == sources)
        #expect(BuildCache.Sources(paths.reversed().map { ($0, stamp) }) == sources, "in any order")
    }

    /// The whole cache through its files: the header, the lists of stamps, the warnings and the
    /// documents file.
    @Test func theCacheComesBackFromItsFiles() throws {
        let folder = TestSite.temporaryFolder()
        let path = folder + "/cache"
        let stamp = FileStamp(size: 12, seconds: 1_700_000_000, nanoseconds: 5, inode: UInt64.max, mode: 0o100644)
        let cache = BuildCache(
            setup: UInt64.max, pages: 0, files: Int.max,
            sources: BuildCache.Sources([
                ("content/stretches/psoas.md", stamp), ("content/routines/évening-hips.md", stamp),
            ]),
            outputs: ["index.html": stamp, "": FileStamp(size: 0, seconds: 0, nanoseconds: 0, inode: 0, mode: 0)],
            documents: [
                "content/stretches/psoas.md": SourceDocument(
                    model: .stretch(Self.fullStretch), frontMatterHash: 1, bodyHash: 2, warnings: [Self.warning]),
                "content/routines/évening-hips.md": SourceDocument(
                    model: .routine(Self.fullRoutine), frontMatterHash: 3, bodyHash: 4),
            ],
            cards: ["content/stretches/psoas.md": KeptCard(Self.unicode)], warnings: [Self.warning, Self.error])
        try cache.write(path)
        var back = try #require(BuildCache.read(path))
        let documentsRead = back.readDocuments()
        #expect(documentsRead)
        #expect((back.setup, back.pages, back.files) == (cache.setup, cache.pages, cache.files))
        #expect(back.sources == cache.sources)
        #expect(back.sources.stamps == cache.sources.stamps)
        #expect(back.outputs == cache.outputs)
        Self.expectSame(cache.warnings, back.warnings)
        #expect(back.cards.mapValues(\.text) == cache.cards.mapValues(\.text))
        #expect(back.documents.keys.sorted() == cache.documents.keys.sorted())
        for (key, document) in cache.documents { Self.expectSame(document, try #require(back.documents[key])) }
    }
}

// MARK: - Comparing every stored field

/// Values compared field by field through `Mirror`, down to the fields that are `Equatable`: the
/// models keep their fields in boxes (`Stretch`) and are not `Equatable` themselves.
enum StoredFields {
    /// The paths of the fields where `a` and `b` differ.
    static func differ(_ a: Any, _ b: Any, at path: String = "") -> [String] {
        if let a = a as? any Equatable { return same(a, b) ? [] : [path.isEmpty ? "the value" : path] }
        let left = Mirror(reflecting: a)
        let right = Mirror(reflecting: b)
        guard left.children.count == right.children.count, left.subjectType == right.subjectType else {
            return [path.isEmpty ? "the value" : path]
        }
        return zip(left.children, right.children).enumerated().flatMap { index, pair in
            differ(pair.0.value, pair.1.value, at: path + "." + (pair.0.label ?? "\(index)"))
        }
    }

    private static func same<T: Equatable>(_ a: T, _ b: Any) -> Bool { a == (b as? T) }

    /// The paths of the fields of `value` that hold nothing: optionals that are nil, and texts
    /// and lists that are empty. A body is looked at through its text, read or not.
    static func unset(_ value: Any, at path: String = "") -> [String] {
        if let body = value as? RenderedMarkdown {
            return unset(body.links, at: path + ".links") + unset(body.omittedFrames, at: path + ".omittedFrames")
                + unset(body.embeds, at: path + ".embeds") + unset(body.text.value, at: path + ".text")
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional && mirror.children.isEmpty { return [path] }
        if let text = value as? String { return text.isEmpty ? [path] : [] }
        if mirror.displayStyle == .collection && mirror.children.isEmpty { return [path] }
        return mirror.children.enumerated().flatMap { index, child in
            unset(child.value, at: path + "." + (child.label ?? "\(index)"))
        }
    }
}
