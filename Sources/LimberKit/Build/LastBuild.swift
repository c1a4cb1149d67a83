import Foundation

/// What the last build left in `.limber/`, its cache, as far as this build can trust it: the one
/// place that decides whether a build is needed, which files can be taken as they were read, and
/// whether pages can be redone.
struct LastBuild: Sendable {
    /// Where the cache is; nil for a build that keeps none (`check`).
    let cacheFile: String?
    /// The inputs as they are now.
    let inputs: BuildCache.Inputs?
    /// The last build's cache, when it was made with the same options, theme and settings, and
    /// the output is just as that build left it.
    let cache: BuildCache?
    /// The cache, when no input has changed since: there is nothing to build.
    let upToDate: BuildCache?
    /// Where a long-running process keeps the cache between builds (`BuildOptions.memory`), and
    /// the output it is for.
    var memory: BuildMemory? = nil
    var output = ""
    /// Whether the cache is the one `memory` kept: this process wrote the output and its copy.
    var remembered = false
    /// Whether every file of the output was seen, with its stamp, to have two names: its own and
    /// the copy's (`FileTree.look`). The copy then needs no look of its own.
    var copyShared = false

    static let none = LastBuild(cacheFile: nil, inputs: nil, cache: nil, upToDate: nil)

    /// What the last build left, for `run`: nothing for `check`, which writes nothing. A process
    /// that keeps its builds in memory takes the cache from there, and learns what changed from
    /// the files its watcher saw change when it can.
    static func find(for run: SiteBuilder.Run) -> LastBuild {
        guard let cacheFile = run.place?.cache else { return .none }
        let memory = run.options.memory
        if let memory, let (cache, inputs) = memory.recall(output: run.outputPath, folder: run.folder) {
            StageTimer.mark("changed files")
            let unchanged = cache.sources == inputs.sources
            if unchanged { memory.keep(cache, inputs: inputs, output: run.outputPath) }
            return LastBuild(
                cacheFile: cacheFile, inputs: inputs, cache: cache, upToDate: unchanged ? cache : nil, memory: memory,
                output: run.outputPath, remembered: true)
        }
        memory?.walking()
        // A process that keeps no cache in memory reads the cache from disk on the other core
        // while the folders are walked: the walk is one core's work for much of its time (a
        // build with nothing changed at 50,000 stretches spent 56 ms reading the cache after it).
        let onDisk =
            memory == nil
            ? ParallelMap.ahead { [output = run.outputPath] in
                FileManager.default.fileExists(atPath: output) ? BuildCache.read(cacheFile) : nil
            } : nil
        let inputs = BuildCache.inputs(
            run.folder, options: run.options.setupText(outputPath: run.outputPath, date: run.date))
        StageTimer.mark("walk inputs")
        if let memory, let cache = memory.cache(for: run.outputPath) {
            let valid = cache.setup == inputs.setup ? cache : nil
            return LastBuild(
                cacheFile: cacheFile, inputs: inputs, cache: valid,
                upToDate: valid?.sources == inputs.sources ? valid : nil, memory: memory, output: run.outputPath,
                remembered: valid != nil)
        }
        var cache =
            if let onDisk { onDisk.value } else {
                FileManager.default.fileExists(atPath: run.outputPath) ? BuildCache.read(cacheFile) : nil
            }
        StageTimer.mark("read cache")
        // Each file of the output has two names while the copy of the site still shares it.
        var copyShared = false
        if let last = cache {
            let looked =
                last.setup == inputs.setup
                ? FileTree.look(last.outputs, in: run.outputPath, linkedBefore: last.written) : nil
            if let looked { copyShared = looked } else { cache = nil }
        }
        StageTimer.mark("check the output")
        if var cache, cache.sources == inputs.sources {
            // A process that builds again keeps the cache for the next build, documents and all.
            if let memory, cache.readDocuments() { memory.keep(cache, inputs: inputs, output: run.outputPath) }
            return LastBuild(
                cacheFile: cacheFile, inputs: inputs, cache: cache, upToDate: cache, memory: memory,
                output: run.outputPath)
        }
        // Documents are read only for a build that needs them.
        if cache?.readDocuments() == false { cache = nil }
        StageTimer.mark("read the documents")
        var last = LastBuild(
            cacheFile: cacheFile, inputs: inputs, cache: cache, upToDate: nil, memory: memory, output: run.outputPath)
        last.copyShared = copyShared
        return last
    }

