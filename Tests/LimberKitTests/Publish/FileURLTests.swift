import Foundation
import Testing

@testable import LimberKit

/// The built folder opened from disk (`file://`) in headless Chromium looks exactly as it does served
/// over HTTP, and not as it does without its stylesheets: the CSS loads from disk too.
@Suite(.tags(.browser, .network), .needs("chromium", "python3", "curl"), .serialized)
struct FileURLTests {
    /// A screenshot of `url` by headless Chromium, as PNG bytes.
    static func screenshot(_ url: String) throws -> Data {
        guard let chromium = HeadlessChromium.find() else {
            throw Tool.Missing(description: "chromium is not installed: run `scripts/setup.sh test`")
        }
        let folder = TestSite.temporaryFolder()
        let png = folder + "/shot.png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = [
            "120", chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--no-proxy-server", "--disable-extensions", "--force-device-scale-factor=1", "--window-size=1000,1400",
            "--user-data-dir=\(folder)/profile", "--virtual-time-budget=10000", "--screenshot=\(png)", url,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try #require(FileManager.default.contents(atPath: png), "no screenshot of \(url)")
        try? FileManager.default.removeItem(atPath: folder)
        return data
    }

    @Test(arguments: ["index.html", "stretches/pigeon-pose/index.html"])
    func fromDiskLooksAsServedAndShowsItsCSS(page: String) throws {
        let site = try SubpathSite()
        let server = try StaticServer(directory: site.webRoot)
        defer { server.stop() }

        // The same folder without its stylesheets, to tell a styled page from a bare one.
        let bare = TestSite.temporaryFolder() + "/bare"
        try FileManager.default.copyItem(atPath: site.output, toPath: bare)
        for file in FileManager.default.subpaths(atPath: bare) ?? [] where file.hasSuffix(".css") {
            try FileManager.default.removeItem(atPath: bare + "/" + file)
        }

        // On a busy machine a picture can still be on its way when the shot is taken: a
        // difference counts only when it is there three times.
        var served = Data()
        var fromDisk = Data()
        for _ in 1...3 {
            served = try Self.screenshot(server.origin + SubpathSite.subpath + page)
            fromDisk = try Self.screenshot(URL(fileURLWithPath: site.output + "/" + page).absoluteString)
            if fromDisk == served { break }
        }
        let withoutCSS = try Self.screenshot(URL(fileURLWithPath: bare + "/" + page).absoluteString)

        #expect(fromDisk == served, "from disk \(fromDisk.count) bytes, served \(served.count) bytes")
        #expect(fromDisk != withoutCSS, "the page from disk looks as it does without its CSS")
    }
}
