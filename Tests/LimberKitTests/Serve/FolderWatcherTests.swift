import Foundation
import Testing

@testable import LimberKit

/// `limber serve` learns of a save from inotify: a save that is over (the file closed, or renamed
/// into place) is acted on at once, a file still being written waits for the writer to finish.
@Suite struct FolderWatcherTests {
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        private var seen: [Set<String>?] = []
        func add(_ paths: Set<String>? = []) {
            lock.withLock {
                count += 1
                seen.append(paths)
            }
        }
        var value: Int { lock.withLock { count } }
        /// The paths each call was given.
        var paths: [Set<String>?] { lock.withLock { seen } }
    }

    /// Waits up to `seconds` for `calls` to reach `count`.
    static func wait(for calls: Calls, toReach count: Int, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if calls.value >= count { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return calls.value >= count
    }

    /// A watcher of a new folder, started, and what it calls back with. A long quiet time: only
    /// a save that is over may call back before it.
    static func watching() -> (folder: String, watcher: FolderWatcher, calls: Calls) {
        let folder = TestSite.temporaryFolder()
        let calls = Calls()
        let watcher = FolderWatcher(folders: [folder], quiet: 30) { calls.add($0) }
        watcher.start()
        Thread.sleep(forTimeInterval: 0.3)
        return (folder, watcher, calls)
    }

    @Test func aFinishedSaveIsActedOnWithoutWaitingAndAHalfWrittenFileWaits() throws {
        let (folder, watcher, calls) = Self.watching()
        defer { watcher.stop() }

        // An editor's save: a new file written and closed, then renamed over the old one.
        try "---\ntitle: One\n---\n".write(toFile: folder + "/.one.md.tmp", atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: folder + "/.one.md.tmp", toPath: folder + "/one.md")
        #expect(Self.wait(for: calls, toReach: 1, seconds: 10))
        // The preview reads again only what the watcher names: both names of the rename.
        #expect(calls.paths.first == [folder + "/.one.md.tmp", folder + "/one.md"])

        // A file still open for writing: no call while the writer holds it.
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/one.md"))
        try handle.seekToEnd()
        handle.write(Data("more\n".utf8))
        #expect(!Self.wait(for: calls, toReach: 2, seconds: 1))
        try handle.close()
        #expect(Self.wait(for: calls, toReach: 2, seconds: 10))
        #expect(calls.value == 2)
        #expect(calls.paths.last == [folder + "/one.md"])
    }

    @Test func aFileInANewFolderIsNamedAndTheFolderWatched() throws {
        let (folder, watcher, calls) = Self.watching()
        defer { watcher.stop() }

        try FileManager.default.createDirectory(atPath: folder + "/images", withIntermediateDirectories: false)
        #expect(Self.wait(for: calls, toReach: 1, seconds: 10))
        #expect(calls.paths.first == [folder + "/images"])
        Thread.sleep(forTimeInterval: 0.2)
        try "<svg/>".write(toFile: folder + "/images/one.svg", atomically: false, encoding: .utf8)
        #expect(Self.wait(for: calls, toReach: 2, seconds: 10))
        #expect(calls.paths.last == [folder + "/images/one.svg"])
    }
}
