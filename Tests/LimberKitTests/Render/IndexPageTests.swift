import Foundation
import Testing

@testable import LimberKit

/// The home page shows the first `index_cards` stretches of each kind and links to the kind's
/// page for the rest, so a guide of thousands of stretches still has a home page that loads.
@Suite struct IndexPageTests {
    func index(indexCards: Int?) throws -> String {
        let site = try TestSite.make()
        if let indexCards {
            let settings = site + "/content/site.yaml"
            try (TestSite.read(settings) + "index_cards: \(indexCards)\n")
                .write(toFile: settings, atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return TestSite.read(site + "/public/index.html")
    }

    /// The cards in the section of one kind.
    func cards(of kind: String, in html: String) -> Int {
        guard let start = html.range(of: "id=\"kind-\(kind)\"") else { return 0 }
        let section = html[start.upperBound...]
        let end = section.range(of: "</section>")?.lowerBound ?? section.endIndex
        return section[..<end].components(separatedBy: "<article class=\"card").count - 1
    }

    @Test func aKindWithMoreStretchesLinksToItsList() throws {
        let html = try index(indexCards: 1)
        #expect(cards(of: "static", in: html) == 1)
        #expect(cards(of: "dynamic", in: html) == 1)
        #expect(html.contains("<a href=\"kinds/static/index.html\">Static: all 2 stretches</a>"))
        #expect(!html.contains("Dynamic: all"), "a kind with no more stretches has no link to the rest")
    }

    @Test func byDefaultASmallGuideShowsEveryStretch() throws {
        let html = try index(indexCards: nil)
        #expect(cards(of: "static", in: html) == 2)
        // No kind links to the rest of its list (the routines and stretches sections link to theirs).
        #expect(!html.contains(": all "))
    }
}
