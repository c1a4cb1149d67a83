import Foundation
import Testing

@testable import LimberKit

/// The routine player, followed in headless Chromium with the page's clock under the check's
/// control: the repository's routine from Start to "Routine complete", every side of every step,
/// in exactly the page's total time, from a first "left" figure that is that time; pause, skip,
/// back, +10 s, reps and a reload in the middle; over HTTP, from disk, and offline after one
/// visit (the service worker, with the server gone and the browser's network off).
/// `Tests/Browser/player_check.py` (Selenium, installed into `.venv` by `scripts/setup.sh test`)
/// drives the browser; axe-core audits the pages and the running player.
@Suite(.tags(.browser), .needs(Tool.venv("bin/python"), "chromedriver", "chromium"), .serialized)
struct PlayerBrowserTests {
    static let python = TestSite.repository + "/.venv/bin/python"
    static let script = TestSite.repository + "/Tests/Browser/player_check.py"
    static let axe = TestSite.repository + "/.venv/axe/axe.min.js"

    /// Runs the check script on the three pages under `base`; returns its exit status and output.
    static func follow(_ base: String, axe: Bool, offline: String? = nil) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(description: "Selenium or chromium-driver is not installed: run scripts/setup.sh test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "900", python, script, base + "routines/hip-flexor-relief/index.html",
            base + "stretches/static-low-lunge/index.html", base + "stretches/bent-knee-to-low-lunge/index.html",
        ]
        if axe { process.arguments! += ["--axe", Self.axe] }
        if let offline { process.arguments! += ["--offline", offline] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func builtRepositorySite() throws -> String {
        let site = try TestSite.repositorySite()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        return site + "/out"
    }

    @Test func theRoutineRunsToTheEndOverHTTPAndPassesAxe() throws {
        let output = try Self.builtRepositorySite()
        let server = try StaticServer(directory: output)
        defer { server.stop() }
        let (status, printed) = try Self.follow(server.origin + "/", axe: true, offline: output)
        #expect(status == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        #expect(printed.contains("ok: routine (offline): one visit over http keeps the page for offline use"))
        #expect(printed.contains("ok: routine (offline): every step and side is announced in order, then the end"))
        #expect(printed.contains("ok: routine (http): the player starts at the page's total time"))
        #expect(printed.contains("ok: routine (http): the whole run takes the page's total time (550 s)"))
        #expect(printed.contains("ok: axe (dark): no violation in the running player"))
    }

    /// `Fixtures/ranges`: 2-3 sets of 8-12 reps each leg (2 × 8 × 4 s a leg), 2-3 × 20-30 s with a
    /// 10 s rest (20 + 10 + 20 s) and 30-60 s each leg: 128 + 50 + 60 = 238 s at the short end, and
    /// 5 s to get ready and 5 s for each of 4 changes: 263 s.
    @Test func aRoutineGivenInRangesRunsAtItsShortEnd() throws {
        let site = try TestSite.make(overlay: "ranges")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "600", Self.python, Self.script, "--ranges", "file://" + site + "/out/routines/loosen-up/index.html",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        #expect(printed.contains("ok: routine with ranges: the whole run takes the page's total time (263 s)"))
        #expect(printed.contains("ok: routine with ranges: every step and side is announced in order, then the end"))
        #expect(printed.contains("ok: routine with ranges: the extra sets of a range of sets are skipped"))
    }

    /// `Fixtures/paced`: each rep of `3 x 3 s hold each leg` is held 3 … 2 … 1 and released, with a
    /// tone at each change; Next names the next side, rest, set and step; Skip goes a set or side at
    /// a time and a long press a step; a run skipped through ends early, says what was skipped and is
    /// not recorded as done, while one that skips less than a fifth of its work is; breaths are
    /// counted at `breath_seconds`. From disk.
    @Test func aRoutineIsPacedRepByRepAndSkippingItIsNotDoingIt() throws {
        let site = try TestSite.make(overlay: "paced")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "600", Self.python, Self.script, "--paced", "file://" + site + "/out/routines/paced-reps/index.html",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        #expect(printed.contains("ok: paced routine: each rep is held 3 … 2 … 1, then released"))
        #expect(printed.contains("ok: paced routine: on the left leg, Next names the right leg"))
        #expect(printed.contains("ok: paced routine: in the first set on the left leg, Next names the second set"))
        #expect(printed.contains("ok: paced routine: a long press on Skip moves to the next step"))
        #expect(printed.contains("ok: paced routine: breaths are counted one by one at the breath pace (5 s)"))
        #expect(printed.contains("ok: paced routine: the end screen says what was skipped"))
        #expect(printed.contains("ok: paced routine: a run skipped through is not recorded as done"))
    }

    @Test func theRoutineRunsToTheEndFromDisk() throws {
        let output = try Self.builtRepositorySite()
        let (status, printed) = try Self.follow("file://" + output + "/", axe: false)
        #expect(status == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        #expect(printed.contains("ok: routine (file): every step and side is announced in order, then the end"))
    }

    /// The repository's guide with `language: de`: the player shows German words, and speaks its
    /// cues with `lang` `de` in a German voice (the page's speech recorded in place of the device's).
    @Test func aGermanRoutineIsShownAndSpokenInGerman() throws {
        let site = try TestSite.repositorySite()
        let settings = site + "/content/site.yaml"
        try String(contentsOfFile: settings, encoding: .utf8).replacingOccurrences(
            of: "language: en", with: "language: de"
        ).write(toFile: settings, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "600", Self.python, Self.script, "--german",
            "file://" + site + "/out/routines/hip-flexor-relief/index.html",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("ok: routine (German): every cue is spoken with the page's language, de"))
        #expect(printed.contains("ok: routine (German): no English word on the player's screen or in its cues"))
    }
}
