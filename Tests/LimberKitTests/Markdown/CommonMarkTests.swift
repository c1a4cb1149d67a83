import Dispatch
import Foundation
import Testing

@testable import LimberKit

@Suite struct CommonMarkTests {
    @Test func rendersTheGitHubExtensions() {
        let html = CommonMark.render(
            """
            ~~old~~ and https://example.org

            | a | b |
            | - | - |
            | 1 | 2 |

            - [x] done
            """
        ).html
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" />"))
    }

    /// Slugs name pages (`stretches/<slug>/`, `targets/hip-flexors/`) and heading ids: ASCII
    /// letters and digits joined by hyphens, whatever script or symbols the name is written in.
    @Test(arguments: [
        ("Hip Flexors", "hip-flexors"), ("  lower back / psoas_2 ", "lower-back-psoas-2"),
        ("90/90 Stretch!", "90-90-stretch"), ("Child's Pose", "childs-pose"), ("Child’s Pose", "childs-pose"),
        ("Ü-Stretch für Nacken", "u-stretch-fur-nacken"), ("Straße", "strasse"), ("Épaule Droite", "epaule-droite"),
        ("Crème brûlée", "creme-brulee"), ("Æbleskiver Øvelse", "aebleskiver-ovelse"), ("Łydka", "lydka"),
        ("Растяжка шеи", "rastazka-sei"), ("Quads — Rectus femoris", "quads-rectus-femoris"),
        ("🧘 Sun Salute 🌞", "sun-salute"), ("-Leading and trailing-", "leading-and-trailing"),
        ("---", ""), ("🧘🌞", ""), ("", ""),
    ])
    func slugsAreASCIILettersAndDigitsJoinedByHyphens(name: String, expected: String) {
        let made = slug(for: name, language: "en")
        #expect(made == expected, "\(name)")
        #expect(made.isEmpty || ContentLoader.isValidSlug(made), "\(made) is a slug a file may have")
    }

    @Test func headingIdsAreTransliteratedToo() {
        let html = CommonMark.render("## Über die Dehnung\n\n## 🧘\n").html
        #expect(html.contains("<h2 id=\"uber-die-dehnung\">"), "\(html)")
        #expect(html.contains("<h2 id=\"section\">"), "\(html)")
    }

    @Test func makesPunctuationSmart() {
        #expect(CommonMark.render("\"Hold\" -- don't bounce").html.contains("“Hold” – don’t bounce"))
    }

    @Test func startsABodysHeadingsAtH2() {
        let html = CommonMark.render("## Setup\n\n### Detail").html.replacingOccurrences(of: "\n", with: "")
        #expect(html.contains("<h2 id=\"setup\">Setup</h2><h3 id=\"detail\">Detail</h3>"))
    }

    @Test func givesHeadingsIdsAndMovesThemDownALevel() {
        let rendered = CommonMark.render("# How to do it\n\n## How to *do* it\n\ntext")
        let html = rendered.html.replacingOccurrences(of: "\n", with: "")
        #expect(html.contains("<h2 id=\"how-to-do-it\">How to do it</h2>"))
        #expect(html.contains("<h3 id=\"how-to-do-it-1\">How to <em>do</em> it</h3>"))
        #expect(rendered.headings.map(\.id) == ["how-to-do-it", "how-to-do-it-1"])
        #expect(!rendered.html.contains("<h1"))
    }

    @Test func leavesRawHTMLOutUnlessTheSiteAllowsIt() {
        let markdown = "<script>alert(1)</script>\n\nText with <b>bold</b>."
        let safe = CommonMark.render(markdown).html
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        let unsafe = CommonMark.render(markdown, options: .init(unsafeHTML: true)).html
        #expect(unsafe.contains("<b>bold</b>"))
        // The tag filter still defuses script tags when raw HTML is on.
        #expect(!unsafe.contains("<script>"))
    }

    @Test func linksToFoldersNameTheirPageSoTheyWorkFromDisk() {
        let html = CommonMark.render("[a](../couch-stretch/) [b](../x/#cues) [c](https://example.org/) [d](notes.txt)")
            .html
        #expect(html.contains("href=\"../couch-stretch/index.html\""))
        #expect(html.contains("href=\"../x/index.html#cues\""))
        #expect(html.contains("href=\"https://example.org/\""))
        #expect(html.contains("href=\"notes.txt\""))
    }

    @Test func picturesInABodyLoadLazily() {
        #expect(
            CommonMark.render("![A lunge](lunge.png)").html.contains(
                "<img loading=\"lazy\" src=\"lunge.png\" alt=\"A lunge\" />"))
    }

    @Test func picturesInRawHTMLLoadLazilyWhenRawHTMLIsKept() {
        let options = CommonMark.Options(unsafeHTML: true)
        #expect(
            CommonMark.render("A lunge: <img src=\"lunge.png\" alt=\"\">", options: options).firstParagraph
                == "<p>A lunge: <img loading=\"lazy\" src=\"lunge.png\" alt=\"\"></p>")
        #expect(
            CommonMark.render("<div><img src=\"a.png\"></div>", options: options).html.contains(
                "<img loading=\"lazy\" src=\"a.png\">"))
        // Written as code, it is text, not a picture.
        #expect(
            CommonMark.render("`<img src=\"a.png\">`").html == "<p><code>&lt;img src=&quot;a.png&quot;&gt;</code></p>\n"
        )
    }

    @Test func dropsJavaScriptLinks() {
        let html = CommonMark.render("[click](javascript:alert(1))").html
        #expect(!html.contains("javascript:"))
    }

    @Test func collectsLinksWithTheirLinesAndTheFirstOrderedList() {
        let rendered = CommonMark.render("Intro\n\n1. First step\n2. Second [link](../x/)\n\n![pic](a.png)")
        #expect(rendered.orderedSteps == ["First step", "Second link"])
        #expect(rendered.links.map(\.destination) == ["../x/", "a.png"])
        #expect(rendered.links.map(\.line) == [4, 6])
    }

    @Test func survivesDeepNesting() {
        let rendered = CommonMark.render(String(repeating: "*", count: 30_000) + "x")
        #expect(rendered.html.hasPrefix("<p>"))
        let lists = CommonMark.render(String(repeating: "- ", count: 5_000) + "x")
        #expect(lists.html.contains("<ul>"))
    }

    /// cmark-gfm flips a process-wide table while parsing strikethrough and autolinks: parsing on
    /// several threads at once loses `<del>` on some pages unless parsing is serialised.
    @Test func rendersEveryPageRightWhenRenderingInParallel() {
        let pages = (0..<2_000).map { "Page \($0): ~~strike \($0)~~ and www.example.org/\($0) done." }
        let rendered = ParallelMap.map(pages) { CommonMark.render($0).html }
        let wrong = rendered.enumerated().filter { index, html in
            !html.contains("<del>strike \(index)</del>")
                || !html.contains("<a href=\"http://www.example.org/\(index)\">")
        }
        #expect(wrong.isEmpty, "\(wrong.count) of 2,000 pages rendered wrongly")
    }
}
