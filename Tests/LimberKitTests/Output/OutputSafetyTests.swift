import Foundation
import Testing

@testable import LimberKit

/// A build replaces its output folder whole, so it writes only into a folder that is empty, new,
/// or its own from an earlier build: never into a folder of the user's.
@Suite struct OutputSafetyTests {
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: PathComponents.folder(of: path), withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func aFolderHoldingOtherFilesIsRefusedAndKept() throws {
        let site = try TestSite.make()
        let www = TestSite.temporaryFolder() + "/www"
        try Self.write("my own page", to: www + "/about.html")
        try Self.write("ssh-ed25519 AAAA", to: www + "/.ssh/authorized_keys")
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site, output: www)))
        #expect(
            text.contains("error: will not write the site into \(www): it holds files that no build of this site wrote")
        )
        #expect(text.contains("--force"))
        #expect(TestSite.read(www + "/about.html") == "my own page")
        #expect(TestSite.read(www + "/.ssh/authorized_keys") == "ssh-ed25519 AAAA")
        #expect(!FileManager.default.fileExists(atPath: www + "/index.html"))
    }

    @Test func forceReplacesTheFolder() throws {
        let site = try TestSite.make()
        let www = TestSite.temporaryFolder() + "/www"
        try Self.write("my own page", to: www + "/about.html")
        var options = BuildOptions(siteFolder: site, output: www)
        options.force = true
        _ = try SiteBuilder.build(options)
        #expect(FileManager.default.fileExists(atPath: www + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: www + "/about.html"))
        // From then on the folder is the site's own: no --force needed.
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: www))
    }

    @Test func anEmptyFolderAndTheSitesOwnOutputAreWritten() throws {
        let site = try TestSite.make()
        let empty = TestSite.temporaryFolder()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: empty))
        #expect(FileManager.default.fileExists(atPath: empty + "/index.html"))
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let again = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(!again.upToDate)
        #expect(TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("One more sentence."))
    }

    /// `--output ~`, `--output site/content`, the site folder itself: refused even with --force.
    @Test(arguments: ["", "/content", "/content/public", "/templates/out", "/.limber/out", "/.."])
    func anOutputThatHoldsOrIsInsideTheSiteIsRefused(suffix: String) throws {
        let site = try TestSite.make()
        let before = TestSite.snapshot(site + "/content")
        var options = BuildOptions(siteFolder: site, output: site + suffix)
        options.force = true
        let text = try #require(TestSite.failureText(options))
        #expect(text.contains("error: will not write the site into"))
        #expect(text.contains("it holds the site itself") || text.contains("it is inside the site's"))
        #expect(TestSite.snapshot(site + "/content") == before)
    }

    @Test func aFileIsNotReplacedByTheSite() throws {
        let site = try TestSite.make()
        let file = TestSite.temporaryFolder() + "/notes.txt"
        try Self.write("notes", to: file)
        var options = BuildOptions(siteFolder: site, output: file)
        options.force = true
        let text = try #require(TestSite.failureText(options))
        #expect(text.contains("it is a file, not a folder"))
        #expect(TestSite.read(file) == "notes")
    }

    /// `public` as a link to the web server's folder: the folder it leads to is updated, the link stays.
    @Test func anOutputThatIsALinkUpdatesItsTarget() throws {
        let site = try TestSite.make()
        let served = TestSite.temporaryFolder() + "/var-www"
        try FileManager.default.createSymbolicLink(atPath: site + "/public", withDestinationPath: served)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nA second sentence.\n")
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: site + "/public")
        #expect(link == served)
        #expect(TestSite.read(served + "/stretches/leg-swings/index.html").contains("A second sentence."))
    }

    /// A Docker bind mount cannot be renamed over: it is updated in place, and what the last build
    /// wrote and this one does not is removed, nothing else.
    @Test(.enabled(if: getuid() == 0, "mounting a folder needs root"))
    func aMountPointIsUpdatedInPlace() throws {
        let site = try TestSite.make()
        let output = TestSite.temporaryFolder() + "/mounted"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        _ = try Tool.run("mount", ["-t", "tmpfs", "limber-test", output])
        try #require(OutputClaim.isMountPoint(output), "cannot mount a tmpfs at \(output)")
        defer { _ = try? Tool.run("umount", [output]) }
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        #expect(report.notices.contains { $0.contains("is a mount point: updated in place") })
        #expect(FileManager.default.fileExists(atPath: output + "/stretches/couch-stretch/index.html"))
        try FileManager.default.removeItem(atPath: site + "/content/stretches/pigeon-pose.md")
        // The routine uses the stretch: take it out of the routine too.
        let routine = site + "/content/routines/evening-hips.md"
        let text = TestSite.read(routine)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.contains("- pigeon-pose")
        }
        try kept.joined(separator: "\n").write(toFile: routine, atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        #expect(!FileManager.default.fileExists(atPath: output + "/stretches/pigeon-pose/index.html"))
        #expect(FileManager.default.fileExists(atPath: output + "/stretches/leg-swings/index.html"))
        #expect(Set(TestSite.snapshot(output).keys) == OutputClaim.recorded(state: TestSite.keptFolders(site)[0]))
    }

    @Test func theSheetIsWrittenInsideAFolderAndNeverOverAFileThatIsNotAPDF() throws {
        let folder = TestSite.temporaryFolder()
        let documents = folder + "/Documents"
        try Self.write("my letter", to: documents + "/letter.txt")
        #expect(try SheetCommand.destination(documents, routine: "evening-hips") == documents + "/evening-hips.pdf")
        #expect(throws: BuildFailed.self) { try SheetCommand.destination(documents + "/letter.txt", routine: "r") }
        try Self.write("%PDF-1.4 old sheet", to: documents + "/old.pdf")
        #expect(try SheetCommand.destination(documents + "/old.pdf", routine: "r") == documents + "/old.pdf")
        try Self.write("not a pdf", to: documents + "/evening-hips.pdf")
        #expect(throws: BuildFailed.self) { try SheetCommand.destination(documents, routine: "evening-hips") }
        #expect(TestSite.read(documents + "/letter.txt") == "my letter")
    }

    @Test func siteAddressesCarryNoPasswordQueryOrFragment() {
        for good in [
            "https://example.org/", "http://example.org", "https://example.org/guide/", "https://[::1]:8080/",
            "https://clinic.example:8443/a/b/", "https://übung.example/",
        ] {
            #expect(SiteAddress.problem(in: good) == nil, "\(good)")
        }
        let bad: [(String, String, Int)] = [
            ("https://user:pass@host/", "user name or password", 8),
            ("https://example.org/?q=1", "query", 20),
            ("https://example.org/#frag", "fragment", 20),
            ("ftp://example.org/", "https://", 0),
            ("https:///path", "no host", 8),
            ("https://exa mple.org/", "space", 11),
            ("https://example.org:99999/", "port", 20),
        ]
        for (text, message, offset) in bad {
            let problem = SiteAddress.problem(in: text)
            #expect(problem?.message.contains(message) == true, "\(text): \(String(describing: problem))")
            #expect(problem?.offset == offset, "\(text)")
        }
    }

    @Test func aPasswordInBaseURLIsALocatedError() throws {
        let site = try TestSite.make()
        let path = site + "/content/site.yaml"
        let yaml = TestSite.read(path).replacingOccurrences(
            of: #"base_url: .*"#, with: "base_url: https://coach:hunter2@example.org/", options: .regularExpression)
        try yaml.write(toFile: path, atomically: false, encoding: .utf8)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
            $0.hasPrefix("base_url")
        }!
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/site.yaml:\(line + 1):19: error: 'base_url' is not a site's address: it holds a user name or password"
            ))
        #expect(!FileManager.default.fileExists(atPath: site + "/public/index.html"))
    }
}

