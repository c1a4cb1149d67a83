import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Calls back when files under some folders change, with the paths that changed: inotify on Linux
/// (one watch a folder; editors save by writing a new file and renaming it, so moves count too),
/// polling modification times where inotify is not available (then without paths). Changes that
/// come close together make one call: `settled` after a file is closed, moved or removed (a save
/// is over), `quiet` after writes with no close yet (a file still being written).
final class FolderWatcher: @unchecked Sendable {
    private let folders: [String]
    private let quiet: TimeInterval
    private let settled: TimeInterval = 0.02
    /// Called with the paths that changed (a folder's own path when it changed), or nil when the
    /// watcher cannot say which: the kernel dropped events, or there is no inotify.
    private let onChange: @Sendable (Set<String>?) -> Void
    private var running = true
    private var thread: Thread?

    init(folders: [String], quiet: TimeInterval = 0.2, onChange: @escaping @Sendable (Set<String>?) -> Void) {
        self.folders = folders
        self.quiet = quiet
        self.onChange = onChange
    }

    func start() {
        let thread = Thread { [self] in
            let descriptor = inotify_init1(Int32(IN_CLOEXEC))
            if descriptor >= 0 {
                watchWithInotify(descriptor)
                close(descriptor)
            } else {
                poll()
            }
        }
        thread.name = "limber-watch"
        self.thread = thread
        thread.start()
    }

    func stop() { running = false }

    /// Every folder below the watched ones.
    private func allFolders() -> [String] {
        var found: [String] = []
        for root in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            found.append(root)
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let entry = enumerator?.nextObject() as? String {
                let path = root + "/" + entry
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                    found.append(path)
                }
            }
        }
        return found
    }

    private func watchWithInotify(_ descriptor: Int32) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)
        var watched: [Int32: String] = [:]
        // Looked for again only when a folder came: walking a guide's folders takes a while.
        func addWatches() {
            for folder in allFolders() {
                let watch = inotify_add_watch(descriptor, folder, mask)
                if watch >= 0 { watched[watch] = folder }
            }
        }
        addWatches()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pendingSince: Date?
        var wait = quiet
        var changed: Set<String>? = []
        var foldersCame = false
        while running {
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&waiting, 1, pendingSince == nil ? 50 : 5)
            if ready > 0 {
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else { continue }
                let events = Self.events(buffer[..<count])
                let finished = Self.finishesASave(events)
                for event in events {
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        changed = nil
                        foldersCame = true
                    } else if let folder = watched[event.watch] {
                        changed?.insert(event.name.isEmpty ? folder : folder + "/" + event.name)
                    }
                    if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        foldersCame = true
                    }
                }
                wait = finished ? settled : (pendingSince == nil ? quiet : min(wait, quiet))
                pendingSince = Date()
                continue
            }
            if let since = pendingSince, Date().timeIntervalSince(since) >= wait {
                pendingSince = nil
                wait = quiet
                if foldersCame {
                    addWatches()
                    foldersCame = false
                }
                let paths = changed
                changed = []
                onChange(paths)
            }
        }
    }

    /// The inotify events in `buffer`: the watch, what happened, and the name of the file in the
    /// watched folder (empty for the folder itself).
    static func events(_ buffer: ArraySlice<UInt8>) -> [(watch: Int32, mask: UInt32, name: String)] {
        var found: [(Int32, UInt32, String)] = []
        var offset = buffer.startIndex
        // Each event: wd (4 bytes), mask (4), cookie (4), len (4), then `len` bytes of name,
        // padded with NULs.
        while offset + 16 <= buffer.endIndex {
            func word(_ at: Int) -> UInt32 {
                buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at - buffer.startIndex, as: UInt32.self) }
            }
            let length = Int(word(offset + 12))
            let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, buffer.endIndex)].prefix { $0 != 0 }
            found.append(
                (Int32(bitPattern: word(offset)), word(offset + 4), String(decoding: nameBytes, as: UTF8.self)))
            offset += 16 + length
        }
        return found
    }

    /// Whether a run of inotify events holds one that ends a save: a file closed after writing,
    /// moved in or out, removed, its attributes changed, or a folder made. Writes alone and a new
    /// file (an editor's temporary one, still empty) do not.
    static func finishesASave(_ events: [(watch: Int32, mask: UInt32, name: String)]) -> Bool {
        let ending = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_ATTRIB)
        return events.contains { event in
            event.mask & ending != 0 || (event.mask & UInt32(IN_CREATE) != 0 && event.mask & UInt32(IN_ISDIR) != 0)
        }
    }

    private func poll() {
        func stamp() -> [String: Date] {
            var stamps: [String: Date] = [:]
            for folder in allFolders() {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                    let path = folder + "/" + name
                    stamps[path] =
                        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                }
            }
            return stamps
        }
        var last = stamp()
        while running {
            Thread.sleep(forTimeInterval: 0.5)
            let now = stamp()
            if now != last {
                last = now
                onChange(nil)
            }
        }
    }
}
