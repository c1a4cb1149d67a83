import Foundation
import Testing

@testable import LimberKit

/// docs/content.md is where authors learn how to write a dose and a frequency: every example in its
/// tables reads as the table says.
@Suite struct ContentDocsTests {
    static let docs = (try? String(contentsOfFile: TestSite.repository + "/docs/content.md", encoding: .utf8)) ?? ""

    /// The rows of the table whose header starts with `header`, each as its cells.
    static func table(startingWith header: String) -> [[String]] {
        let lines = docs.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
        return lines[(start + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// The `code` spans of a cell.
    static func examples(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func everyDoseInTheTableReadsAndShowsAsTheTableSays() throws {
        let rows = Self.table(startingWith: "| You write | Shown as |")
        #expect(rows.count >= 20)
        for row in rows {
            let shown = try #require(Self.examples(row[1]).first)
            for written in Self.examples(row[0]) {
                let dose = try Dose(parsing: written)
                #expect(dose.display == shown, "\(written)")
            }
        }
    }

    @Test func everyFrequencyInTheGridTableGetsItsGrid() throws {
        let rows = Self.table(startingWith: "| `frequency` | The grid's columns |")
        #expect(rows.count == 4)
        for row in rows {
            let expected: Frequency.Tracking =
                row[1].contains("two boxes")
                ? .days(ticks: 2)
                : row[1].contains("Week") ? .weeks : row[1].contains("sessions") ? .sessions : .days(ticks: 1)
            for written in Self.examples(row[0]) {
                let (frequency, nearMiss) = Frequency.read(written)
                #expect(frequency.tracking == expected, "\(written)")
                #expect(nearMiss == nil, "\(written)")
            }
        }
    }

    @Test func theFrequenciesTheRoutineTableNamesAreKnown() throws {
        let row = try #require(
            Self.table(startingWith: "| Field | Required | What to write |").first { $0[0] == "`frequency`" })
        let forms = Self.examples(row[2]).filter { $0 != "after every run" }
        #expect(forms.count >= 8)
        for form in forms { #expect(throws: Never.self, "\(form)") { try Frequency(parsing: form) } }
    }
}