/// What Limber keeps in `.limber/` between runs does not grow with the number of runs.
@Suite(.serialized) struct KeptFilesTests {
    static func bytes(below folder: String) -> Int {
        // Each file once, however many hard links it has (`du` counts the same way).
        var seen: Set<UInt64> = []
        var total = 0
        for file in FileManager.default.subpaths(atPath: folder) ?? [] {
            var info = stat()
            guard lstat(folder + "/" + file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                seen.insert(UInt64(info.st_ino)).inserted
            else { continue }
            total += Int(info.st_size)
        }
        return total
    }

    @Test(.tags(.browser), .needs("chromium"))
    func twentyBuildsEditsAndSheetsKeepLessThanThreeTimesTheOutput() throws {
        let site = try TestSite.make()
        let sheet = TestSite.temporaryFolder() + "/evening-hips.pdf"
        for round in 0..<20 {
            try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nRound \(round).\n")
            _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
            if round % 4 == 0 {
                // Each sheet from its own process, as a person runs it.
                let run = try CommandLineTests().limber(["sheet", "evening-hips", "--site", site, "-o", sheet])
                #expect(run.status == 0, "\(run.stderr)")
            }
        }
        let output = Self.bytes(below: site + "/public")
        let kept = Self.bytes(below: site + "/.limber")
        #expect(FileManager.default.fileExists(atPath: sheet))
        #expect(kept < 3 * output, "'.limber/' holds \(kept) bytes for an output of \(output)")
        // One folder for the site's output and one for sheets, however many runs.
        #expect(TestSite.keptFolders(site).count == 2)
    }
}
