import Foundation
import Testing

// MARK: - Tiers

/// The tiers of the tests. `make quick` runs what has none of these tags (the pure tier: the
/// library on files in a temporary folder), `make test` runs everything (CONTRIBUTING.md).
extension Tag {
    /// Drives Chromium: headless printing and screenshots, or Selenium through chromedriver.
    @Tag static var browser: Self
    /// Serves or binds a socket on loopback (`limber serve`, a static server, sshd), or publishes
    /// through git, rsync or rclone.
    @Tag static var network: Self
    /// Takes seconds rather than milliseconds: large sites, release builds, the fuzzer's seeds,
    /// Java and Python checkers.
    @Tag static var slow: Self
}

// MARK: - Tools a test needs

extension Tool {
    /// Whether Limber's tests run in CI (`CI=true`, set by `.ci/run`): there a missing tool fails
    /// the tests that need it, so that nothing is skipped without anyone noticing.
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Where `requirement` is: a program's name is looked for where `Tool.run` looks, a path (the
    /// `.venv` tools) is taken as it is.
    static func path(_ requirement: String) -> String? {
        if requirement.hasPrefix("/") { return FileManager.default.fileExists(atPath: requirement) ? requirement : nil }
        return ["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin"].map { "\($0)/\(requirement)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether every one of `requirements` (program names or paths) is installed; always true
    /// under `CI=true`, so the test runs and fails on what is missing.
    static func available(_ requirements: [String]) -> Bool {
        inCI || requirements.allSatisfy { path($0) != nil }
    }

    static func available(_ requirements: String...) -> Bool { available(requirements) }

    /// A file of the Python tools `scripts/setup.sh test` installs into the repository's `.venv`.
    static func venv(_ relative: String) -> String { TestSite.repository + "/.venv/" + relative }

    /// What a skipped test says.
    static func missing(_ requirements: [String]) -> String {
        let names = requirements.filter { path($0) == nil }.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        return "needs \(names.joined(separator: ", ")): run `scripts/setup.sh test` (CI=true fails instead)"
    }
}

extension Trait where Self == ConditionTrait {
    /// Skips the test, with the reason, when one of `requirements` is not installed; under
    /// `CI=true` the test runs (and fails) instead. A requirement is a program's name (`zbarimg`)
    /// or a path (`PlayerBrowserTests.python`).
    static func needs(_ requirements: String...) -> Self {
        .enabled(
            if: Tool.available(requirements),
            Comment(rawValue: Tool.missing(requirements)))
    }
}
