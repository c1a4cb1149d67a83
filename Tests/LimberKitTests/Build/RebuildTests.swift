import Foundation
import Testing

@testable import LimberKit

/// Building again in place gives exactly what a full build into an empty folder gives, after every
/// kind of edit; and when nothing changed, nothing is written at all.
@Suite struct RebuildTests {
    static let date = "2026-03-01"

    func build(_ site: String, into output: String? = nil) throws -> BuildReport {
        try SiteBuilder.build(BuildOptions(siteFolder: site, output: output, buildDate: Self.date))
    }

    /// Builds `site` again, in full, into a new folder, and records each file of its output that
    /// the full build makes otherwise.
    func expectSameAsFullBuild(_ site: String, after what: String) throws {
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try build(site, into: fresh)
        Self.expectSame(site + "/public", as: fresh, after: what)
        // The list of the output's files, which tells a later build what it may replace, is kept
        // after an edit that adds none and removes none, and made again after one that does.
        let state = OutputPlace.state(site: site, output: site + "/public")
        #expect(
            OutputClaim.recorded(state: state) == Set(TestSite.snapshot(site + "/public").keys),
            "the list of the output's files after \(what)")
    }

    /// Records each file of the output in `rebuilt` that differs from the one in `full`.
    static func expectSame(_ rebuilt: String, as full: String, after what: String) {
        let rebuilt = TestSite.snapshot(rebuilt)
        let full = TestSite.snapshot(full)
        #expect(Set(rebuilt.keys) == Set(full.keys), "after \(what)")
        for (name, bytes) in full where rebuilt[name] != bytes {
            Issue.record("\(name) differs from a full build after \(what)")
        }
    }

    @Test func nothingChangedMeansNothingWritten() throws {
        let site = try TestSite.make()
        #expect(try build(site).upToDate == false)
        let before = TestSite.snapshot(site + "/public")
        let inode = try FileManager.default.attributesOfItem(atPath: site + "/public")[.systemFileNumber] as? Int
        let again = try build(site)
        #expect(again.upToDate)
        #expect(again.pages == 20)
        #expect(TestSite.snapshot(site + "/public") == before)
        #expect(try FileManager.default.attributesOfItem(atPath: site + "/public")[.systemFileNumber] as? Int == inode)
    }

    @Test func aHandEditedOutputIsBuiltAgain() throws {
        let site = try TestSite.make()
        _ = try build(site)
        let page = site + "/public/stretches/pigeon-pose/index.html"
        let good = TestSite.read(page)
        try "changed by hand".write(toFile: page, atomically: false, encoding: .utf8)
        #expect(try build(site).upToDate == false)
        #expect(TestSite.read(page) == good)
    }

    /// The page the copy of the site loses in the tests below.
    static let lost = "stretches/pigeon-pose/index.html"

    /// Builds `site`, takes `lost` out of the copy of the site kept beside the output (after
    /// `before`, given the output's path of it), edits a stretch's body and builds again: the
    /// edit must be a full build, which writes the page again.
    func buildAfterTheCopyLostAPage(
        _ site: String, before: (String) throws -> Void = { _ in }
    ) throws -> BuildReport {
        _ = try build(site)
        let place = try OutputPlace(site: SiteFolder(root: site).root, output: site + "/public")
        try before(site + "/public/" + Self.lost)
        #expect(unlink(place.spare + "/" + Self.lost) == 0)
        try Self.append(site + "/content/stretches/leg-swings.md", "\nSwing a little higher each time.\n")
        let report = try build(site)
        #expect(report.rendered == report.pages, "an edit written into a copy that lost a page")
        #expect(FileManager.default.fileExists(atPath: site + "/public/" + Self.lost))
        try expectSameAsFullBuild(site, after: "a file of the copy was removed")
        return report
    }

    /// An edit is written into the copy of the site kept beside the output, then swapped in: a
    /// copy that lost a file (to a cleaner of old temporary files, say) would publish a site
    /// without it. Such a copy is seen, and the build is a full one.
    @Test func aCopyOfTheSiteThatLostAFileMeansAFullBuild() throws {
        let site = try TestSite.make()
        let report = try buildAfterTheCopyLostAPage(site)
        // The copy is whole again: the next edit is written into it.
        try Self.append(site + "/content/stretches/leg-swings.md", "\nAnd slower on the way back.\n")
        #expect(try build(site).rendered < report.pages)
    }

    /// A file of the output that still has two names, one of them not the copy's (a snapshot made
    /// with `cp -al`, say, while the copy lost its own): the change time of its links tells.
    @Test func aCopyThatLostAFileIsSeenWhenTheFileGotAnotherName() throws {
        _ = try buildAfterTheCopyLostAPage(try TestSite.make()) { page in
            #expect(link(page, TestSite.temporaryFolder() + "/snapshot.html") == 0)
        }
    }

    /// After each build, every file of the output has its two names from before the time the
    /// cache keeps, so the next edit trusts the copy without looking at it file by file. The
    /// kernel may stamp a file it was asked about by its precise clock, ahead of its coarse one
    /// (`LastBuild.afterEveryStamp`).
    @Test func aBuildLeavesTheCopyTrustedForTheNextEdit() throws {
        let site = try TestSite.make()
        _ = try build(site)
        for round in 0..<6 {
            try Self.append(site + "/content/stretches/leg-swings.md", "\nHold it \(round) breaths more.\n")
            #expect(try build(site).rendered < 20)
            let file = try #require(TestSite.cacheFile(site))
            let cache = try #require(BuildCache.read(file))
            #expect(
                FileTree.look(cache.outputs, in: site + "/public", linkedBefore: cache.written) == true,
                "after edit \(round + 1), a file of the output was linked after the time the cache keeps")
        }
    }

    /// An edit build measures again only the sheets of routines whose file, or one of whose steps'
    /// stretch files, changed; the others' warnings come from the cache. Either way the warnings
    /// are those a full build of the same files gives.
    @Test func aSheetIsMeasuredAgainWhenOneOfItsStretchesChanges() throws {
        let site = try TestSite.make()
        let steps = (0..<16).map { ["leg-swings", "pigeon-pose", "couch-stretch"][$0 % 3] }
        try
            (["---", "title: The Long One", "summary: Every stretch of the guide, three times.", "steps:"]
            + steps.map { "  - " + $0 } + ["---", "Take your time.", ""])
            .joined(separator: "\n")
            .write(toFile: site + "/content/routines/the-long-one.md", atomically: false, encoding: .utf8)
        func sheetWarnings(_ report: BuildReport) -> [String] {
            report.diagnostics.filter { $0.message.hasPrefix("the sheet is about") }.map(\.description)
        }
        func fullBuildsWarnings() throws -> [String] {
            try sheetWarnings(build(site, into: TestSite.temporaryFolder() + "/full"))
        }
        #expect(try sheetWarnings(build(site)).isEmpty, "sixteen short steps fit on a page")
        // A stretch of the routine gets a long cue, sixteen lines on the sheet: it no longer fits.
        let stretch = site + "/content/stretches/leg-swings.md"
        let plain = TestSite.read(stretch)
        let cue = String(repeating: "Keep the standing knee soft and the hips square. ", count: 6)
        try Self.replace(stretch, "dose: 10 reps each leg", "dose: 10 reps each leg\ncues:\n  - " + cue)
        let edited = try build(site)
        #expect(edited.rendered < edited.pages, "an edit build")
        #expect(sheetWarnings(edited).count == 1 && sheetWarnings(edited)[0].contains("the-long-one.md"))
        #expect(sheetWarnings(edited) == (try fullBuildsWarnings()))
        // An edit that no sheet shows keeps the warning as it was.
        try Self.append(site + "/content/stretches/pigeon-pose.md", "\nBreathe out as you fold.\n")
        let again = try build(site)
        #expect(sheetWarnings(again) == sheetWarnings(edited))
        // The cue taken out again: the sheet is measured again, and fits.
        try plain.write(toFile: stretch, atomically: false, encoding: .utf8)
        #expect(try sheetWarnings(build(site)).isEmpty)
        #expect(try fullBuildsWarnings().isEmpty)
    }

    @Test func aDamagedCacheMeansAFullBuild() throws {
        try fullBuildAfterHalving { site in
            try #require(TestSite.cacheFile(site), "the build keeps its cache in .limber/")
        }
    }

    /// The documents kept for the next build are in a file of their own beside the cache.
    static func documentsFile(_ site: String) throws -> String {
        try #require(TestSite.cacheFile(site), "the build keeps its cache in .limber/") + "-documents"
    }

    @Test func aDamagedDocumentsFileMeansAFullBuild() throws {
        try fullBuildAfterHalving { site in try Self.documentsFile(site) }
    }

    /// Cuts the file `file` names in half after a build; the next build, after an edit, renders
    /// every page and shows the edit.
    private func fullBuildAfterHalving(_ file: (String) throws -> String) throws {
        let site = try TestSite.make()
        _ = try build(site)
        let path = try file(site)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.count > 1000)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        try Self.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let report = try build(site)
        #expect(report.rendered == report.pages)
        #expect(TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("One more sentence."))
    }

    /// Each edit adds the documents it changed to the end of the documents file; once what no
    /// document uses any more outweighs the rest, the file is written anew. Every build along the
    /// way is still only the pages the edit touched, and the same as a full build.
    @Test func manyEditsKeepTheDocumentsFileSmallAndTheBuildsRight() throws {
        let site = try TestSite.make()
        _ = try build(site)
        let documents = try Self.documentsFile(site)
        let first = try #require(FileManager.default.contents(atPath: documents)).count
        var sizes: [Int] = []
        for round in 1...12 {
            // A body edit, then a front-matter edit, and so on.
            let file = site + "/content/stretches/leg-swings.md"
            if round % 2 == 1 {
                try Self.append(file, "\nSentence \(round).\n")
            } else {
                try Self.replace(file, "summary: ", "summary: Again, ")
            }
            let report = try build(site)
            #expect(report.rendered < report.pages, "edit \(round) rendered every page again")
            sizes.append(try #require(FileManager.default.contents(atPath: documents)).count)
        }
        let steps = zip(sizes, sizes.dropFirst())
        #expect(steps.contains { $1 > $0 + 1000 }, "no edit added its document to the documents file")
        #expect(steps.contains { $1 < $0 }, "the documents file was never written anew")
        #expect(sizes.allSatisfy { $0 <= 3 * first }, "the documents file grew to \(sizes.max()!) bytes")
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try build(site, into: fresh)
        #expect(TestSite.snapshot(site + "/public") == TestSite.snapshot(fresh))
        #expect(TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("Sentence 11."))
    }

    /// A build killed while it wrote the cache leaves an unfinished file beside it: the next
    /// build removes it.
    @Test func anUnfinishedCacheIsRemoved() throws {
        let site = try TestSite.make()
        _ = try build(site)
        let documents = try Self.documentsFile(site)
        let cache = try #require(TestSite.cacheFile(site))
        for file in [documents + ".new", cache + ".new"] {
            try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: file))
        }
        try Self.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let report = try build(site)
        #expect(report.rendered < report.pages)
        let kept = try FileManager.default.contentsOfDirectory(atPath: (cache as NSString).deletingLastPathComponent)
        #expect(!kept.contains { $0.hasSuffix(".new") }, "left in .limber/: \(kept.sorted())")
    }

    /// Every page links to the feed while some stretch or routine has a date: taking the last
    /// dates away takes the feed and every page's link to it away, and the build is a full one.
    @Test func theLastDateGoneTakesTheFeedAway() throws {
        let site = try TestSite.make()
        _ = try build(site)
        #expect(FileManager.default.fileExists(atPath: site + "/public/feed.xml"))
        try Self.replace(site + "/content/stretches/pigeon-pose.md", "date: 2026-01-15\n", "")
        try Self.replace(site + "/content/routines/evening-hips.md", "date: 2026-02-01\n", "")
        let report = try build(site)
        #expect(report.rendered == report.pages, "the feed went, but not every page was rendered again")
        #expect(!FileManager.default.fileExists(atPath: site + "/public/feed.xml"))
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try build(site, into: fresh)
        #expect(TestSite.snapshot(site + "/public") == TestSite.snapshot(fresh))
    }

    /// A stretch whose body shows a routine shows its total time: a dose changed in one of the
    /// routine's stretches redoes that stretch's page.
    @Test func editingADoseRedoesAStretchThatEmbedsTheRoutine() throws {
        let site = try TestSite.make("blog")
        try Self.append(site + "/content/stretches/pigeon-pose.md", "\n```routine\nevening-hips\n```\n")
        _ = try build(site)
        try Self.replace(site + "/content/stretches/leg-swings.md", "dose: 10 reps each leg", "dose: 30 reps each leg")
        let report = try build(site)
        #expect(report.rendered < report.pages, "the edit rendered every page again")
        try expectSameAsFullBuild(site, after: "the dose of a stretch in an embedded routine changed")
    }

    /// A build that stops at an error writes nothing, so the one after the fix still redoes only
    /// what the fix touched (what `limber serve` does while someone types).
    @Test func aFailedBuildKeepsTheNextOneIncremental() throws {
        let site = try TestSite.make()
        _ = try build(site)
        let file = site + "/content/stretches/leg-swings.md"
        try Self.replace(file, "kind: dynamic", "kind: stretchy")
        #expect(throws: BuildFailed.self) { try build(site) }
        try Self.replace(file, "kind: stretchy", "kind: dynamic")
        try Self.append(file, "\nOne more sentence.\n")
        let report = try build(site)
        #expect(report.rendered < report.pages)
        #expect(TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("One more sentence."))
    }

    /// A warning costs no full build: the cache prints it again when nothing changed, and an edit
    /// elsewhere redoes only what it touched, still warning.
    @Test func aBuildWithWarningsKeepsItsCacheAndWarnsAgain() throws {
        let site = try TestSite.make(overlay: "broken/not-markdown")
        let first = try build(site)
        #expect(first.diagnostics.count == 1)
        let again = try build(site)
        #expect(again.upToDate)
        #expect(again.diagnostics == first.diagnostics, "the warning is printed again")
        try Self.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let edited = try build(site)
        #expect(edited.rendered < edited.pages)
        #expect(edited.diagnostics == first.diagnostics)
        #expect(TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("One more sentence."))
    }

    /// A link that leads nowhere warns about the file it is in, and goes on warning while other
    /// files are edited and that one is read back from the cache.
    @Test func aFilesWarningIsPrintedAgainFromTheCache() throws {
        let site = try TestSite.make()
        try Self.append(site + "/content/stretches/pigeon-pose.md", "\nSee [the chart](chart.pdf).\n")
        let first = try build(site)
        let warning = try #require(first.diagnostics.first)
        #expect(warning.location.path == "content/stretches/pigeon-pose.md")
        #expect(try build(site).diagnostics == [warning])
        try Self.replace(site + "/content/stretches/leg-swings.md", "kind: dynamic", "kind: static")
        let edited = try build(site)
        #expect(edited.rendered < edited.pages)
        #expect(edited.diagnostics == [warning])
    }

    /// A warning from reading one file (a cue merged into the one above) is printed again while
    /// other files are edited and that one is read back from the cache, not parsed again.
    @Test func aFilesOwnWarningIsKeptInTheCache() throws {
        let site = try TestSite.make(overlay: "broken/yaml-merged-cue")
        let first = try build(site)
        let warning = try #require(first.diagnostics.first { $0.message.contains("part of the item above") })
        #expect(try build(site).diagnostics == first.diagnostics)
        try Self.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let edited = try build(site)
        #expect(edited.rendered < edited.pages)
        #expect(edited.diagnostics.contains(warning))
        #expect(edited.diagnostics == first.diagnostics)
    }

    /// Edit after edit, each build redoing only what it touched gives what a full build gives:
    /// the copy each update is written into was brought up to date by the build before.
    @Test func editAfterEditMatchesAFullBuild() throws {
        let site = try TestSite.make()
        _ = try build(site)
        let names = [
            "body", "front matter", "level", "kind", "targets", "related", "routine title", "routine steps",
            "new stretch", "new date",
        ]
        for name in names {
            try Self.edits.first { $0.0 == name }!.1(site)
            let report = try build(site)
            #expect(report.rendered < report.pages, "the \(name) edit rendered every page again")
            try expectSameAsFullBuild(site, after: "the \(name) edit")
        }
    }

    typealias Edit = @Sendable (String) throws -> Void

    /// Edits after which only the pages they touch are rendered again; any other edit (the theme,
    /// `site.yaml`, a picture, the first `date` of a site) rebuilds every page.
    static let incremental: Set<String> = [
        "body", "front matter", "rename", "delete", "level", "kind", "targets", "related", "routine steps",
        "routine title", "new stretch", "new date", "stretch dose in a routine",
    ]

    static let edits: [(String, Edit)] = [
        ("body", { site in try append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n") }),
        // Evening Hips does Leg Swings at their own dose: its total time changes on the routines' list.
        (
            "stretch dose in a routine",
            { site in
                try replace(
                    site + "/content/stretches/leg-swings.md", "dose: 10 reps each leg", "dose: 12 reps each leg")
            }
        ),
        (
            "front matter",
            { site in
                try replace(
                    site + "/content/stretches/couch-stretch.md", "dose: 45 secs each leg", "dose: 1 min each leg")
            }
        ),
        (
            "rename",
            { site in
                try FileManager.default.moveItem(
                    atPath: site + "/content/stretches/leg-swings.md", toPath: site + "/content/stretches/swings.md")
                try replace(site + "/content/routines/evening-hips.md", "  - leg-swings", "  - swings")
            }
        ),
        (
            "delete",
            { site in
                try FileManager.default.removeItem(atPath: site + "/content/routines/evening-hips.md")
                try FileManager.default.removeItem(atPath: site + "/content/stretches/leg-swings.md")
            }
        ),
        (
            "template",
            { site in try replace(site + "/templates/partials/card.mustache", "<article", "<article data-edited") }
        ),
        (
            "site.yaml",
            { site in try replace(site + "/content/site.yaml", "title: Test Stretches", "title: Renamed Guide") }
        ),
        ("picture", { site in try append(site + "/content/images/pigeon.svg", "<!-- redrawn -->\n") }),
        // Order in lists: leg swings move from first to last among the beginners' cards.
        (
            "level",
            { site in try replace(site + "/content/stretches/leg-swings.md", "level: beginner", "level: advanced") }
        ),
        // From the dynamic list to the static one, and down the index.
        ("kind", { site in try replace(site + "/content/stretches/leg-swings.md", "kind: dynamic", "kind: static") }),
        // Off the hamstrings list (which then has no member and goes), onto a new one.
        (
            "targets",
            { site in
                try replace(
                    site + "/content/stretches/leg-swings.md", "targets: [hip flexors, hamstrings]",
                    "targets: [hip flexors, calves]")
            }
        ),
        // The couch stretch's page then shows pigeon pose's card no more, and leg swings' instead.
        (
            "related",
            { site in
                try replace(
                    site + "/content/stretches/pigeon-pose.md", "related: [couch-stretch]", "related: [leg-swings]")
            }
        ),
        // Leg swings leave the routine: their page no longer lists it.
        ("routine steps", { site in try replace(site + "/content/routines/evening-hips.md", "  - leg-swings\n", "") }),
        // Every stretch it uses lists it by title.
        (
            "routine title",
            { site in
                try replace(site + "/content/routines/evening-hips.md", "title: Evening Hips", "title: Night Hips")
            }
        ),
        (
            "new stretch",
            { site in
                try """
                ---
                title: Calf Raise Stretch
                summary: Drop the heels off a step.
                kind: static
                level: beginner
                targets: [calves, hamstrings]
                dose: 30 s each leg
                related: [leg-swings]
                ---
                Hold the rail.
                """.write(toFile: site + "/content/stretches/calf-drop.md", atomically: false, encoding: .utf8)
            }
        ),
        // A second dated document: the feed changes, the pages' link to it does not.
        (
            "new date",
            { site in
                try replace(
                    site + "/content/stretches/leg-swings.md", "dose: 10 reps each leg",
                    "dose: 10 reps each leg\ndate: 2026-02-20")
            }
        ),
    ]

    static func append(_ path: String, _ text: String) throws {
        try (TestSite.read(path) + text).write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = TestSite.read(path)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func editingAnEmbeddedStretchsDoseRedoesTheArticle() throws {
        let site = try TestSite.make("blog")
        _ = try build(site)
        let article = site + "/public/articles/three-for-the-hips/index.html"
        #expect(TestSite.read(article).contains("45 s · each leg"))
        try Self.replace(site + "/content/stretches/couch-stretch.md", "dose: 45 secs each leg", "dose: 50 s each leg")
        let report = try build(site)
        #expect(report.rendered < report.pages, "the edit rendered every page again")
        #expect(TestSite.read(article).contains("50 s · each leg"))
        #expect(!TestSite.read(article).contains("45 s · each leg"))
        try expectSameAsFullBuild(site, after: "the dose of an embedded stretch changed")
    }

    @Test(arguments: edits.map(\.0))
    func rebuildingAfterAnEditMatchesAFullBuild(edit: String) throws {
        let site = try TestSite.make()
        _ = try build(site)
        try Self.edits.first { $0.0 == edit }!.1(site)
        let report = try build(site)
        #expect(report.upToDate == false, "the \(edit) edit was not noticed")
        if Self.incremental.contains(edit) {
            #expect(report.rendered < report.pages, "the \(edit) edit rendered every page again")
        } else {
            #expect(report.rendered == report.pages, "the \(edit) edit did not rebuild every page")
        }
        try expectSameAsFullBuild(site, after: "the \(edit) edit")
    }
}

@Suite struct ProgressTests {
    final class Calls: @unchecked Sendable {
        let lock = NSLock()
        var seen: [(Int, Int)] = []
    }

    @Test func aBuildReportsItsProgressUpToEveryPage() throws {
        let site = try TestSite.make()
        let calls = Calls()
        var options = BuildOptions(siteFolder: site)
        options.onProgress = { done, total in calls.lock.withLock { calls.seen.append((done, total)) } }
        let report = try SiteBuilder.build(options)
        let seen = calls.lock.withLock { calls.seen }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0.1 == report.pages })
        #expect(seen.map(\.0).max() == report.pages)
    }
}

