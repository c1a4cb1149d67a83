import Dispatch
import Foundation

/// Maps over an array on every core, keeping the input's order.
enum ParallelMap {
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let box = ResultBox<R>(count: items.count)
            items.withUnsafeBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    box.set(index, transform(buffer[index]))
                }
            }
            return box.values.map { $0! }
        }
    }
}

private final class ResultBox<R>: @unchecked Sendable {
    private let lock = NSLock()
    var values: [R?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: R) { lock.withLock { values[index] = value } }
}
