import Foundation
import Testing

@testable import LimberKit

/// A guide in its author's colours and name: `theme_color`, `accent_color` and `short_name` in
/// `site.yaml` reach the pages, the stylesheet's custom properties and the web app manifest.
@Suite struct BrandTests {
    /// The basic fixture site with `lines` added to its `site.yaml` (which has 7 lines before them).
    static func site(adding lines: String, title: String? = nil) throws -> String {
        let site = try TestSite.make()
        var settings = TestSite.read(site + "/content/site.yaml")
        if let title { settings = settings.replacingOccurrences(of: "title: Test Stretches", with: "title: \(title)") }
        try (settings + lines).write(toFile: site + "/content/site.yaml", atomically: false, encoding: .utf8)
        return site
    }

    static func manifest(_ site: String) throws -> [String: Any] {
        let text = TestSite.read(site + "/public/manifest.webmanifest")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - Colours

    @Test func theSitesColoursReachThePagesTheStylesheetAndTheManifest() throws {
        let site = try Self.site(adding: "theme_color: \"#136\"\naccent_color: \"#7A2E8C\"\n")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        for page in ["index.html", "stretches/pigeon-pose/index.html", "routines/evening-hips/index.html"] {
            let html = TestSite.read(site + "/public/" + page)
            #expect(html.contains("<meta name=\"theme-color\" content=\"#113366\">"), "\(page)")
            #expect(html.contains("<style media=\"screen\">:root{--accent:#7a2e8c;--accent-strong:"), "\(page)")
            // The site's style comes after the theme's stylesheet, so that it wins.
            let sheet = try #require(html.range(of: "rel=\"stylesheet\""))
            let style = try #require(html.range(of: "--accent:#7a2e8c"))
            #expect(sheet.lowerBound < style.lowerBound)
        }
        #expect(try Self.manifest(site)["theme_color"] as? String == "#113366")
    }

    @Test func anAccentAloneIsAlsoThePhonesBarColour() throws {
        let site = try Self.site(adding: "accent_color: \"#7a2e8c\"\n")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(TestSite.read(site + "/public/index.html").contains("<meta name=\"theme-color\" content=\"#7a2e8c\">"))
        #expect(try Self.manifest(site)["theme_color"] as? String == "#7a2e8c")
    }

    @Test func aNewAccentReachesEveryPageOnTheNextBuild() throws {
        let site = try Self.site(adding: "accent_color: \"#7a2e8c\"\n")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let settings = TestSite.read(site + "/content/site.yaml").replacingOccurrences(of: "#7a2e8c", with: "#1d3557")
        try settings.write(toFile: site + "/content/site.yaml", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        for page in ["index.html", "stretches/pigeon-pose/index.html"] {
            let html = TestSite.read(site + "/public/" + page)
            #expect(html.contains("--accent:#1d3557") && !html.contains("#7a2e8c"), "\(page)")
        }
        #expect(try Self.manifest(site)["theme_color"] as? String == "#1d3557")
    }

    @Test func withoutColoursTheThemesGreenStands() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let html = TestSite.read(site + "/public/index.html")
        #expect(html.contains("<meta name=\"theme-color\" content=\"#0a6b63\">"))
        #expect(!html.contains("<style media=\"screen\">"))
        #expect(try Self.manifest(site)["theme_color"] as? String == "#0a6b63")
    }

    @Test func aPaleAccentIsALocatedErrorWithItsRatioAndADarkerShade() throws {
        let site = try Self.site(adding: "accent_color: \"#8fd3cc\"\n")
        let printed = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            printed.contains(
                "content/site.yaml:8:15: error: accent_color '#8fd3cc' has a contrast of 1.6:1 against the page's "
                    + "background #fbfaf7; links need at least 4.5:1"),
            "\(printed)")
        let shade = try #require(printed.firstMatch(of: /a darker shade such as "(#[0-9a-f]{6})"/)?.1)
        let color = try #require(BrandColor(hex: String(shade)))
        for background in BrandColor.lightBackgrounds {
            #expect(color.contrast(with: background.color) >= 4.5, "\(shade) on \(background.name)")
        }
    }

    @Test func anAccentThatPassesOnThePageButNotInTheFooterNamesTheFooter() throws {
        // 4.5:1 on the page's background, 4.1:1 on the footer's.
        let site = try Self.site(adding: "accent_color: \"#737373\"\n")
        let printed = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            printed.contains("accent_color '#737373' has a contrast of 4.1:1 against the footer's background #f1efe9"))
    }

    @Test(arguments: [
        ("accent_color: #0a6b63\n", "'accent_color' is empty", "a # starts a comment"),
        ("theme_color: \"#0a6b6\"\n", "theme_color '#0a6b6' is not a colour", "CSS hex colour"),
        ("theme_color: teal\n", "theme_color 'teal' is not a colour", "CSS hex colour"),
    ])
    func aMalformedColourIsALocatedError(line: String, message: String, note: String) throws {
        let site = try Self.site(adding: line)
        let printed = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(printed.contains("content/site.yaml:8:"), "\(printed)")
        #expect(printed.contains("error: " + message), "\(printed)")
        #expect(printed.contains(note), "\(printed)")
    }

    @Test(arguments: ["#0a6b63", "#7a2e8c", "#1d3557", "#000000", "#595959"])
    func theDarkSchemesShadeOfAnAccentReadsOnItsBackgrounds(hex: String) throws {
        var settings = SiteSettings(title: "T", baseURL: "/")
        settings.accentColor = BrandColor(hex: hex)
        let css = try #require(settings.accentCSS)
        let dark = try #require(css.firstMatch(of: /dark\)\{:root\{--accent:(#[0-9a-f]{6})/)?.1)
        let color = try #require(BrandColor(hex: String(dark)))
        #expect(color.contrast(with: BrandColor.darkSurface) >= 4.5)
        #expect(color.contrast(with: BrandColor.darkBackground) >= 4.5)
    }

    // MARK: - Short name

    @Test(arguments: [
        ("Dehnen mit Anna", "Dehnen mit"), ("Hip Flexors", "Hip Flexors"), ("Stretching, for all", "Stretching"),
        ("Beweglichkeitstraining", "Beweglichkei"), ("Yoga - Hüfte öffnen", "Yoga - Hüfte"),
        ("Twelve chars", "Twelve chars"),
    ])
    func aShortNameKeepsWholeWords(title: String, short: String) {
        #expect(SiteSettings.shortened(title) == short)
    }

    @Test func theManifestsShortNameIsTheTitleCutToWholeWords() throws {
        let site = try Self.site(adding: "", title: "Dehnen mit Anna")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(try Self.manifest(site)["short_name"] as? String == "Dehnen mit")
    }

    @Test func anExplicitShortNameIsKeptAndALongOneIsAWarning() throws {
        let site = try Self.site(adding: "short_name: Anna dehnt mit dir\n")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(try Self.manifest(site)["short_name"] as? String == "Anna dehnt mit dir")
        let warnings = report.diagnostics.map(\.description)
        #expect(
            warnings.contains {
                $0.hasPrefix("content/site.yaml:8:13: warning: short_name 'Anna dehnt mit dir' is 18 characters long")
            }, "\(warnings)")
    }
}
