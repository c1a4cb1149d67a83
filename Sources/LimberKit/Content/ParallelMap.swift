import Dispatch
import Foundation

/// Maps over an array on every core, keeping the input's order.
enum ParallelMap {
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let count = items.count
        // Many small runs, handed to whichever core is free, so one slow item (a long list page)
        // does not leave the other core idle; each result is written once, to its own place.
        let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 16)
        return withoutActuallyEscaping(transform) { transform in
            [R](unsafeUninitializedCapacity: count) { output, initialized in
                items.withUnsafeBufferPointer { input in
                    nonisolated(unsafe) let input = input
                    nonisolated(unsafe) let output = output
                    nonisolated(unsafe) let transform = transform
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        for index in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                            (output.baseAddress! + index).initialize(to: transform(input[index]))
                        }
                    }
                }
                initialized = count
            }
        }
    }
}
