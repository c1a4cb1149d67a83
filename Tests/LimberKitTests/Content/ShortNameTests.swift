import Foundation
import Testing

@testable import LimberKit

/// Files and folders with names of one to three characters, dots and non-ASCII letters: a site
/// builds, rebuilds after edits and removals, and previews with them.
@Suite struct ShortNameTests {
    /// `\u{301}x` starts with a combining mark, which joins the `/` before it into one character.
    static let names = ["x", "é", "ab", "a.b", "x.", "abc", "日本", "\u{301}x"]

    /// A page named `name`, and a top-level folder of assets named `folder` holding a folder and
    /// a file with no extension of that name. A page and a folder at the top may not share a name.
    static func addFiles(named name: String, folder: String, to site: String) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: site + "/content/pages", withIntermediateDirectories: true)
        let slug = ContentLoader.isValidSlug(name) ? "" : "slug: \(LimberKit.slug(for: name, language: "en"))\n"
        try "---\ntitle: Page \(name)\n\(slug)---\nA short name.\n".write(
            toFile: site + "/content/pages/\(name).md", atomically: false, encoding: .utf8)
        try fileManager.createDirectory(
            atPath: site + "/content/\(folder)/\(folder)", withIntermediateDirectories: true)
        try "one".write(toFile: site + "/content/\(folder)/\(folder)/\(folder)", atomically: false, encoding: .utf8)
        try "two".write(toFile: site + "/content/\(folder)/\(folder).txt", atomically: false, encoding: .utf8)
    }

    @Test(arguments: names)
    func aSiteWithShortNamesBuildsRebuildsAndLetsThemGo(name: String) throws {
        let site = try TestSite.make()
        let folder = name.uppercased()
        try Self.addFiles(named: name, folder: folder, to: site)
        let slug = LimberKit.slug(for: name, language: "en")
        let options = BuildOptions(siteFolder: site)

        _ = try SiteBuilder.build(options)
        #expect(TestSite.read(site + "/public/\(folder)/\(folder)/\(folder)") == "one")
        #expect(TestSite.read(site + "/public/\(folder)/\(folder).txt") == "two")
        #expect(TestSite.read(site + "/public/\(slug)/index.html").contains("Page \(name)"))

        // An edit rebuilds into the spare copy; a removal takes the files and their folders away.
        try "three".write(toFile: site + "/content/\(folder)/\(folder).txt", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(options)
        #expect(TestSite.read(site + "/public/\(folder)/\(folder).txt") == "three")
        try FileManager.default.removeItem(atPath: site + "/content/\(folder)")
        _ = try SiteBuilder.build(options)
        #expect(!FileManager.default.fileExists(atPath: site + "/public/\(folder)"))
        #expect(TestSite.read(site + "/public/\(slug)/index.html").contains("Page \(name)"))
    }

    @Test func aStretchAndAnImageWithOneLetterNames() throws {
        let site = try TestSite.make()
        let stretch = TestSite.read(site + "/content/stretches/pigeon-pose.md")
        try FileManager.default.createDirectory(atPath: site + "/content/p", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: site + "/content/images/pigeon.svg", toPath: site + "/content/p/q.svg")
        try stretch.replacingOccurrences(of: "images/pigeon.svg", with: "p/q.svg").write(
            toFile: site + "/content/stretches/x.md", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(TestSite.read(site + "/public/stretches/x/index.html").contains("p/q.svg"))
        #expect(FileManager.default.fileExists(atPath: site + "/public/p/q.svg"))
    }

    @Test func theirFolderAndNameAreReadBySlashes() {
        #expect(PathComponents.folder(of: "x") == "")
        #expect(PathComponents.folder(of: "x/") == "")
        #expect(PathComponents.folder(of: "a/b") == "a")
        #expect(PathComponents.folder(of: "a//b/") == "a")
        #expect(PathComponents.folder(of: "/x") == "/")
        #expect(PathComponents.folder(of: "/") == "/")
        #expect(PathComponents.folder(of: "") == "")
        #expect(PathComponents.name(of: "x") == "x")
        #expect(PathComponents.name(of: "a/é/") == "é")
        #expect(PathComponents.name(of: "/") == "/")
        #expect(PathComponents.fileExtension(of: "a/b.c.png") == "png")
        #expect(PathComponents.fileExtension(of: "a.b/c") == "")
        #expect(PathComponents.fileExtension(of: ".x") == "")
        #expect(PathComponents.fileExtension(of: "x.") == "")
        #expect(PathComponents.removingExtension("a/b.c.png") == "a/b.c")
        #expect(PathComponents.removingExtension("x") == "x")
        #expect(PathComponents.normalized("a/./b/../c") == "a/c")
        #expect(PathComponents.normalized("a/../../x") == "../x")
        #expect(PathComponents.normalized("~/x") == "~/x")
        #expect(PathComponents.folder(of: "a/\u{301}b") == "a")
        #expect(PathComponents.name(of: "a/\u{301}b") == "\u{301}b")
        #expect(PathComponents.dropping("content/", from: "content/\u{301}b/c") == "\u{301}b/c")
        #expect(PathComponents.normalized("a/\u{301}b/../c") == "a/c")
    }

    @Test func anImagePathThatClimbsOutOfContentIsRefusedAsSuch() throws {
        let site = try TestSite.make()
        let file = site + "/content/stretches/pigeon-pose.md"
        try TestSite.read(file).replacingOccurrences(of: "images/pigeon.svg", with: "images/../../templates/x.svg")
            .write(toFile: file, atomically: false, encoding: .utf8)
        let text = TestSite.failureText(BuildOptions(siteFolder: site)) ?? ""
        #expect(
            text.contains(
                "content/stretches/pigeon-pose.md:15:8: error: the image 'images/../../templates/x.svg' is outside content/"
            ), "\(text)")
    }

    @Test(.tags(.network), .needs("curl")) func aPreviewRebuildsWhenAFileWithAOneLetterNameIsSaved() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        try Self.addFiles(named: "x", folder: "y", to: site)
        // site.yaml saved again each second until the files show: the watcher may start watching
        // only after the new folders are made, and then sees nothing inside them. (Not more often:
        // it rebuilds once saves have stopped for a moment.)
        let settings = site + "/content/site.yaml"
        var saved = Date()
        let shown = try PreviewServerTests.waitFor(timeout: 20) {
            if Date().timeIntervalSince(saved) > 1 {
                try TestSite.read(settings).write(toFile: settings, atomically: true, encoding: .utf8)
                saved = Date()
            }
            return try PreviewServerTests.fetch(server.url + "y/y.txt").body == "two"
        }
        #expect(shown != nil, "the saved files were not served")
        #expect(try PreviewServerTests.fetch(server.url + "x/").body.contains("Page x"))
        #expect(server.process.isRunning)
        try FileManager.default.removeItem(atPath: site + "/content/y")
        let gone = try PreviewServerTests.waitFor(timeout: 20) {
            try PreviewServerTests.fetch(server.url + "y/y.txt").status == 404
        }
        #expect(gone != nil, "the removed files were still served")
        #expect(server.process.isRunning)
    }
}
