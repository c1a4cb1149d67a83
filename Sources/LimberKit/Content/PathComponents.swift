/// A path's parts, read by splitting on `/`: its folder, its name, its extension.
///
/// Foundation's `NSString` path methods trap (SIGILL) on a one-character path on Linux, so a
/// folder named `x` under `content/` stopped every build; these work on any text, empty included.
/// They look at bytes, not characters: a name may start with a combining mark, which joins the `/`
/// before it into one character (`a/\u{301}b` is three characters, none of them `/`).
enum PathComponents {
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    /// Everything before the last `/`, trailing slashes ignored: `a/b/c.md` → `a/b`, `a` → ``,
    /// `/a` → `/`.
    static func folder(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let last = trimmed.lastIndex(of: slash) else { return "" }
        var end = last
        while end > trimmed.startIndex, trimmed[trimmed.index(before: end)] == slash {
            end = trimmed.index(before: end)
        }
        return end == trimmed.startIndex ? "/" : text(trimmed[..<end])
    }

    /// The part after the last `/`, trailing slashes ignored: `a/b/c.md` → `c.md`, `/` → `/`.
    static func name(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let last = trimmed.lastIndex(of: slash) else { return text(trimmed) }
        let name = trimmed[trimmed.index(after: last)...]
        return name.isEmpty ? text(trimmed) : text(name)
    }

    /// The name's part after its last `.`, without the dot; empty when the name has no dot, or
    /// only a leading one (`.gitignore`) or a trailing one (`a.`).
    static func fileExtension(of path: String) -> String {
        let name = Array(name(of: path).utf8)
        guard let last = name.lastIndex(of: dot), last != 0 else { return "" }
        return String(decoding: name[(last + 1)...], as: UTF8.self)
    }

    /// The path without its name's extension and the dot before it: `a/b.c.png` → `a/b.c`.
    static func removingExtension(_ path: String) -> String {
        let trimmed = text(trimmingTrailingSlashes(path))
        let found = fileExtension(of: trimmed)
        guard !found.isEmpty else { return trimmed }
        return String(decoding: trimmed.utf8.dropLast(found.utf8.count + 1), as: UTF8.self)
    }

    /// `path` without `prefix` (a folder such as `content/`), by bytes; `path` when it does not
    /// start with it.
    static func dropping(_ prefix: String, from path: String) -> String {
        guard path.utf8.starts(with: prefix.utf8) else { return path }
        return String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// A relative path with `.` and empty parts dropped and each `..` taken back against the part
    /// before it: `a/./b/../c` → `a/c`, `a/../../x` → `../x`. Unlike `NSString.standardizingPath`,
    /// it never expands `~` and never leaves a `..` that leads above the path's start hidden.
    static func normalized(_ path: String) -> String {
        var parts: [String] = []
        for bytes in path.utf8.split(separator: slash, omittingEmptySubsequences: true) {
            let part = text(bytes)
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (path.utf8.first == slash ? "/" : "") + parts.joined(separator: "/")
    }

    /// The path's bytes without slashes at their end, unless it is nothing but slashes.
    private static func trimmingTrailingSlashes(_ path: String) -> Substring.UTF8View {
        var trimmed = Substring(path).utf8
        while trimmed.count > 1, trimmed.last == slash { trimmed = trimmed.dropLast() }
        return trimmed
    }

    private static func text(_ bytes: Substring.UTF8View) -> String { String(decoding: bytes, as: UTF8.self) }
}
