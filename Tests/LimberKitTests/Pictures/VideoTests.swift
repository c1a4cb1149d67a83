import Foundation
import Testing

@testable import LimberKit

/// A YouTube or Vimeo `video:` is a play button: the page fetches nothing from the video's host
/// until the reader presses it. A raw `<iframe>` in a body is left out, with a warning at its line.
@Suite(.tags(.browser, .network), .needs("chromium", "python3", "curl", "vips"), .serialized)
struct VideoTests {
    /// The basic site with a YouTube video and a poster on Pigeon Pose, which Evening Hips uses.
    static func videoSite() throws -> String {
        let site = try TestSite.make()
        try PictureTests.replace(
            "video: https://video.example.org/pigeon",
            with: "video: https://youtu.be/dQw4w9WgXcQ\nvideo_poster: images/pigeon.svg",
            in: site + "/content/stretches/pigeon-pose.md")
        return site
    }

    @Test func aYouTubeVideoIsAPlayButtonThatLoadsThePrivacyEnhancedPlayer() throws {
        let site = try Self.videoSite()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        for page in ["stretches/pigeon-pose/index.html", "routines/evening-hips/index.html"] {
            let html = TestSite.read(site + "/public/" + page)
            #expect(
                html.contains("data-player=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\""),
                "\(page)")
            #expect(html.contains("<button type=\"button\" class=\"video-play\">"), "\(page)")
            #expect(html.contains("images/pigeon.svg"), "the poster on \(page)")
            #expect(!html.contains("<iframe"), "\(page) holds a player before any press")
        }
    }

    @Test func nothingIsFetchedFromTheVideoHostBeforeAPress() throws {
        let site = try Self.videoSite()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        let server = try StaticServer(directory: site + "/public")
        defer { server.stop() }
        let log = site + "/net.json"
        _ = try Tool.run(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--log-net-log=\(log)", "--virtual-time-budget=3000",
                "--dump-dom", server.origin + "/stretches/pigeon-pose/index.html",
            ])
        let text = TestSite.read(log)
        let urls = Set(text.matches(of: /"url":"([^"]+)"/).map { String($0.output.1) })
        let hosts = Set(urls.compactMap { URL(string: $0)?.host })
        // The page and what it needs, from the site itself.
        #expect(urls.contains(server.origin + "/stretches/pigeon-pose/index.html"), "\(urls)")
        #expect(urls.contains { $0.hasPrefix(server.origin) && $0.contains("/video.") && $0.hasSuffix(".js") })
        // Chromium asks its own services for updates and the time; the page asks no one else.
        let browsersOwn = ["google.com", "googleapis.com", "gvt1.com"]
        let others = hosts.filter { host in host != "127.0.0.1" && !browsersOwn.contains { host.hasSuffix($0) } }
        #expect(others.isEmpty, "fetched from \(others.sorted())")
        for host in hosts {
            #expect(!["youtube", "ytimg", "googlevideo", "vimeo"].contains { host.contains($0) }, "\(host)")
        }
    }

    @Test func aRawIframeWarnsAtItsLineAndSuggestsVideo() throws {
        let site = try TestSite.make()
        try PictureTests.append(
            "\n<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>\n",
            to: site + "/content/stretches/leg-swings.md")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        let warning = try #require(report.diagnostics.first { $0.message.contains("<iframe>") })
        #expect(warning.severity == .warning)
        #expect(warning.location.path == "content/stretches/leg-swings.md")
        let lines = TestSite.read(site + "/content/stretches/leg-swings.md").split(
            separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[warning.location.line - 1].hasPrefix("<iframe"), "\(warning)")
        #expect(warning.note?.contains("video: https://www.youtube.com/embed/abc123") == true)
        #expect(!TestSite.read(site + "/public/stretches/leg-swings/index.html").contains("<iframe"))
    }

    @Test func videoAddressesOfEachHost() {
        let cases: [(String, String?)] = [
            (
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
            ),
            ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
            (
                "https://www.youtube.com/shorts/abc_DEF-123",
                "https://www.youtube-nocookie.com/embed/abc_DEF-123?autoplay=1"
            ),
            ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
            ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
            ("https://video.example.org/pigeon", nil),
            ("https://www.youtube.com/watch?v=%22onload%3D", nil),
        ]
        for (address, player) in cases {
            #expect(VideoEmbed(address)?.playerURL == player, "\(address)")
        }
    }
}
