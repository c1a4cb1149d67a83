import Foundation
import Testing

@testable import LimberKit

@Suite struct ScaffoldTests {
    @Test func initMakesASiteThatBuildsAtOnce() throws {
        let folder = TestSite.temporaryFolder() + "/morning"
        let files = try Scaffold.initSite(at: folder)
        #expect(files.contains("content/site.yaml"))
        #expect(files.contains("templates/stretch.mustache"))
        let report = try SiteBuilder.build(BuildOptions(siteFolder: folder))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(TestSite.read(folder + "/public/index.html").contains("Standing Quad Stretch"))
    }

    @Test func initRefusesAFolderThatHasFiles() throws {
        let folder = try TestSite.make()
        #expect(throws: Scaffold.Failure.self) { try Scaffold.initSite(at: folder) }
    }

    @Test func newStretchAndRoutineWriteFilesThatPassTheCheck() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: folder)
        #expect(try Scaffold.newStretch(title: "Pigeon Pose", site: folder) == "content/stretches/pigeon-pose.md")
        #expect(try Scaffold.newRoutine(title: "Morning Hips", site: folder) == "content/routines/morning-hips.md")
        let text = TestSite.read(folder + "/content/stretches/pigeon-pose.md")
        for field in ContentLoader.stretchFields {
            #expect(text.contains("\n\(field):") || text.contains("\n# \(field):"), "\(field) is written out")
        }
        let report = try SiteBuilder.build(BuildOptions(siteFolder: folder, checkOnly: true, strict: true))
        #expect(report.pages > 8)
    }

    @Test func newNeverOverwrites() throws {
        let folder = try TestSite.make()
        let before = TestSite.read(folder + "/content/stretches/leg-swings.md")
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newStretch(title: "Leg Swings", site: folder) }
        #expect(TestSite.read(folder + "/content/stretches/leg-swings.md") == before)
    }
}

@Suite struct BuiltInThemeTests {
    @Test func theBuiltInThemeIsTheRepositorysTemplatesFolder() {
        let folder = SiteFolder(root: TestSite.repository)
        let onDisk = Dictionary(
            uniqueKeysWithValues: folder.files(below: "templates").map {
                (String($0.dropFirst("templates/".count)), (try? folder.bytes($0)) ?? [])
            })
        #expect(Set(onDisk.keys) == Set(BuiltInTheme.files.keys), "run scripts/embed-theme.py (make theme)")
        for (path, bytes) in onDisk where BuiltInTheme.files[path] != bytes {
            Issue.record("templates/\(path) differs from the built-in theme: run scripts/embed-theme.py (make theme)")
        }
    }

    @Test func aSiteWithoutTemplatesUsesTheBuiltInTheme() throws {
        let site = try TestSite.make()
        try FileManager.default.removeItem(atPath: site + "/templates")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(TestSite.read(site + "/public/stretches/pigeon-pose/index.html").contains("<h1>Pigeon Pose</h1>"))
    }

    @Test func aSitesOwnTemplateOverridesOneFileAndKeepsTheRest() throws {
        let site = try TestSite.make()
        try FileManager.default.removeItem(atPath: site + "/templates")
        try FileManager.default.createDirectory(atPath: site + "/templates", withIntermediateDirectories: true)
        try "{{<layout}}{{$main}}<h1>Our own: {{list.heading}}</h1>{{/main}}{{/layout}}".write(
            toFile: site + "/templates/list.mustache", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(
            TestSite.read(site + "/public/targets/glutes/index.html").contains(
                "<h1>Our own: Stretches for the glutes</h1>"))
        #expect(TestSite.read(site + "/public/stretches/pigeon-pose/index.html").contains("<h1>Pigeon Pose</h1>"))
    }
}
