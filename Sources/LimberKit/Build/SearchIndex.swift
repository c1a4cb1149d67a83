import Foundation

/// The site's search index, made by Pagefind from the pages a build wrote, before they replace the
/// published site: `pagefind/` beside the pages, one index per language (`<html lang>`), read by
/// `static/search.js` over HTTP(S). Pages mark what is searched (`data-pagefind-body`) and what
/// the filter chips narrow by (`data-pagefind-filter`): the stretch, routine and article pages.
///
/// Pagefind writes into a scratch folder of Limber's own; the files are then written into the
/// build as Limber writes any other, so a failed run leaves the published site as it was, and the
/// next build knows which files are the index (the output's list of its files).
enum SearchIndex {
    /// The folder of the index in the output.
    static let folder = "pagefind"

    static let installHint =
        "install it with 'pip install pagefind-bin' and put its binary on PATH: ln -s \"$(python3 -c"
        + " 'import pagefind_bin; print(pagefind_bin.get_executable())')\" ~/.local/bin/pagefind"

    /// Whether an output file is part of the index.
    static func isFile(_ relative: String) -> Bool { relative.hasPrefix(folder + "/") }

    /// Pagefind: `explicit` when it is a program, else `pagefind` (or `pagefind_extended`) on
    /// `PATH`; nil when there is none.
    static func find(explicit: String? = nil) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        return (ExternalCommand("pagefind") ?? ExternalCommand("pagefind_extended"))?.path
    }

    /// Indexes the pages in `site` (a build's staged folder, or the copy an edit is written into)
    /// with `pagefind`, in `scratch` (made anew, and removed afterwards), and hands each file of
    /// the index that pages load to `write`, as `pagefind/…`. Returns their names; throws with
    /// what Pagefind said when it fails.
    @discardableResult
    static func make(
        site: String, pagefind: String, scratch: String, write: (String, [UInt8]) throws -> Void
    ) throws -> [String] {
        FileTree.remove(scratch)
        defer { FileTree.remove(scratch) }
        let command = ExternalCommand(name: "pagefind", path: pagefind)
        let result = try command.run([
            "--site", site, "--output-path", scratch, "--keep-index-url", "--quiet",
        ])
        guard result.status == 0 else {
            let said = (result.stderr.isEmpty ? result.stdout : result.stderr)
                .split(separator: "\n").suffix(6).joined(separator: "\n")
            throw OutputError(message: "Pagefind failed (\(pagefind) exited with \(result.status)):\n\(said)")
        }
        var names: [String] = []
        for file in (FileManager.default.subpaths(atPath: scratch) ?? []).sorted() where isLoaded(file) {
            guard let bytes = FileManager.default.contents(atPath: scratch + "/" + file) else {
                // A folder: its files are listed on their own.
                continue
            }
            try write(folder + "/" + file, [UInt8](bytes))
            names.append(folder + "/" + file)
        }
        guard names.contains(folder + "/pagefind.js") else {
            throw OutputError(message: "Pagefind (\(pagefind)) wrote no pagefind.js into \(scratch)")
        }
        return names
    }

    /// Whether pages load a file Pagefind writes: its own search interfaces
    /// (`pagefind-ui.js`, `pagefind-component-ui.js`, …) and highlighter are left out.
    private static func isLoaded(_ file: String) -> Bool {
        !(file.hasPrefix("pagefind-") && (file.contains("-ui.") || file.hasPrefix("pagefind-highlight")))
    }
}
