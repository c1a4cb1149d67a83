import Foundation
import Testing

@testable import LimberKit

@Suite struct InterruptedBuildTests {
    /// Kills `limber build` while it is writing a large site and checks that `public/` is exactly
    /// the last good build, byte for byte, and that the next build cleans up after the killed one.
    @Test func aKilledBuildLeavesTheLastGoodSiteUntouched() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let before = TestSite.snapshot(site + "/public")

        // Enough pages that writing them takes a while.
        let template = TestSite.read(site + "/content/stretches/leg-swings.md")
        for number in 0..<4_000 {
            try template.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings \(number)")
                .write(toFile: site + "/content/stretches/swing-\(number).md", atomically: false, encoding: .utf8)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["build", site, "--quiet"]
        try process.run()
        var staged = false
        let deadline = Date().addingTimeInterval(20)
        while !staged && Date() < deadline && process.isRunning {
            staged = ((try? FileManager.default.contentsOfDirectory(atPath: site)) ?? []).contains {
                $0.hasPrefix(".public.staging-")
            }
            if !staged { usleep(500) }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(staged, "the build never started writing")
        #expect(process.terminationReason == .uncaughtSignal, "the build finished before it could be killed")
        #expect(TestSite.snapshot(site + "/public") == before)

        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        let left = try FileManager.default.contentsOfDirectory(atPath: site).filter {
            $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.old-")
        }
        #expect(left.isEmpty, "leftovers: \(left)")
        #expect(FileManager.default.fileExists(atPath: site + "/public/stretches/swing-3999/index.html"))
    }
}
