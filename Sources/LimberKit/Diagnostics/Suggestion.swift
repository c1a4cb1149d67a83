/// "Did you mean …?" for a misspelt name.
enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be what the author meant.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(lowered.count, candidate.count) / 3)
        if distance <= limit { return candidate }
        // A word that starts right and is mostly right, like `stretchy` for `static`.
        if candidate.first == lowered.first, Double(distance) < Double(lowered.count) * 0.7 { return candidate }
        // A name written as a part of the right one, like `low-lunge` for `static-low-lunge`.
        guard lowered.count >= 4 else { return nil }
        return candidates.filter { $0.lowercased().contains(lowered) }
            .min { editDistance(lowered, $0.lowercased()) < editDistance(lowered, $1.lowercased()) }
    }

    /// `note: did you mean 'x'?`, or nil.
    static func note(for word: String, in candidates: [String]) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Whether `a` becomes `b` by one edit: a letter added, dropped or changed, or two neighbours
    /// swapped (`buidl` for `build`).
    static func isOneEditAway(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        if x == y { return false }
        if x.count == y.count {
            let differ = x.indices.filter { x[$0] != y[$0] }
            if differ.count == 1 { return true }
            return differ.count == 2 && differ[1] == differ[0] + 1 && x[differ[0]] == y[differ[1]]
                && x[differ[1]] == y[differ[0]]
        }
        return abs(x.count - y.count) == 1 && editDistance(a, b) == 1
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
