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
