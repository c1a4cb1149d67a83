import Foundation
import Testing

@testable import LimberKit

/// Only what the author meant to publish is published: no secrets reached through links, no hidden
/// folders, no editors' backups.
@Suite struct PublishedFilesTests {
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: PathComponents.folder(of: path), withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func aLinkToTheRepositorysSecretsIsNotPublished() throws {
        let site = try TestSite.make()
        try Self.write(
            "[remote]\n\turl = https://x-access-token:ghp_SECRET@github.com/c/s\n", to: site + "/.git/config")
        try Self.write("TOKEN=ghp_SECRET\n", to: site + "/.env")
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(
            atPath: site + "/content/images/config.txt", withDestinationPath: "../../.git/config")
        try fileManager.createSymbolicLink(atPath: site + "/content/images/env.txt", withDestinationPath: "../../.env")
        // A link that stays inside content/ is fine.
        try fileManager.createSymbolicLink(
            atPath: site + "/content/images/pigeon-copy.svg", withDestinationPath: "pigeon.svg")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let published = TestSite.snapshot(site + "/public")
        #expect(!published.values.contains { String(decoding: $0, as: UTF8.self).contains("ghp_SECRET") })
        #expect(published["images/pigeon-copy.svg"] != nil)
        let warnings = report.diagnostics.map(\.description)
        #expect(
            warnings.contains(
                "content/images/config.txt:1:1: warning: not published: a link that leads outside content/"))
        #expect(
            warnings.contains("content/images/env.txt:1:1: warning: not published: a link that leads outside content/"))
    }

    @Test func aContentFolderThatIsALinkIsPublishedWithItsOwnLinksChecked() throws {
        let site = try TestSite.make()
        let elsewhere = TestSite.temporaryFolder() + "/content"
        try FileManager.default.moveItem(atPath: site + "/content", toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: site + "/content", withDestinationPath: elsewhere)
        try Self.write("TOKEN=ghp_SECRET\n", to: site + "/.env")
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere + "/images/env.txt", withDestinationPath: site + "/.env")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let published = TestSite.snapshot(site + "/public")
        #expect(published["images/pigeon.svg"] != nil)
        #expect(published["stretches/leg-swings/index.html"] != nil)
        #expect(published["images/env.txt"] == nil)
        #expect(
            report.diagnostics.map(\.description).contains(
                "content/images/env.txt:1:1: warning: not published: a link that leads outside content/"))
    }

    @Test func aStretchLinkedFromOutsideContentIsRefused() throws {
        let site = try TestSite.make()
        try Self.write(TestSite.read(site + "/content/stretches/leg-swings.md"), to: site + "/drafts/secret.md")
        try FileManager.default.createSymbolicLink(
            atPath: site + "/content/stretches/secret.md", withDestinationPath: "../../drafts/secret.md")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("content/stretches/secret.md:1:1: error: a link that leads outside content/ is not read"))
    }

    @Test func hiddenFoldersBackupsAndVersionControlAreNotPublished() throws {
        let site = try TestSite.make()
        let content = site + "/content"
        for file in [
            ".private/plan.txt", "images/.git/config", "site.yaml.bak", "articles/post.md~", "articles/#post.md#",
            "articles/post.md.orig", "images/pigeon.svg.swp", "images/CVS/Entries", "notes.tmp", "patch.rej",
            ".DS_Store",
        ] {
            try Self.write("secret", to: content + "/" + file)
        }
        try Self.write("keep", to: content + "/.well-known/security.txt")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let published = TestSite.snapshot(site + "/public")
        #expect(!published.values.contains { $0 == Data("secret".utf8) }, "\(published.keys.sorted())")
        #expect(published[".well-known/security.txt"] == Data("keep".utf8))
        let skipped = report.diagnostics.filter { $0.message.hasPrefix("not published") }.map(\.location.path)
        // Each named once: a folder, not every file in it.
        #expect(
            Set(skipped) == [
                "content/.private", "content/images/.git", "content/site.yaml.bak", "content/articles/post.md~",
                "content/articles/#post.md#", "content/articles/post.md.orig", "content/images/pigeon.svg.swp",
                "content/images/CVS", "content/notes.tmp", "content/patch.rej", "content/.DS_Store",
            ])
        #expect(skipped.count == Set(skipped).count)
        // `limber check --strict` names them too, and fails.
        let strict = try #require(TestSite.failureText(BuildOptions(siteFolder: site, checkOnly: true, strict: true)))
        #expect(strict.contains("content/articles/post.md~:1:1: warning: not published: an editor's backup file"))
    }

    /// A file that would land where the theme's own file goes is an error, not a silent swap.
    @Test func aFileNamedLikeAThemeFileIsAnError() throws {
        let site = try TestSite.make()
        try Self.write("mine", to: site + "/content/icon-192.png")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/icon-192.png:1:1: error: the theme publishes a file of its own at icon-192.png"))
    }

    /// Any mix of names, links, hidden files and backups: the output holds exactly the files a user
    /// meant to publish, and every one of them.
    @Test(arguments: 0..<8)
    func theOutputHoldsExactlyWhatTheAuthorMeantToPublish(seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let site = try TestSite.make()
        let content = site + "/content"
        try Self.write("SECRET-OUTSIDE", to: site + "/secret.txt")
        let letters = Array("abcxyz0-_.~#")
        for index in 0..<40 {
            var parts: [String] = ["files"]
            for _ in 0..<Int(random.next() % 3) { parts.append("d" + Self.name(&random, letters)) }
            let name =
                Self.name(&random, letters) + "\(index)"
                + ["", ".txt", ".bak", "~", ".swp", ".pdf"][Int(random.next() % 6)]
            parts.append(random.next() % 5 == 0 ? "." + name : name)
            let path = content + "/" + parts.joined(separator: "/")
            try? FileManager.default.createDirectory(
                atPath: PathComponents.folder(of: path), withIntermediateDirectories: true)
            if random.next() % 4 == 0 {
                try? FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: site + "/secret.txt")
            } else {
                try? "file \(index)".write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
        // What the author meant: every plain file whose path has no hidden, backup or
        // version-control part; never a link that leads out of content/.
        var meant: Set<String> = []
        for relative in FileManager.default.subpaths(atPath: content + "/files") ?? [] {
            var info = stat()
            guard lstat(content + "/files/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                continue
            }
            if relative.split(separator: "/").allSatisfy({ PublishedFiles.reasonToSkip(name: String($0)) == nil }) {
                meant.insert("files/" + relative)
            }
        }
        #expect(!meant.isEmpty)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let published = TestSite.snapshot(site + "/public")
        let underFiles = Set(published.keys.filter { $0.hasPrefix("files/") })
        #expect(underFiles == meant)
        #expect(!published.values.contains { $0 == Data("SECRET-OUTSIDE".utf8) })
    }

    static func name(_ random: inout SplitMix, _ letters: [Character]) -> String {
        String((0..<(1 + Int(random.next() % 3))).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
    }
}

/// A small seeded generator, so that a failing case can be run again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
