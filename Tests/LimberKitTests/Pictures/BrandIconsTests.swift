import Foundation
import Testing

@testable import LimberKit

/// A coach's `logo` where Limber's icons were: the favicon, the touch icon and the manifest's icons,
/// each drawn from it at its size, a logo that is not square kept in shape; the logo in the header
/// and on sheets; and every problem with it at its line of `site.yaml`.
@Suite(.tags(.slow), .needs("vips", "vipsheader"), .serialized)
struct BrandIconsTests {
    static let date = "2026-03-01"

    /// The basic site with `logo: <path>` (line 8 of its `site.yaml`) and `more` lines after it.
    static func site(logo path: String, more: String = "") throws -> String {
        try BrandTests.site(adding: "logo: \(path)\n" + more)
    }

    /// A red picture (`red`, `green`, `blue`) of `width`×`height` pixels, with no transparency.
    static func picture(_ path: String, width: Int, height: Int, colour: String = "200 30 40") throws {
        let work = TestSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try TestPhoto.vips("black", work + "/black.v", "\(width)", "\(height)", "--bands", "3")
        try TestPhoto.vips("linear", work + "/black.v", work + "/colour.v", "1 1 1", colour)
        try TestPhoto.vips("cast", work + "/colour.v", work + "/colour-8.v", "uchar")
        try TestPhoto.vips("copy", work + "/colour-8.v", path)
    }

    /// A pixel's bands as `vips getpoint` prints them: `200 30 40 255`.
    static func pixel(_ path: String, _ x: Int, _ y: Int) throws -> [Int] {
        try Tool.run("vips", ["getpoint", path, "\(x)", "\(y)"]).split(separator: " ").compactMap {
            Double($0.trimmingCharacters(in: .whitespacesAndNewlines)).map { Int($0.rounded()) }
        }
    }

    static func build(_ site: String, into output: String? = nil) throws -> BuildReport {
        try SiteBuilder.build(BuildOptions(siteFolder: site, output: output, buildDate: date))
    }

    static let logoSVG = """
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">\
        <rect width="200" height="100" fill="#7a2e8c"/></svg>

        """

    // MARK: - The icons

