import Foundation
import Testing

@testable import LimberKit

/// After an edit that keeps every stretch in its place, `cards.js`, `cues.js` and the composer's
/// data are the last build's with the edited stretches' lines made again: byte for byte the files
/// made whole, or made whole when the edit reaches beyond those lines.
@Suite struct StretchLinesTests {
    /// The basic site's guide, after `edit` to one of its stretch files.
    func guide(after edit: (String) throws -> Void = { _ in }) throws -> Guide {
        let site = try TestSite.make()
        try edit(site + "/content/stretches/leg-swings.md")
        let (loaded, _) = ContentLoader.load(SiteFolder(root: site))
        let content = try #require(loaded)
        return try #require(Guide.resolve(content).0)
    }

    /// The three scripts of `guide`, as `StretchLines`.
    func scripts(_ guide: Guide) -> [StretchLines] {
        let words = WordTables.limbers.words(for: guide.settings.language)
        return [
            CardIndex.lines(guide, words: words), CardIndex.cuesLines(guide),
            ProgrammeData.lines(guide, pictures: [:], words: words),
        ]
    }

    func edited(_ replacing: String, with text: String) throws -> Guide {
        try guide { path in try RebuildTests.replace(path, replacing, text) }
    }

    @Test func aLineEditedIsTheOnlyOneMadeAgain() throws {
        let before = try guide()
        let after = try edited("dose: 10 reps each leg", with: "dose: 12 reps each leg\ncues:\n  - Swing from the hip")
        let changed = try #require(after.stretches.firstIndex { $0.slug == "leg-swings" })
        for (old, new) in zip(scripts(before), scripts(after)) {
            let patched = new.patched(Array(old.whole().utf8), changed: [changed])
            #expect(patched == new.whole())
            #expect(patched != old.whole(), "the edit shows in the script")
        }
    }

    @Test func linesMadeAgainAnywhereGiveTheWholeScript() throws {
        let before = try guide()
        let after = try edited("dose: 10 reps each leg", with: "dose: 12 reps each leg")
        let changed = try #require(after.stretches.firstIndex { $0.slug == "leg-swings" })
        let last = after.stretches.count - 1
        #expect(last >= 2, "a first, a middle and a last line")
        // The first line, the last, both, one asked twice and out of order, and every line: the
        // bytes between them are copied from the old script.
        for others in [[0], [last], [0, last], [last, 0, last], Array(0...last)] {
            for (old, new) in zip(scripts(before), scripts(after)) {
                let patched = new.patched(Array(old.whole().utf8), changed: others + [changed])
                #expect(patched == new.whole(), "lines \(others) made again")
            }
        }
    }

    @Test func aScriptWhoseHeadChangedIsMadeWhole() throws {
        let before = try guide()
        // A target no stretch had: the filter chips at the head of the card index name it.
        let after = try edited("targets: [hip flexors, hamstrings]", with: "targets: [hip flexors, ankles]")
        let changed = try #require(after.stretches.firstIndex { $0.slug == "leg-swings" })
        let old = Array(scripts(before)[0].whole().utf8)
        #expect(scripts(after)[0].patched(old, changed: [changed]) == nil)
        #expect(scripts(after)[0].made(from: old, changed: [changed]) == scripts(after)[0].whole())
    }

    @Test func aScriptOfAnotherLengthIsMadeWhole() throws {
        let before = try guide()
        // One stretch more.
        let after = try guide { path in
            try TestSite.read(path).replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Circles")
                .write(
                    toFile: path.replacingOccurrences(of: "leg-swings", with: "leg-circles"), atomically: false,
                    encoding: .utf8)
        }
        for (old, new) in zip(scripts(before), scripts(after)) {
            #expect(new.patched(Array(old.whole().utf8), changed: []) == nil)
        }
    }

    @Test func anEditThatKeepsEveryStretchInPlaceIsSeen() throws {
        let site = try TestSite.make()
        let read = { ContentLoader.load(SiteFolder(root: site), keeping: SourceDocument.self).1 }
        let before = read()
        let path = site + "/content/stretches/leg-swings.md"
        try RebuildTests.replace(path, "dose: 10 reps each leg", "dose: 12 reps each leg")
        let dose = read()
        func keepsPlaces(_ from: [String: SourceDocument], _ to: [String: SourceDocument]) -> Bool {
            Incremental.keepsPlaces(
                from: from, to: to, frontMatterChanged: Incremental.changes(from: from, to: to).frontMatter)
        }
        #expect(keepsPlaces(before, dose))
        try RebuildTests.replace(path, "title: Leg Swings", "title: Swinging Legs")
        #expect(!keepsPlaces(dose, read()), "a new title may move the stretch along the list")
    }
}
