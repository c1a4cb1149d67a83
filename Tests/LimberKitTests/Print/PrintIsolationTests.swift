import Foundation
import Testing

@testable import LimberKit

/// Printing sheets to PDF loads only the files of the output being printed: what a body names on
/// another server (or, with raw HTML on, a stylesheet or picture there) is never fetched from the
/// machine that builds, as a listener on this machine shows.
@Suite(.tags(.browser, .network), .needs("chromium", "python3"), .serialized)
struct PrintIsolationTests {
    static func site(reaching listener: RecordingListener, unsafeHTML: Bool) throws -> String {
        let site = try TestSite.make()
        let routine = site + "/content/routines/evening-hips.md"
        // In the body's first paragraph, which the sheet shows.
        var added = " ![x](\(listener.origin)/body.png)"
        if unsafeHTML {
            added +=
                " <link rel=\"stylesheet\" href=\"\(listener.origin)/style.css\">"
                + " <img src=\"\(listener.origin)/img.png\" alt=\"\"> <img src=\"file:///etc/hostname\" alt=\"\">"
            let settings = site + "/content/site.yaml"
            try (TestSite.read(settings) + "unsafe_html: true\n").write(
                toFile: settings, atomically: true, encoding: .utf8)
        }
        let text = TestSite.read(routine).replacingOccurrences(
            of: "Do this routine before bed.", with: "Do this routine before bed." + added)
        try text.write(toFile: routine, atomically: true, encoding: .utf8)
        return site
    }

    @Test(arguments: [false, true]) func aPrintedSheetReachesNoServer(unsafeHTML: Bool) throws {
        guard HeadlessChromium.find() != nil else { throw Tool.Missing(description: "Chromium is not installed") }
        let listener = try RecordingListener()
        let site = try Self.site(reaching: listener, unsafeHTML: unsafeHTML)
        var options = BuildOptions(siteFolder: site, buildDate: "2026-01-01")
        options.pdf = true
        _ = try SiteBuilder.build(options)
        let pdf = site + "/public/routines/evening-hips/evening-hips.pdf"
        #expect(try SheetPDFTests.pageCount(pdf) >= 1)
        // The address is in the sheet as written: a person who opens the page fetches it.
        #expect(TestSite.read(site + "/public/routines/evening-hips/sheet/index.html").contains(listener.origin))
        #expect(listener.requests == [], "printing fetched \(listener.requests)")
    }

    @Test func limberSheetReachesNoServer() throws {
        guard HeadlessChromium.find() != nil else { throw Tool.Missing(description: "Chromium is not installed") }
        let listener = try RecordingListener()
        let site = try Self.site(reaching: listener, unsafeHTML: true)
        let path = TestSite.temporaryFolder() + "/evening-hips.pdf"
        _ = try SheetCommand.printSheet(
            routine: "evening-hips", siteFolder: site, paper: nil, chromium: nil, to: path)
        #expect(try SheetPDFTests.pageCount(path) >= 1)
        #expect(listener.requests == [], "printing fetched \(listener.requests)")
    }

    @Test func onlyFilesBelowTheOutputMayLoad() {
        let folder = "/tmp/out"
        for url in [
            "file:///tmp/out/routines/a/sheet/index.html", "file:///tmp/out/static/sheet.3fa9.css",
            "file:///tmp/out/images/a%20b.svg", "data:image/png;base64,AAAA", "about:blank",
        ] {
            #expect(HeadlessChromium.mayLoad(url, from: folder), "\(url)")
        }
        for url in [
            "http://127.0.0.1:9999/x.png", "https://example.org/a.css", "file:///etc/hostname",
            "file:///tmp/out/../secret.png", "file:///tmp/outside/x.png", "file://host/tmp/out/x.png",
            "ws://127.0.0.1/", "blob:null/1234", "chrome://settings/",
        ] {
            #expect(!HeadlessChromium.mayLoad(url, from: folder), "\(url)")
        }
    }
}
