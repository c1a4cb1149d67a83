import Testing

@testable import LimberTemplates

/// Views as a theme's pages use them: plain stored properties, a view inside a view, the names
/// of a view it holds offered as its own, and where the parser says each tag's name starts.
@Suite struct ViewFieldsTests {
    struct Picture: TemplateView {
        var url: String
        var alt: String?

        static let fields: ViewFields<Self> = ["url": .text { $0.url }, "alt": .text { $0.alt }]
    }

    struct Common: TemplateView {
        var title: String
        var root: String

        static let fields: ViewFields<Self> = ["title": .text { $0.title }, "root": .text { $0.root }]
    }

    struct Step: TemplateView {
        var number: Int
        var picture: Picture?
        var cues: [String]

        static let fields: ViewFields<Self> = [
            "number": .number { $0.number },
            "picture": .view { $0.picture },
            "cues": .texts { $0.cues },
            "has_cues": .flag { !$0.cues.isEmpty },
        ]
    }

    struct Page: TemplateView {
        var common: Common
        var steps: [Step]
        var picture: Picture?

        static let fields = ViewFields<Self>(
            [("steps", .list { $0.steps }), ("picture", .view { $0.picture })], with: Common.fields,
            at: { $0.common })
    }

    static let page = Page(
        common: Common(title: "Hips <daily>", root: "../"),
        steps: [
            Step(number: 1, picture: Picture(url: "a.svg", alt: nil), cues: ["Breathe"]),
            Step(number: 2, picture: nil, cues: []),
        ],
        picture: Picture(url: "page.svg", alt: "Page"))

    func render(_ template: String) throws -> String {
        let parsed = try TemplateParser.parse(template).get()
        return try #require(TemplateLibrary(templates: ["page": parsed]).render("page", Self.page))
    }

    @Test func aViewOffersTheNamesOfTheViewItHolds() throws {
        #expect(try render("{{title}} at {{{root}}}") == "Hips &lt;daily&gt; at ../")
        #expect(Page.fields.names == ["title", "root", "steps", "picture"])
    }

    @Test func viewsInsideViewsAreReadByDottedNamesAndSections() throws {
        #expect(try render("{{picture.url}}|{{#picture}}{{url}}{{/picture}}") == "page.svg|page.svg")
        // The second step has no picture: the section finds the page's, further out.
        let steps = "{{#steps}}{{number}}:{{#picture}}{{url}}{{/picture}};{{/steps}}"
        #expect(try render(steps) == "1:a.svg;2:page.svg;")
        #expect(try render("{{#steps}}{{#has_cues}}{{#cues}}{{.}}{{/cues}}{{/has_cues}}{{/steps}}") == "Breathe")
    }

    @Test func aDottedNameStopsAtTheViewThatHasItsFirstPart() throws {
        // The first step's picture has no `alt`, and the page's picture is not asked instead; the
        // second step has no picture, so `picture` is the page's.
        #expect(try render("{{#steps}}[{{picture.alt}}]{{/steps}}") == "[][Page]")
        #expect(try render("{{#steps}}{{picture.url}};{{/steps}}") == "a.svg;page.svg;")
    }

    @Test func eachTagKnowsWhereItsNameStarts() throws {
        let template = try TemplateParser.parse("<p>\n  {{# steps }}{{{ title }}}\n{{=<% %>=}}<%> part%><%/steps%>")
            .get()
        var found: [String: Template.Location] = [:]
        func visit(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case .variable(let name, _, let at): found[name.text] = at
                case .section(let name, let inner, _, let at):
                    found[name.text] = at
                    visit(inner.nodes)
                case .partial(let name, _, _, let at): found[name] = at
                default: break
                }
            }
        }
        visit(template.nodes)
        #expect(found["steps"] == Template.Location(line: 2, column: 7))
        #expect(found["title"] == Template.Location(line: 2, column: 19))
        #expect(found["part"] == Template.Location(line: 3, column: 16))
    }
}
