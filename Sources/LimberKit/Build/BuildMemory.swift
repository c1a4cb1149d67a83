import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a long-running process (`limber serve`) keeps in memory from one build to the next, so
/// that a save costs what it changed: the last build's cache with its documents, not read back
/// from disk, and the inputs as the folder watcher reports them, not walked again.
///
/// Its invariants: `kept` is the cache of the last build of `output` that finished, made by this
/// process, so its outputs and the copy of the site are as that build left them (a build that may
/// change the output without finishing calls `forget()` first, `LastBuild.forget`); `changed`
/// holds every file changed since that build, so a build that fails forgets no save. Changes are
/// reported between builds, not during one: the watcher builds on its own thread.
public final class BuildMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: (cache: BuildCache, inputs: BuildCache.Inputs, output: String)?
    /// What the last build's pages were rendered from.
    private var basis: SavedPages.Basis?
    /// Files (relative to the site folder) changed since the kept build; nil when the watcher
    /// could not say which, and the folders are walked.
    private var changed: Set<String>? = []
    /// How many builds walked `content/` and `templates/` to learn what changed: a save of a
    /// stretch or routine should not.
    public private(set) var walks = 0

    public init() {}

    /// Files of the site changed, as the watcher saw them: paths relative to the site folder, or
    /// nil when it cannot say (too many events, or no inotify).
    public func changed(_ paths: Set<String>?) {
        lock.withLock {
            if let paths, let known = changed { changed = known.union(paths) } else { changed = nil }
        }
    }

    /// The last build's cache for `output` and the inputs as they are now, learnt from the files
    /// changed since that build when each is a stretch or routine (their stamps are taken again);
    /// nil when this process has built nothing there yet, or when something else changed: then
    /// the build walks the folders (`BuildCache.inputs`) and may still use `cache(for:)`.
    func recall(output: String, folder: SiteFolder) -> (cache: BuildCache, inputs: BuildCache.Inputs)? {
        lock.withLock {
            guard let kept, kept.output == output, let changed else { return nil }
            var inputs = kept.inputs
            for path in changed {
                if BuildCache.isSource(path) {
                    inputs.sources[path] = FileStamp.of(folder.path(path))
                } else if !Self.isPassing(path, in: folder, walked: inputs.others) {
                    return nil
                }
            }
            return (kept.cache, inputs)
        }
    }

    /// Whether a change to a file that is not a stretch or routine leaves the inputs as the last
    /// walk found them: one the build never reads (a swap file), or one an editor made and
    /// removed again (vim's backup and test files).
    static func isPassing(_ path: String, in folder: SiteFolder, walked: Set<String>) -> Bool {
        guard BuildCache.isRead(path) else { return true }
        var info = stat()
        return lstat(folder.path(path), &info) != 0 && !walked.contains(path)
    }

    /// Counts a build that walks the folders.
    func walking() {
        lock.withLock { walks += 1 }
    }

    /// The last build's cache for `output`, for a build that walked the folders: nil when there
    /// is none.
    func cache(for output: String) -> BuildCache? {
        lock.withLock {
            guard let kept, kept.output == output else { return nil }
            return kept.cache
        }
    }

    /// Keeps the cache of a build that found nothing to do, and the inputs: they hold every
    /// change until now. What the pages were rendered from stays as the last build left it.
    func keep(_ cache: BuildCache, inputs: BuildCache.Inputs, output: String) {
        lock.withLock {
            if kept?.output != output { basis = nil }
            kept = (cache, inputs, output)
            changed = []
        }
    }

    /// Keeps a finished build's cache and inputs, and what its pages were rendered from (`basis`,
    /// for `savedPages`).
    func keep(_ cache: BuildCache, inputs: BuildCache.Inputs, output: String, basis: SavedPages.Basis?) {
        lock.withLock {
            self.basis = basis
            kept = (cache, inputs, output)
            changed = []
        }
    }

    /// The pages of the stretches and routines changed since the last build, rendered from it
    /// (`SavedPages`), by output file: shown before the build that follows finishes. Nil when
    /// the changes are not ones that can be.
    public func savedPages(in folder: SiteFolder) -> [String: [UInt8]]? {
        let (basis, changed, walked) = lock.withLock { (self.basis, self.changed, kept?.inputs.others) }
        guard let basis, let changed, let walked,
            changed.allSatisfy({ BuildCache.isSource($0) || Self.isPassing($0, in: folder, walked: walked) })
        else { return nil }
        return SavedPages.render(changed.filter(BuildCache.isSource), from: basis, folder: folder)
    }

    /// Forgets the last build: its output is being changed.
    func forget() {
        lock.withLock {
            kept = nil
            basis = nil
        }
    }
}
