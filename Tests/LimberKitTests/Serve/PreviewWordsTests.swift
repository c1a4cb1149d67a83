import Foundation
import Testing

@testable import LimberKit

/// `limber serve`'s overlay, shown over the page when a build fails, speaks the site's language.
@Suite struct PreviewWordsTests {
    @Test func theOverlayOfAGermanSiteIsInGerman() throws {
        let site = try TestSite.repositorySite()
        let settings = site + "/content/site.yaml"
        try String(contentsOfFile: settings, encoding: .utf8).replacingOccurrences(
            of: "language: en", with: "language: de"
        ).write(toFile: settings, atomically: false, encoding: .utf8)
        let folder = SiteFolder(root: site)
        var ignored: [Diagnostic] = []
        let words = PreviewServer.words(folder, ContentLoader.loadSettings(folder, into: &ignored))
        let script = LiveReloadScript.source(eventsURL: "/_limber/events", words: words)
        #expect(script.contains("overlay.textContent = \"Die Website ließ sich nicht erstellen."))
        #expect(!script.contains("did not build"))
    }

    @Test func theOverlayOfAnEnglishSiteIsInEnglish() {
        let words = WordTables(files: BuiltInTheme.files).words(for: "en")
        let script = LiveReloadScript.source(eventsURL: "/_limber/events", words: words)
        #expect(
            script.contains(
                "overlay.textContent = \"The site did not build. The last good pages are still served.\" + \"\\n\\n\" +"
            ))
    }
}
