import Foundation
import Testing

/// 100 concurrent connections for 10 s on loopback against `limber serve`, with wrk.
@Suite struct LoadTests {
    static func residentKiB(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test func aHundredConnectionsForTenSecondsWithoutErrorsOrGrowth() throws {
        let site = try TestSite.make()
        let serve = try ServeProcess(site: site)
        defer { serve.stop() }
        let url = serve.url
        #expect(url.hasPrefix("http://127.0.0.1:"))
        let page = url + "stretches/pigeon-pose/index.html"

        func load(seconds: Int) throws -> String {
            try Tool.run("wrk", ["-t2", "-c100", "-d\(seconds)s", "--latency", page])
        }
        // Warm up: the allocator and the connection pool settle in the first seconds.
        _ = try load(seconds: 4)
        _ = try load(seconds: 4)
        let before = Self.residentKiB(serve.process.processIdentifier)
        let report = try load(seconds: 10)
        let after = Self.residentKiB(serve.process.processIdentifier)

        print("wrk, 100 connections, 10 s:\n\(report)")
        print("limber serve resident memory: \(before / 1024) MiB before, \(after / 1024) MiB after")
        let requests = report.split(separator: "\n").first { $0.contains("requests in") } ?? ""
        #expect((Int(requests.split(separator: " ").first ?? "") ?? 0) > 1_000, "\(requests)")
        #expect(!report.contains("Socket errors"), "\(report)")
        #expect(!report.contains("Non-2xx"), "\(report)")
        // A leak of one page a request would add about 90 MiB over the run; allocator caches settle
        // within a few MiB.
        #expect(after - before < 16 * 1024, "memory grew from \(before) KiB to \(after) KiB")
    }
}
