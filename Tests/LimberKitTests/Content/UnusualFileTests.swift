import Foundation
import Testing

@testable import LimberKit

/// Files that are not what they seem: huge, deeply nested, or links that lead out of the site.
@Suite struct UnusualFileTests {
    static let header = """
        ---
        title: Big
        summary: A very large file.
        kind: static
        level: beginner
        targets: [hips]
        dose: 30 s
        ---

        """

    @Test(.tags(.slow)) func aTenMegabyteFileBuilds() throws {
        let site = try TestSite.make()
        let paragraph = String(repeating: "Breathe out and ease further into the stretch. ", count: 20) + "\n\n"
        let body = String(repeating: paragraph, count: 10_500_000 / paragraph.utf8.count)
        try (Self.header + body).write(toFile: site + "/content/stretches/big.md", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let page = try #require(FileManager.default.contents(atPath: site + "/public/stretches/big/index.html"))
        #expect(page.count > 10_000_000)
    }

    @Test(arguments: [
        String(repeating: "- ", count: 30_000) + "x",
        String(repeating: "*", count: 30_000) + "x" + String(repeating: "*", count: 30_000),
        String(repeating: ">", count: 30_000) + " x",
        String(repeating: "[", count: 30_000) + "x" + String(repeating: "](y)", count: 30_000),
    ])
    func deepNestingNeitherCrashesNorOverflows(body: String) throws {
        let site = try TestSite.make()
        try (Self.header + body).write(toFile: site + "/content/stretches/deep.md", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let page = TestSite.read(site + "/public/stretches/deep/index.html")
        #expect(page.contains("<h1>Big</h1>"))
    }

    @Test func aLinkThatLeadsOutsideTheSiteIsRefused() throws {
        let site = try TestSite.make()
        let outside = TestSite.temporaryFolder() + "/secret.md"
        try TestSite.read(site + "/content/stretches/leg-swings.md").write(
            toFile: outside, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: site + "/content/stretches/secret.md", withDestinationPath: outside)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text == "content/stretches/secret.md:1:1: error: a link that leads outside content/ is not read\n")
    }

    /// A file listed as a plain file that is made a link before it is read (by a sync tool, or
    /// someone racing the build) is not followed out of the site.
    @Test func aFileListedAsNoLinkIsNotFollowedIfItBecameOne() throws {
        let site = try TestSite.make()
        let outside = TestSite.temporaryFolder() + "/token.md"
        try "SECRET-TOKEN".write(toFile: outside, atomically: false, encoding: .utf8)
        let file = site + "/content/stretches/leg-swings.md"
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside)
        let folder = SiteFolder(root: site)
        guard case .failure = folder.read("content/stretches/leg-swings.md", linkFree: true) else {
            Issue.record("a link read as a plain file was followed out of the site")
            return
        }
    }

    @Test func aStretchFolderThatLinksOutsideTheSiteIsRefusedFileByFile() throws {
        let site = try TestSite.make()
        let outside = TestSite.temporaryFolder() + "/stretches"
        try FileManager.default.moveItem(atPath: site + "/content/stretches", toPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: site + "/content/stretches", withDestinationPath: outside)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains("content/stretches/leg-swings.md:1:1: error: a link that leads outside content/ is not read"))
        #expect(
            text.contains("content/stretches/pigeon-pose.md:1:1: error: a link that leads outside content/ is not read")
        )
    }

    @Test func aStretchFolderThatLinksInsideContentIsRead() throws {
        let site = try TestSite.make()
        try FileManager.default.moveItem(atPath: site + "/content/stretches", toPath: site + "/content/kept")
        try FileManager.default.createSymbolicLink(atPath: site + "/content/stretches", withDestinationPath: "kept")
        try FileManager.default.createSymbolicLink(
            atPath: site + "/content/kept/pigeon-pose-again.md", withDestinationPath: "pigeon-pose.md")
        let options = BuildOptions(siteFolder: site)
        let (content, diagnostics) = ContentLoader.load(SiteFolder(root: site), kinds: options.kinds)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(content?.stretches.map(\.slug).contains("pigeon-pose-again") == true)
        #expect(content?.stretches.map(\.slug).contains("leg-swings") == true)
    }

    @Test func anImageThatLinksOutsideTheSiteIsRefused() throws {
        let site = try TestSite.make()
        try FileManager.default.removeItem(atPath: site + "/content/images/pigeon.svg")
        try FileManager.default.createSymbolicLink(
            atPath: site + "/content/images/pigeon.svg", withDestinationPath: "/etc/hostname")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/stretches/pigeon-pose.md:15:8: error: the image 'images/pigeon.svg' links outside the site"))
    }

    @Test func aFIFOAndADeviceAreReportedAtTheirOwnPathsWithoutWaiting() throws {
        let site = try TestSite.make()
        #expect(mkfifo(site + "/content/stretches/pipe.md", 0o644) == 0)
        #expect(mkfifo(site + "/content/pipe", 0o644) == 0)
        // /dev/zero's numbers (1, 5): reading it never ends.
        #expect(mknod(site + "/content/images/zero", S_IFCHR | 0o644, dev_t(1 << 8 | 5)) == 0)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/stretches/pipe.md:1:1: error: the file is a named pipe (FIFO), not a regular file"))
        #expect(text.contains("content/pipe:1:1: error: the file is a named pipe (FIFO), not a regular file"))
        #expect(text.contains("content/images/zero:1:1: error: the file is a character device, not a regular file"))
        #expect(!text.contains("public"))
    }

    @Test func namesTooLongForAFolderAreReportedWhereTheyAreWritten() throws {
        let site = try TestSite.make()
        let stretches = site + "/content/stretches/"
        let stretch = TestSite.read(stretches + "leg-swings.md")
        let long = String(repeating: "b", count: 300)
        try stretch.replacingOccurrences(of: "title: Leg Swings", with: "title: Long\nslug: \(long)")
            .write(toFile: stretches + "long.md", atomically: false, encoding: .utf8)
        let name = String(repeating: "c", count: 240)
        try stretch.replacingOccurrences(of: "title: Leg Swings", with: "title: Long Name")
            .write(toFile: stretches + name + ".md", atomically: false, encoding: .utf8)
        try stretch.replacingOccurrences(of: "title: Leg Swings", with: "title: Long Target")
            .replacingOccurrences(of: "targets: [", with: "targets: [\(String(repeating: "hips ", count: 60)), ")
            .write(toFile: stretches + "target.md", atomically: false, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("content/stretches/long.md:3:7: error: the slug is longer than 200 bytes"))
        #expect(
            text.contains("content/stretches/\(name).md:1:1: error: the file name is longer than 200 bytes"))
        #expect(text.contains("content/stretches/target.md:6:11: error: the target is too long for its page's address"))
        #expect(!text.contains("public"))
    }
}
