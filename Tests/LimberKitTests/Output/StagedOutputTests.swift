import Foundation
import Testing

@testable import LimberKit

@Suite struct StagedOutputTests {
    @Test func aFailedBuildLeavesTheLastGoodSiteAsItWas() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let before = TestSite.snapshot(site + "/public")
        #expect(before.count > 10)

        let broken = site + "/content/stretches/leg-swings.md"
        try "---\ntitle: Leg Swings\n---\n".write(toFile: broken, atomically: false, encoding: .utf8)
        #expect(TestSite.failureText(BuildOptions(siteFolder: site)) != nil)

        #expect(TestSite.snapshot(site + "/public") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty, "left beside the output: \(leftovers)")
        for kept in TestSite.keptFolders(site) {
            #expect(!FileManager.default.fileExists(atPath: kept + "/staging"), "a staged build is left behind")
        }
    }

    @Test func pagesOfDeletedContentDoNotLinger() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(FileManager.default.fileExists(atPath: site + "/public/stretches/leg-swings/index.html"))

        try FileManager.default.removeItem(atPath: site + "/content/stretches/leg-swings.md")
        try FileManager.default.removeItem(atPath: site + "/content/routines/evening-hips.md")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(!FileManager.default.fileExists(atPath: site + "/public/stretches/leg-swings"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public/targets/hamstrings"))
        #expect(FileManager.default.fileExists(atPath: site + "/public/stretches/pigeon-pose/index.html"))
    }

    @Test func copiesImagesAndTheThemesStaticFiles() throws {
        let site = try TestSite.make()
        try FileManager.default.createDirectory(atPath: site + "/content/downloads", withIntermediateDirectories: true)
        try "handout".write(toFile: site + "/content/downloads/handout.txt", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let files = TestSite.snapshot(site + "/public")
        #expect(files["images/pigeon.svg"] == FileManager.default.contents(atPath: site + "/content/images/pigeon.svg"))
        #expect(files["downloads/handout.txt"] == Data("handout".utf8))
        let stylesheet = try #require(files.keys.first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        #expect(files[stylesheet] == FileManager.default.contents(atPath: site + "/templates/static/style.css"))
        #expect(files["site.yaml"] == nil)
    }

    @Test func writesWhereToldAndCreatesTheFolder() throws {
        let site = try TestSite.make()
        let output = TestSite.temporaryFolder() + "/deep/www"
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        #expect(report.pages == TestSite.snapshot(output).keys.filter { $0.hasSuffix(".html") }.count)
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }
}
