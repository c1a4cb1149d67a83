import Foundation
import Testing

@testable import LimberKit

/// A patient's programme, made in the composer (`programme/index.html`) and followed as the
/// patient would, in headless Chromium: five steps with edited doses and notes, its link opened in
/// a fresh browser and played to the end under DevTools virtual time, its sheet printed on one
/// page with a QR code that reads as the link, its reminders an `.ics` file that `icalendar`
/// reads; no request leaves the site; axe clean in light and dark; offline after one visit.
/// `Tests/Browser/programme_check.py` (Selenium, installed into `.venv` by `scripts/setup.sh test`)
/// drives the browser.
@Suite(.serialized) struct ProgrammeBrowserTests {
    static let script = TestSite.repository + "/Tests/Browser/programme_check.py"

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: PlayerBrowserTests.python),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else {
            throw Tool.Missing(description: "Selenium or chromium-driver is not installed: run scripts/setup.sh test")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["900", PlayerBrowserTests.python, script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aProgrammeIsComposedSharedPlayedPrintedAndRemindedWithoutLeavingTheSite() throws {
        let output = try PlayerBrowserTests.builtRepositorySite()
        let server = try StaticServer(directory: output)
        defer { server.stop() }
        let work = TestSite.temporaryFolder()
        let (status, printed) = try Self.run([
            server.origin + "/programme/index.html", "--work", work, "--axe", PlayerBrowserTests.axe,
            "--offline", output,
        ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        for line in [
            "ok: composer: five stretches added from the picker",
            "ok: composer: an edited dose is written as the site writes it",
            "ok: composer: Alt+Up moves a step up from the keyboard",
            "ok: patient: the link opens the programme in a fresh browser",
            "ok: sheet: prints on one page",
            "ok: sheet: its QR code reads as the programme's link",
            "ok: reminders: the event recurs 3 times a week (RRULE FREQ=WEEKLY;BYDAY=MO,WE,FR)",
            "ok: a removed or renamed stretch is named on the page, not dropped",
            "ok: offline: the programme's link opens with no network",
            "ok: axe (dark): no violation on programme#p",
        ] {
            #expect(printed.contains(line), "\(line)\n\(printed)")
        }
        for what in ["composing", "playing", "printing"] {
            #expect(printed.contains("ok: no request leaves the site while \(what)"), "\(printed)")
        }
        #expect(printed.contains("ok: player: the programme plays to its end in its total time"), "\(printed)")
    }

    /// Every dose of every fixture guide (each stretch's, and each routine's steps with the doses
    /// they set), written and timed by the composer's JavaScript with the guide's own timing
    /// settings: the same text and the same seconds as the build.
    @Test func theComposerWritesAndTimesEveryFixtureDoseAsTheBuildDoes() throws {
        var folders = [TestSite.repository]
        for site in ["basic", "blog", "coaches", "long-sheets", "paged", "sheets"] {
            folders.append(try TestSite.make(site))
        }
        for overlay in ["ranges", "paced", "filters"] { folders.append(try TestSite.make(overlay: overlay)) }
        var cases: [String] = []
        for folder in folders {
            let (content, _) = ContentLoader.load(SiteFolder(root: folder))
            let loaded = try #require(content)
            let guide = try #require(Guide.resolve(loaded).0)
            let settings = guide.settings
            func add(_ what: String, _ doses: [Dose], total: String) {
                let seconds = guide.time(of: doses)
                var json = JSONBytes("{\"what\":")
                JSONText.string(what, into: &json)
                json +=
                    ",\"settings\":{\"rep_seconds\":\(settings.repSeconds),\"breath_seconds\":\(settings.breathSeconds),\"get_ready\":\(settings.getReady),\"change_over\":\(settings.changeOver)},\"doses\":["
                json += doses.map(ProgrammeData.doseJSON).joined(separator: ",")
                json += "],\"displays\":["
                for (index, dose) in doses.enumerated() {
                    if index > 0 { json += "," }
                    JSONText.string(dose.display, into: &json)
                }
                json += "],\"seconds\":[\(seconds.lowerBound),\(seconds.upperBound)],\"total\":"
                JSONText.string(total, into: &json)
                json += "}"
                cases.append(json.text)
            }
            for stretch in guide.stretches {
                add(
                    "\(folder): \(stretch.slug)", [stretch.dose],
                    total: stretch.dose.isUntimed
                        ? "untimed" : formatDuration(seconds: guide.totalSeconds(of: stretch)))
            }
            for routine in guide.routines {
                add(
                    "\(folder): \(routine.slug)", routine.steps.map { guide.dose(of: $0) },
                    total: guide.totalTime(of: routine))
            }
        }
        let work = TestSite.temporaryFolder()
        try ("[" + cases.joined(separator: ",\n") + "]").write(
            toFile: work + "/expected.json", atomically: false, encoding: .utf8)
        let output = try PlayerBrowserTests.builtRepositorySite()
        let (status, printed) = try Self.run([
            "--times", work + "/expected.json", "file://" + output + "/programme/index.html",
        ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains(" passed, 0 failed"), "\(printed)")
        #expect(printed.contains("ok: the composer writes and times"), "\(printed)")
        #expect(cases.count > 60, "\(cases.count) cases")
    }
}
