import Testing

@testable import LimberKit

@Suite struct FrontMatterTests {
    private func split(_ text: String) -> Result<FrontMatterDocument, Diagnostic> {
        FrontMatter.decodeText(Array(text.utf8), path: "x.md").flatMap { FrontMatter.split($0, path: "x.md") }
    }

    @Test func splitsFieldsFromBodyAndCountsLines() throws {
        let document = try split("---\ntitle: A\nkind: static\n---\nBody\n").get()
        #expect(document.yaml == "title: A\nkind: static")
        #expect(document.yamlLineOffset == 1)
        #expect(document.body == "Body\n")
        #expect(document.bodyLineOffset == 4)
    }

    @Test func aClosingLineMayEndInSpacesAndTabsButNotInAnotherMark() throws {
        let document = try split("---\ntitle: A\n--- \t \nBody\n").get()
        #expect(document.yaml == "title: A")
        #expect(document.body == "Body\n")
        // A combining accent makes the last dash another character: the line closes nothing.
        guard case .failure(let problem) = split("---\ntitle: A\n---\u{0301}\nBody\n") else {
            Issue.record("a dash with an accent closed the front matter")
            return
        }
        #expect(problem.message == "the front matter is never closed")
    }

    @Test func acceptsCRLFAndAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\nBody\r\n".utf8)
        let document = try FrontMatter.decodeText(bytes, path: "x.md").flatMap { FrontMatter.split($0, path: "x.md") }
            .get()
        #expect(document.yaml == "title: A")
        #expect(document.body == "Body\n")
    }

    @Test func namesTheLineOfBytesThatAreNotUTF8() {
        let bytes = Array("---\ntitle: A\nsummary: caf".utf8) + [0xE9] + Array(" au lait\n---\n".utf8)
        guard case .failure(let problem) = FrontMatter.decodeText(bytes, path: "x.md") else {
            Issue.record("Latin-1 bytes were accepted")
            return
        }
        #expect(problem.location == SourceLocation(path: "x.md", line: 3, column: 13))
        #expect(problem.message == "the file is not UTF-8 text")
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("title: A\n", "the file does not start with front matter"),
        ("---\ntitle: A\n", "the front matter is never closed"),
    ])
    func refusesFilesThatAreNotContent(text: String, message: String) {
        guard case .failure(let problem) = split(text) else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(problem.message == message)
        #expect(problem.location.line == 1)
    }
}

/// Front matter past Limber's limits (64 levels deep, 10,000 items in a list, 1 MB): each an error
/// where it goes over, read without recursion and in time linear in its size.
@Suite struct FrontMatterLimitTests {
    static let header = "---\ntitle: Big\nsummary: A very large file.\nkind: static\nlevel: beginner\ndose: 30 s\n"

    /// The one diagnostic of reading `yaml` as the front matter of `x.md`, its YAML from line 2.
    static func problem(_ yaml: String) -> Diagnostic? {
        let (_, problems) = Fields.parse(yaml: yaml, path: "x.md", lineOffset: 1)
        return problems.first
    }

    /// The fields are the first level: the 64th list or group inside them is one too many.
    @Test(arguments: [
        ("targets: " + String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000), 2, 73),
        ("targets: " + String(repeating: "{a: ", count: 60_000) + "b" + String(repeating: "}", count: 60_000), 2, 262),
        ("targets:\n" + String(repeating: "- ", count: 60_000) + "x", 3, 127),
        ((0..<100).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n") + " b", 66, 65),
    ])
    func nestingDeeperThan64IsRefusedWhereItGoesDeeper(yaml: String, line: Int, column: Int) throws {
        let problem = try #require(Self.problem(yaml))
        #expect(problem.message == "lists and groups of fields are nested more than 64 deep here")
        #expect(problem.location == SourceLocation(path: "x.md", line: line, column: column))
    }

    @Test func nestingOf64IsRead() {
        // The fields are one level, and 63 lists inside one another the rest.
        let yaml = "targets: " + String(repeating: "[", count: 63) + "a" + String(repeating: "]", count: 63)
        let (fields, problems) = Fields.parse(yaml: yaml, path: "x.md", lineOffset: 1)
        #expect(problems.isEmpty)
        #expect(fields?.has("targets") == true)
    }

