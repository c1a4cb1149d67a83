import Foundation

/// A script with a line for each of the guide's stretches, in the guide's order, between a head
/// and a tail: `cards.js`, `cues.js` and the composer's data. Lines are joined by `,` and a line
/// break, and a line shows its stretch and nothing else (JSON strings carry no line break of their
/// own). So after an edit that keeps every stretch in its place, the script is the last build's
/// with the lines of the stretches whose front matter changed made again (`patched`): the cost of
/// the edit, not of the guide.
struct StretchLines {
    /// Everything before the first stretch's line.
    var head: JSONBytes
    /// Everything after the last stretch's line.
    var tail: String
    /// How many stretches there are.
    var count: Int
    /// Writes the line of the stretch at a place in the guide's order, without its `,`.
    var line: (Int, inout JSONBytes) -> Void

    /// The whole script.
    func whole() -> String {
        var out = head
        for index in 0..<count {
            if index > 0 { out += ",\n" }
            line(index, &out)
        }
        out += tail
        return out.text
    }

    /// `patched` when `old` and `changed` allow it, else the whole script. A debug build makes
    /// both and checks that they agree.
    func made(from old: [UInt8]?, changed: [Int]?) -> String {
        guard let old, let changed, let patched = patched(old, changed: changed) else { return whole() }
        assert(patched == whole(), "a script patched after an edit is not the one made whole")
        return patched
    }

    /// The script as `old` (the last build's) with the lines of the stretches at `changed` made
    /// again; nil when `old` is not a script of as many stretches with this head and tail (a
    /// stretch's targets changed, say, which the head lists: the script is then made whole).
    func patched(_ old: [UInt8], changed: [Int]) -> String? {
        let tail = Array(tail.utf8)
        guard count > 0, old.count >= head.count + tail.count, old.starts(with: head.bytes),
            old.suffix(tail.count).elementsEqual(tail)
        else { return nil }
        // Where each line starts, found with `memchr`: splitting the 3 MB of `cards.js` into
        // slices a line each took 16 ms of an edit at 10,000 stretches.
        let end = old.count - tail.count
        var starts = [head.count]
        starts.reserveCapacity(count + 1)
        old.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var at = head.count
            while at < end, let found = memchr(base + at, Int32(UInt8(ascii: "\n")), end - at) {
                at = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(at)
            }
        }
        guard starts.count == count, changed.allSatisfy({ (0..<count).contains($0) }) else { return nil }
        // Line `i` is `starts[i] ..< starts[i + 1] - 1`; the last ends where the tail starts.
        starts.append(end + 1)
        var out = head
        out.reserveCapacity(old.count + 1024)
        // Up to where `old` is copied: the bytes between changed lines are copied whole.
        var copied = head.count
        for index in Set(changed).sorted() {
            out.append(bytes: old[copied..<starts[index]])
            line(index, &out)
            if index < count - 1 { out += "," }
            copied = starts[index + 1] - 1
        }
        out.append(bytes: old[copied..<end])
        out += self.tail
        return out.text
    }
}
