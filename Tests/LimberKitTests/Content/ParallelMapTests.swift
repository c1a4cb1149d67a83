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

    /// Work started ahead (the sheets measured while the guide is put in order) gives its value
    /// once, made once, whether the asker comes before or after another thread has made it.
    @Test(arguments: [false, true])
    func workStartedAheadIsMadeOnceAndWaitedFor(askAtOnce: Bool) {
        let made = MadeOnceTests.Tally()
        let sheets = ParallelMap.ahead {
            made.add("sheets")
            return ParallelMap.map(Array(0..<100)) { $0 * 2 }
        }
        if !askAtOnce { _ = ParallelMap.map(Array(0..<1_000)) { $0 + 1 } }
        #expect(sheets.value == Array(0..<100).map { $0 * 2 })
        #expect(sheets.value.count == 100)
        #expect(made.all == ["sheets": 1])
    }
}
