import Foundation

/// Reading an article: the fields of `content/articles/*.md`, each checked.
extension ContentLoader {
    static let articleFields = [
        "title", "summary", "date", "updated", "author", "image", "tags", "draft", "slug",
    ]

    static func decodeArticle(
        _ document: FrontMatterDocument, path: String, folder: SiteFolder, options: CommonMark.Options,
        into diagnostics: inout [Diagnostic]
    ) -> Article? {
        let (parsed, problems) = Fields.parse(yaml: document.yaml, path: path, lineOffset: document.yamlLineOffset)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: articleFields)
        let slug = slug(&fields, path: path, language: options.language)
        let title = fields.text("title", required: true)
        let summary = fields.text("summary", required: true)
        let date = fields.date("date")
        if !fields.has("date") { fields.missing("date", hint: "the day it is published, like 'date: 2026-03-01'") }
        let updated = fields.date("updated")
        let author = fields.text("author")
        let image = illustration(&fields, folder: folder)
        let tags = fields.textList("tags")
        addresses(&fields, "tags", what: "tag", language: options.language)
        let draft = fields.boolean("draft") ?? false
        if let date, let updated, updated < date, let node = fields.node("updated") {
            fields.diagnostics.append(
                .error(at: fields.location(of: node), "'updated' (\(updated)) is before 'date' (\(date))"))
        }
        let body = renderBody(document, options: options)
        diagnostics += fields.diagnostics
        diagnostics += embedForms(body, path: path)
        guard let (slugValue, slugLocation) = slug, let title, let summary, let date, !fields.diagnostics.hasErrors
        else { return nil }
        return Article(
            slug: slugValue, title: title, summary: summary, date: date, updated: updated, author: author,
            image: image, tags: tags, draft: draft, body: body, sourcePath: path, slugLocation: slugLocation)
    }
}
