import Foundation
import Testing

@testable import LimberKit

/// Text from front matter is shown as text, never run as code.
@Suite struct EscapingTests {
    @Test func scriptInATitleIsEscapedEverywhere() throws {
        let site = try TestSite.make()
        let path = site + "/content/stretches/leg-swings.md"
        var text = TestSite.read(path)
        text = text.replacingOccurrences(
            of: "title: Leg Swings", with: "title: \"Leg <script>alert('x')</script> Swings & more\"")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let pages = TestSite.snapshot(site + "/public").filter { $0.key.hasSuffix(".html") }
        var shown = 0
        for (name, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script>alert"), "\(name)")
            if html.contains("Leg &lt;script&gt;alert(") { shown += 1 }
        }
        #expect(shown >= 4, "the title is shown, escaped, on the stretch, index, kind and target pages")
    }

    @Test func rawHTMLInABodyIsLeftOut() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let html = TestSite.read(site + "/public/stretches/pigeon-pose/index.html")
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }
}
