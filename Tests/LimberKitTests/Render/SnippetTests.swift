import Foundation
import Testing

@testable import LimberKit

/// A site's own `head` and `footer` snippets, files in its theme: an analytics tag at the end of
/// every page's `<head>`, sheets too, and a contact link in every page's footer.
@Suite struct SnippetTests {
    static let head = "<script defer data-domain=\"anna.example\" src=\"https://plausible.io/js/script.js\"></script>\n"
    static let footer = "<p class=\"contact\"><a href=\"mailto:anna@example.org\">anna@example.org</a></p>\n"

    static func site() throws -> String {
        let site = try TestSite.make()
        try head.write(toFile: site + "/templates/partials/head.mustache", atomically: true, encoding: .utf8)
        try footer.write(toFile: site + "/templates/partials/footer.mustache", atomically: true, encoding: .utf8)
        return site
    }

    @Test func theSitesSnippetsAreOnEveryPage() throws {
        let site = try Self.site()
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(report.pages > 10)
        for page in [
            "index.html", "stretches/pigeon-pose/index.html", "routines/evening-hips/index.html",
            "routines/evening-hips/sheet/index.html", "programme/sheet/index.html", "404.html",
        ] {
            let html = TestSite.read(site + "/public/" + page)
            #expect(html.contains(Self.head + "</head>"), "\(page)")
            let footer = try #require(html.range(of: "<footer class=\"site-footer\">"), "\(page)")
            let contact = try #require(html.range(of: Self.footer), "\(page)")
            #expect(footer.upperBound < contact.lowerBound, "\(page)")
        }
    }

    @Test func theBuiltInSnippetsAddNothing() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let html = TestSite.read(site + "/public/index.html")
        #expect(html.contains("every field.</p>\n    <p class=\"built-with\">"))
        #expect(!html.contains("partials/head.mustache") && !html.contains("partials/footer.mustache"))
    }

    @Test func aSnippetThatNamesWhatNoPageHasStopsTheBuild() throws {
        let site = try TestSite.make()
        try "<a href=\"{{site.contact}}\">Contact</a>\n".write(
            toFile: site + "/templates/partials/footer.mustache", atomically: true, encoding: .utf8)
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(text.contains("templates/partials/footer.mustache:1:12: error:"), "\(text)")
    }
}
