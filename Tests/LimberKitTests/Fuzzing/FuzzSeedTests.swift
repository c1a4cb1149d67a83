import Foundation
import LimberFuzzing
import Testing

@testable import LimberKit

/// Replays the fuzzer's seed corpus, `fuzz/seeds/`, with its regression seeds: every input must
/// load, render and keep the fuzz target's invariants without a sanitizer build.
@Suite(.tags(.slow))
struct FuzzSeedTests {
    static let seeds: [String] = {
        let folder = TestSite.repository + "/fuzz/seeds"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test func theSeedCorpusIsThere() {
        #expect(Self.seeds.count >= 20, "fuzz/seeds/ holds \(Self.seeds.count) files")
        #expect(Self.seeds.contains { $0.hasPrefix("s-") })
        #expect(Self.seeds.contains { $0.hasPrefix("r-") })
        #expect(Self.seeds.contains { $0.hasPrefix("d-") })
    }

    @Test(arguments: seeds)
    func seedKeepsTheInvariants(name: String) throws {
        let data = try #require(FileManager.default.contents(atPath: TestSite.repository + "/fuzz/seeds/" + name))
        let broken = FuzzEntry.violations([UInt8](data))
        #expect(broken.isEmpty, "\(broken.joined(separator: "\n"))")
    }

    @Test func theInvariantsSeeAnAttributeSlippingOutOfItsQuotes() {
        let html = #"<img src="a.svg" alt="x"\#u{301} onerror=alert(1) y"">"#
        let problems = HTMLScan.problems(in: html, allowedScripts: 0)
        #expect(problems.contains { $0.contains("onerror") })
        #expect(HTMLScan.problems(in: #"<p class="x">a &lt;script&gt;</p>"#, allowedScripts: 0).isEmpty)
        #expect(!HTMLScan.problems(in: "<script>x</script>", allowedScripts: 0).isEmpty)
        #expect(!HTMLScan.problems(in: #"<a href=" java&#115;cript:x">"#, allowedScripts: 0).isEmpty)
        // The theme's own search box is counted; a form more than the theme writes is content's.
        let form = #"<form role="search"></form>"#
        #expect(HTMLScan.problems(in: form, allowedScripts: 0, allowedForms: 1).isEmpty)
        #expect(!HTMLScan.problems(in: form + form, allowedScripts: 0, allowedForms: 1).isEmpty)
    }
}
