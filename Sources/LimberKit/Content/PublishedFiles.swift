/// Which files under `content/` (and the theme's `templates/`) are published: only what the author
/// meant to. Hidden files and folders (a name starting with `.`, but for `.well-known/`),
/// version-control folders, editors' backup and swap files, and links that lead out of their
/// folder are left out, each named once in a warning (a folder once, not each file in it).
enum PublishedFiles {
    /// Why a file or folder called `name` is never published; nil when it may be.
    static func reasonToSkip(name: String) -> String? {
        // Nearly every name: a Markdown file that is not hidden, seen by its bytes.
        if name.utf8.count > 3, name.utf8.first != UInt8(ascii: "."), name.utf8.suffix(3).elementsEqual(".md".utf8) {
            return nil
        }
        if versionControl.contains(name) { return "a version-control folder is never published" }
        if name.hasPrefix(".") && name != ".well-known" { return "a hidden file or folder is never published" }
        if name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#")) {
            return "an editor's backup file is never published"
        }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let ending = name[name.index(after: dot)...].lowercased()
            if backupEndings.contains(ending) { return "a backup, swap or temporary file is never published" }
        }
        return nil
    }

    static let versionControl: Set<String> = [".git", ".svn", ".hg", ".bzr", "CVS", "_darcs", ".jj", ".pijul"]
    static let backupEndings: Set<String> = ["bak", "orig", "rej", "swp", "swo", "swn", "tmp", "old", "backup"]

    /// Every file below `top` (`content` or `templates`) that may be read and published, relative
    /// to the site folder and sorted, with a warning for each file or folder left out.
    /// A folder listed already (by its path, like `content/stretches`) is taken from `listings`.
    static func list(
        _ folder: SiteFolder, below top: String, listings: [String: [SiteFolder.Entry]] = [:]
    ) -> (files: [String], skipped: [Diagnostic]) {
        var files: [String] = []
        var skipped: [Diagnostic] = []
        // Only folders that are no links are entered: below a `top` that is none either, a file
        // that is no link is where its path says, inside `top`, without following its path
        // (a third of the time of listing a large site).
        let linkFreeTop = (top == "content" || top == "templates") && folder.isLinkFreeFolder(top)
        // A stack, not recursion: a folder's depth is the author's to choose.
        var folders = [top]
        while let current = folders.popLast() {
            for entry in listings[current] ?? folder.listing(current) {
                let path = current + "/" + entry.name
                var at: SourceLocation { SourceLocation(path: path, line: 1, column: 1) }
                if let reason = reasonToSkip(name: entry.name) {
                    skipped.append(.warning(at: at, "not published: \(reason)"))
                    continue
                }
                if entry.isDirectory {
                    if folder.isRealDirectory(path) {
                        folders.append(path)
                    } else if !folder.staysInside(path) {
                        skipped.append(.warning(at: at, "not published: a link that leads outside \(top)/"))
                    }
                    continue
                }
                guard (linkFreeTop && !entry.mayBeLink) || folder.staysInside(path) else {
                    // A Markdown file is read, not published: reading it says what is wrong.
                    if !path.hasSuffix(".md") {
                        skipped.append(.warning(at: at, "not published: a link that leads outside \(top)/"))
                    }
                    continue
                }
                files.append(path)
            }
        }
        return (files.sorted(), skipped.sorted { $0.location < $1.location })
    }
}
