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

    static let none = LastBuild(cacheFile: nil, inputs: nil, cache: nil, upToDate: nil)

    /// What the last build left, for `run`: nothing for `check`, which writes nothing.
    static func find(for run: SiteBuilder.Run) -> LastBuild {
        guard let cacheFile = run.place?.cache else { return .none }
        let inputs = BuildCache.inputs(
            run.folder, options: run.options.setupText(outputPath: run.outputPath, date: run.date))
        StageTimer.mark("walk inputs")
        var cache = FileManager.default.fileExists(atPath: run.outputPath) ? BuildCache.read(cacheFile) : nil
        StageTimer.mark("read cache")
        if let last = cache, last.setup != inputs.setup || !FileTree.matches(last.outputs, in: run.outputPath) {
            cache = nil
        }
        StageTimer.mark("check the output")
        if let cache, cache.sources == inputs.sources {
            return LastBuild(cacheFile: cacheFile, inputs: inputs, cache: cache, upToDate: cache)
        }
        // Documents are read only for a build that needs them.
        if cache?.readDocuments() == false { cache = nil }
        StageTimer.mark("read the documents")
        return LastBuild(cacheFile: cacheFile, inputs: inputs, cache: cache, upToDate: nil)
    }

    /// The last build's document for a file that has not changed since.
    var reuse: (@Sendable (String) -> SourceDocument?)? {
        guard let cache, let inputs else { return nil }
        return { path in inputs.sources[path] == cache.sources[path] ? cache.documents[path] : nil }
    }

    /// The cache, when this build may redo only the pages an edit touched: the copy of the site
    /// that updates are written into is file for file the output. Else the build is a full one.
    func updatable(_ run: SiteBuilder.Run) -> BuildCache? {
        guard let cache, let place = run.place, place.keepsSpare, FileTree.matches(cache.outputs, in: place.spare)
        else { return nil }
        return cache
    }

    /// Removes the cache: from here until the build has finished, the output may be neither the
    /// last build nor this one.
    func forget() {
        if let cacheFile { unlink(cacheFile) }
    }

    /// Writes the cache for the next build, with the warnings to print again.
    func keep(_ written: SiteBuilder.Written, _ checked: SiteBuilder.Checked) {
        guard let cacheFile, let inputs else { return }
        try? BuildCache(
            setup: inputs.setup, pages: written.pages, files: written.files, sources: inputs.sources,
            outputs: written.outputs, documents: checked.documents, cards: written.cards,
            warnings: checked.diagnostics
        ).write(cacheFile, reusing: cache, unchanged: written.unchangedDocuments)
    }
}