/// Rebuilding a site whose lists go on over several pages (`per_page: 3`): an edit that moves a
/// stretch from one page to another, or changes a card, redoes only the pages it touched, and
/// gives exactly what a full build gives.
@Suite struct PagedRebuildTests {
    static let edits: [(String, RebuildTests.Edit)] = [
        // From the first page of the hamstrings to the second, and down the first page of its kind.
        (
            "title",
            { site in
                try RebuildTests.replace(
                    site + "/content/stretches/hamstring-reach.md", "title: Hamstring Reach",
                    "title: Supine Hamstring Reach")
            }
        ),
        // Its card changes on the one page of each list that shows it.
        (
            "summary",
            { site in
                try RebuildTests.replace(
                    site + "/content/stretches/inchworm.md", "summary: The inchworm, done slowly.",
                    "summary: Walk the hands out and back.")
            }
        ),
        // From the last page of the hamstrings to the first.
        (
            "level",
            { site in
                try RebuildTests.replace(
                    site + "/content/stretches/lizard-pose.md", "level: advanced", "level: beginner")
            }
        ),
        // A longer list: every page says how long it is, and the last page gains a card.
        (
            "new stretch",
            { site in
                try """
                ---
                title: Calf Wall Stretch
                summary: Lean into a wall.
                kind: static
                level: beginner
                targets: [calves, hamstrings]
                dose: 30 s each leg
                ---
                Heel down.
                """.write(toFile: site + "/content/stretches/calf-wall.md", atomically: false, encoding: .utf8)
            }
        ),
        // The dynamic list gets shorter by a page, and the calves' list goes.
        (
            "delete",
            { site in try FileManager.default.removeItem(atPath: site + "/content/stretches/skater-hops.md") }
        ),
    ]

