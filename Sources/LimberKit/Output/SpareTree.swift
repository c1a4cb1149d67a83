import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Updates the second copy of a built site that Limber keeps (`OutputPlace.spare`), for a build
/// that redoes only what an edit touched: the pages it changes are written into the copy, the copy
/// is exchanged with the output in one step, and the copy the output was is then brought up to
/// date with hard links. Whoever reads the output sees the last build or this one, never a mix;
/// the work is in proportion to the edit, not to the site.
final class SpareTree: @unchecked Sendable {
    let spare: String
    let output: String
    private let lock = NSLock()
    private var stamps: [String: FileStamp] = [:]
    private var removed: [String] = []

    init(spare: String, output: String) {
        self.spare = spare
        self.output = output
    }

    /// Every file written, with its new stamp.
    var written: [String: FileStamp] { lock.withLock { stamps } }

    /// Writes a file into the copy, beside its place and renamed over it; a file whose bytes are
    /// already right is not written at all (it stays the one file both trees share).
    func write(_ relative: String, _ bytes: some Collection<UInt8>) throws {
        let path = spare + "/" + relative
        if Self.holds(path, bytes) { return }
        try StagedOutput.makeFolders(PathComponents.folder(of: relative), in: spare)
        let temporary = path + ".limber-new"
        let stamp = try StagedOutput.writeFile(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw OutputError(message: "cannot replace \(path)")
        }
        lock.withLock { stamps[relative] = stamp }
    }

    /// Whether the file at `path` has exactly `bytes`: read only when its size is theirs, and
    /// compared with `memcmp` (a comparison byte by byte through `elementsEqual` was 10 ms of an
    /// edit that rewrites `cards.js` and the composer's data at 10,000 stretches).
    static func holds(_ path: String, _ bytes: some Collection<UInt8>) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count, let old = try? SiteFolder.readFile(path),
            old.count == bytes.count
        else { return false }
        if old.isEmpty { return true }
        let compared = bytes.withContiguousStorageIfAvailable { new in
            old.withUnsafeBufferPointer { old in
                guard let oldStart = old.baseAddress, let newStart = new.baseAddress else { return false }
                return memcmp(oldStart, newStart, new.count) == 0
            }
        }
        return compared ?? old.elementsEqual(bytes)
    }

    func write(_ relative: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(relative, $0) }
    }

    /// Removes a file the build no longer makes from the copy.
    func remove(_ relative: String) {
        Self.remove(relative, in: spare)
        lock.withLock { removed.append(relative) }
    }

    /// Exchanges the copy with the output, then makes the former output the same as the new one.
    /// Once the exchange is done the build is: a copy that cannot be brought up to date is removed
    /// instead, and the next build is a full one.
    func commit() throws {
        try FileTree.exchange(spare, output)
        let (written, removed) = lock.withLock { (stamps, self.removed) }
        do {
            try FileTree.link(Array(written.keys), from: output, to: spare)
        } catch {
            FileTree.remove(spare)
            return
        }
        for file in removed { Self.remove(file, in: spare) }
    }

    /// Removes a file, and its folders once they are empty.
    private static func remove(_ relative: String, in root: String) {
        unlink(root + "/" + relative)
        var folder = PathComponents.folder(of: relative)
        while !folder.isEmpty, rmdir(root + "/" + folder) == 0 {
            folder = PathComponents.folder(of: folder)
        }
    }
}
