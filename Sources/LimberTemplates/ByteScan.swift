/// Finding the next byte that needs escaping, eight bytes at a time: most text has none, and
/// looking at each byte in turn was most of what escaping cost. Public and inlinable for Limber's
/// JSON escaping: a call into another module per eight bytes, with its two closures, cost more
/// than the scan itself.
public enum ByteScan {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is zero (exact: no byte is reported that is not zero).
    @inlinable @inline(__always) static func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }

    /// Whether any byte of `word` is `byte`.
    @inlinable @inline(__always) public static func has(_ word: UInt64, _ byte: UInt8) -> Bool {
        hasZero(word ^ (ones &* UInt64(byte)))
    }

    /// Whether any byte of `word` is below `limit` (at most 128).
    @inlinable @inline(__always) public static func hasBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// The index of the first byte from `start` on that `isSpecial` is true of, or `bytes.count`.
    /// `wordHasSpecial` must be true of every eight bytes that hold such a byte.
    ///
    /// > Warning: Each eight bytes are read without a bounds check: only while all eight lie in
    /// > `bytes` (`index + 8 <= count`), which debug builds assert before each read.
    @inlinable @inline(__always) public static func next(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, wordHasSpecial: (UInt64) -> Bool,
        isSpecial: (UInt8) -> Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            assert(index >= 0 && index + 8 <= bytes.count, "an eight-byte read past the text")
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            if wordHasSpecial(word) { break }
            index += 8
        }
        while index < count, !isSpecial(base[index]) { index += 1 }
        return index
    }
}
