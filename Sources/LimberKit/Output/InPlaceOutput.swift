import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Updates a built site file by file, for a build that redoes only what an edit touched. Each
/// file is written beside its place and renamed over it, so no file is ever seen half-written; a
/// file whose bytes are already right is not written at all.
final class InPlaceOutput: @unchecked Sendable {
    let output: String
    private let lock = NSLock()
    private var stamps: [String: FileStamp] = [:]

    init(output: String) { self.output = output }

    /// Every file written, with its new stamp.
    var written: [String: FileStamp] { lock.withLock { stamps } }

    func write(_ relative: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(relative, $0) }
    }

    func write(_ relative: String, _ bytes: some Collection<UInt8>) throws {
        let path = output + "/" + relative
        if let old = try? SiteFolder.readFile(path), old.elementsEqual(bytes) { return }
        try StagedOutput.makeFolders((relative as NSString).deletingLastPathComponent, in: output)
        let temporary = path + ".limber-new"
        let stamp = try StagedOutput.writeFile(temporary, bytes)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw OutputError(message: "cannot replace \(path)")
        }
        lock.withLock { stamps[relative] = stamp }
    }

    /// Removes a file the build no longer makes, and its folders once they are empty.
    func remove(_ relative: String) {
        unlink(output + "/" + relative)
        var folder = (relative as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(output + "/" + folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
