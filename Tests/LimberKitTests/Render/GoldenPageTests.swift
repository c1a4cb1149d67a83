import Foundation
import Testing

@testable import LimberKit

/// The basic fixture site's pages, compared with reviewed copies in `Fixtures/sites/basic/expected/`.
/// After a deliberate change to the theme or the views, re-record them with
/// `LIMBER_RECORD_GOLDEN=1 swift test --filter GoldenPageTests` and read the diff before committing.
@Suite struct GoldenPageTests {
    static let expected = TestSite.fixtures + "/sites/basic/expected"

    @Test func everyPageMatchesItsReviewedCopy() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        let built = TestSite.snapshot(site + "/public").filter { $0.key.hasSuffix(".html") }

        if ProcessInfo.processInfo.environment["LIMBER_RECORD_GOLDEN"] != nil {
            try? FileManager.default.removeItem(atPath: Self.expected)
            for (name, data) in built {
                let path = Self.expected + "/" + name
                try FileManager.default.createDirectory(
                    atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path))
            }
            Issue.record("Recorded \(built.count) golden pages: review the diff, then run the tests again.")
            return
        }

        let golden = TestSite.snapshot(Self.expected)
        #expect(Set(built.keys) == Set(golden.keys), "the pages differ from the reviewed set")
        #expect(built.count == 20)
        for (name, data) in built.sorted(by: { $0.key < $1.key }) {
            guard let expected = golden[name] else { continue }
            let actual = String(decoding: data, as: UTF8.self)
            let wanted = String(decoding: expected, as: UTF8.self)
            if actual != wanted {
                let lines = zip(actual.split(separator: "\n"), wanted.split(separator: "\n"))
                let first = lines.enumerated().first { $0.element.0 != $0.element.1 }
                let line = (first?.offset ?? 0) + 1
                let builtLine = first.map { String($0.element.0) } ?? ""
                let wantedLine = first.map { String($0.element.1) } ?? ""
                Issue.record(
                    "\(name) differs from its golden copy at line \(line):\n  built: \(builtLine)\n  wanted: \(wantedLine)"
                )
            }
        }
    }
}
