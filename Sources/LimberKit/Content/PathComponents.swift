/// A path's parts, read by splitting on `/`: its folder, its name, its extension.
///
/// Foundation's `NSString` path methods trap (SIGILL) on a one-character path on Linux, so a
/// folder named `x` under `content/` stopped every build; these work on any text, empty included.
enum PathComponents {
    /// Everything before the last `/`, trailing slashes ignored: `a/b/c.md` → `a/b`, `a` → ``,
    /// `/a` → `/`.
    static func folder(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The part after the last `/`, trailing slashes ignored: `a/b/c.md` → `c.md`, `/` → `/`.
    static func name(of path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        let name = trimmed[trimmed.index(after: slash)...]
        return name.isEmpty ? String(trimmed) : String(name)
    }

    /// The name's part after its last `.`, without the dot; empty when the name has no dot, or
    /// only a leading one (`.gitignore`) or a trailing one (`a.`).
    static func fileExtension(of path: String) -> String {
        let name = name(of: path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The path without its name's extension and the dot before it: `a/b.c.png` → `a/b.c`.
    static func removingExtension(_ path: String) -> String {
        let trimmed = trimmingTrailingSlashes(path)
        let found = fileExtension(of: String(trimmed))
        guard !found.isEmpty else { return String(trimmed) }
        return String(trimmed.dropLast(found.count + 1))
    }

    /// A relative path with `.` and empty parts dropped and each `..` taken back against the part
    /// before it: `a/./b/../c` → `a/c`, `a/../../x` → `../x`. Unlike `NSString.standardizingPath`,
    /// it never expands `~` and never leaves a `..` that leads above the path's start hidden.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The path without slashes at its end, unless it is nothing but slashes.
    private static func trimmingTrailingSlashes(_ path: String) -> Substring {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