    @Test(arguments: edits.map(\.0))
    func rebuildingAfterAnEditMatchesAFullBuild(edit: String) throws {
        let site = try TestSite.make("paged")
        let options = BuildOptions(siteFolder: site, buildDate: RebuildTests.date)
        _ = try SiteBuilder.build(options)
        try Self.edits.first { $0.0 == edit }!.1(site)
        let report = try SiteBuilder.build(options)
        #expect(report.rendered < report.pages / 2, "the \(edit) edit rendered \(report.rendered) pages")
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: fresh, buildDate: RebuildTests.date))
        RebuildTests.expectSame(site + "/public", as: fresh, after: "the \(edit) edit")
    }

    /// The pages of the lists of a target, kind or piece of equipment that an edit touches.
    func listPages(after edit: String) throws -> Set<String> {
        try touchedListPages(after: edit).filter { !$0.hasPrefix("stretches/") }
    }

    /// The pages of the list of every stretch (`stretches/`) that an edit touches.
    func everyStretchPages(after edit: String) throws -> Set<String> {
        try touchedListPages(after: edit).filter { $0.hasPrefix("stretches/") }
    }

    /// The list pages an edit touches, worked out from the documents before and after it.
    func touchedListPages(after edit: String) throws -> Set<String> {
        let site = try TestSite.make("paged")
        let before = ContentLoader.load(SiteFolder(root: site), keeping: SourceDocument.self).1
        try Self.edits.first { $0.0 == edit }!.1(site)
        let (loaded, after, _) = ContentLoader.load(SiteFolder(root: site), keeping: SourceDocument.self)
        let content = try #require(loaded)
        let guide = try #require(Guide.resolve(content).0)
        let changed = Incremental.changes(from: before, to: after).frontMatter
        return Incremental.listPages(from: before, to: guide, frontMatterChanged: changed)
    }

    @Test func aStretchThatMovesRedoesThePagesItLeftAndJoinedAndNoOther() throws {
        // Hamstrings: [reach, leg swings, seated fold] [toe touch, inchworm, strap] [wide-leg, lizard]
        // becomes [leg swings, seated fold, toe touch] [supine reach, inchworm, strap] [wide-leg, lizard];
        // on the static and mat lists it moves within the first page.
        #expect(
            try listPages(after: "title") == [
                "targets/hamstrings/index.html", "targets/hamstrings/page/2/index.html", "kinds/static/index.html",
                "equipment/mat/index.html",
            ])
    }

    /// The paged guide's thirteen stretches, three to a page, by kind, level and title: Hamstring
    /// Reach is sixth (page 2), and as Supine Hamstring Reach eighth (page 3), moving Seated Fold and
    /// Standing Toe Touch up one; Inchworm is fourth (page 2).
    @Test func theListOfEveryStretchRedoesOnlyThePagesAnEditTouched() throws {
        #expect(try everyStretchPages(after: "summary").count == 1)
        #expect(try everyStretchPages(after: "title").count == 2)
        let all = (2...5).map { "stretches/page/\($0)/index.html" } + ["stretches/index.html"]
        #expect(try everyStretchPages(after: "new stretch") == Set(all))
        #expect(try everyStretchPages(after: "delete") == Set(all.filter { !$0.contains("/5/") }))
    }

    @Test func aChangedCardRedoesOnlyThePagesThatShowIt() throws {
        #expect(
            try listPages(after: "summary") == [
                "targets/hamstrings/page/2/index.html", "kinds/dynamic/page/2/index.html",
            ])
    }

    @Test func aListThatChangesLengthRedoesEveryPage() throws {
        #expect(
            try listPages(after: "new stretch") == [
                "targets/hamstrings/index.html", "targets/hamstrings/page/2/index.html",
                "targets/hamstrings/page/3/index.html", "targets/calves/index.html", "kinds/static/index.html",
                "kinds/static/page/2/index.html", "kinds/static/page/3/index.html",
            ])
    }
}
