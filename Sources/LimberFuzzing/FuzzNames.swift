import Foundation
import LimberKit

extension FuzzEntry {
    /// Builds a whole site, twice, with files at the paths an input names, one a line below
    /// `content/` (`pages/x.md`, `x/é.svg`, `a.b/c`): the build succeeds or fails with diagnostics
    /// about files of the site, never about `public/`; the second build, after the files are gone,
    /// takes every one of them out of the output.
    public static func names(_ bytes: [UInt8]) -> [String] {
        let paths = contentPaths(bytes)
        guard !paths.isEmpty else { return [] }
        // A site of its own for every input: the tests replay seeds on several threads at once.
        let site = NSTemporaryDirectory() + "limber-fuzz-names-" + UUID().uuidString
        let content = site + "/content"
        defer { removeTree(site) }
        guard (try? FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)) != nil,
            (try? FileManager.default.copyItem(atPath: fixture.themeRoot + "/templates", toPath: site + "/templates"))
                != nil
        else { return ["cannot make a site in \(site)"] }
        guard (try? FileManager.default.createDirectory(atPath: content, withIntermediateDirectories: true)) != nil
        else { return ["cannot create \(content)"] }
        write(content + "/site.yaml", "title: Names\nbase_url: https://example.org/\n")
        var made: [String] = []
        for path in paths {
            let parts = path.split(separator: "/").map(String.init)
            let folder = content + "/" + parts.dropLast().joined(separator: "/")
            guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
            else { continue }
            let file = content + "/" + path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) { continue }
            write(file, path.hasSuffix(".md") ? "---\ntitle: Page \(made.count)\n---\nText.\n" : "x")
            made.append(path)
        }

        var broken = build(site, "with \(made)")
        for path in made { unlink(content + "/" + path) }
        broken += build(site, "without \(made)")
        for path in made
        where !path.hasSuffix(".md") && !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            // The file as the author wrote it ("x"), not one the theme publishes at that name.
            if FileManager.default.contents(atPath: site + "/public/" + path) == Data("x".utf8) {
                broken.append("public/\(path) is left after its file is gone")
            }
        }
        return broken
    }

    /// The paths an input names: up to 8 lines, each up to 4 parts of up to 255 bytes, with no
    /// empty, `.` or `..` part (those would lead outside `content/`).
    static func contentPaths(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes.filter { $0 != 0 }, as: UTF8.self)
        return text.split(separator: "\n").prefix(8).compactMap { line in
            let parts = line.split(separator: "/").filter { $0 != "." && $0 != ".." }.prefix(4)
                .map { String(decoding: Array($0.utf8.prefix(255)), as: UTF8.self) }
                .filter { !$0.isEmpty && $0.utf8.count <= 255 }
            return parts.isEmpty || parts == ["site.yaml"] ? nil : parts.joined(separator: "/")
        }
    }

    /// One build: an error is fine when it is about a file of the site; a diagnostic anywhere else
    /// (`public`, the command line) is a finding.
    static func build(_ site: String, _ what: String) -> [String] {
        var options = BuildOptions(siteFolder: site)
        options.buildDate = "2026-01-01"
        do {
            _ = try SiteBuilder.build(options)
            return []
        } catch {
            return error.diagnostics.filter {
                !$0.location.path.hasPrefix("content/") && !$0.location.path.hasPrefix("templates/")
            }.map { "a build \(what) reported outside the site's files: \($0)" }
        }
    }

    static func write(_ path: String, _ text: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// Removes a folder this target made, and everything in it.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
