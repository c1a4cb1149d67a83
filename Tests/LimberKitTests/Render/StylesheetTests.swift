import Foundation
import Testing

/// The theme's stylesheets as a browser reads them: a rule left open swallows every rule after it,
/// so the pages below it in the file lose their styles without a word from any checker.
@Suite struct StylesheetTests {
    static let staticFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates/static").path

    /// The line of each `{` that is never closed, and of each `}` that closes nothing, outside
    /// comments and strings.
    static func unbalancedBraces(in css: String) -> [String] {
        var problems: [String] = []
        var open: [Int] = []
        var line = 1
        var scalars = Array(css.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\n": line += 1
            case "/" where scalars.first == "*":
                scalars.removeFirst()
                while let inside = scalars.popFirst() {
                    if inside == "\n" { line += 1 }
                    if inside == "*", scalars.first == "/" {
                        scalars.removeFirst()
                        break
                    }
                }
            case "\"", "'":
                while let inside = scalars.popFirst(), inside != scalar {
                    if inside == "\\" { _ = scalars.popFirst() }
                }
            case "{": open.append(line)
            case "}":
                if open.popLast() == nil { problems.append("line \(line): '}' closes nothing") }
            default: break
            }
        }
        return problems + open.map { "line \($0): '{' is never closed" }
    }

    @Test func aRuleLeftOpenIsFound() {
        #expect(
            Self.unbalancedBraces(in: ".a {\n  color: red;\n\n.b {\n  color: blue;\n}\n") == [
                "line 1: '{' is never closed"
            ])
        #expect(Self.unbalancedBraces(in: "/* { */ .a { content: \"}\"; }\n").isEmpty)
    }

    @Test(arguments: ["style.css", "print.css"])
    func everyRuleOfTheThemeIsClosed(file: String) throws {
        let css = try String(contentsOfFile: Self.staticFolder + "/" + file, encoding: .utf8)
        #expect(Self.unbalancedBraces(in: css) == [], "\(file)")
    }
}