    /// The last build's document for a file that has not changed since.
    var reuse: (@Sendable (String) -> SourceDocument?)? {
        guard let cache, let inputs else { return nil }
        let changed = inputs.sources.changed(since: cache.sources)
        return { path in changed.contains(path) ? nil : cache.documents[path] }
    }

    /// The cache, when this build may redo only the pages an edit touched: the copy of the site
    /// that updates are written into is file for file the output. Else the build is a full one.
    func updatable(_ run: SiteBuilder.Run) -> BuildCache? {
        guard let cache, let place = run.place, place.keepsSpare else { return nil }
        if remembered || copyShared {
            // This process wrote the copy, or each file of the output still has its second name
            // there: it is not looked at again, but a debug build checks.
            assert(FileTree.matches(cache.outputs, in: place.spare), "the copy of the site is not as it was left")
            return cache
        }
        return FileTree.matches(cache.outputs, in: place.spare) ? cache : nil
    }

    /// Removes the cache: from here until the build has finished, the output may be neither the
    /// last build nor this one.
    func forget() {
        memory?.forget()
        if let cacheFile { unlink(cacheFile) }
    }

    /// A time after the change time the kernel gave any file so far, and at or before any it gives
    /// from now on (nanoseconds since 1970). The kernel stamps a change by its coarse clock, which
    /// lags the precise one by up to a tick; but a file whose times were read since its last
    /// change (as `FileTree.look` reads every file of the output) is stamped by the precise clock
    /// (Linux 6.13 and later), ahead of the coarse one. So this waits for the coarse clock to pass
    /// the precise one: a tick at most (4 ms here). Without the wait, half the edits profiled found
    /// a file their build had linked stamped after the time the cache kept, and looked at the copy
    /// file by file (15 ms at 10,000 stretches).
    static func afterEveryStamp() -> Int {
        func now(_ clock: clockid_t) -> Int {
            var time = timespec()
            clock_gettime(clock, &time)
            return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
        }
        let precise = now(CLOCK_REALTIME)
        while true {
            let coarse = now(CLOCK_REALTIME_COARSE)
            if coarse > precise { return coarse }
            usleep(500)
        }
    }

    /// Writes the cache for the next build, with the warnings to print again; a process that
    /// builds again keeps it in memory, with what the build's pages were rendered from.
    func keep(_ written: SiteBuilder.Written, _ checked: SiteBuilder.Checked, _ run: SiteBuilder.Run) {
        guard let cacheFile, let inputs else { return }
        var cache = BuildCache(
            setup: inputs.setup, pages: written.pages, files: written.files, sources: inputs.sources,
            outputs: written.outputs, documents: checked.documents, cards: written.cards,
            warnings: checked.diagnostics)
        cache.sheetFits = checked.guide.sheetFits
        // Every file and its copy is written: a file's links that change from now on are not the
        // build's.
        cache.written = Self.afterEveryStamp()
        let kept = try? cache.write(
            cacheFile, reusing: self.cache, changed: written.changedDocuments, readBack: memory != nil)
        guard let kept, let memory else { return }
        // Pages rendered ahead of a build link to PDFs as this build's pages do; a build that
        // prints PDFs has no such pages.
        let basis =
            run.browser != nil
            ? nil
            : SavedPages.Basis(
                checked: checked, cards: written.cards, date: run.date,
                keptPDFs: Set(checked.guide.routines.map(\.slug).filter { written.outputs[Paths.sheetPDF($0)] != nil }))
        memory.keep(kept, inputs: inputs, output: output, basis: basis)
    }
}
