import Foundation
import Testing

@testable import LimberKit

/// Each folder under `Fixtures/broken/` changes the basic site so that it breaks, and holds in
/// `expected.txt` exactly what the build must print.
@Suite struct BrokenSiteTests {
    static let cases = ((try? FileManager.default.contentsOfDirectory(atPath: TestSite.fixtures + "/broken")) ?? [])
        .sorted()

    @Test func everyBrokenCaseIsListed() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func printsExactlyTheExpectedDiagnostics(name: String) throws {
        let site = try TestSite.make(overlay: "broken/\(name)")
        let expected = TestSite.read(TestSite.fixtures + "/broken/\(name)/expected.txt")
        // Strict, so that cases whose only problem is a warning fail too.
        let printed = TestSite.failureText(BuildOptions(siteFolder: site, strict: true))
        #expect(printed == expected, "\(name)")
        #expect(!FileManager.default.fileExists(atPath: site + "/public"), "a failed build wrote public/")
    }
}