    @Test(arguments: [true, false])
    func aListOfMoreThan10000ItemsIsRefusedAtItsItem10001(flow: Bool) throws {
        let items = (0..<50_000).map { "t\($0)" }
        let yaml =
            flow
            ? "targets: [" + items.joined(separator: ", ") + "]"
            : "targets:\n" + items.map { "  - \($0)\n" }.joined()
        let problem = try #require(Self.problem(yaml))
        #expect(problem.message == "more than 10,000 items in one list")
        #expect(problem.location == SourceLocation(path: "x.md", line: flow ? 2 : 10_003, column: flow ? 68_901 : 5))

        let (fields, accepted) = Fields.parse(
            yaml: "targets: [" + items.prefix(10_000).joined(separator: ", ") + "]", path: "x.md", lineOffset: 1)
        #expect(accepted.isEmpty)
        guard case .sequence(let list) = fields?.node("targets") else {
            Issue.record("10,000 items were not read as a list")
            return
        }
        #expect(list.nodes.count == 10_000)
    }

    @Test func aGroupOfMoreThan10000FieldsIsRefusedAtField10001() throws {
        let yaml = (0..<20_000).map { "f\($0): x" }.joined(separator: "\n")
        let problem = try #require(Self.problem(yaml))
        #expect(problem.message == "more than 10,000 fields in one group")
        #expect(problem.location == SourceLocation(path: "x.md", line: 10_002, column: 1))
    }

    @Test func frontMatterOver1MBIsRefusedWhereItGoesOver() throws {
        // 6,000 lines of 207 bytes, each with 100 two-byte letters: columns count letters, not bytes.
        let line = "  - " + String(repeating: "é", count: 100) + "xx" + "\n"
        let yaml = "cues:\n" + String(repeating: line, count: 6_000)
        let problem = try #require(Self.problem(yaml))
        #expect(problem.message == "the front matter is larger than 1 MB: Limber reads no further")
        let offset = (1 << 20) - "cues:\n".utf8.count
        let lineIndex = offset / line.utf8.count
        let inLine = offset % line.utf8.count
        let column = String(decoding: Array(line.utf8).prefix(inLine), as: UTF8.self).unicodeScalars.count + 1
        #expect(problem.location == SourceLocation(path: "x.md", line: lineIndex + 3, column: column))
    }

    @Test func aNULByteIsReportedAtItsOwnLineAndColumn() throws {
        let yaml = "title: A\nsummary: B\nkind: static\nlevel: beginner\ndose: 30 s\ntargets: [a]\ncues: [x\u{0}y]"
        let problem = try #require(Self.problem(yaml))
        #expect(problem.message == "front matter cannot hold the control character U+0000")
        #expect(problem.location == SourceLocation(path: "x.md", line: 8, column: 9))
    }

    @Test func everyFileOverALimitIsReportedInOneBuild() throws {
        let site = try TestSite.make()
        let stretches = site + "/content/stretches/"
        let files = [
            "deep.md": "targets: " + String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000),
            "wide.md": "targets: [" + (0..<50_000).map { "t\($0)" }.joined(separator: ", ") + "]",
            "large.md": "targets: [a]\ncues:\n"
                + String(repeating: "  - " + String(repeating: "x", count: 200) + "\n", count: 6_000),
            "nul.md": "targets: [a]\ncues:\n  - one\n  - t\u{0}wo",
        ]
        for (name, yaml) in files {
            try (Self.header + yaml + "\n---\nBody\n").write(
                toFile: stretches + name, atomically: false, encoding: .utf8)
        }
        let text = try #require(TestSite.failureText(BuildOptions(siteFolder: site)))
        #expect(
            text.contains(
                "content/stretches/deep.md:7:73: error: lists and groups of fields are nested more than 64 deep here"))
        #expect(text.contains("content/stretches/wide.md:7:68901: error: more than 10,000 items in one list"))
        #expect(text.contains("content/stretches/large.md:5123:109: error: the front matter is larger than 1 MB"))
        #expect(
            text.contains("content/stretches/nul.md:10:6: error: front matter cannot hold the control character U+0000")
        )
    }
}
