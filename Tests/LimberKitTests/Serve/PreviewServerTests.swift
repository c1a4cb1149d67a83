import Foundation
import Testing

@testable import LimberKit

/// `limber serve`, driven with a real HTTP client (curl) on loopback.
@Suite(.tags(.network), .needs("curl"), .serialized)
struct PreviewServerTests {
    struct Response {
        var status: Int
        var headers: String
        var body: String
    }

    /// One request with curl, the path sent exactly as given.
    static func fetch(_ url: String, method: String = "GET", headers: [String] = []) throws -> Response {
        var arguments = ["-s", "-i", "--path-as-is", "--max-time", "5", "-X", method]
        if method == "HEAD" { arguments = ["-s", "-I", "--path-as-is", "--max-time", "5"] }
        for header in headers { arguments += ["-H", header] }
        let text = try Tool.run("curl", arguments + [url])
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Response(status: status, headers: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Reads a server-sent event stream in the background for `seconds`.
    final class EventReader: @unchecked Sendable {
        let process = Process()
        let pipe = Pipe()
        private let lock = NSLock()
        private var text = ""

        init(_ url: String, seconds: Int) throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sN", "--max-time", "\(seconds)", url]
            process.standardOutput = pipe
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                self?.lock.withLock { self?.text += String(decoding: data, as: UTF8.self) }
            }
            try process.run()
        }

        var received: String { lock.withLock { text } }

        /// Waits until `fragment` has arrived; false after `timeout` seconds.
        func wait(for fragment: String, after offset: Int = 0, timeout: Double) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let all = received
                if all.count > offset, all.dropFirst(offset).contains(fragment) { return true }
                usleep(20_000)
            }
            return false
        }
    }

    static func waitFor(timeout: Double, _ condition: () throws -> Bool) rethrows -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if try condition() { return Date().timeIntervalSince(start) }
            usleep(20_000)
        }
        return nil
    }

    @Test func rebuildsReloadsAndShowsErrorsWhileKeepingTheLastGoodPages() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let url = server.url
        #expect(url.hasSuffix("/guide/"), "served under the path of base_url")
        let host = String(url.dropLast("/guide/".count))

        let page = url + "stretches/leg-swings/index.html"
        let first = try Self.fetch(page)
        #expect(first.status == 200)
        #expect(first.body.contains("<script src=\"/_limber/live.js\"></script>"))
        let built = TestSite.read(server.folder + "/stretches/leg-swings/index.html")
        #expect(built.contains("<h1>Leg Swings</h1>"))
        #expect(!built.contains("_limber"), "the script is added to served pages only")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"), "serve leaves public/ alone")

        let events = try EventReader(host + "/_limber/events", seconds: 12)
        #expect(events.wait(for: ": connected", timeout: 3))
        let file = site + "/content/stretches/leg-swings.md"
        let original = TestSite.read(file)

        // An edit shows within 2 s, and open pages are told to reload.
        try original.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings Edited")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let shown = try Self.waitFor(timeout: 2) { try Self.fetch(page).body.contains("<h1>Leg Swings Edited</h1>") }
        #expect(shown != nil, "the edit did not show within 2 s")
        #expect(events.wait(for: "event: reload", timeout: 2))

        // A mistake: the overlay's event carries the diagnostic, and the last good page stays.
        let before = events.received.count
        try original.replacingOccurrences(of: "kind: dynamic", with: "kind: stretchy")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(events.wait(for: "event: failed", after: before, timeout: 2))
        #expect(events.received.contains("leg-swings.md:4:7: error: unknown kind 'stretchy'"))
        let during = try Self.fetch(page)
        #expect(during.status == 200)
        #expect(during.body.contains("<h1>Leg Swings Edited</h1>"))

        // Fixed: pages reload, which clears the overlay.
        let beforeFix = events.received.count
        try original.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(events.wait(for: "event: reload", after: beforeFix, timeout: 2))
        events.process.terminate()
    }

    @Test func aSecondStartOnAnUnchangedGuideBuildsNothingAndStillShowsSaves() throws {
        let site = try TestSite.make()
        let first = try ServeProcess(site: site)
        #expect(first.started.contains("Built 20 pages"), "\(first.started)")
        first.stop()

        let second = try ServeProcess(site: site)
        defer { second.stop() }
        #expect(second.started.contains("Up to date: the 20 pages"), "\(second.started)")
        let page = second.url + "stretches/leg-swings/"
        #expect(try Self.fetch(page).body.contains("<h1>Leg Swings</h1>"))
        let file = site + "/content/stretches/leg-swings.md"
        try TestSite.read(file).replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings Again")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let shown = try Self.waitFor(timeout: 5) { try Self.fetch(page).body.contains("<h1>Leg Swings Again</h1>") }
        #expect(shown != nil, "the edit did not show within 5 s")

        // A body saved: its page is rendered ahead of the build (whose debug build checks that it
        // writes the same bytes), then served from the folder.
        try (TestSite.read(file) + "\nSwing slowly.\n").write(toFile: file, atomically: true, encoding: .utf8)
        let body = try Self.waitFor(timeout: 5) { try Self.fetch(page).body.contains("Swing slowly.") }
        #expect(body != nil, "the body edit did not show within 5 s")
        Thread.sleep(forTimeInterval: 1)
        #expect(second.process.isRunning)
        #expect(try Self.fetch(page).body.contains("Swing slowly."))
        #expect(TestSite.read(second.folder + "/stretches/leg-swings/index.html").contains("Swing slowly."))
    }

    @Test func mapsFoldersAndMissingPagesLikeAStaticHost() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let url = server.url

        let folder = try Self.fetch(url + "stretches/pigeon-pose/")
        #expect(folder.status == 200)
        #expect(folder.headers.lowercased().contains("content-type: text/html; charset=utf-8"))
        #expect(try Self.fetch(url + "stretches/pigeon-pose").status == 301)
        let missing = try Self.fetch(url + "stretches/no-such-stretch/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        let stylesheet = try #require(TestSite.snapshot(server.folder).keys.first { $0.hasPrefix("style.") })
        #expect(try Self.fetch(url + stylesheet).headers.lowercased().contains("content-type: text/css"))

        let head = try Self.fetch(url + "index.html", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        let tag = try #require(
            head.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("etag:") }?.split(separator: " ")
                .last)
        #expect(try Self.fetch(url + "index.html", headers: ["If-None-Match: \(tag)"]).status == 304)
    }

    @Test func neverServesAByteFromOutsideTheSite() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let url = server.url
        let host = String(url.dropLast("/guide/".count))
        // A secret beside the served folder, and a link inside it that leads there.
        let secret = (server.folder as NSString).deletingLastPathComponent + "/secret.txt"
        try "TOP-SECRET-BYTES".write(toFile: secret, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: server.folder + "/leak.txt", withDestinationPath: secret)

        let attempts = [
            url + "../secret.txt", url + "%2e%2e/secret.txt", url + "%252e%252e/secret.txt",
            url + "..%2fsecret.txt", url + "..%252fsecret.txt", url + "leak.txt", host + "/" + secret,
            host + "//" + secret, url + "%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", url + "....//secret.txt",
        ]
        for attempt in attempts {
            let response = try Self.fetch(attempt)
            #expect(response.status == 404 || response.status == 307, "\(attempt): \(response.status)")
            #expect(!response.body.contains("TOP-SECRET"), "\(attempt) leaked the secret")
            #expect(!response.body.contains("root:x:0:0"), "\(attempt) leaked /etc/passwd")
        }
    }

    @Test func answersOnlyToItsOwnNamesSoAnotherSiteCannotReadIt() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let port = server.port
        let page = server.url + "stretches/leg-swings/"

        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)", "LocalHost:\(port)"] {
            let answer = try Self.fetch(page, headers: ["Host: \(host)"])
            #expect(answer.status == 200, "Host: \(host)")
            #expect(answer.body.contains("<h1>Leg Swings</h1>"), "Host: \(host)")
        }
        #expect(try Self.fetch("http://localhost:\(port)/guide/").status == 200)

        // A page of evil.example whose name now leads to 127.0.0.1 (DNS rebinding), and other names.
        let rebound = try Tool.run(
            "curl",
            [
                "-s", "-i", "--max-time", "5", "--resolve", "evil.example:\(port):127.0.0.1",
                "http://evil.example:\(port)/guide/stretches/leg-swings/",
            ])
        #expect(rebound.hasPrefix("HTTP/1.1 421 Misdirected Request"), "\(rebound.prefix(200))")
        #expect(!rebound.contains("Leg Swings"))
        let refused = [
            "evil.example", "127.0.0.1.evil.example:\(port)", "localhost.:\(port)", "127.0.0.1:\(port + 1)",
            "127.0.0.1", "localhost:\(port)@evil.example", "",
        ]
        for host in refused {
            let answer = try Self.fetch(page, headers: ["Host: \(host)"])
            #expect(answer.status == 421, "Host: \(host)")
            #expect(!answer.body.contains("Leg Swings"), "Host: \(host)")
            let events = try Self.fetch(server.origin + "/_limber/events", headers: ["Host: \(host)"])
            #expect(events.status == 421, "events, Host: \(host)")
        }
        // No Host at all (HTTP/1.0), and two of them.
        let bare = try RawConnection(port: port)
        bare.send("GET /guide/stretches/leg-swings/ HTTP/1.0\r\n\r\n")
        #expect(bare.receive(timeout: 3, until: "\r\n\r\n").text.hasPrefix("HTTP/1.1 421 "))
        let twice = try RawConnection(port: port)
        twice.send(
            "GET /guide/stretches/leg-swings/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\n\r\n")
        #expect(twice.receive(timeout: 3, until: "\r\n\r\n").text.hasPrefix("HTTP/1.1 421 "))
    }

    @Test func pagesThatGoAwayFreeTheirEventStreamsAtOnce() throws {
        let site = try TestSite.make()
        let server = try ServeProcess(site: site)
        defer { server.stop() }
        let port = server.port
        func openPage() throws -> (connection: RawConnection, answer: String) {
            let connection = try RawConnection(port: port)
            connection.send("GET /_limber/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            return (connection, connection.receive(timeout: 3, until: ": connected").text)
        }
        // As many open pages as the preview keeps streams for, then one more.
        var pages = try (0..<LiveReload.maximumListeners).map { _ in try openPage() }
        #expect(pages.allSatisfy { $0.answer.hasPrefix("HTTP/1.1 200 OK") && $0.answer.contains(": connected") })
        #expect(try openPage().answer.hasPrefix("HTTP/1.1 503 "))

        // The pages are closed or reloaded: a new page gets its stream straight away.
        pages.removeAll()
        let start = Date()
        var answer = ""
        repeat {
            answer = try openPage().answer
        } while !answer.hasPrefix("HTTP/1.1 200")
            && Date().timeIntervalSince(start) < 5
        #expect(answer.contains(": connected"))
        #expect(Date().timeIntervalSince(start) < 2, "a stream was free \(Date().timeIntervalSince(start)) s later")
    }

    @Test func aPortInUseGetsAClearMessage() throws {
        let site = try TestSite.make()
        let first = try ServeProcess(site: site)
        defer { first.stop() }
        let port = try #require(UInt16(first.url.split(separator: ":").last?.split(separator: "/").first ?? ""))
        let second = try ServeProcess(site: site, arguments: ["--port", "\(port)"])
        let errors = second.errors()
        #expect(second.process.terminationStatus == 1)
        #expect(errors.contains("port \(port) is in use"), "\(errors)")
    }
}
