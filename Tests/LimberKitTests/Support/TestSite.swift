import Foundation

@testable import LimberKit

/// Fixture sites for tests: copied into a fresh temporary folder with the repository's theme.
enum TestSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = repository + "/Tests/LimberKitTests/Fixtures"

    /// A new folder holding `Fixtures/sites/<site>/content` and the repository's `templates/`, with
    /// the files of `overlay`'s `content/` and `templates/` on top.
    static func make(_ site: String = "basic", overlay: String? = nil) throws -> String {
        let folder = temporaryFolder()
        let fileManager = FileManager.default
        try fileManager.copyItem(atPath: fixtures + "/sites/\(site)/content", toPath: folder + "/content")
        try fileManager.copyItem(atPath: repository + "/templates", toPath: folder + "/templates")
        for part in ["content", "templates"] {
            guard let overlay else { break }
            let source = fixtures + "/\(overlay)/\(part)"
            for file in fileManager.subpaths(atPath: source) ?? [] {
                var isDirectory: ObjCBool = false
                fileManager.fileExists(atPath: source + "/" + file, isDirectory: &isDirectory)
                if isDirectory.boolValue { continue }
                let target = folder + "/\(part)/" + file
                try? fileManager.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fileManager.removeItem(atPath: target)
                try fileManager.copyItem(atPath: source + "/" + file, toPath: target)
            }
        }
        return folder
    }

    /// The repository's own site, copied so that tests never touch its `public/`.
    static func repositorySite() throws -> String {
        let folder = temporaryFolder()
        try FileManager.default.copyItem(atPath: repository + "/content", toPath: folder + "/content")
        try FileManager.default.copyItem(atPath: repository + "/templates", toPath: folder + "/templates")
        return folder
    }

    /// A new folder of its own, inside this test process's folder, which goes when the process
    /// ends: a run of the suite makes thousands of sites and outputs, and left behind they filled
    /// the disk of the machine that ran it.
    static func temporaryFolder() -> String {
        let path = runFolder + "/" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// This process's folder of temporary folders, removed at its exit.
    private static let runFolder: String = {
        atexit {
            try? FileManager.default.removeItem(
                atPath: TestSite.runFolderPath(ProcessInfo.processInfo.processIdentifier))
        }
        return runFolderPath(ProcessInfo.processInfo.processIdentifier)
    }()

    private static func runFolderPath(_ process: Int32) -> String {
        NSTemporaryDirectory() + "limber-test-\(process)"
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Every file below `folder`, relative to it, with its bytes.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for file in FileManager.default.subpaths(atPath: folder) ?? [] {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + file, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[file] = FileManager.default.contents(atPath: folder + "/" + file) }
        }
        return files
    }

    /// The folders in the site's `.limber/outputs/` where builds keep a cache and a copy of the site,
    /// one an output folder.
    static func keptFolders(_ site: String) -> [String] {
        let outputs = site + "/.limber/outputs"
        return ((try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? []).sorted().map {
            outputs + "/" + $0
        }
    }

    /// The build cache of the site's only output.
    static func cacheFile(_ site: String) -> String? {
        let kept = keptFolders(site)
        return kept.count == 1 ? kept[0] + "/cache" : nil
    }

    /// The diagnostics of a build that must fail, as printed.
    static func failureText(_ options: BuildOptions) -> String? {
        do {
            _ = try SiteBuilder.build(options)
            return nil
        } catch {
            return error.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        }
    }
}
