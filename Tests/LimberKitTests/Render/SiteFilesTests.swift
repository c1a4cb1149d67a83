import Testing

@testable import LimberKit

/// The feed keeps the newest entries of a guide with thousands of dated pages without sorting
/// them all (`SiteFiles.top`): the same entries, in the same order, as sorting them would give.
@Suite struct SiteFilesTests {
    @Test func theFirstEntriesAreThoseSortingWouldGive() {
        // Days with many pages each, so that the page's address breaks ties, in a shuffled order.
        var generator = SystemRandomNumberGenerator()
        let entries = (0..<500).map { index in (date: "2026-01-\(10 + index % 7)", url: "stretches/s\(index)/") }
        let isBefore = { (a: (date: String, url: String), b: (date: String, url: String)) in
            (a.date, b.url) > (b.date, a.url)
        }
        for count in [0, 1, 50, 499, 500, 600] {
            let shuffled = entries.shuffled(using: &generator)
            let top = SiteFiles.top(count, of: shuffled, by: isBefore)
            let sorted = Array(shuffled.sorted(by: isBefore).prefix(count))
            #expect(top.map(\.url) == sorted.map(\.url), "the first \(count)")
        }
    }
}
