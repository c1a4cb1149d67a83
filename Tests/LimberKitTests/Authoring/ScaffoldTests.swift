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
        let report = try SiteBuilder.build(BuildOptions(siteFolder: folder, checkOnly: true))
        #expect(report.pages > 8)
        #expect(!report.diagnostics.hasErrors, "\(report.diagnostics)")
    }

    @Test func strictCheckPointsAtEveryPlaceholderNewWrote() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: folder)
        #expect(try SiteBuilder.build(BuildOptions(siteFolder: folder, checkOnly: true, strict: true)).pages > 0)
        _ = try Scaffold.newStretch(title: "Pigeon Pose", site: folder)
        _ = try Scaffold.newRoutine(title: "Morning Hips", site: folder)
        let printed = TestSite.failureText(BuildOptions(siteFolder: folder, checkOnly: true, strict: true)) ?? ""
        let stretch = TestSite.read(folder + "/content/stretches/pigeon-pose.md").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in stretch.enumerated()
        where Scaffold.placeholderLines.contains(String(line)) || line.hasPrefix("summary:") {
            #expect(printed.contains("content/stretches/pigeon-pose.md:\(index + 1):"), "line \(index + 1): \(line)")
        }
        #expect(printed.contains("content/routines/morning-hips.md:5:10: warning: the summary is still the example"))
        #expect(printed.components(separatedBy: "warning:").count - 1 == 6, "\(printed)")
    }

    @Test func newMakesAFileNameFromAnyTitle() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: folder)
        #expect(
            try Scaffold.newStretch(title: "Ü-Stretch für Nacken", site: folder)
                == "content/stretches/u-stretch-fur-nacken.md")
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newStretch(title: "🧘🧘", site: folder) }
        #expect(
            try Scaffold.newStretch(title: "🧘🧘", slug: "sun-salute", site: folder) == "content/stretches/sun-salute.md")
        #expect(TestSite.read(folder + "/content/stretches/sun-salute.md").contains("title: \"🧘🧘\""))
        #expect(try SiteBuilder.build(BuildOptions(siteFolder: folder, checkOnly: true)).pages > 8)
    }

    @Test func newRefusesAFolderThatIsNotASiteAndWritesNothing() throws {
        let empty = TestSite.temporaryFolder()
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newStretch(title: "Pigeon Pose", site: empty) }
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newRoutine(title: "Morning Hips", site: empty) }
        try FileManager.default.createDirectory(atPath: empty + "/content", withIntermediateDirectories: true)
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newStretch(title: "Pigeon Pose", site: empty) }
        #expect(FileManager.default.subpaths(atPath: empty) == ["content"])
    }

    @Test func newArticleIsADraftAndNewPageIsBuilt() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: folder)
        let article = try Scaffold.newArticle(title: "Five Myths", site: folder, date: "2026-03-01")
        #expect(article == "content/articles/five-myths.md")
        #expect(try Scaffold.newPage(title: "About Us", site: folder) == "content/pages/about-us.md")
        #expect(throws: Scaffold.Failure.self) { try Scaffold.newPage(title: "Stretches", site: folder) }
        let text = TestSite.read(folder + "/" + article)
        for field in ContentLoader.articleFields {
            #expect(text.contains("\n\(field):") || text.contains("\n# \(field):"), "\(field) is written out")
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: folder, strict: true))
        #expect(FileManager.default.fileExists(atPath: folder + "/public/about-us/index.html"))
        #expect(
            !FileManager.default.fileExists(atPath: folder + "/public/articles/five-myths"), "a new article is a draft")
        var serve = BuildOptions(siteFolder: folder, output: folder + "/preview", strict: true)
        serve.drafts = true
        _ = try SiteBuilder.build(serve)
        #expect(TestSite.read(folder + "/preview/articles/five-myths/index.html").contains("<h1>Five Myths</h1>"))
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
        #expect(
            Set(onDisk.keys) == Set(BuiltInTheme.files.keys),
            "a file of templates/ is missing from Render/BuiltInTheme.swift, or one there is no longer in templates/")
        for (path, bytes) in onDisk where BuiltInTheme.files[path] != bytes {
            Issue.record("templates/\(path) differs from the built-in theme: is it named in Render/BuiltInTheme.swift?")
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
