import Foundation
import Testing

@testable import LimberKit

@Suite struct MadeOnceTests {
    /// How many times each thing happened, counted from any thread.
    final class Tally: Sendable {
        private let counts = Locked<[String: Int]>([:])

        func add(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }

        subscript(name: String) -> Int { counts.withLock { $0[name, default: 0] } }

        var all: [String: Int] { counts.withLock { $0 } }
    }

    /// Holds the thread until `done` says so: a making waits for a second thread to ask, so that
    /// both ask while the value is being made. It gives up after a few seconds, which only a
    /// machine running one thread at a time needs; it says whether `done` came true.
    @discardableResult static func hold(until done: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(5)
        while !done() {
            if Date() > end { return false }
            usleep(200)
        }
        return true
    }

    // MARK: - A value for each key, kept

    /// A routine's total time is shown on many pages rendered side by side: it is added up once,
    /// even when two pages ask for it at the same moment.
    @Test func aValueTwoThreadsAskForAtOnceIsMadeOnce() {
        let totalTimes = MadeOnceByKey<String, String>()
        let asks = Tally()
        let made = Tally()
        let shown = ParallelMap.map(Array(repeating: "morning", count: 64)) { slug in
            asks.add(slug)
            return totalTimes.value(slug) {
                made.add(slug)
                Self.hold { asks[slug] >= 2 }
                return "12 min"
            }
        }
        #expect(shown == Array(repeating: "12 min", count: 64))
        #expect(made["morning"] == 1)
    }

    /// Many pages asking for many routines' times on every core: each is added up once, and each
    /// page gets its own routine's.
    @Test func everyKeyIsMadeOnceAmongManyThreads() {
        let table = MadeOnceByKey<Int, Int>()
        let made = Tally()
        let keys = (0..<20_000).map { $0 % 100 }
        let values = ParallelMap.map(keys) { key in
            table.value(key) {
                made.add("\(key)")
                return key * key
            }
        }
        #expect(values == keys.map { $0 * $0 })
        #expect(made.all == Dictionary(uniqueKeysWithValues: (0..<100).map { ("\($0)", 1) }))
    }

    /// A second key is not held up while the first one's value is being made.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1, "needs two threads at once"))
    func keysAreMadeSideBySide() {
        let table = MadeOnceByKey<String, String>()
        let made = Tally()
        let values = ParallelMap.map(["slow", "quick"]) { key in
            table.value(key) {
                made.add(key)
                // The slow one is finished only once the quick one is made: both are made at once.
                if key == "slow", !Self.hold(until: { made["quick"] == 1 }) { return "held up" }
                return key.uppercased()
            }
        }
        #expect(values == ["SLOW", "QUICK"])
        #expect(made.all == ["slow": 1, "quick": 1])
    }

    // MARK: - A value for each key, handed over

    /// A routine's JSON-LD is made for its page and its sheet: the second takes the first's, and
    /// the table forgets it, so a third use makes it anew.
    @Test func aHandedOverValueIsMadeForTheFirstUseAndTakenByTheSecond() {
        let plans = MadeOnceByKey<Int, String>(kept: .untilSecondUse)
        var made = 0
        let make = {
            made += 1
            return "plan \(made)"
        }
        let page = plans.value(7, else: make)
        let sheet = plans.value(7, else: make)
        let again = plans.value(7, else: make)
        #expect([page, sheet, again] == ["plan 1", "plan 1", "plan 2"])
        #expect(plans.value(8, else: make) == "plan 3")
    }

    /// A routine's page and its sheet rendered at the same moment on two threads: the plan is
    /// made once, for both.
    @Test func aValueHandedOverBetweenTwoThreadsAtOnceIsMadeOnce() {
        let plans = MadeOnceByKey<Int, String>(kept: .untilSecondUse)
        let asks = Tally()
        let made = Tally()
        let values = ParallelMap.map([3, 3]) { index in
            asks.add("\(index)")
            return plans.value(index) {
                made.add("\(index)")
                Self.hold { asks["\(index)"] >= 2 }
                return "plan"
            }
        }
        #expect(values == ["plan", "plan"])
        #expect(made["3"] == 1)
    }

    // MARK: - One value

    /// A body's text is read from the build cache only by a build that shows it: not when the
    /// stretch is loaded, and once however many pages show it at the same moment.
    @Test func aValueIsMadeWhenFirstReadAndOnceAmongThreads() {
        let made = Tally()
        let asks = Tally()
        let text = MadeOnce<String>(making: {
            made.add("text")
            Self.hold { asks["text"] >= 2 }
            return "<p>Hold for 30 s.</p>"
        })
        #expect(made["text"] == 0)
        let lengths = ParallelMap.map(Array(0..<64)) { _ in
            asks.add("text")
            return text.read { $0.count }
        }
        #expect(lengths == Array(repeating: 21, count: 64))
        #expect(made["text"] == 1)
    }

    /// A value given at the start is never made.
    @Test func aValueGivenIsNotMade() {
        let text = MadeOnce("<p>Breathe.</p>")
        #expect(text.value == "<p>Breathe.</p>")
    }

    /// Changing a value still to be made makes it first, then changes it in place.
    @Test func aChangeMakesTheValueFirst() {
        let made = Tally()
        let steps = MadeOnce<[String]>(making: {
            made.add("steps")
            return ["Kneel"]
        })
        steps.modify { $0.append("Lean forward") }
        #expect(steps.value == ["Kneel", "Lean forward"])
        #expect(made["steps"] == 1)
    }

    /// A body shares its text with its copies until one of them is changed: the others keep theirs.
    @Test func aChangedCopyOfABodyLeavesTheOriginal() {
        let body = RenderedMarkdown(
            links: [], omittedFrames: [], embeds: [], reading: { RenderedMarkdown.Text(html: "<p>One</p>") })
        var copy = body
        copy.html = "<p>Two</p>"
        copy.words = 1
        #expect(body.html == "<p>One</p>")
        #expect(body.words == 0)
        #expect(copy.html == "<p>Two</p>")
        #expect(copy.words == 1)
    }
}

extension MadeOnceTests {
    // MARK: - A value set aside

    /// A body's text set aside in a file is read back at each ask and kept by none, until a
    /// change brings it back into memory for good.
    @Test func aValueSetAsideIsReadBackAtEachAskAndKeptByNone() {
        let text = MadeOnce("<p>Hold the stretch.</p>")
        let reads = Tally()
        text.setAside {
            reads.add("back")
            return "<p>Hold the stretch.</p>"
        }
        #expect(text.isSetAside)
        // The debug build's check read it back once; the counts below start from there.
        let before = reads["back"]
        #expect(text.value == "<p>Hold the stretch.</p>")
        #expect(text.read { $0.count } == 24)
        #expect(reads["back"] == before + 2)

        text.modify { $0 += "<p>Breathe out.</p>" }
        #expect(!text.isSetAside)
        #expect(text.value == "<p>Hold the stretch.</p><p>Breathe out.</p>")
        #expect(reads["back"] == before + 3, "a change reads the value back once, and keeps it")
    }

    /// A value not made yet (a body the build cache still holds) is not set aside: it is read
    /// from the cache when a page first asks.
    @Test func aValueNotYetMadeIsNotSetAside() {
        let text = MadeOnce<String>(making: { "<p>From the cache.</p>" })
        text.setAside { "<p>Elsewhere.</p>" }
        #expect(!text.isSetAside)
        #expect(text.value == "<p>From the cache.</p>")
    }
}
