import Testing

@testable import LimberKit

@Suite struct FieldsTests {
    /// Trimming as it was written before plain ASCII ends were trimmed by bytes: Character by Character.
    private func trimmedByCharacters(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    @Test func trimsSpacesAndLineEndsAsCharactersWould() {
        // Spaces, line ends, a no-break space, an accent that joins the space before it into one
        // Character, a prepended mark that joins the letter after it: every text of up to four.
        let pieces = [" ", "\t", "\n", "\r", "a", "-", "\u{0301}", "\u{00A0}", "é", "\u{0600}", ".", "\u{2028}"]
        var texts = [""]
        var longer = [""]
        for _ in 1...4 {
            longer = longer.flatMap { text in pieces.map { text + $0 } }
            texts += longer
        }
        let differing = texts.filter { Array($0.trimmingSpaces().utf8) != Array(trimmedByCharacters($0).utf8) }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { Array($0.unicodeScalars) })")
        #expect("  Hip flexors \n".trimmingSpaces() == "Hip flexors")
    }
}
