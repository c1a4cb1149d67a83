import Testing

@testable import LimberKit

@Suite struct StretchTests {
    static let pigeon = Stretch(
        slug: "pigeon-pose", title: "Pigeon Pose", summary: "Opens the hips.", kind: .static, level: .beginner,
        targets: ["hips"], dose: .hold(30, side: "each side"), cues: ["Square the hips"],
        body: RenderedMarkdown(html: "<p>Kneel.</p>"), sourcePath: "content/stretches/pigeon-pose.md",
        slugLocation: SourceLocation(path: "content/stretches/pigeon-pose.md", line: 1, column: 1))

    /// A build keeps a stretch in several lists at once: changing one copy (a front-matter edit
    /// applied to the cached stretch) leaves every other copy as it was.
    @Test func aChangedCopyLeavesTheOthers() {
        let original = Self.pigeon
        var edited = original
        edited.title = "Pigeon"
        edited.targets.append("glutes")
        edited.body.html = "<p>Kneel, then lean.</p>"
        #expect(original.title == "Pigeon Pose")
        #expect(original.targets == ["hips"])
        #expect(original.body.html == "<p>Kneel.</p>")
        #expect(edited.title == "Pigeon")
        #expect(edited.targets == ["hips", "glutes"])
        #expect(edited.body.html == "<p>Kneel, then lean.</p>")
        #expect(edited.cues == original.cues)
    }

    /// A stretch's fields read as its own, key paths included (lists sort by them).
    @Test func fieldsReadAsTheStretchsOwn() {
        var second = Self.pigeon
        second.slug = "butterfly"
        second.title = "Butterfly"
        let stretches = [Self.pigeon, second]
        #expect(stretches.map(\.slug) == ["pigeon-pose", "butterfly"])
        #expect(stretches.sorted { $0.title < $1.title }.map(\.title) == ["Butterfly", "Pigeon Pose"])
        #expect(Self.pigeon.kind == .static && Self.pigeon.level == .beginner && Self.pigeon.image == nil)
    }
}
