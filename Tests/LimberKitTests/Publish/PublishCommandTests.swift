import Foundation
import Testing

@testable import LimberKit

/// `limber publish` to real targets on this machine: a bare git repository, an SSH server on
/// 127.0.0.1 (rsync, and rclone's SFTP backend).
@Suite(.tags(.network), .needs("git"), .serialized)
struct PublishCommandTests {
    let cli = CommandLineTests()

    @Test func targetsAreReadAndMistakesNamed() throws {
        #expect(
            try PublishTarget.parse("git:git@github.com:me/site.git").get()
                == .git(repository: "git@github.com:me/site.git", branch: "gh-pages"))
        #expect(
            try PublishTarget.parse("git:/srv/site.git#pages", branch: "x").get()
                == .git(repository: "/srv/site.git", branch: "pages"))
        #expect(
            try PublishTarget.parse("git:/srv/site.git", branch: "main").get()
                == .git(repository: "/srv/site.git", branch: "main"))
        #expect(
            try PublishTarget.parse("ssh:coach@host.example:www").get() == .ssh(destination: "coach@host.example:www"))
        #expect(try PublishTarget.parse("rclone:r2:bucket/site").get() == .rclone(remote: "r2:bucket/site"))
        for bad in [
            "github", "ftp:host:/x", "ssh:host", "rclone:bucket", "git:", "git:repo#", "git:repo#a..b",
            "ssh:-oProxyCommand=x:y",
        ] {
            #expect(PublishTarget.problem(in: bad) != nil, "\(bad)")
        }
        let printed = PublishTarget.git(repository: "https://coach:ghp_TOKEN@github.com/c/s.git", branch: "gh-pages")
            .description
        #expect(!printed.contains("ghp_TOKEN"))
        #expect(
            !ExternalCommand.redacted("fatal: could not read from https://c:ghp_TOKEN@github.com/x").contains(
                "ghp_TOKEN"))
    }

    @Test func passesPutFilesBeforePagesAndRemoveOnlyWhatWasPublished() {
        let passes = PublishPasses(
            changed: ["index.html", "style.1234abcd.css", "sitemap.xml"],
            new: ["stretches/new/index.html", "images/new.webp"],
            gone: ["stretches/old/index.html", "owner-notes.txt"], published: ["stretches/old/index.html"])
        #expect(passes.files == ["images/new.webp", "style.1234abcd.css"])
        #expect(passes.pages == ["stretches/new/index.html", "index.html", "sitemap.xml"])
        #expect(passes.newPages == 1)
        #expect(passes.removals == ["stretches/old/index.html"])
        #expect(PublishPasses.isHashed("style.1234abcd.css"))
        #expect(!PublishPasses.isHashed("images/pigeon.960.webp"))
    }

    /// The git target: one commit per publish that changes something, only the changed files in it,
    /// the branch's history kept, and files that someone else put on the branch left alone.
    @Test func publishesToAGitBranch() throws {
        let site = try TestSite.make()
        let remote = TestSite.temporaryFolder() + "/site.git"
        _ = try Tool.run("git", ["init", "-q", "--bare", remote])
        let first = try cli.limber(["publish", site, "--to", "git:" + remote])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Published to git:\(remote)#gh-pages"))

        let clone = TestSite.temporaryFolder() + "/clone"
        _ = try Tool.run("git", ["clone", "-q", "--branch", "gh-pages", remote, clone])
        let built = try #require(Self.publishedBuild(site))
        var cloned = TestSite.snapshot(clone).filter { !$0.key.hasPrefix(".git/") }
        #expect(cloned.removeValue(forKey: ".nojekyll") != nil)
        // base_url is https://example.org/guide: a domain of the site's own.
        #expect(cloned.removeValue(forKey: "CNAME") == Data("example.org\n".utf8))
        #expect(cloned == TestSite.snapshot(built))

        let again = try cli.limber(["publish", site, "--to", "git:" + remote])
        #expect(again.stdout.contains("nothing had changed"))
        #expect(try Self.commits(remote) == 1, "a publish with no change makes no commit")

        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nSwing from the hip.\n")
        let edited = try cli.limber(["publish", site, "--to", "git:" + remote])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try Self.commits(remote) == 2)
        let changed = try Tool.run("git", ["--git-dir", remote, "diff", "--name-only", "gh-pages~1", "gh-pages"])
            .split(separator: "\n").map(String.init)
        #expect(changed.contains("stretches/leg-swings/index.html"))
        #expect(!changed.contains("stretches/couch-stretch/index.html"), "only the changed files: \(changed)")
    }

    /// rsync over SSH, then rclone's SFTP backend: what changed goes up, what the site no longer
    /// has is removed, the owner's other files stay.
    @Test(.enabled(if: SSHServer.isAvailable, "needs sshd, rsync and rclone (scripts/setup.sh test) and root"))
    func publishesOverSSHWithRsyncAndRclone() throws {
        let server = try SSHServer()
        defer { server.stop() }
        let site = try TestSite.make()
        let remotes = [TestSite.temporaryFolder() + "/www-rsync", TestSite.temporaryFolder() + "/www-rclone"]
        let targets = ["ssh:\(SSHServer.hostAlias):" + remotes[0], "rclone:testsftp:" + remotes[1]]
        for (target, remote) in zip(targets, remotes) {
            try FileManager.default.createDirectory(atPath: remote, withIntermediateDirectories: true)
            try "the owner's".write(toFile: remote + "/owner.txt", atomically: false, encoding: .utf8)
            let first = try cli.limber(["publish", site, "--to", target], environment: server.environment)
            #expect(first.status == 0, "\(first.stderr)")
            let built = try #require(Self.publishedBuild(site, target: target))
            var online = TestSite.snapshot(remote)
            #expect(online.removeValue(forKey: "owner.txt") == Data("the owner's".utf8))
            #expect(online == TestSite.snapshot(built))

            let dry = try cli.limber(["publish", site, "--to", target, "--dry-run"], environment: server.environment)
            #expect(dry.stdout.contains("1. files pages point to, new or changed: 0"))
            #expect(dry.stdout.contains("3. removals: 0"))
        }
        // A stretch taken out: its page is removed from both.
        try FileManager.default.removeItem(atPath: site + "/content/stretches/pigeon-pose.md")
        try Self.dropStep("pigeon-pose", from: site)
        for (target, remote) in zip(targets, remotes) {
            let next = try cli.limber(["publish", site, "--to", target], environment: server.environment)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stdout.contains(" removed in "))
            #expect(!FileManager.default.fileExists(atPath: remote + "/stretches/pigeon-pose/index.html"))
            #expect(TestSite.read(remote + "/owner.txt") == "the owner's")
            var online = TestSite.snapshot(remote)
            online.removeValue(forKey: "owner.txt")
            let built = try #require(Self.publishedBuild(site, target: target))
            #expect(online == TestSite.snapshot(built), "\(target)")
        }
    }

    /// A publish killed at any moment leaves a site where every page a reader can reach links only
    /// to files that are there.
    @Test(.enabled(if: SSHServer.isAvailable, "needs sshd, rsync and rclone (scripts/setup.sh test) and root"))
    func aKilledPublishNeverLeavesABrokenPage() throws {
        let server = try SSHServer()
        defer { server.stop() }
        let site = try TestSite.make()
        let remote = TestSite.temporaryFolder() + "/www"
        let target = "ssh:\(SSHServer.hostAlias):" + remote
        let first = try cli.limber(["publish", site, "--to", target], environment: server.environment)
        #expect(first.status == 0, "\(first.stderr)")

        // The next version: a picture replaced, a stretch gone, forty new stretches linked from
        // the lists and each other.
        let stretches = site + "/content/stretches/"
        let pigeon = TestSite.read(stretches + "pigeon-pose.md").replacingOccurrences(
            of: "images/pigeon.svg", with: "images/pigeon-new.svg")
        try pigeon.write(toFile: stretches + "pigeon-pose.md", atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(
            atPath: site + "/content/images/pigeon.svg", toPath: site + "/content/images/pigeon-new.svg")
        let couch = TestSite.read(stretches + "couch-stretch.md")
        for index in 0..<40 {
            try couch.replacingOccurrences(of: "title: ", with: "title: Variation \(index) of ")
                .replacingOccurrences(of: "slug: couch-stretch", with: "slug: variation-\(index)")
                .write(toFile: stretches + "variation-\(index).md", atomically: false, encoding: .utf8)
        }
        for delay in [200, 500, 900, 1_400, 2_000, 2_800] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = [CommandLineTests.executable, "publish", site, "--to", target]
            process.environment = ProcessInfo.processInfo.environment.merging(server.environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1000))
            // The whole group: limber and the rsync it runs.
            kill(-process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let broken = SiteLinks.crawl(remote)
            #expect(broken.isEmpty, "killed after \(delay) ms: \(broken.prefix(5))")
        }
        let last = try cli.limber(["publish", site, "--to", target], environment: server.environment)
        #expect(last.status == 0, "\(last.stderr)")
        #expect(SiteLinks.crawl(remote).isEmpty)
        #expect(FileManager.default.fileExists(atPath: remote + "/stretches/variation-39/index.html"))
        #expect(!FileManager.default.fileExists(atPath: remote + "/images/pigeon.svg"))
    }

    // MARK: - Helpers

    /// The folder `limber publish` built the site into for `target` (the only one when nil).
    static func publishedBuild(_ site: String, target: String? = nil) -> String? {
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: site + "/.limber/publish")) ?? []
        if let target {
            var hash = FNV()
            hash.add((try? PublishTarget.parse(target).get())?.description ?? "")
            return site + "/.limber/publish/" + String(hash.value, radix: 16) + "/site"
        }
        return folders.count == 1 ? site + "/.limber/publish/" + folders[0] + "/site" : nil
    }

    static func commits(_ repository: String) throws -> Int {
        Int(
            try Tool.run("git", ["--git-dir", repository, "rev-list", "--count", "gh-pages"])
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static func dropStep(_ slug: String, from site: String) throws {
        let routine = site + "/content/routines/evening-hips.md"
        let kept = TestSite.read(routine).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("- \(slug)") }
        try kept.joined(separator: "\n").write(toFile: routine, atomically: false, encoding: .utf8)
    }
}