    @Test func aWideLogoBecomesEveryIconAtItsSizeKeptInShape() throws {
        let site = try Self.site(logo: "images/logo.png", more: "background_color: \"#1d3557\"\n")
        try Self.picture(site + "/content/images/logo.png", width: 1024, height: 256)
        _ = try Self.build(site)
        let output = site + "/public/"
        for (file, side) in [
            ("icon-32.png", 32), ("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180),
            ("icon-maskable-512.png", 512),
        ] {
            let size = try TestPhoto.size(output + file)
            #expect(size.width == side && size.height == side, "\(file)")
        }
        // 1024×256 drawn 512×128 across the middle, transparent above and below: not stretched.
        let icon = output + "icon-512.png"
        #expect(try Self.pixel(icon, 0, 0) == [0, 0, 0, 0])
        #expect(try Self.pixel(icon, 256, 150).last == 0)
        #expect(try Self.pixel(icon, 256, 256) == [200, 30, 40, 255])
        #expect(try Self.pixel(icon, 2, 256) == [200, 30, 40, 255])
        // The touch icon and the maskable icon stand on the background, with room around the logo.
        #expect(try Self.pixel(output + "apple-touch-icon.png", 0, 0) == [29, 53, 87])
        #expect(try Self.pixel(output + "apple-touch-icon.png", 90, 90) == [200, 30, 40])
        #expect(try Self.pixel(output + "icon-maskable-512.png", 80, 256) == [29, 53, 87])
        #expect(try Self.pixel(output + "icon-maskable-512.png", 256, 256) == [200, 30, 40])
        // Limber's own icons are gone: no SVG icon stands for a picture logo.
        #expect(!FileManager.default.fileExists(atPath: output + "icon.svg"))
        let html = TestSite.read(output + "index.html")
        #expect(html.contains("<link rel=\"icon\" href=\"icon-32.png\" sizes=\"32x32\" type=\"image/png\">"))
        #expect(!html.contains("image/svg+xml"))
    }

    @Test func theManifestListsTheLogosIconsWithTheSitesBackground() throws {
        let site = try Self.site(logo: "images/logo.svg", more: "background_color: \"#1D3557\"\n")
        try Self.logoSVG.write(toFile: site + "/content/images/logo.svg", atomically: true, encoding: .utf8)
        _ = try Self.build(site)
        let manifest = try BrandTests.manifest(site)
        #expect(manifest["background_color"] as? String == "#1d3557")
        let icons = try #require(manifest["icons"] as? [[String: String]])
        #expect(icons.map { $0["src"] } == ["icon.svg", "icon-192.png", "icon-512.png", "icon-maskable-512.png"])
        #expect(icons.map { $0["sizes"] } == ["any", "192x192", "512x512", "512x512"])
        #expect(icons.map { $0["purpose"] } == ["any", "any", "any", "maskable"])
        for icon in icons where icon["type"] == "image/png" {
            let side = Int(icon["sizes"]!.split(separator: "x")[0])!
            let size = try TestPhoto.size(site + "/public/" + icon["src"]!)
            #expect(size.width == side && size.height == side, "\(icon["src"]!)")
        }
        // The SVG icon is the logo itself, and the PNGs are drawn from it at their size: 2:1, so
        // the 512 icon has the logo's purple across its middle and nothing at its top.
        #expect(TestSite.read(site + "/public/icon.svg") == Self.logoSVG)
        #expect(try Self.pixel(site + "/public/icon-512.png", 256, 256) == [122, 46, 140, 255])
        #expect(try Self.pixel(site + "/public/icon-512.png", 256, 60).last == 0)
        let html = TestSite.read(site + "/public/index.html")
        #expect(html.contains("<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">"))
    }

    @Test func withoutALogoTheManifestKeepsThePagesBackground() throws {
        let site = try TestSite.make()
        _ = try Self.build(site)
        let manifest = try BrandTests.manifest(site)
        #expect(manifest["background_color"] as? String == "#fbfaf7")
        #expect(FileManager.default.fileExists(atPath: site + "/public/icon-32.png"))
        let favicon = try TestPhoto.size(site + "/public/icon-32.png")
        #expect(favicon.width == 32 && favicon.height == 32)
    }

    // MARK: - The logo on pages and sheets

    @Test func theLogoIsInTheHeaderOfEveryPageAndOnTheSheets() throws {
        let site = try Self.site(logo: "images/logo.png")
        try Self.picture(site + "/content/images/logo.png", width: 600, height: 600)
        _ = try Self.build(site)
        let output = site + "/public/"
        for (page, root) in [("index.html", ""), ("stretches/pigeon-pose/index.html", "../../")] {
            let html = TestSite.read(output + page)
            let image = try #require(
                html.firstMatch(
                    of:
                        /<a class="site-title" href="[^"]+"><img class="site-logo" src="([^"]+)" alt="" width="600" height="600">Test Stretches<\/a>/
                ),
                "\(page)")
            #expect(image.1.hasPrefix(root + "images/logo."), "\(page)")
            #expect(FileManager.default.fileExists(atPath: output + String(image.1.dropFirst(root.count))))
        }
        let sheet = TestSite.read(output + "routines/evening-hips/sheet/index.html")
        let printed = try #require(
            sheet.firstMatch(
                of:
                    /<p class="sheet-site"><img class="sheet-logo" src="([^"]+)" alt="" width="320" height="320">Test Stretches<\/p>/
            ))
        #expect(printed.1.hasPrefix("../../../images/logo.") && printed.1.hasSuffix(".jpg"))
        #expect(FileManager.default.fileExists(atPath: output + String(printed.1.dropFirst("../../../".count))))
        // A patient's programme sheet, filled in the browser, has it too.
        let programme = TestSite.read(output + "programme/sheet/index.html")
        #expect(programme.contains("<p class=\"sheet-site\"><img class=\"sheet-logo\" src=\"../../images/logo."))
    }

    /// A picture with no colour profile is sRGB, as browsers show it: published, it keeps its
    /// colours (libvips 8.14, left to itself, turns 200 30 40 into 196 13 30).
    @Test func theLogoKeepsItsColoursInTheHeader() throws {
        let site = try Self.site(logo: "images/logo.png")
        try Self.picture(site + "/content/images/logo.png", width: 600, height: 600)
        _ = try Self.build(site)
        let html = TestSite.read(site + "/public/index.html")
        let image = try #require(html.firstMatch(of: /<img class="site-logo" src="([^"]+)"/))
        for file in [String(image.1), String(image.1).replacingOccurrences(of: ".jpg", with: ".webp")] {
            let pixel = try Self.pixel(site + "/public/" + file, 240, 240)
            #expect(zip(pixel, [200, 30, 40]).allSatisfy { abs($0 - $1) <= 3 }, "\(file): \(pixel)")
        }
    }

    // MARK: - Problems, each at the logo's line

    @Test func everyProblemWithTheBrandIsReportedInOneRun() throws {
        let site = try Self.site(logo: "images/missing.png", more: "background_color: blue\n")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("content/site.yaml:8:7: error: no image at 'content/images/missing.png'"), "\(text)")
        #expect(text.contains("content/site.yaml:9:19: error: background_color 'blue' is not a colour"), "\(text)")
    }

    @Test func aLogoTooSmallForTheHomeScreenIsAnError() throws {
        let site = try Self.site(logo: "images/logo.png")
        try Self.picture(site + "/content/images/logo.png", width: 300, height: 200)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/site.yaml:8:7: error: the logo 'images/logo.png' is 300×200 pixels: the home-screen icon needs at least 512 on its longer side\n    note: give a larger picture, or the logo as an SVG\n"
            ), "\(text)")
    }

    @Test func aLogoThatIsNotAPictureIsAnError() throws {
        let site = try Self.site(logo: "notes.txt")
        try "Anna's notes".write(toFile: site + "/content/notes.txt", atomically: true, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.hasPrefix("content/site.yaml:8:7: error: the logo 'notes.txt' is not a picture\n"), "\(text)")
        // Named .png, holding text: the picture's own check, at the same line.
        let named = try Self.site(logo: "images/logo.png")
        try "not a picture".write(toFile: named + "/content/images/logo.png", atomically: true, encoding: .utf8)
        let damaged = try #require(TestSite.failureText(BuildOptions(siteFolder: named)))
        #expect(
            damaged.hasPrefix(
                "content/site.yaml:8:7: error: the picture 'images/logo.png' is damaged or is not a picture Limber can read"
            ), "\(damaged)")
    }

    @Test func anSVGLogoThatRunsAScriptIsRefusedAtItsLine() throws {
        let site = try Self.site(logo: "images/logo.svg")
        try """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
          <script>alert(1)</script>
        </svg>
        """.write(toFile: site + "/content/images/logo.svg", atomically: true, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.hasPrefix("content/images/logo.svg:2:3: error: the picture 'images/logo.svg'"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }

    @Test func aLogoOutsideContentOrBehindALinkIsRefused() throws {
        let outside = try Self.site(logo: "../logo.png")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: outside)))
        #expect(text.hasPrefix("content/site.yaml:8:7: error: the image '../logo.png' is outside content/"), "\(text)")

        let linked = try Self.site(logo: "images/logo.png")
        let elsewhere = TestSite.temporaryFolder() + "/logo.png"
        try Self.picture(elsewhere, width: 600, height: 600)
        try FileManager.default.createSymbolicLink(
            atPath: linked + "/content/images/logo.png", withDestinationPath: elsewhere)
        let refused = try #require(TestSite.failureText(BuildOptions(siteFolder: linked)))
        #expect(
            refused.contains("content/site.yaml:8:7: error: the image 'images/logo.png' links outside the site"),
            "\(refused)")
    }

    // MARK: - Builds after builds

    @Test func anEditedLogoRedrawsTheIconsAndOnlyThen() throws {
        let site = try Self.site(logo: "images/logo.png")
        let logo = site + "/content/images/logo.png"
        try Self.picture(logo, width: 800, height: 400)
        #expect(try Self.build(site).picturesEncoded == 2)
        let before = try Self.pixel(site + "/public/icon-192.png", 96, 96)

        // Another setting changes: the icons are the ones kept, drawn by no one.
        try PictureTests.append("short_name: Stretches\n", to: site + "/content/site.yaml")
        #expect(try Self.build(site).picturesEncoded == 0)

        try Self.picture(logo, width: 800, height: 400, colour: "20 120 60")
        let report = try Self.build(site)
        #expect(report.picturesEncoded == 2)
        #expect(before == [200, 30, 40, 255])
        #expect(try Self.pixel(site + "/public/icon-192.png", 96, 96) == [20, 120, 60, 255])
        let fresh = TestSite.temporaryFolder() + "/full"
        _ = try Self.build(site, into: fresh)
        RebuildTests.expectSame(site + "/public", as: fresh, after: "a new logo")

        // A stretch edited: the update keeps the new icons.
        try PictureTests.append("\nOne more line.\n", to: site + "/content/stretches/pigeon-pose.md")
        let update = try Self.build(site)
        #expect(update.rendered < update.pages)
        #expect(try Self.pixel(site + "/public/icon-192.png", 96, 96) == [20, 120, 60, 255])
        let again = TestSite.temporaryFolder() + "/full"
        _ = try Self.build(site, into: again)
        RebuildTests.expectSame(site + "/public", as: again, after: "a stretch edited under a logo")
    }
}
