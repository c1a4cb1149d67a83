import Foundation
import Testing

@testable import LimberKit

/// `limber serve` shows a saved stretch or routine's own pages before the build finishes,
/// rendered from the last build in memory: they must be byte for byte the pages the build then
/// writes, and a save that changes more than those pages waits for the build.
@Suite struct SavedPagesTests {
    typealias Edit = (String, RebuildTests.Edit)

    static let shownAhead: [Edit] = [
        ("body", { try RebuildTests.append($0 + "/content/stretches/leg-swings.md", "\nSwing slowly.\n") }),
        (
            "summary",
            {
                try RebuildTests.replace(
                    $0 + "/content/stretches/leg-swings.md", "summary: Swing", "summary: Gently swing")
            }
        ),
        (
            "dose",
            {
                try RebuildTests.replace(
                    $0 + "/content/stretches/leg-swings.md", "10 reps each leg", "12 reps each leg")
            }
        ),
        (
            "cues",
            {
                try RebuildTests.replace(
                    $0 + "/content/stretches/leg-swings.md", "dose: 10 reps each leg",
                    "dose: 10 reps each leg\ncues: [Stand tall]")
            }
        ),
        (
            "a step's dose and note",
            {
                try RebuildTests.replace(
                    $0 + "/content/routines/evening-hips.md", "Use a cushion under the knee.", "Use a folded towel.")
                try RebuildTests.replace($0 + "/content/routines/evening-hips.md", "1 min each leg", "90 s each leg")
            }
        ),
        (
            "two files at once",
            {
                try RebuildTests.append($0 + "/content/stretches/pigeon-pose.md", "\nBreathe out.\n")
                try RebuildTests.append($0 + "/content/routines/evening-hips.md", "\nKeep the lights low.\n")
            }
        ),
    ]

    static let waitForTheBuild: [Edit] = [
        (
            "title",
            { try RebuildTests.replace($0 + "/content/stretches/leg-swings.md", "title: Leg Swings", "title: Swings") }
        ),
        (
            "kind",
            { try RebuildTests.replace($0 + "/content/stretches/leg-swings.md", "kind: dynamic", "kind: static") }
        ),
        (
            "targets",
            { try RebuildTests.replace($0 + "/content/stretches/leg-swings.md", "hip flexors, hamstrings", "calves") }
        ),
        (
            "a routine's steps",
            { try RebuildTests.replace($0 + "/content/routines/evening-hips.md", "  - pigeon-pose\n", "") }
        ),
        (
            "a mistake",
            { try RebuildTests.replace($0 + "/content/stretches/leg-swings.md", "kind: dynamic", "kind: x") }
        ),
        (
            "an embed of nothing",
            { try RebuildTests.append($0 + "/content/stretches/leg-swings.md", "\n```stretch\nno-such\n```\n") }
        ),
        (
            "a new stretch",
            {
                try
                    "---\ntitle: Calf Wall\nsummary: Lean.\nkind: static\nlevel: beginner\ntargets: [calves]\ndose: 30 s\n---\nHeel down.\n"
                    .write(toFile: $0 + "/content/stretches/calf-wall.md", atomically: false, encoding: .utf8)
            }
        ),
        ("a template", { try RebuildTests.append($0 + "/templates/partials/card.mustache", "\n") }),
    ]

    func build(_ site: String, _ memory: BuildMemory) throws -> BuildReport {
        var options = BuildOptions(siteFolder: site, output: site + "/preview", buildDate: RebuildTests.date)
        options.memory = memory
        return try SiteBuilder.build(options)
    }

    @Test(arguments: shownAhead.map(\.0))
    func aSavedFilesPagesAreThePagesTheBuildWrites(edit: String) throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        memory.changed(try BuildMemoryTests.changes(site, Self.shownAhead.first { $0.0 == edit }!.1))
        let pages = try #require(memory.savedPages(in: SiteFolder(root: site)), "the \(edit) edit was not shown ahead")
        #expect(!pages.isEmpty)
        let before = TestSite.snapshot(site + "/preview")
        _ = try build(site, memory)
        for (file, bytes) in pages {
            let written = FileManager.default.contents(atPath: site + "/preview/" + file)
            #expect(written == Data(bytes), "\(file) after the \(edit) edit")
        }
        #expect(pages.contains { before[$0.key] != Data($0.value) }, "no page shows the \(edit) edit")
    }

    @Test(arguments: waitForTheBuild.map(\.0))
    func aSaveThatChangesMoreWaitsForTheBuild(edit: String) throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        memory.changed(try BuildMemoryTests.changes(site, Self.waitForTheBuild.first { $0.0 == edit }!.1))
        #expect(memory.savedPages(in: SiteFolder(root: site)) == nil, "the \(edit) edit")
    }

    @Test func aStretchEmbeddedInAnotherSavedBodyShowsAsSaved() throws {
        let site = try TestSite.make()
        let memory = BuildMemory()
        _ = try build(site, memory)
        memory.changed(
            try BuildMemoryTests.changes(site) { site in
                try RebuildTests.append(site + "/content/stretches/pigeon-pose.md", "\n```stretch\nleg-swings\n```\n")
                try RebuildTests.replace(
                    site + "/content/stretches/leg-swings.md", "10 reps each leg", "12 reps each leg")
            })
        let pages = try #require(memory.savedPages(in: SiteFolder(root: site)))
        let pigeon = String(decoding: try #require(pages["stretches/pigeon-pose/index.html"]), as: UTF8.self)
        #expect(pigeon.contains("12 reps"), "the embed shows the dose as saved")
        _ = try build(site, memory)
        #expect(
            FileManager.default.contents(atPath: site + "/preview/stretches/pigeon-pose/index.html")
                == Data(pages["stretches/pigeon-pose/index.html"]!))
    }
}
