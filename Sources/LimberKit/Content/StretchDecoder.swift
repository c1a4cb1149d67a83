import Foundation

/// Reading a stretch file: the fields of `content/stretches/*.md`, each checked.
extension ContentLoader {
    static let stretchFields = [
        "title", "summary", "kind", "level", "targets", "dose", "equipment", "cues", "cautions", "image", "video",
        "video_poster",
        "related", "slug", "date",
    ]

    /// A stretch file's bytes, read and checked as a build reads them (for the fuzzer).
    package static func readStretch(
        _ bytes: [UInt8], path: String, folder: SiteFolder, into diagnostics: inout [Diagnostic]
    ) -> Stretch? {
        var unchecked: UncheckedReferences?
        return readDocument(bytes, path: path, into: &diagnostics).flatMap {
            decodeStretch(
                $0, path: path, folder: folder, options: CommonMark.Options(), into: &diagnostics,
                unchecked: &unchecked)
        }
    }

    static func references(_ fields: inout Fields, _ name: String) -> [Reference] {
        guard let node = fields.node(name) else { return [] }
        guard case .sequence(let sequence) = node else {
            _ = fields.textList(name)
            return []
        }
        return sequence.nodes.compactMap { item in
            fields.warnIfMerged(item, list: name)
            return fields.text(of: item, name: name).map { Reference(slug: $0, location: fields.location(of: item)) }
        }
    }

    /// A stretch, checked field by field; nil when a field has an error, with what its related
    /// stretches and body still name in `unchecked`.
    static func decodeStretch(
        _ document: FrontMatterDocument, path: String, folder: SiteFolder, options: CommonMark.Options,
        doseWords: DoseWords = .english, into diagnostics: inout [Diagnostic], unchecked: inout UncheckedReferences?
    ) -> Stretch? {
        let (parsed, problems) = Fields.parse(yaml: document.yaml, path: path, lineOffset: document.yamlLineOffset)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: stretchFields)
        let slug = slug(&fields, path: path, language: options.language)
        let title = fields.text("title", required: true)
        let summary = fields.text("summary", required: true)
        let kind = fields.choice("kind", of: Kind.self, required: true)
        let level = fields.choice("level", of: Level.self, required: true)
        let targets = fields.textList("targets", required: true, minimum: 1)
        var dose: Dose?
        if let node = fields.node("dose") {
            dose = Self.dose(&fields, node, name: "dose", words: doseWords)
        } else {
            fields.missing("dose", hint: "how much to do, like '30 s each leg'")
        }
        let equipment = fields.textList("equipment")
        addresses(&fields, "targets", what: "target", language: options.language)
        addresses(&fields, "equipment", what: "piece of equipment", language: options.language)
        let cues = fields.textList("cues", maximum: 3)
        let cautions = fields.textList("cautions")
        let image = illustration(&fields, folder: folder)
        let video = fields.webURL("video")
        let poster = videoPoster(&fields, folder: folder)
        let related = references(&fields, "related")
        let date = fields.date("date")
        if let summary, let node = fields.node("summary") { placeholders(summary: summary, at: node, &fields) }
        placeholders(in: document, path: path, &fields)
        diagnostics += fields.diagnostics
        guard let (slugValue, slugLocation) = slug, let title, let summary, let kind, let level, let dose,
            !fields.diagnostics.hasErrors
        else {
            unchecked = UncheckedReferences(
                path: path, stretches: related, body: renderBody(document, options: options))
            return nil
        }
        return Stretch(
            slug: slugValue, title: title, summary: summary, kind: kind, level: level, targets: targets, dose: dose,
            equipment: equipment, cues: cues, cautions: cautions, image: image, video: video, videoPoster: poster,
            related: related, date: date, body: renderBody(document, options: options), sourcePath: path,
            slugLocation: slugLocation)
    }
}
