// The view of a page of a content type without a model of its own (`ContentKind.entries`),
// documented in docs/templates.md. Fields are added as in `Views.swift`.

import LimberTemplates

/// The page of an entry, rendered with its kind's template.
struct EntryPageView: TemplateView {
    var common: PageCommon
    var entry: EntryContent

    static let fields = ViewFields<Self>(
        [("entry", .view { $0.entry })], with: PageCommon.fields, at: { $0.common })
}

/// `entry` on an entry's page.
struct EntryContent: TemplateView {
    var title: String
    var summary: String?
    /// `YYYY-MM-DD`.
    var date: String?
    /// `20 November 2026`.
    var dateLabel: String?
    /// The kind's other fields the file has, in the kind's order.
    var fields: [EntryField]
    /// The body, with its embeds rendered.
    var body: String

    static let fields: ViewFields<Self> = [
        "title": .text { $0.title },
        "summary": .text { $0.summary },
        "date": .text { $0.date },
        "date_label": .text { $0.dateLabel },
        "fields": .list { $0.fields },
        "body": .text { $0.body },
    ]
}

/// One of an entry's other fields: its name as the kind declares it, its value as written.
struct EntryField: TemplateView {
    var name: String
    var value: String

    static let fields: ViewFields<Self> = ["name": .text { $0.name }, "value": .text { $0.value }]
}

extension ViewBuilder {
    /// The view of `guide.entries[index]`'s page.
    func entryView(_ index: Int, page: Page, root: String) -> EntryPageView {
        let entry = guide.entries[index]
        let settings = guide.settings
        return EntryPageView(
            common: common(
                page, root: root, title: "\(entry.title) · \(settings.title)",
                description: entry.summary ?? settings.description),
            entry: EntryContent(
                title: entry.title, summary: entry.summary, date: entry.date, dateLabel: entry.date.map(dateLabel),
                fields: entry.fields.map { EntryField(name: $0.name, value: $0.value) },
                body: bodyHTML(entry.body, root: root, folder: entry.folder)))
    }
}
