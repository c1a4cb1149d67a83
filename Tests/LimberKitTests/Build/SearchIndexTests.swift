import Foundation
import Testing

@testable import LimberKit

/// The search index a build makes with Pagefind (`scripts/setup.sh test` installs it into
/// `.venv/bin/pagefind`): written with the pages, claimed as the build's own files, made again
/// when a page changes, never half-written over the last good site, and a located error when
/// `search: true` asks for it without Pagefind.
@Suite(.serialized) struct SearchIndexTests {
    static let pagefind = Tool.venv("bin/pagefind")

    static func build(_ site: String, pagefind: String? = Self.pagefind) throws -> BuildReport {
        var options = BuildOptions(siteFolder: site, buildDate: "2026-03-01")
        options.pagefind = pagefind
        return try SiteBuilder.build(options)
    }

    /// Every file under `public/pagefind/`, as `pagefind/…`.
    static func indexFiles(_ site: String) -> Set<String> {
        let folder = site + "/public/pagefind"
        var files: Set<String> = []
        for file in FileManager.default.subpaths(atPath: folder) ?? [] {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + file, isDirectory: &isFolder)
            if !isFolder.boolValue { files.insert("pagefind/" + file) }
        }
        return files
    }

    static func claimed(_ site: String, _ report: BuildReport) -> Set<String> {
        OutputClaim.recorded(state: OutputPlace.state(site: site, output: report.output))
    }

    @Test(.needs(Self.pagefind))
    func theIndexIsWrittenWithThePagesAndClaimedAsTheBuildsOwn() throws {
        let site = try TestSite.make()
        let report = try Self.build(site)
        let files = Self.indexFiles(site)
        #expect(files.contains("pagefind/pagefind.js"))
        #expect(files.contains { $0.hasPrefix("pagefind/fragment/") && $0.hasSuffix(".pf_fragment") })
        #expect(files.contains { $0.hasPrefix("pagefind/index/") })
        #expect(!files.contains { $0.contains("-ui.") }, "Pagefind's own search interfaces are left out")
        let entry = TestSite.read(site + "/public/pagefind/pagefind-entry.json")
        #expect(entry.contains("\"en\""), "one index, in the site's language: \(entry)")
        // Three stretches, one routine: the pages marked for the index, and no list or sheet.
        #expect(entry.contains("\"page_count\":4"), "\(entry)")
        #expect(files.isSubset(of: Self.claimed(site, report)), "the next build may replace them")
        #expect(TestSite.read(site + "/public/stretches/pigeon-pose/index.html").contains("data-pagefind-body"))
        #expect(!TestSite.read(site + "/public/stretches/index.html").contains("data-pagefind-body"))
        #expect(try Self.build(site).upToDate, "the index counts as the output's own")
    }

    @Test(.needs(Self.pagefind))
    func anEditedPageMakesTheIndexAgainAndItsOldFilesGo() throws {
        let site = try TestSite.make()
        _ = try Self.build(site)
        let before = Self.indexFiles(site)
        let stretch = site + "/content/stretches/couch-stretch.md"
        try (TestSite.read(stretch) + "\nKeep the ribs down and squeeze the glute.\n").write(
            toFile: stretch, atomically: false, encoding: .utf8)
        let report = try Self.build(site)
        #expect(report.rendered < report.pages, "an edit of one body redoes only its pages")
        let after = Self.indexFiles(site)
        #expect(after != before, "the edited page's part of the index is new")
        #expect(after.contains("pagefind/pagefind.js"))
        let claimed = Self.claimed(site, report)
        #expect(after.isSubset(of: claimed))
        #expect(claimed.filter(SearchIndex.isFile) == after, "no file of the old index is left, or claimed")
        #expect(try Self.build(site).upToDate)
    }

    @Test(.needs(Self.pagefind))
    func aFailingPagefindLeavesTheLastSiteAsItWas() throws {
        let site = try TestSite.make()
        _ = try Self.build(site)
        let before = TestSite.snapshot(site + "/public")
        let broken = site + "/broken-pagefind"
        try "#!/bin/sh\necho 'Error: cannot read the site' >&2\nexit 3\n".write(
            toFile: broken, atomically: false, encoding: .utf8)
        chmod(broken, 0o755)
        let stretch = site + "/content/stretches/couch-stretch.md"
        try TestSite.read(stretch).replacingOccurrences(of: "Kneel", with: "Kneel slowly").write(
            toFile: stretch, atomically: false, encoding: .utf8)
        let failed = #expect(throws: BuildFailed.self) { try Self.build(site, pagefind: broken) }
        let said = failed?.diagnostics.map(\.description).joined(separator: "\n") ?? ""
        #expect(said.contains("Pagefind failed") && said.contains("exited with 3"), "\(said)")
        #expect(said.contains("cannot read the site"), "what Pagefind said is shown: \(said)")
        #expect(TestSite.snapshot(site + "/public") == before, "the published site is the last good one")
        // Pagefind working again, the edit is published with its index.
        _ = try Self.build(site)
        #expect(TestSite.read(site + "/public/stretches/couch-stretch/index.html").contains("Kneel slowly"))
        #expect(FileManager.default.fileExists(atPath: site + "/public/pagefind/pagefind.js"))
    }

    @Test func searchTrueWithoutPagefindIsAnErrorAtTheField() throws {
        let site = try TestSite.make()
        let settings = site + "/content/site.yaml"
        try (TestSite.read(settings) + "search: true\n").write(toFile: settings, atomically: false, encoding: .utf8)
        let line = TestSite.read(settings).split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let failed = #expect(throws: BuildFailed.self) { try Self.build(site, pagefind: site + "/no-such-pagefind") }
        let problem = try #require(failed?.diagnostics.first)
        #expect(problem.location == SourceLocation(path: "content/site.yaml", line: line, column: 9))
        #expect(problem.description.hasPrefix("content/site.yaml:\(line):9: error: search: true needs Pagefind"))
        #expect((problem.note ?? "").contains("pip install pagefind-bin"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public/index.html"), "nothing was written")
    }

    @Test(.needs(Self.pagefind))
    func searchFalseMakesNoIndex() throws {
        let site = try TestSite.make()
        let settings = site + "/content/site.yaml"
        try (TestSite.read(settings) + "search: false\n").write(toFile: settings, atomically: false, encoding: .utf8)
        _ = try Self.build(site)
        #expect(FileManager.default.fileExists(atPath: site + "/public/index.html"))
        #expect(Self.indexFiles(site).isEmpty)
    }
}
