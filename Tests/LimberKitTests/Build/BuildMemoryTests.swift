import Foundation
import Testing

@testable import LimberKit

/// `limber serve` keeps each build's cache in memory and is told which files changed: a save of a
/// stretch or routine is built from that file alone, without walking the folders, and gives what a
/// full build gives; anything else, or a change the watcher cannot name, walks them as before.
@Suite struct BuildMemoryTests {
    func build(_ site: String, _ memory: BuildMemory) throws(BuildFailed) -> BuildReport {
        var options = BuildOptions(siteFolder: site, output: site + "/preview", buildDate: RebuildTests.date)
        options.memory = memory
        return try SiteBuilder.build(options)
    }

    /// The files under `content/` and `templates/`, by path relative to the site.
    static func inputs(_ site: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for part in ["content", "templates"] {
            for (name, bytes) in TestSite.snapshot(site + "/" + part) { files[part + "/" + name] = bytes }
        }
        return files
    }

    /// What a watcher would report after `edit`: every file added, removed or rewritten.
    static func changes(_ site: String, _ edit: (String) throws -> Void) throws -> Set<String> {
        let before = inputs(site)
        try edit(site)
        let after = inputs(site)
        return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    @Test(arguments: RebuildTests.edits.map(\.0))
    func aSaveBuiltFromMemoryMatchesAFullBuild(edit: String) throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        #expect(memory.walks == 1)
        let changed = try Self.changes(site, RebuildTests.edits.first { $0.0 == edit }!.1)
        memory.changed(changed)
        let report = try build(site, memory)
        #expect(!report.upToDate, "the \(edit) edit was not noticed")
        // Only a change to other files than stretches and routines needs the folders walked.
        let walked = !changed.allSatisfy(BuildCache.isSource)
        #expect(memory.walks == (walked ? 2 : 1), "the \(edit) edit: \(changed.sorted())")

        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: fresh, buildDate: RebuildTests.date))
        RebuildTests.expectSame(site + "/preview", as: fresh, after: "the \(edit) edit, built from memory")
        #expect(try build(site, memory).upToDate, "after the \(edit) edit")
    }

    @Test func aFailedBuildForgetsNoSave() throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        let broken = site + "/content/stretches/pigeon-pose.md"
        let good = TestSite.read(broken)
        memory.changed(
            try Self.changes(site) { _ in try RebuildTests.replace(broken, "level:", "level: sideways\nx:") })
        #expect(throws: BuildFailed.self) { try build(site, memory) }

        // Another save, of another file: the broken one is still read as it is now.
        memory.changed(
            try Self.changes(site) { site in
                try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nSwing slowly.\n")
            })
        let failure = #expect(throws: BuildFailed.self) { try build(site, memory) }
        #expect(failure?.diagnostics.contains { $0.location.path == "content/stretches/pigeon-pose.md" } == true)

        memory.changed(
            try Self.changes(site) { _ in try good.write(toFile: broken, atomically: false, encoding: .utf8) })
        _ = try build(site, memory)
        #expect(memory.walks == 1)
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: fresh, buildDate: RebuildTests.date))
        RebuildTests.expectSame(site + "/preview", as: fresh, after: "a broken stretch mended")
        #expect(TestSite.read(site + "/preview/stretches/leg-swings/index.html").contains("Swing slowly."))
    }

    @Test func aChangeTheWatcherCannotNameWalksTheFolders() throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nSwing slowly.\n")
        memory.changed(nil)
        #expect(try !build(site, memory).upToDate)
        #expect(memory.walks == 2)
        #expect(TestSite.read(site + "/preview/stretches/leg-swings/index.html").contains("Swing slowly."))
    }

    @Test func anEditorsSwapBackupAndTestFilesNeedNoWalkAndNoBuild() throws {
        let site = try TestSite.make()
        let stretches = site + "/content/stretches/"
        let swap = stretches + ".leg-swings.md.swp"
        try "swap 1".write(toFile: swap, atomically: false, encoding: .utf8)
        let memory = BuildMemory()
        _ = try build(site, memory)
        let setup = BuildCache.inputs(SiteFolder(root: site), options: "").setup

        // What vim does on a save: its swap file written again, a test file made and removed,
        // the file renamed to a backup, written anew, and the backup removed.
        memory.changed(
            try Self.changes(site) { _ in
                try "swap 2, longer".write(toFile: swap, atomically: false, encoding: .utf8)
                try "".write(toFile: stretches + "4913", atomically: false, encoding: .utf8)
                try FileManager.default.removeItem(atPath: stretches + "4913")
                let text = TestSite.read(stretches + "leg-swings.md")
                try FileManager.default.moveItem(
                    atPath: stretches + "leg-swings.md", toPath: stretches + "leg-swings.md~")
                try (text + "\nSwing slowly.\n").write(
                    toFile: stretches + "leg-swings.md", atomically: false, encoding: .utf8)
                try FileManager.default.removeItem(atPath: stretches + "leg-swings.md~")
            }.union(["content/stretches/4913", "content/stretches/leg-swings.md~"]))
        #expect(BuildCache.inputs(SiteFolder(root: site), options: "").setup == setup, "a swap file's bytes count")
        #expect(memory.savedPages(in: SiteFolder(root: site)) != nil, "the saved page waits for the build")
        let report = try build(site, memory)
        #expect(report.rendered < report.pages, "a swap file's write made a full build")
        #expect(memory.walks == 1)
        #expect(TestSite.read(site + "/preview/stretches/leg-swings/index.html").contains("Swing slowly."))

        // Another file opened: a new swap file, and nothing is built.
        memory.changed(
            try Self.changes(site) { _ in
                try "swap".write(toFile: stretches + ".pigeon-pose.md.swp", atomically: false, encoding: .utf8)
            })
        #expect(try build(site, memory).upToDate)
        #expect(memory.walks == 1)
        // The editor closes the file: its swap file goes, and nothing is built.
        memory.changed(try Self.changes(site) { _ in try FileManager.default.removeItem(atPath: swap) })
        #expect(try build(site, memory).upToDate)
        #expect(memory.walks == 1)
        // A file the build reads is walked for.
        memory.changed(
            try Self.changes(site) { site in try RebuildTests.append(site + "/content/images/pigeon.svg", "\n") })
        #expect(memory.savedPages(in: SiteFolder(root: site)) == nil)
        #expect(try !build(site, memory).upToDate)
        #expect(memory.walks == 2)
    }

    @Test func aStartOnAnUnchangedGuideBuildsNothingAndKeepsTheCacheForTheNextSave() throws {
        let site = try TestSite.make()
        _ = try build(site, BuildMemory())
        // A new process: its memory is empty, the cache on disk is as the last one left it.
        let memory = BuildMemory()
        #expect(try build(site, memory).upToDate)
        memory.changed(
            try Self.changes(site) { site in
                try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nSwing slowly.\n")
            })
        let report = try build(site, memory)
        #expect(report.rendered < report.pages)
        #expect(memory.walks == 1)
        #expect(TestSite.read(site + "/preview/stretches/leg-swings/index.html").contains("Swing slowly."))
    }
}
