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

    @Test func aTenMegabyteFileBuilds() throws {
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
}
