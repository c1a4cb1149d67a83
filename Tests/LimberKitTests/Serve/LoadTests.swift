import Foundation
import Testing

/// `limber serve` under load and under attack, on loopback: many connections, slow clients, requests
/// too long, too few descriptors, and signals while all that goes on. Each case takes under 30 s.
@Suite(.tags(.network, .slow), .needs("wrk", "curl"), .serialized)
struct LoadTests {
    static func residentKiB(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// The status of a GET of `url` with curl (0 when nothing answered in 5 s), and the seconds it took.
    static func timedStatus(_ url: String) -> (status: Int, seconds: Double) {
        let start = Date()
        let status = StaticServer.status(url)
        return (status, Date().timeIntervalSince(start))
    }

    /// Runs `body` on a thread of its own (a test's task must not block the concurrency pool).
    static func inBackground(_ body: @escaping @Sendable () -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            body()
            group.leave()
        }
        return group
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

    @Test func requestLinesAndHeadersOverEightKilobytesAreAnsweredAtOnce() throws {
        let site = try TestSite.make()
        let serve = try ServeProcess(site: site)
        defer { serve.stop() }
        let host = "Host: 127.0.0.1:\(serve.port)\r\n"

        // Neither request is finished: the answer comes after 8 KB, not after the request.
        let line = try RawConnection(port: serve.port)
        line.send("GET /guide/" + String(repeating: "a", count: 9_000))
        let tooLong = line.receive(timeout: 3, until: "\r\n\r\n")
        #expect(tooLong.text.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(tooLong.text.prefix(200))")

        let headers = try RawConnection(port: serve.port)
        headers.send("GET /guide/ HTTP/1.1\r\n\(host)X-Padding: " + String(repeating: "b", count: 9_000))
        let tooMany = headers.receive(timeout: 3, until: "\r\n\r\n")
        #expect(
            tooMany.text.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"), "\(tooMany.text.prefix(200))")

        // Just under the limits, a request is answered as usual.
        let long = try RawConnection(port: serve.port)
        long.send(
            "GET /guide/" + String(repeating: "c", count: 7_000) + " HTTP/1.1\r\n\(host)X-Padding: "
                + String(repeating: "d", count: 7_000) + "\r\n\r\n")
        let answered = long.receive(timeout: 3, until: "\r\n\r\n")
        #expect(answered.text.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(answered.text.prefix(200))")

        // Two clients sending 500 KB request lines: the index is answered meanwhile, and they get 414.
        let port = serve.port
        let answers = LockedTexts()
        let senders = (0..<2).map { _ in
            Self.inBackground {
                guard let connection = try? RawConnection(port: port) else { return }
                var line = "GET /" + String(repeating: "e", count: 500_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                while !line.isEmpty {
                    connection.send(String(line.prefix(16 * 1024)))
                    line = String(line.dropFirst(16 * 1024))
                }
                answers.append(connection.receive(timeout: 5, until: "\r\n\r\n").text)
            }
        }
        let index = Self.timedStatus(serve.url)
        #expect(index.status == 200)
        #expect(index.seconds < 2, "GET / took \(index.seconds) s beside two 500 KB requests")
        for sender in senders { #expect(sender.wait(timeout: .now() + 10) == .success) }
        #expect(answers.all.count == 2)
        #expect(answers.all.allSatisfy { $0.hasPrefix("HTTP/1.1 414 ") }, "\(answers.all.map { $0.prefix(40) })")
    }

    @Test func aClientSendingItsHeadersSlowlyIsCutOffAfterTenSeconds() throws {
        let site = try TestSite.make()
        let serve = try ServeProcess(site: site)
        defer { serve.stop() }
        let port = serve.port
        let start = Date()
        let cutOff = LockedTexts()
        // Twenty clients, each sending a header byte every half second, as long as it is let.
        let clients = (0..<20).map { number in
            Self.inBackground {
                guard let connection = try? RawConnection(port: port) else { return }
                connection.send("GET /guide/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ")
                while Date().timeIntervalSince(start) < 25 {
                    if !connection.send("x") || connection.receive(timeout: 0.5).closed {
                        cutOff.append(String(format: "%.1f", Date().timeIntervalSince(start)))
                        return
                    }
                }
                cutOff.append("still open after 25 s (client \(number))")
            }
        }
        // Meanwhile the site is served.
        Thread.sleep(forTimeInterval: 2)
        let index = Self.timedStatus(serve.url)
        #expect(index.status == 200)
        #expect(index.seconds < 2, "GET / took \(index.seconds) s beside 20 slow clients")
        for client in clients { #expect(client.wait(timeout: .now() + 28) == .success) }
        let seconds = cutOff.all.compactMap(Double.init)
        #expect(seconds.count == 20, "\(cutOff.all)")
        #expect(seconds.allSatisfy { $0 >= 9 && $0 < 13 }, "cut off after \(cutOff.all) s")
    }

    @Test func runningOutOfDescriptorsNeverStopsTheListener() throws {
        let site = try TestSite.make()
        let serve = try ServeProcess(site: site, descriptorLimit: 256)
        defer { serve.stop() }
        #expect(serve.url.hasPrefix("http://127.0.0.1:"), "did not start under ulimit -n 256")

        // Two thousand connections that send nothing, against 256 descriptors.
        var idle: [RawConnection] = []
        for _ in 0..<2_000 {
            if let connection = try? RawConnection(port: serve.port, waiting: false) { idle.append(connection) }
        }
        #expect(idle.count == 2_000)
        Thread.sleep(forTimeInterval: 3)
        #expect(serve.process.isRunning)
        idle.removeAll()

        // As soon as they close, pages are served again.
        let start = Date()
        var status = 0
        while status != 200 && Date().timeIntervalSince(start) < 10 { status = StaticServer.status(serve.url) }
        #expect(status == 200, "the listener did not answer within 10 s of the connections closing")
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 3, "it answered \(seconds) s after the connections closed")
        let again = try PreviewServerTests.fetch(serve.url + "stretches/pigeon-pose/")
        #expect(again.status == 200)
        #expect(serve.process.isRunning)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsItWithinASecondUnderLoad(signal: Int32) throws {
        let site = try TestSite.make()
        let serve = try ServeProcess(site: site)
        defer { serve.stop() }
        let port = serve.port
        let folder = serve.folder
        #expect(FileManager.default.fileExists(atPath: folder))

        // An open page, a hundred busy connections, slow clients and long requests, all at once.
        let events = try PreviewServerTests.EventReader(serve.origin + "/_limber/events", seconds: 20)
        defer { events.process.terminate() }
        #expect(events.wait(for: ": connected", timeout: 3))
        let wrk = Process()
        wrk.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        wrk.arguments = ["-t2", "-c100", "-d20s", serve.url]
        wrk.standardOutput = FileHandle.nullDevice
        try wrk.run()
        defer { if wrk.isRunning { wrk.terminate() } }
        let busy = (0..<10).map { number in
            Self.inBackground {
                guard let connection = try? RawConnection(port: port) else { return }
                let chunk = number % 2 == 0 ? "x" : String(repeating: "f", count: 100_000)
                if number % 2 == 0 { connection.send("GET /guide/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: ") }
                for _ in 0..<40 {
                    guard connection.send(chunk) else { break }
                    usleep(100_000)
                }
            }
        }
        Thread.sleep(forTimeInterval: 2)

        let seconds = serve.stop(with: signal)
        #expect(
            seconds != nil && seconds! < 1,
            "signal \(signal): stopped after \(seconds.map { "\($0) s" } ?? "more than 5 s")")
        if seconds != nil {
            #expect(serve.laterOutput().contains("Stopped."))
            // The preview's folder stays in the site's .limber/ for the next start, and only there.
            #expect(folder == site + "/.limber/preview")
            #expect(FileManager.default.fileExists(atPath: folder + "/index.html"))
        }
        for client in busy { _ = client.wait(timeout: .now() + 5) }
    }
}

/// Texts appended from several threads.
final class LockedTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []

    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}
