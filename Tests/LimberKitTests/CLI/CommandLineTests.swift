import Foundation
import Testing

@testable import LimberKit

/// Runs the `limber` executable that the tests were built with, as a person would.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path + "/limber"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return TestSite.repository + "/.build/debug/limber"
    }

    func limber(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `limber build --output ~/www` and `limber sheet R -o Documents`, with the user's files in them.
    @Test(.tags(.browser), .needs("chromium"))
    func neverReplacesTheUsersFolders() throws {
        let site = try TestSite.make()
        let home = TestSite.temporaryFolder()
        try FileManager.default.createDirectory(atPath: home + "/www", withIntermediateDirectories: true)
        try "mine".write(toFile: home + "/www/notes.txt", atomically: false, encoding: .utf8)
        let build = try limber(["build", site, "--output", home + "/www"])
        #expect(build.status != 0)
        #expect(build.stderr.contains("will not write the site into \(home)/www"))
        #expect(TestSite.read(home + "/www/notes.txt") == "mine")

        try FileManager.default.createDirectory(atPath: home + "/Documents", withIntermediateDirectories: true)
        try "letter".write(toFile: home + "/Documents/letter.txt", atomically: false, encoding: .utf8)
        let sheet = try limber(["sheet", "evening-hips", "--site", site, "-o", "Documents"], in: home)
        #expect(sheet.status == 0, "\(sheet.stderr)")
        #expect(TestSite.read(home + "/Documents/letter.txt") == "letter")
        let pdf = try #require(FileManager.default.contents(atPath: home + "/Documents/evening-hips.pdf"))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let overLetter = try limber(["sheet", "evening-hips", "--site", site, "-o", "Documents/letter.txt"], in: home)
        #expect(overLetter.status != 0)
        #expect(TestSite.read(home + "/Documents/letter.txt") == "letter")
    }

    @Test func printsHelpAndVersion() throws {
        let help = try limber(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("build"))
        #expect(help.stdout.contains("check"))
        let version = try limber(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func buildsTheCurrentFolderAndEndsWithOneSummaryLine() throws {
        let site = try TestSite.make()
        let run = try limber(["build"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Built 20 pages") == true, "\(run.stdout)")
        #expect(run.stderr.isEmpty, "no progress bar off a terminal: \(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: site + "/public/index.html"))
    }

    @Test func reportsEveryErrorOnStandardErrorAndExitsWithOne() throws {
        let site = try TestSite.make(overlay: "broken/unknown-step")
        let run = try limber(["build", site])
        #expect(run.status == 1)
        let expected = TestSite.read(TestSite.fixtures + "/broken/unknown-step/expected.txt")
        #expect(run.stderr.hasPrefix(expected), "\(run.stderr)")
        #expect(run.stderr.contains("Nothing was written: 2 errors."))
        #expect(!run.stderr.contains("\u{1B}["), "no colour off a terminal")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }

    @Test func checkWritesNothing() throws {
        let site = try TestSite.make()
        let run = try limber(["check", site])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }
}

extension CommandLineTests {
    @Test func warningsAloneExitZeroAndStrictMakesThemErrors() throws {
        let site = try TestSite.make(overlay: "broken/not-markdown")
        let relaxed = try limber(["build", site])
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("warning: not a stretch"))
        let strict = try limber(["build", site, "--strict", "-o", site + "/strict"])
        #expect(strict.status == 1)
        #expect(!FileManager.default.fileExists(atPath: site + "/strict"))
    }

    @Test func newOutsideASiteExitsWithOneAndWritesNothing() throws {
        let folder = TestSite.temporaryFolder()
        let run = try limber(["new", "stretch", "Child's Pose"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not a Limber site"), "\(run.stderr)")
        #expect(run.stderr.contains("limber init"), "\(run.stderr)")
        #expect(FileManager.default.subpaths(atPath: folder) == [])
    }

    @Test func aSiteFolderOneEditFromACommandIsTakenForTheCommand() throws {
        let folder = TestSite.temporaryFolder()
        let run = try limber(["buidl"], in: folder)
        #expect(run.status == 1)
        #expect(
            run.stderr.hasPrefix("error: there is no site folder 'buidl'\n    note: did you mean 'limber build'?\n"),
            "\(run.stderr)")
        let elsewhere = try limber(["build", "no-such-site"], in: folder)
        #expect(elsewhere.stderr.hasPrefix("error: there is no site folder at "), "\(elsewhere.stderr)")
        #expect(!elsewhere.stderr.contains("did you mean"), "\(elsewhere.stderr)")
        #expect(FileManager.default.subpaths(atPath: folder) == [])
    }

    @Test func aMisspeltRoutineForASheetGetsNoPositionInAFileThatDoesNotExist() throws {
        let site = try TestSite.make()
        let run = try limber(["sheet", "evening-hip", "--site", site, "-o", site + "/x.pdf"])
        #expect(run.status == 1)
        #expect(
            run.stderr.hasPrefix(
                "error: no routine 'evening-hip' in content/routines/\n    note: did you mean 'evening-hips'?\n"),
            "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site + "/x.pdf"))
    }

    @Test(.tags(.browser), .needs("chromium")) func aBuildWithoutPDFSaysWhichPDFsItRemoved() throws {
        let site = try TestSite.make()
        let printed = try limber(["build", site, "--pdf"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.hasPrefix("Printed 1 sheet to PDF\n"), "\(printed.stdout)")
        let path = site + "/content/stretches/leg-swings.md"
        try TestSite.read(path).replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings Forward")
            .write(toFile: path, atomically: false, encoding: .utf8)
        let plain = try limber(["build", site])
        #expect(
            plain.stdout.hasPrefix(
                "Removed 1 PDF whose sheet changed (build with --pdf to print it again): "
                    + "routines/evening-hips/evening-hips.pdf\n"), "\(plain.stdout)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public/routines/evening-hips/evening-hips.pdf"))
    }
}
