import Foundation

/// The file an author most likely meant by a path that leads to nothing: the path written from the
/// site folder (`content/images/x.jpg`), a name whose capitals or extension differ from the file's,
/// or a name a letter or two away.
enum MeantFile {
    enum Reason {
        case writtenFromTheSiteFolder
        case capitals
        case fileExtension
        case spelling
    }

    /// `path` and `files` relative to `content/`.
    static func find(_ path: String, among files: [String]) -> (file: String, reason: Reason)? {
        if path.hasPrefix("content/") {
            let inside = String(path.dropFirst("content/".count))
            if let found = find(inside, among: files) { return (found.file, .writtenFromTheSiteFolder) }
            return nil
        }
        if files.contains(path) { return (path, .writtenFromTheSiteFolder) }
        let lowered = path.lowercased()
        if let same = files.first(where: { $0.lowercased() == lowered }) { return (same, .capitals) }
        let stem = PathComponents.removingExtension(lowered)
        if let other = files.first(where: { PathComponents.removingExtension($0.lowercased()) == stem }) {
            return (other, .fileExtension)
        }
        // By name: the folders' shared names would make any two paths look alike.
        let name = PathComponents.name(of: path)
        let names = files.map { PathComponents.name(of: $0) }
        guard let closest = Suggestion.closest(to: name, in: names) else { return nil }
        return (files[names.firstIndex(of: closest)!], .spelling)
    }

    /// `note: …` for the file found, written as `link` (how the author should write its path);
    /// `inBody` for a link in Markdown, which leads from the built page rather than from `content/`.
    static func note(_ found: (file: String, reason: Reason), link: String, inBody: Bool = false) -> String {
        switch found.reason {
        case .writtenFromTheSiteFolder:
            inBody
                ? "the built site has no content/ folder: did you mean '\(link)'?"
                : "paths start inside content/: did you mean '\(link)'?"
        case .capitals: "did you mean '\(link)'? Capitals count: a web server finds only the name as it is written"
        case .fileExtension:
            "did you mean '\(link)'? The file's extension is '.\(PathComponents.fileExtension(of: found.file))'"
        case .spelling: "did you mean '\(link)'?"
        }
    }
}
