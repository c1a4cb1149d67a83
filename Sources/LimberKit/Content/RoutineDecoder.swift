import Foundation

/// Reading a routine file: the fields of `content/routines/*.md`, each checked, and its steps.
extension ContentLoader {
    static let routineFields = [
        "title", "summary", "steps", "frequency", "warmup", "cautions", "video", "video_poster", "date", "slug",
    ]

    /// A routine file's bytes, read and checked as a build reads them (for the fuzzer).
    package static func readRoutine(
        _ bytes: [UInt8], path: String, folder: SiteFolder, into diagnostics: inout [Diagnostic]
    ) -> Routine? {
        var unchecked: UncheckedReferences?
        return readDocument(bytes, path: path, into: &diagnostics).flatMap {
            decodeRoutine(
                $0, path: path, folder: folder, options: CommonMark.Options(), into: &diagnostics,
                unchecked: &unchecked)
        }
    }

    /// A known frequency, or free text shown as written; free text a small edit away from a known
    /// form is a warning (an error with `--strict`) that names the form.
    static func frequency(_ fields: inout Fields) -> Frequency? {
        guard let node = fields.node("frequency"), let text = fields.text(of: node, name: "frequency") else {
            return nil
        }
        let (frequency, nearMiss) = Frequency.read(text)
        if let nearMiss {
            fields.diagnostics.append(
                .warning(
                    at: fields.location(atOffset: nearMiss.offset, in: node),
                    "'\(text)' is read as free text, with no schedule (\(nearMiss.message))", note: nearMiss.note))
        }
        return frequency
    }

    /// A routine, checked field by field; nil when a field has an error, with what its steps and
    /// body still name in `unchecked`.
    static func decodeRoutine(
        _ document: FrontMatterDocument, path: String, folder: SiteFolder, options: CommonMark.Options,
        doseWords: DoseWords = .english, into diagnostics: inout [Diagnostic], unchecked: inout UncheckedReferences?
    ) -> Routine? {
        let (parsed, problems) = Fields.parse(yaml: document.yaml, path: path, lineOffset: document.yamlLineOffset)
        diagnostics += problems
        guard var fields = parsed else { return nil }
        fields.rejectUnknown(known: routineFields)
        let slug = slug(&fields, path: path, language: options.language)
        let title = fields.text("title", required: true)
        let summary = fields.text("summary", required: true)
        let steps = Self.steps(&fields, doseWords: doseWords)
        let frequency = Self.frequency(&fields)
        let warmup = fields.text("warmup")
        let cautions = fields.textList("cautions")
        let video = fields.webURL("video")
        let poster = videoPoster(&fields, folder: folder)
        let date = fields.date("date")
        if let summary, let node = fields.node("summary") { placeholders(summary: summary, at: node, &fields) }
        placeholders(in: document, path: path, &fields)
        diagnostics += fields.diagnostics
        guard let (slugValue, slugLocation) = slug, let title, let summary, let steps, !fields.diagnostics.hasErrors
        else {
            unchecked = UncheckedReferences(
                path: path, stretches: steps?.map(\.stretch) ?? [], body: renderBody(document, options: options))
            return nil
        }
        return Routine(
            slug: slugValue, title: title, summary: summary, steps: steps, frequency: frequency, warmup: warmup,
            cautions: cautions,
            video: video, videoPoster: poster, date: date, body: renderBody(document, options: options),
            sourcePath: path,
            slugLocation: slugLocation)
    }

    static func steps(_ fields: inout Fields, doseWords: DoseWords = .english) -> [Step]? {
        guard let node = fields.node("steps") else {
            fields.missing("steps", hint: "list the stretches in order, one '- slug' a line")
            return nil
        }
        guard case .sequence(let sequence) = node, !sequence.nodes.isEmpty else {
            fields.diagnostics.append(.error(at: fields.location(of: node), "'steps' should be a list of stretches"))
            return nil
        }
        var steps: [Step] = []
        for item in sequence.nodes {
            switch item {
            case .scalar:
                fields.warnIfMerged(item, list: "steps")
                if let slug = fields.text(of: item, name: "steps") {
                    steps.append(Step(stretch: Reference(slug: slug, location: fields.location(of: item))))
                }
            case .mapping(let mapping):
                var stretch: Reference?
                var dose: Dose?
                var note: String?
                for (key, value) in mapping.pairs {
                    switch key.scalar?.string {
                    case "stretch":
                        stretch = fields.text(of: value, name: "stretch").map {
                            Reference(slug: $0, location: fields.location(of: value))
                        }
                    case "dose": dose = Self.dose(&fields, value, name: "dose", words: doseWords)
                    case "note": note = fields.text(of: value, name: "note")
                    default:
                        let name = key.scalar?.string ?? ""
                        fields.diagnostics.append(
                            .error(
                                at: fields.location(of: key), "unknown field '\(name)' in a step",
                                note: Suggestion.note(for: name, in: ["stretch", "dose", "note"])
                                    ?? "a step has 'stretch', 'dose' and 'note'"))
                    }
                }
                if let stretch {
                    steps.append(Step(stretch: stretch, dose: dose, note: note))
                } else {
                    fields.diagnostics.append(.error(at: fields.location(of: item), "a step needs 'stretch: <slug>'"))
                }
            default:
                fields.diagnostics.append(
                    .error(
                        at: fields.location(of: item),
                        "a step is a stretch's slug or a group with 'stretch', 'dose' and 'note'"))
            }
        }
        return steps
    }
}
