import Dispatch
import Foundation

/// Maps over an array on every core, keeping the input's order.
enum ParallelMap {
    /// `transform` applied to each of `items`, on as many threads as there are cores, in the
    /// order of `items`. `transform` runs on several threads at once, so it is `@Sendable`: what
    /// it captures is either immutable or guarded (`Locked`, `MadeOnceByKey`).
    ///
    /// > Warning: The results are written straight into the new array's uninitialised storage,
    /// > from every thread. That is sound because the chunks split `0..<items.count` into
    /// > disjoint, adjacent ranges that cover it, so each place is initialised exactly once, by one
    /// > thread, before the array is counted as `count` long; and `concurrentPerform` returns only
    /// > when every chunk is done. Debug builds count the writes to each place and assert that
    /// > every place got exactly one.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let count = items.count
        // Many small runs, handed to whichever core is free, so one slow item (a long list page)
        // does not leave the other core idle; each result is written once, to its own place.
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 16)
        let writes = WriteCount.make(count)
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Written from every thread at once, each place by one of them: see the warning above.
            nonisolated(unsafe) let output = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let range = (chunk * count / chunks)..<((chunk + 1) * count / chunks)
                for index in range {
                    (output + index).initialize(to: transform(items[index]))
                }
                writes?.add(range)
            }
            writes?.assertEachOnce()
            initialized = count
        }
    }

    /// `make` started on another thread at once, for a value asked for later: the asker waits
    /// for it, or makes it there and then when no thread has taken it up yet. `make` may map on
    /// every core itself.
    static func ahead<Value: Sendable>(_ make: @escaping @Sendable () -> Value) -> MadeOnce<Value> {
        let made = MadeOnce(making: make)
        DispatchQueue.global().async { made.read { _ in } }
        return made
    }

    /// How many times each place of the output was written: counted in debug builds only (where
    /// `assert` runs), to check `map`'s invariant.
    private struct WriteCount: Sendable {
        private let times: Locked<[Int]>

        /// A count for `count` places in debug builds; nil (nothing counted) in release builds.
        static func make(_ count: Int) -> WriteCount? {
            var counting: WriteCount?
            assert(
                {
                    counting = WriteCount(times: Locked(Array(repeating: 0, count: count)))
                    return true
                }())
            return counting
        }

        func add(_ range: Range<Int>) {
            times.withLock { times in for index in range { times[index] += 1 } }
        }

        func assertEachOnce() {
            times.withLock { times in
                assert(times.allSatisfy { $0 == 1 }, "ParallelMap wrote a result other than exactly once")
            }
        }
    }
}
