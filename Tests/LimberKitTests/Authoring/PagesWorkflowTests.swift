import Foundation
import Testing

@testable import LimberKit

/// `limber init` leaves a folder that is ready for git and, with `--ci`, for the forge's Pages: the
/// CI files pass the forges' own checks (actionlint, with shellcheck on the scripts, and GitLab's
/// schema through check-jsonschema, both installed into `.venv` by `scripts/setup.sh test`).
@Suite(.tags(.slow), .needs(Tool.venv("bin/actionlint"), Tool.venv("bin/check-jsonschema"), "git"))
struct PagesWorkflowTests {
    static let venv = TestSite.repository + "/.venv/bin/"

    /// Runs `program` and returns its exit status and everything it printed.
    static func run(
        _ program: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw Tool.Missing(description: "\(program) is not installed: run scripts/setup.sh test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What shellcheck finds in `script`, read as POSIX sh.
    static func shellcheck(_ script: String) throws -> (status: Int32, output: String) {
        let file = TestSite.temporaryFolder() + "/install.sh"
        try script.write(toFile: file, atomically: false, encoding: .utf8)
        return try run("/usr/bin/shellcheck", ["--shell=sh", file])
    }

    /// The value at `keys` in a YAML file, a key at a time (an `Int` picks from a list).
    static func value(_ yaml: String, _ keys: [Any]) throws -> Node? {
        var node = try YAML.compose(yaml)
        for key in keys {
            switch (node, key) {
            case (.mapping(let mapping), let key as String):
                node = mapping.pairs.first { $0.key.scalar?.string == key }?.value
            case (.sequence(let list), let index as Int):
                node = index < list.nodes.count ? list.nodes[index] : nil
            default: return nil
            }
        }
        return node
    }

    /// The install script of a CI file, run as the forge would with the variables the file sets.
    static func runInstall(_ script: String, variables: Node?) throws -> (status: Int32, output: String) {
        let folder = TestSite.temporaryFolder()
        var environment = ["PATH": "/usr/bin:/bin"]
        if case .mapping(let pairs) = variables {
            for (key, value) in pairs.pairs {
                if let key = key.scalar?.string, let value = value.scalar?.string { environment[key] = value }
            }
        }
        let result = try run("/bin/sh", ["-c", script], in: folder, environment: environment)
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: folder)) == [], "nothing is fetched or installed")
        return result
    }

    @Test func initIgnoresWhatBuildsWriteAndWritesNoCIFileUnasked() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        try Scaffold.initSite(at: folder)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: folder))
        #expect(FileManager.default.fileExists(atPath: folder + "/public/index.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/.limber"))
        #expect(try Self.run("/usr/bin/git", ["init", "-q"], in: folder).status == 0)
        let status = try Self.run("/usr/bin/git", ["status", "--porcelain", "--untracked-files=all"], in: folder)
        #expect(status.output.contains("content/site.yaml"))
        #expect(status.output.contains(".gitignore"))
        #expect(!status.output.contains("public/"), "\(status.output)")
        #expect(!status.output.contains(".limber/"), "\(status.output)")
        for forge in PagesWorkflow.Forge.allCases {
            #expect(!FileManager.default.fileExists(atPath: folder + "/" + forge.path))
        }
    }

    @Test func theGitHubWorkflowPassesActionlintAndPublishesAtThePagesAddress() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        let files = try Scaffold.initSite(at: folder, ci: .github)
        #expect(files.contains(".github/workflows/pages.yml"))
        #expect(files.contains(".gitignore"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.gitlab-ci.yml"))
        let path = folder + "/.github/workflows/pages.yml"
        let lint = try Self.run(Self.venv + "actionlint", [path])
        #expect(lint.status == 0, "\(lint.output)")

        let text = TestSite.read(path)
        for needed in [
            "uses: actions/configure-pages@v5", "uses: actions/upload-pages-artifact@v4",
            "uses: actions/deploy-pages@v4", "uses: actions/cache@v4", "pages: write", "id-token: write",
            "concurrency:\n  group: pages",
            "run: limber build --base-url \"${{ steps.pages.outputs.base_url }}/\"",
            "env:\n  # Where this site's build gets Limber.", "LIMBER_DEB_URL: \"\"",
            "LIMBER_TAG: v\(Limber.version)", "limber_\(Limber.version)_amd64.deb",
        ] {
            #expect(text.contains(needed), "\(needed)")
        }
        let steps = try Self.value(text, ["jobs", "build", "steps"])
        guard case .sequence(let list) = steps else {
            Issue.record("no build steps")
            return
        }
        let install = list.nodes.compactMap { step -> String? in
            guard case .mapping(let pairs) = step,
                pairs.pairs.contains(where: {
                    $0.key.scalar?.string == "name" && $0.value.scalar?.string == "Install Limber"
                })
            else { return nil }
            return pairs.pairs.first { $0.key.scalar?.string == "run" }?.value.scalar?.string
        }.first
        let script = try #require(install)
        let unset = try Self.runInstall(script, variables: try Self.value(text, ["env"]))
        #expect(unset.status == 1)
        #expect(unset.output.contains("error: set LIMBER_DEB_URL (or LIMBER_GIT_URL) at the top of this CI file"))
    }

    @Test func theGitLabFilePassesTheSchemaAndPublishesAtThePagesAddress() throws {
        let folder = TestSite.temporaryFolder() + "/site"
        let files = try Scaffold.initSite(at: folder, ci: .gitlab)
        #expect(files.contains(".gitlab-ci.yml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.github"))
        let path = folder + "/.gitlab-ci.yml"
        let check = try Self.run(Self.venv + "check-jsonschema", ["--builtin-schema", "vendor.gitlab-ci", path])
        #expect(check.status == 0, "\(check.output)")

        let text = TestSite.read(path)
        #expect(try Self.value(text, ["pages", "artifacts", "paths", 0])?.scalar?.string == "public")
        #expect(
            try Self.value(text, ["pages", "script", 1])?.scalar?.string
                == "limber build --base-url \"$CI_PAGES_URL/\"")
        #expect(try Self.value(text, ["variables", "LIMBER_DEB_URL"])?.scalar?.string == "")
        #expect(try Self.value(text, ["variables", "LIMBER_TAG"])?.scalar?.string == "v\(Limber.version)")
        #expect(try Self.value(text, ["pages", "cache", 1, "paths", 0])?.scalar?.string == ".limber/pictures/")
        #expect(try Self.value(text, ["pages", "image"])?.scalar?.string == "$LIMBER_IMAGE")
        let images = try [0, 1].map { try Self.value(text, ["pages", "rules", $0, "variables", "LIMBER_IMAGE"]) }
        #expect(images.map { $0?.scalar?.string } == ["debian:bookworm-slim", "swift:6.3-bookworm"])

        let script = try #require(try Self.value(text, ["pages", "script", 0])?.scalar?.string)
        let checked = try Self.shellcheck(script)
        #expect(checked.status == 0, "\(checked.output)")
        let unset = try Self.runInstall(script, variables: try Self.value(text, ["variables"]))
        #expect(unset.status == 1)
        #expect(unset.output.contains("error: set LIMBER_DEB_URL (or LIMBER_GIT_URL) at the top of this CI file"))
    }

    @Test func initTellsWhatToDoNextForEachForge() throws {
        let home = TestSite.temporaryFolder()
        let limber = CommandLineTests.executable
        let github = try Self.run(limber, ["init", "guide", "--ci", "github"], in: home)
        #expect(github.status == 0, "\(github.output)")
        #expect(github.output.contains("Set LIMBER_DEB_URL at the top of .github/workflows/pages.yml"))
        #expect(github.output.contains("Source: GitHub Actions"))
        #expect(FileManager.default.fileExists(atPath: home + "/guide/.github/workflows/pages.yml"))
        let unknown = try Self.run(limber, ["init", "other", "--ci", "bitbucket"], in: home)
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("github"))
        #expect(unknown.output.contains("gitlab"))
        #expect(!FileManager.default.fileExists(atPath: home + "/other"))
    }
}
