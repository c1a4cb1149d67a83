import Foundation
import Testing

@testable import LimberKit

/// The loader hands each file it reads, text and all, to what the build keeps of it: hashes of
/// front matter and body apart, so an edit to one is told from an edit to the other. A file the
/// loader did not read again is as the last build kept it.
@Suite struct SourceDocumentTests {
    let stretch = "content/stretches/leg-swings.md"

    func hashed(_ site: String, reuse: (@Sendable (String) -> SourceDocument?)? = nil) -> [String: SourceDocument] {
        ContentLoader.load(SiteFolder(root: site), keeping: SourceDocument.self, reuse: reuse).1
    }

    @Test func theLoaderGivesEachFileAsReadFrontMatterAndBodyApart() throws {
        let site = try TestSite.make()
        let (content, documents, _) = ContentLoader.load(SiteFolder(root: site), keeping: LoadedDocument.self)
        #expect(try #require(content).stretches.count == 3)
        let read = try #require(documents[stretch])
        #expect(read.path == stretch)
        #expect(read.text.yaml.hasPrefix("title:"))
        #expect(!read.text.body.contains("title:"))
        #expect(!read.text.body.isEmpty)
        #expect(documents.count == 4, "every stretch and routine of the basic site")
    }

    @Test func aBodyEditChangesOnlyTheBodysHash() throws {
        let site = try TestSite.make()
        let before = hashed(site)
        try RebuildTests.append(site + "/" + stretch, "\nOne more sentence.\n")
        let after = hashed(site)
        #expect(after.keys.sorted() == before.keys.sorted())
        #expect(after[stretch]?.frontMatterHash == before[stretch]?.frontMatterHash)
        #expect(after[stretch]?.bodyHash != before[stretch]?.bodyHash)
        let changes = Incremental.changes(from: before, to: after)
        #expect(changes.frontMatter.isEmpty)
        #expect(changes.body == [stretch])
    }

    @Test func aFrontMatterEditChangesTheFrontMattersHash() throws {
        let site = try TestSite.make()
        let before = hashed(site)
        try RebuildTests.replace(site + "/" + stretch, "kind: dynamic", "kind: static")
        let after = hashed(site)
        #expect(after[stretch]?.frontMatterHash != before[stretch]?.frontMatterHash)
        #expect(after[stretch]?.bodyHash == before[stretch]?.bodyHash)
        #expect(Incremental.changes(from: before, to: after).frontMatter == [stretch])
    }

    @Test func aFileNotReadAgainIsAsTheLastBuildKeptIt() throws {
        let site = try TestSite.make()
        let before = hashed(site)
        // The file changed, but the build was told it had not: its document is the one kept.
        try RebuildTests.append(site + "/" + stretch, "\nOne more sentence.\n")
        let after = hashed(site) { path in path == self.stretch ? before[path] : nil }
        #expect(after[stretch]?.bodyHash == before[stretch]?.bodyHash)
        #expect(Incremental.changes(from: before, to: after) == ([], []))
    }
}
