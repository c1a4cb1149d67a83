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

    @Test func nothingChangedMeansNothingWritten() throws {
        let site = try TestSite.make()
        #expect(try build(site).upToDate == false)
        let before = TestSite.snapshot(site + "/public")
        let inode = try FileManager.default.attributesOfItem(atPath: site + "/public")[.systemFileNumber] as? Int
        let again = try build(site)
        #expect(again.upToDate)
        #expect(again.pages == 15)
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

    @Test func aBuildWithWarningsIsNeverSkipped() throws {
        let site = try TestSite.make(overlay: "broken/not-markdown")
        _ = try build(site)
        let again = try build(site)
        #expect(!again.upToDate)
        #expect(again.diagnostics.count == 1, "the warning is printed again")
    }

    typealias Edit = @Sendable (String) throws -> Void

    static let edits: [(String, Edit)] = [
        ("body", { site in try append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n") }),
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
    ]

    static func append(_ path: String, _ text: String) throws {
        try (TestSite.read(path) + text).write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = TestSite.read(path)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test(arguments: edits.map(\.0))
    func rebuildingAfterAnEditMatchesAFullBuild(edit: String) throws {
        let site = try TestSite.make()
        _ = try build(site)
        try Self.edits.first { $0.0 == edit }!.1(site)
        #expect(try build(site).upToDate == false, "the \(edit) edit was not noticed")
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try build(site, into: fresh)
        let rebuilt = TestSite.snapshot(site + "/public")
        let full = TestSite.snapshot(fresh)
        #expect(Set(rebuilt.keys) == Set(full.keys))
        for (name, bytes) in full where rebuilt[name] != bytes {
            Issue.record("\(name) differs from a full build after the \(edit) edit")
        }
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
