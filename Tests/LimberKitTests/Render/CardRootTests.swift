import Testing

@testable import LimberKit

/// A stretch's card is rendered once, with a marker where its links start, and shown on pages at
/// every depth: each page puts its own way back to the site's root in place of the marker.
@Suite struct CardRootTests {
    let marker = ViewBuilder.cardRoot

    @Test func everyMarkerBecomesThePagesRoot() {
        let card = "\(marker)stretches/pigeon-pose/\">Pigeon pose</a><img src=\"\(marker)images/pigeon.jpg\">"
        #expect(
            ViewBuilder.card(card, at: "../../")
                == "../../stretches/pigeon-pose/\">Pigeon pose</a><img src=\"../../images/pigeon.jpg\">")
    }

    /// Text in any script, and accents written as combining marks next to a marker, come through
    /// as they were.
    @Test func theTextAroundTheMarkersIsKeptAsItIs() {
        let card = "Hüftbeuger – ½ Minute\u{301}<a href=\"\(marker)x/\">e\u{301}tirement 伸展</a>\(marker)"
        #expect(
            ViewBuilder.card(card, at: "./")
                == "Hüftbeuger – ½ Minute\u{301}<a href=\"./x/\">e\u{301}tirement 伸展</a>./")
        #expect(ViewBuilder.card("no marker at all: \u{E000}", at: "../") == "no marker at all: \u{E000}")
        #expect(ViewBuilder.card("", at: "../") == "")
    }
}
