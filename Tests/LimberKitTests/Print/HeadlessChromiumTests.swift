import Foundation
import Testing

@testable import LimberKit

/// The browser that prints sheets cleans up after itself.
@Suite(.tags(.browser), .needs("chromium"))
struct HeadlessChromiumTests {
    /// A browser that is done leaves no profile behind, print after print. (Chromium's helpers
    /// write into the profile as they stop, after the browser itself; on a busy machine they
    /// stopped after the profile was removed, which this test alone does not bring about.)
    @Test func aBrowserThatIsDoneLeavesNoProfileBehind() throws {
        guard let chromium = HeadlessChromium.find() else {
            throw Tool.Missing(description: "Chromium is not installed")
        }
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        let output = site + "/public"
        let sheets = try FileManager.default.contentsOfDirectory(atPath: output + "/routines").sorted()
            .map { output + "/routines/" + $0 + "/sheet/index.html" }
            .filter { FileManager.default.fileExists(atPath: $0) }
            .map { URL(fileURLWithPath: $0).absoluteString }
        #expect(!sheets.isEmpty)
        let profiles = TestSite.temporaryFolder()
        for _ in 0..<3 {
            do {
                let browser = try HeadlessChromium(executable: chromium, loadingOnlyFrom: output, profilesIn: profiles)
                let pdfs = try browser.printToPDF(urls: sheets)
                #expect(pdfs.count == sheets.count && pdfs.allSatisfy { (PDFPages.count([UInt8]($0)) ?? 0) >= 1 })
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: profiles) == [])
        }
    }
}
