import Foundation
import Testing

@testable import LimberTemplates

/// The Mustache specification's suites (`Fixtures/mustache-spec/`, MIT licence, from
/// github.com/mustache/spec): the six core ones and the optional one of template inheritance,
/// which Limber's themes use. Every case renders as the specification expects, or is listed in
/// `unsupported` with the reason Limber's engine leaves it out.
@Suite struct MustacheSpecTests {
    static let suites = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    /// Cases Limber's engine deliberately does not pass, by `suite/name`, with the reason.
    static let unsupported: [String: String] = [
        // A block's content is indented by the whitespace before the block's tag, as swift-mustache
        // indents it: Limber's themes were written against that library and render byte for byte
        // as they did with it. These two cases take the indentation from the default content.
        "~inheritance/Intrinsic indentation": "a block is indented as its tag is, not as its default content",
        "~inheritance/Nested block reindentation": "a block is indented as its tag is, not as its default content",
    ]

    /// One case of a suite: a template, its data and partials, and what it must render.
    struct Case: Decodable, CustomTestStringConvertible {
        var suite = ""
        let name: String
        let data: JSON
        let template: String
        let partials: [String: String]?
        let expected: String

        var id: String { "\(suite)/\(name)" }
        var testDescription: String { id }

        enum CodingKeys: String, CodingKey { case name, data, template, partials, expected }
    }

    struct Suite: Decodable { let tests: [Case] }

    /// A JSON value, as the suites give their data.
    indirect enum JSON: Decodable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSON])
        case object([String: JSON])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let int = try? container.decode(Int.self) {
                self = .number(String(int))
            } else if let double = try? container.decode(Double.self) {
                self = .number(String(double))
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else if let array = try? container.decode([JSON].self) {
                self = .array(array)
            } else {
                self = .object(try container.decode([String: JSON].self))
            }
        }

        /// The value as templates read it; nil for `null`, which Mustache treats as missing.
        var value: TemplateValue? {
            switch self {
            case .null: nil
            case .bool(let bool): .flag(bool)
            case .number(let text), .string(let text): .text(text)
            case .array(let items): .list(Items(items: items.map(\.value)))
            case .object(let fields): .scope(Object(fields: fields))
            }
        }
    }

    /// A JSON object: a value with names.
    struct Object: TemplateScope {
        let fields: [String: JSON]
        func value(named name: String) -> TemplateValue? { fields[name]?.value }
    }

    /// A JSON array: a list of any values, which a section shows once for each.
    struct Items: TemplateList {
        let items: [TemplateValue?]
        var isEmpty: Bool { items.isEmpty }
        var firstValue: TemplateValue? { items.first ?? nil }
        func forEachValue(_ body: (TemplateValue) -> Void) {
            // A `null` item is still an item: it shows the section with nothing in it.
            for item in items { body(item ?? .flag(true)) }
        }
    }

    static func cases() throws -> [Case] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/mustache-spec")
        var cases: [Case] = []
        for suite in suites {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(suite).json"))
            for var test in try JSONDecoder().decode(Suite.self, from: data).tests {
                test.suite = suite
                cases.append(test)
            }
        }
        return cases
    }

    /// What the engine renders for `test`, or why it cannot read its templates.
    static func render(_ test: Case) -> String {
        var templates: [String: Template] = [:]
        let entry = "\u{1}test"
        for (name, text) in (test.partials ?? [:]).merging([entry: test.template], uniquingKeysWith: { $1 }) {
            switch TemplateParser.parse(text) {
            case .success(let template): templates[name] = template
            case .failure(let error): return "syntax error at \(error.line):\(error.column): \(error.message)"
            }
        }
        let bytes = TemplateLibrary(templates: templates).renderBytes(entry, root: test.data.value ?? .flag(true))
        return String(decoding: bytes ?? [], as: UTF8.self)
    }

    @Test func everySuiteIsRead() throws {
        let cases = try Self.cases()
        #expect(Set(cases.map(\.suite)) == Set(Self.suites))
        #expect(cases.count > 100)
        // Each deliberate exception names a case that exists.
        let ids = Set(cases.map(\.id))
        for id in Self.unsupported.keys { #expect(ids.contains(id), "no case \(id)") }
    }

    @Test(arguments: try cases())
    func rendersAsTheSpecificationSays(_ test: Case) {
        let rendered = Self.render(test)
        if let reason = Self.unsupported[test.id] {
            // Left out on purpose: the case must still fail, or it belongs back in the suite.
            #expect(rendered != test.expected, "\(test.id) passes now: take it out of `unsupported` (\(reason))")
        } else {
            #expect(rendered == test.expected, "\(test.id)")
        }
    }
}
