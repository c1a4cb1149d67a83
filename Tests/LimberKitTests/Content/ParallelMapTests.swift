import Testing

@testable import LimberKit

@Suite struct ParallelMapTests {
    /// Pages come out in the order of their stretches, each made once, whatever the core that made
    /// it; debug builds also check that each place of the result was written exactly once.
    @Test(arguments: [0, 1, 2, 31, 32, 33, 10_007])
    func keepsTheOrderAndMapsEachItemOnce(count: Int) {
        let made = MadeOnceTests.Tally()
        let items = (0..<count).map { "stretch-\($0)" }
        let pages = ParallelMap.map(items) { slug in
            made.add(slug)
            return slug + "/index.html"
        }
        #expect(pages == items.map { $0 + "/index.html" })
        #expect(made.all == Dictionary(uniqueKeysWithValues: items.map { ($0, 1) }))
    }
}
