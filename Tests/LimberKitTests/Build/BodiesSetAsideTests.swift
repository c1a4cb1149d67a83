import Foundation
import Testing

@testable import LimberKit

/// A full build of a large guide sets its bodies' text aside in a file while it renders the pages:
/// what it publishes, and what its cache gives the next build, are the same as a build that keeps
/// the text in memory.
@Suite struct BodiesSetAsideTests {
    func build(_ site: String, into output: String? = nil, setAsideAbove: Int) throws -> BuildReport {
        var options = BuildOptions(siteFolder: site, output: output, buildDate: RebuildTests.date)
        options.setsBodiesAsideAbove = setAsideAbove
        return try SiteBuilder.build(options)
    }

    @Test(arguments: ["basic", "blog", "sheets"])
    func pagesMadeFromBodiesSetAsideAreThoseOfBodiesKept(_ fixture: String) throws {
        let site = try TestSite.make(fixture)
        let kept = TestSite.temporaryFolder() + "/kept"
        let keptReport = try build(site, into: kept, setAsideAbove: .max)
        #expect(keptReport.bodiesSetAside == 0)

        let report = try build(site, setAsideAbove: 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: site + "/content")
        let stretchesAndRoutines = files.filter {
            ($0.hasPrefix("stretches/") || $0.hasPrefix("routines/")) && $0.hasSuffix(".md")
        }
        #expect(report.bodiesSetAside == stretchesAndRoutines.count)
        #expect(report.bodiesSetAside > 0)
        RebuildTests.expectSame(site + "/public", as: kept, after: "a build that set its bodies aside")
        // The file had no name: nothing is left beside the cache.
        let state = OutputPlace.state(site: site, output: site + "/public")
        let left = try FileManager.default.contentsOfDirectory(atPath: state)
        #expect(
            left.allSatisfy { ["cache", "cache-documents", "files", "lock", "spare"].contains($0) }, "\(left)")

        // The cache it wrote holds the texts themselves: an edit of another stretch renders pages
        // that show them as a full build does.
        let stretch =
            site + "/content/stretches/"
            + stretchesAndRoutines.first { $0.hasPrefix("stretches/") }!
            .dropFirst("stretches/".count)
        try RebuildTests.append(String(stretch), "\nKeep the breath slow and even.\n")
        let edit = try build(site, setAsideAbove: 0)
        #expect(edit.rendered < edit.pages, "an edit redoes only the pages it touched")
        #expect(edit.bodiesSetAside == 0, "an edit sets nothing aside: it reads the bodies it shows from the cache")
        let full = TestSite.temporaryFolder() + "/full"
        _ = try build(site, into: full, setAsideAbove: .max)
        RebuildTests.expectSame(site + "/public", as: full, after: "an edit after a build that set its bodies aside")
    }

    /// Each stretch's and routine's text leaves memory as its file is read, and reads back as it
    /// was; a guide smaller than the threshold keeps its texts.
    @Test func eachBodyIsSetAsideAsItsFileIsRead() throws {
        let site = try TestSite.make("basic")
        var options = BuildOptions(siteFolder: site, buildDate: RebuildTests.date)
        let (kept, _) = ContentLoader.load(SiteFolder(root: site))
        func load(above threshold: Int) throws -> (LoadedContent?, BodiesSetAside?) {
            options.setsBodiesAsideAbove = threshold
            let run = try SiteBuilder.prepare(options)
            let inputs = BuildCache.inputs(run.folder, options: "")
            let setAside = BodiesSetAside.forFullBuild(of: inputs, run)
            var diagnostics: [Diagnostic] = []
            let (content, _) = SiteBuilder.load(run, reusing: .none, settingAside: setAside, into: &diagnostics)
            return (content, setAside)
        }

        let (content, setAside) = try load(above: 0)
        let stretches = try #require(content?.stretches)
        #expect(setAside?.count == stretches.count + (content?.routines.count ?? 0))
        for stretch in stretches {
            #expect(stretch.body.text.isSetAside, "\(stretch.slug)")
            let original = try #require(kept?.stretches.first { $0.slug == stretch.slug })
            #expect(stretch.body.html == original.body.html)
            #expect(stretch.body.orderedSteps == original.body.orderedSteps)
            #expect(stretch.body.headings == original.body.headings)
        }

        let sources = BuildCache.inputs(SiteFolder(root: site), options: "").sources.bytes
        #expect(sources > 0)
        let (small, none) = try load(above: sources)
        #expect(none == nil, "a guide no larger than the threshold sets nothing aside")
        #expect(small?.stretches.allSatisfy { !$0.body.text.isSetAside } == true)
    }
}
