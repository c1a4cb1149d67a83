import Foundation

/// Reading a plain page: the fields of `content/pages/*.md`, each checked.
extension ContentLoader {
    static let pageFields = ["title", "summary", "menu", "footer", "slug"]

    static func decodePage(
        _ document: FrontMatterDocument, path: String, options: CommonMark.Options,
        into diagnostics: inout [Diagnostic]
    ) -> PlainPage? {
        let (parsed, problems) = Fields.parse(yaml: document.yaml, path: path, lineOffset: document.yamlLineOffset)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: pageFields)
        let slug = slug(&fields, path: path, language: options.language)
        let title = fields.text("title", required: true)
        let summary = fields.text("summary")
        let menu = fields.integer("menu", in: 1...1000)
        let footer = fields.boolean("footer") ?? false
        let body = renderBody(document, options: options)
        diagnostics += fields.diagnostics
        diagnostics += embedForms(body, path: path)
        guard let (slugValue, slugLocation) = slug, let title, !fields.diagnostics.hasErrors else { return nil }
        return PlainPage(
            slug: slugValue, title: title, summary: summary, menu: menu, footer: footer, body: body, sourcePath: path,
            slugLocation: slugLocation)
    }
}
