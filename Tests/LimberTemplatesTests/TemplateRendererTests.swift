import Testing

@testable import LimberTemplates

/// Limber's Mustache: what a theme author writes and what each tag gives, whitespace included.
@Suite struct TemplateRendererTests {
    /// Names and values, as a view offers them.
    struct Values: TemplateScope {
        var values: [String: TemplateValue]
        func value(named name: String) -> TemplateValue? { values[name] }
    }

    static func scope(_ values: [String: TemplateValue]) -> TemplateValue { .scope(Values(values: values)) }

    /// `template` rendered with `values`, with `partials` beside it.
    func render(_ template: String, _ values: [String: TemplateValue] = [:], partials: [String: String] = [:]) throws
        -> String
    {
        var templates: [String: Template] = [:]
        for (name, text) in partials.merging(["page": template], uniquingKeysWith: { $1 }) {
            templates[name] = try TemplateParser.parse(text).get()
        }
        return try #require(TemplateLibrary(templates: templates).render("page", Values(values: values)))
    }

    func syntaxError(_ template: String) -> TemplateSyntaxError? {
        if case .failure(let error) = TemplateParser.parse(template) { return error }
        return nil
    }

    @Test func textIsEscapedUnlessTripled() throws {
        let values: [String: TemplateValue] = ["name": .text(#"Knee <to> "chest" & 'hug'"#)]
        #expect(try render("{{name}}", values) == "Knee &lt;to&gt; &quot;chest&quot; &amp; &#39;hug&#39;")
        #expect(try render("{{{name}}}|{{& name}}", values) == #"Knee <to> "chest" & 'hug'|Knee <to> "chest" & 'hug'"#)
        // A quote joined to a combining mark is still a quote in an attribute.
        #expect(try render("{{q}}", ["q": .text("\"\u{301}")]) == "&quot;\u{301}")
    }

    @Test func anUnknownNameIsNothing() throws {
        #expect(try render("[{{missing}}][{{#missing}}x{{/missing}}][{{^missing}}y{{/missing}}]") == "[][][y]")
    }

    @Test func dottedNamesLookInsideAndOutward() throws {
        let values: [String: TemplateValue] = [
            "title": .text("Page"),
            "stretch": Self.scope(["title": .text("Lunge"), "kind": Self.scope(["label": .text("Hip")])]),
        ]
        #expect(try render("{{stretch.title}} {{stretch.kind.label}} {{stretch.nothing}}", values) == "Lunge Hip ")
        // Inside a section a name is looked up in the section's value first, then outward.
        #expect(try render("{{#stretch}}{{title}}/{{kind.label}}{{/stretch}}", values) == "Lunge/Hip")
        // A dotted section opens only its last part: `title` is then the page's.
        #expect(try render("{{#stretch.kind}}{{label}} in {{title}}{{/stretch.kind}}", values) == "Hip in Page")
        // `.name` looks in the current value only.
        #expect(try render("{{#stretch.kind}}[{{.title}}]{{/stretch.kind}}", values) == "[]")
        // A dotted name whose first part is found stops there, as Mustache says.
        #expect(try render("{{#stretch}}{{kind.title}}{{/stretch}}", values) == "")
    }

    @Test func sectionsShowForTrueTextViewsAndEachItem() throws {
        struct Item: TemplateScope {
            let name: String
            func value(named field: String) -> TemplateValue? { field == "name" ? .text(name) : nil }
        }
        let values: [String: TemplateValue] = [
            "yes": .flag(true), "no": .flag(false), "note": .text("Breathe"),
            "items": .list([Item(name: "a"), Item(name: "b")]), "none": .list([Item]()),
            "lines": .texts(["one", "<two>"]),
        ]
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}{{^yes}}y{{/yes}}", values) == "Yn")
        #expect(try render("{{#note}}<p>{{.}}</p>{{/note}}{{^note}}none{{/note}}", values) == "<p>Breathe</p>")
        #expect(try render("{{#items}}[{{name}}]{{/items}}{{^items}}empty{{/items}}", values) == "[a][b]")
        #expect(try render("{{#none}}[{{name}}]{{/none}}{{^none}}empty{{/none}}", values) == "empty")
        #expect(try render("{{#lines}}<li>{{.}}</li>{{/lines}}", values) == "<li>one</li><li>&lt;two&gt;</li>")
        #expect(try render("{{yes}} {{no}}", values) == "true false")
    }

    @Test func tagsOnTheirOwnLineLeaveNoLine() throws {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! a comment }}\n</ul>\n"
        #expect(try render(template, ["items": .texts(["a", "b"])]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // A tag with text beside it keeps its line.
        #expect(try render("a {{#yes}}\nb\n{{/yes}} c", ["yes": .flag(true)]) == "a \nb\n c")
        #expect(try render("x\r\n{{#yes}}\r\ny\r\n{{/yes}}\r\n", ["yes": .flag(true)]) == "x\r\ny\r\n")
    }

    @Test func partialsAreIndentedLikeTheirTag() throws {
        let partials = ["item": "<li>\n  {{name}}\n</li>\n"]
        #expect(
            try render("<ul>\n  {{> item}}\n</ul>\n", ["name": .text("Lunge")], partials: partials)
                == "<ul>\n  <li>\n    Lunge\n  </li>\n</ul>\n")
        // Inline, a partial is not indented.
        #expect(try render("[{{>item}}]", ["name": .text("x")], partials: partials) == "[<li>\n  x\n</li>\n]")
        // A partial that includes itself stops.
        #expect(try render("{{>page}}", partials: [:]).isEmpty)
    }

    @Test func childrenOverrideTheirParentsBlocks() throws {
        let layout = "<title>{{$title}}Guide{{/title}}</title>\n<main>\n  {{$main}}\n  nothing\n  {{/main}}\n</main>\n"
        let page = "{{<layout}}\n{{$main}}\n<h1>{{heading}}</h1>\n<p>text</p>\n{{/main}}\n{{/layout}}\n"
        #expect(
            try render(page, ["heading": .text("Hips")], partials: ["layout": layout])
                == "<title>Guide</title>\n<main>\n  <h1>Hips</h1>\n  <p>text</p>\n</main>\n")
        // A parent of a parent: the outermost override wins.
        let middle = "{{<layout}}{{$title}}Middle{{/title}}{{$main}}middle{{/main}}{{/layout}}"
        let outer = "{{<middle}}{{$title}}Outer{{/title}}{{/middle}}"
        #expect(
            try render(outer, partials: ["layout": layout, "middle": middle])
                == "<title>Outer</title>\n<main>\n  middle</main>\n")
    }

    @Test func delimitersCanBeChanged() throws {
        #expect(try render("{{=<% %>=}}<% name %> {{name}}", ["name": .text("x")]) == "x {{name}}")
    }

    @Test func syntaxErrorsSayWhereAndWhy() throws {
        let unclosed = try #require(syntaxError("<ul>\n{{#items}}\n<li>{{name}}</li>\n"))
        #expect(unclosed.message == "a section is never closed")
        let crossed = try #require(syntaxError("<ul>\n  {{#items}}x{{/item}}\n"))
        #expect(crossed.message == "a section is closed with a different name than it was opened with")
        #expect((crossed.line, crossed.column) == (2, 17))
        let open = try #require(syntaxError("a\nb {{name"))
        #expect(open.message == "a tag is not closed with '}}'")
        #expect(open.line == 2)
        let transform = try #require(syntaxError("{{upper(name)}}"))
        #expect(transform.message.contains("no transforms"))
        #expect(
            syntaxError("{{<layout}}<p>{{name}}</p>{{/layout}}")?.message
                == "only '{{$block}}' tags may stand inside '{{<parent}}'")
    }
}
