import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The text of a large guide's bodies (HTML, headings, how-to steps, first paragraph) set aside
/// in a file while a full build renders its pages: each page that shows a body reads its text
/// back, and the process keeps none of it. The text is most of what a loaded guide holds, and a
/// full build holds every page's guide at once.
///
/// The file is made with `O_TMPFILE` in the output's state folder (`.limber/outputs/…`): it has
/// no name, so it replaces nothing and no other program comes upon it, and it is gone once the
/// build lets go of it, even when the process is killed. Where the file system cannot make one,
/// the text stays in memory as before.
final class BodiesSetAside: @unchecked Sendable {
    // `@unchecked`: `descriptor` never changes, `pwrite` and `pread` may run from any thread at
    // once at their own offsets, and `end` is reached only through its lock.
    private let descriptor: Int32
    private let end = Locked(0)

    /// How many bodies' texts are set aside.
    private let setAsideCount = Locked(0)

    /// A full build of a guide whose stretch and routine files are larger than this sets their
    /// bodies' text aside: about 25,000 stretches of the bench's heavy profile. Smaller guides keep
    /// it in memory, which spares them writing it and reading it back.
    static let threshold = 48 << 20

    /// A file of no name in `folder`; nil where it cannot be made.
    private init?(in folder: String) {
        // `O_TMPFILE` with the `O_DIRECTORY` it includes (`__O_TMPFILE | O_DIRECTORY` in Linux's
        // headers), which Swift does not import as a constant.
        let temporaryFile: Int32 = 0o20_000_000 | O_DIRECTORY
        let descriptor = open(folder, temporaryFile | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Where a full build of `inputs` sets its bodies aside: nil when the stretch and routine files
    /// are no larger than `BuildOptions.setsBodiesAsideAbove` bytes, or the build writes nothing
    /// (`limber check` has no output place).
    static func forFullBuild(of inputs: BuildCache.Inputs?, _ run: SiteBuilder.Run) -> BodiesSetAside? {
        guard let inputs, let place = run.place, inputs.sources.bytes > run.options.setsBodiesAsideAbove else {
            return nil
        }
        return BodiesSetAside(in: place.state)
    }

    /// How many bodies' texts are set aside.
    var count: Int { setAsideCount.withLock { $0 } }

    /// Writes the body's text to the file and lets go of it; the body then reads it back at each
    /// ask. A text the file cannot take (a full disk) is kept.
    func setAside(_ body: RenderedMarkdown) {
        var writer = CacheWriter()
        body.text.read { writer.text($0) }
        guard let start = append(writer.bytes) else { return }
        let range = start..<(start + writer.bytes.count)
        body.text.setAside { [self] in text(at: range) }
        setAsideCount.withLock { $0 += 1 }
    }

    /// Writes `bytes` after those written before; where they start, or nil when they could not
    /// all be written.
    private func append(_ bytes: [UInt8]) -> Int? {
        let start = end.withLock { end in
            defer { end += bytes.count }
            return end
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let wrote = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(start + done))
                if wrote < 0 && errno == EINTR { continue }
                guard wrote > 0 else { return false }
                done += wrote
            }
            return true
        }
        return written ? start : nil
    }

    /// A body's text, read back from where `setAside` wrote it.
    private func text(at range: Range<Int>) -> RenderedMarkdown.Text {
        guard let bytes = CacheBytes(reading: range.count, at: range.lowerBound, of: descriptor) else {
            // Written in full, and open since: only a failing disk gets here, and a page must not
            // be published without its body.
            fatalError(
                "a body's text set aside in .limber/ could not be read back: \(String(cString: strerror(errno)))")
        }
        var reader = CacheReader(bytes)
        return reader.text()
    }
}
