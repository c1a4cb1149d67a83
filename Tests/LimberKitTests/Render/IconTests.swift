import Foundation
import Testing

@testable import LimberKit

/// The guide's icons as a phone sees them: the touch icon every page links, and the icons the web
/// app manifest lists for the home screen, each a file of the build at the size it claims.
@Suite struct IconTests {
    /// Width and height from a PNG's header (the IHDR chunk right after the signature).
    static func pngSize(_ path: String) -> [Int]? {
        guard let data = FileManager.default.contents(atPath: path), data.count > 24,
            data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        else { return nil }
        let bytes = [UInt8](data)
        func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return [number(16), number(20)]
    }

    @Test func everyPageLinksATouchIconOf180Pixels() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        for page in ["index.html", "stretches/pigeon-pose/index.html", "routines/evening-hips/index.html"] {
            let html = TestSite.read(site + "/public/" + page)
            let link = try #require(
                html.firstMatch(of: /<link rel="apple-touch-icon" href="([^"]+)" sizes="180x180">/), "\(page)")
            let file = ((site + "/public/" + page) as NSString).deletingLastPathComponent + "/" + link.1
            let size = try #require(Self.pngSize(file), "\(page) links \(link.1), which is not a PNG")
            #expect(size == [180, 180])
        }
    }

    @Test func theManifestListsTheSVGAndPNGsOf192And512Pixels() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(TestSite.read(site + "/public/manifest.webmanifest").utf8)) as? [String: Any]
        let icons = try #require(manifest?["icons"] as? [[String: String]])
        #expect(icons.map { $0["sizes"] } == ["any", "192x192", "512x512"])
        #expect(icons.map { $0["type"] } == ["image/svg+xml", "image/png", "image/png"])
        for icon in icons where icon["type"] == "image/png" {
            let side = Int(icon["sizes"]!.split(separator: "x")[0])!
            let size = try #require(Self.pngSize(site + "/public/" + icon["src"]!), "\(icon["src"]!)")
            #expect(size == [side, side])
        }
        #expect(FileManager.default.fileExists(atPath: site + "/public/" + icons[0]["src"]!))
    }
}
