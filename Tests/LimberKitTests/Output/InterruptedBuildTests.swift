import Foundation
import Testing

@testable import LimberKit

/// `limber build` killed with SIGKILL at many points: `public/` is every time byte for byte the
/// last build or the finished new one, never a mix, and the next build recovers.
@Suite(.tags(.slow), .needs("strace"), .serialized)
struct InterruptedBuildTests {
    static let date = "2026-03-01"
    /// `SOURCE_DATE_EPOCH` for that day, so the command's pages match the tests' own builds.
    static let epoch = "1772323200"

    static func options(_ site: String, output: String? = nil) -> BuildOptions {
        BuildOptions(siteFolder: site, output: output, buildDate: date)
    }

    /// `limber build SITE`, started, not waited for; `strace` runs it when given its arguments.
    static func start(_ site: String, strace: [String]? = nil) throws -> Process {
        let process = Process()
        let build = [CommandLineTests.executable, "build", site, "--quiet"]
        if let strace {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
            process.arguments = ["-f", "-qq"] + strace + build
        } else {
            process.executableURL = URL(fileURLWithPath: build[0])
            process.arguments = Array(build.dropFirst())
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = epoch
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for `condition` for up to 60 s, checking every half millisecond.
    static func wait(while process: Process, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if condition() { return true }
            if !process.isRunning { return condition() }
            usleep(500)
        }
        return false
    }

    /// A site of `count` more stretches than the basic one, built, with its cache.
    static func bigSite(_ count: Int) throws -> String {
        let site = try TestSite.make()
        let template = TestSite.read(site + "/content/stretches/leg-swings.md")
        for number in 0..<count {
            try template.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings \(number)")
                .write(toFile: site + "/content/stretches/swing-\(number).md", atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(options(site))
        return site
    }

    /// New pages, changed pages and deleted pages: what a day's work on a large guide brings.
    static func edit(_ site: String, count: Int) throws {
        let stretches = site + "/content/stretches/"
        let template = TestSite.read(stretches + "leg-swings.md")
        for number in 0..<count / 4 {
            try template.replacingOccurrences(of: "title: Leg Swings", with: "title: New Swing \(number)")
                .replacingOccurrences(of: "kind: dynamic", with: "kind: static")
                .write(toFile: stretches + "new-\(number).md", atomically: false, encoding: .utf8)
        }
        for number in stride(from: 0, to: count / 2, by: 4) {
            let path = stretches + "swing-\(number).md"
            try (TestSite.read(path) + "\nOne more sentence.\n").write(toFile: path, atomically: false, encoding: .utf8)
        }
        for number in stride(from: 1, to: count / 2, by: 8) {
            let path = stretches + "swing-\(number).md"
            try TestSite.read(path).replacingOccurrences(of: "level: beginner", with: "level: advanced")
                .write(toFile: path, atomically: false, encoding: .utf8)
        }
        for number in stride(from: count / 2, to: count, by: 5) {
            try FileManager.default.removeItem(atPath: stretches + "swing-\(number).md")
        }
    }

    /// What the edited site's full build is, built into a folder of its own.
    static func after(_ site: String) throws -> [String: Data] {
        let fresh = TestSite.temporaryFolder() + "/after"
        _ = try SiteBuilder.build(options(site, output: fresh))
        return TestSite.snapshot(fresh)
    }

    /// Kills the build with SIGKILL, then checks `public/` is `before` or `after`, and that the next
    /// build gives `after`. Returns which of the two it was.
    static func killAndCheck(
        _ process: Process, site: String, before: [String: Data], after: [String: Data], at point: String
    ) throws -> Bool {
        // When strace runs the build, its child first: strace would let it go on if killed first.
        // When strace runs the build, its child first (strace would let it go on if killed first),
        // then strace, which would sit out its delay.
        if process.executableURL?.lastPathComponent == "strace" {
            for child in children(of: process.processIdentifier) { kill(child, SIGKILL) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let now = TestSite.snapshot(site + "/public")
        let isAfter = now == after
        #expect(now == before || isAfter, "public/ is a mix after a kill \(point)")
        _ = try SiteBuilder.build(options(site))
        #expect(TestSite.snapshot(site + "/public") == after, "the build after a kill \(point) did not recover")
        return isAfter
    }

    static func children(of pid: Int32) -> [Int32] {
        TestSite.read("/proc/\(pid)/task/\(pid)/children").split(separator: " ").compactMap { Int32($0) }
    }

    /// Whether a thread of the build is inside `renameat2` exchanging two folders, as strace says.
    static func exchanging(_ trace: String) -> Bool {
        TestSite.read(trace).contains("RENAME_EXCHANGE")
    }

    static func inode(_ path: String) -> UInt64? {
        FileStamp.of(path)?.inode
    }

    // MARK: - Full builds

    /// Killed while it writes a large site into its staged folder.
    @Test func aKilledFullBuildLeavesTheLastGoodSiteUntouched() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(Self.options(site))
        let before = TestSite.snapshot(site + "/public")
        // Enough pages that writing them takes a while; the theme changes, so it is a full build.
        let template = TestSite.read(site + "/content/stretches/leg-swings.md")
        for number in 0..<4_000 {
            try template.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings \(number)")
                .write(toFile: site + "/content/stretches/swing-\(number).md", atomically: false, encoding: .utf8)
        }
        try RebuildTests.replace(site + "/templates/partials/card.mustache", "<article", "<article data-edited")
        let process = try Self.start(site)
        let staging = try #require(TestSite.keptFolders(site).first) + "/staging/stretches"
        let staged = Self.wait(while: process) { FileManager.default.fileExists(atPath: staging) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(staged, "the build never started writing")
        #expect(process.terminationReason == .uncaughtSignal, "the build finished before it could be killed")
        #expect(TestSite.snapshot(site + "/public") == before)

        _ = try SiteBuilder.build(Self.options(site))
        #expect(!FileManager.default.fileExists(atPath: staging), "the killed build's staged folder is left")
        #expect(FileManager.default.fileExists(atPath: site + "/public/stretches/swing-3999/index.html"))
        #expect(TestSite.snapshot(site + "/public") == (try Self.after(site)))
    }

    /// Killed at the swap itself, just before and just after the one `renameat2` that exchanges
    /// the staged build with `public/` (strace holds the build there).
    @Test(arguments: ["before", "after"])
    func aFullBuildKilledAtTheSwap(moment: String) throws {
        let site = try Self.bigSite(100)
        let before = TestSite.snapshot(site + "/public")
        try RebuildTests.replace(site + "/content/site.yaml", "title: Test Stretches", "title: Renamed Guide")
        let after = try Self.after(site)
        let trace = TestSite.temporaryFolder() + "/trace"
        let delay = moment == "before" ? "delay_enter" : "delay_exit"
        let inode = Self.inode(site + "/public")
        let process = try Self.start(
            site, strace: ["-o", trace, "-e", "trace=renameat2", "-e", "inject=renameat2:\(delay)=60000000"])
        let held = Self.wait(while: process) {
            moment == "before" ? Self.exchanging(trace) : Self.inode(site + "/public") != inode
        }
        #expect(held, "the build never reached the swap")
        let isAfter = try Self.killAndCheck(process, site: site, before: before, after: after, at: "\(moment) the swap")
        #expect(isAfter == (moment == "after"))
    }

    // MARK: - Updates

    /// A build that updates a cached site (new, changed and deleted pages) is killed at several
    /// points in its run, and at its swap.
    @Test func anUpdateKilledAtAnyPointLeavesTheLastSiteOrTheNewOne() throws {
        let count = 300
        // How long the update takes when left alone, to kill it at fractions of that.
        let timed = try Self.bigSite(count)
        try Self.edit(timed, count: count)
        let started = Date()
        let untouched = try Self.start(timed)
        untouched.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        #expect(untouched.terminationStatus == 0)

        var outcomes: [String: Bool] = [:]
        for point in ["at 20%", "at 50%", "at 80%", "before the swap", "after the swap"] {
            let site = try Self.bigSite(count)
            // An update first, so the copy it writes into was brought up to date by a build.
            try RebuildTests.append(site + "/content/stretches/pigeon-pose.md", "\nFirst edit.\n")
            #expect(try SiteBuilder.build(Self.options(site)).rendered < count)
            let before = TestSite.snapshot(site + "/public")
            try Self.edit(site, count: count)
            let after = try Self.after(site)
            #expect(before != after)
            let process: Process
            if point.hasPrefix("at ") {
                let fraction = Double(point.dropFirst(3).dropLast())! / 100
                process = try Self.start(site)
                usleep(UInt32(seconds * fraction * 1_000_000))
            } else {
                let trace = TestSite.temporaryFolder() + "/trace"
                let delay = point == "before the swap" ? "delay_enter" : "delay_exit"
                let inode = Self.inode(site + "/public")
                process = try Self.start(
                    site, strace: ["-o", trace, "-e", "trace=renameat2", "-e", "inject=renameat2:\(delay)=60000000"])
                let held = Self.wait(while: process) {
                    point == "before the swap" ? Self.exchanging(trace) : Self.inode(site + "/public") != inode
                }
                #expect(held, "the update never reached the swap")
            }
            let running = process.isRunning
            outcomes[point] = try Self.killAndCheck(process, site: site, before: before, after: after, at: point)
            if !running { outcomes[point] = nil }
        }
        #expect(outcomes["before the swap"] == false)
        #expect(outcomes["after the swap"] == true)
        #expect(outcomes.count >= 3, "most builds finished before they were killed: \(outcomes)")
    }
}
