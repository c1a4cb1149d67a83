import Foundation
import LimberTemplates
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

    /// Escaping skips plain text eight bytes at a time: a mark anywhere in a word, at its start,
    /// its end or next to another, is still escaped.
    @Test func everyMarkIsEscapedWhereverItFalls() {
        let marks: [(Character, String)] = [
            ("<", "&lt;"), (">", "&gt;"), ("&", "&amp;"), ("\"", "&quot;"), ("'", "&#39;"),
        ]
        for length in 0...20 {
            for at in 0..<max(length, 1) {
                for (mark, entity) in marks {
                    var text = Array(repeating: Character("a"), count: length)
                    if length > 0 { text[at] = mark }
                    let plain = String(text)
                    let expected = plain.replacingOccurrences(of: String(mark), with: entity)
                    #expect(LimberHTML.escape(plain) == expected, "\(plain)")
                    // Two marks side by side, and one in the bytes after a multi-byte character.
                    #expect(LimberHTML.escape("é" + plain + "<>") == "é" + expected + "&lt;&gt;")
                }
            }
        }
    }

    /// The same for JSON in a `<script>`: quotes, backslashes, `<`, control characters and the
    /// line separators are escaped wherever they fall.
    @Test func everyJSONMarkIsEscapedWhereverItFalls() {
        let marks: [(String, String)] = [
            ("\"", "\\\""), ("\\", "\\\\"), ("<", "\\u003c"), ("\n", "\\n"), ("\u{01}", "\\u0001"),
            ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
        ]
        for length in 1...20 {
            for at in 0..<length {
                for (mark, escaped) in marks {
                    let plain =
                        String(repeating: "a", count: at) + mark + String(repeating: "b", count: length - at - 1)
                    var json = JSONBytes()
                    json.string(plain)
                    let expected = "\"" + plain.replacingOccurrences(of: mark, with: escaped) + "\""
                    #expect(json.text == expected, "\(plain.debugDescription)")
                }
            }
        }
        // Bytes at and above 0x80 that are not a line separator stay as they are.
        var json = JSONBytes()
        json.string("Übung — ‘Dehnen’ 30 s")
        #expect(json.text == "\"Übung — ‘Dehnen’ 30 s\"")
    }
}
