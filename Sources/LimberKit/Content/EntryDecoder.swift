import Foundation

/// Reading a file of a content type with no model of its own (`ContentKind.entries`).
extension ContentLoader {
    /// An entry, checked field by field: `title` required, `summary`, `date` and `slug` as every
    /// type has them, and the kind's other fields as text.
    static func decodeEntry(
        _ document: FrontMatterDocument, source: ContentKind.Source, kind: String, known: [String], extra: [String],
        page: (String) -> String, template: String, into diagnostics: inout [Diagnostic]
    ) -> Entry? {
        let path = source.path
        let (parsed, problems) = Fields.parse(yaml: document.yaml, path: path, lineOffset: document.yamlLineOffset)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: known)
        let slug = slug(&fields, path: path, language: source.options.language)
        let title = fields.text("title", required: true)
        let summary = fields.text("summary")
        let date = fields.date("date")
        var values: [(name: String, value: String)] = []
        for name in extra {
            if let value = fields.text(name) { values.append((name, value)) }
        }
        let body = renderBody(document, options: source.options)
        diagnostics += fields.diagnostics
        diagnostics += embedForms(body, path: path)
        guard let (slugValue, slugLocation) = slug, let title, !fields.diagnostics.hasErrors else { return nil }
        return Entry(
            kind: kind, slug: slugValue, title: title, summary: summary, date: date, fields: values, body: body,
            folder: page(slugValue), template: template, sourcePath: path, slugLocation: slugLocation)
    }
}
