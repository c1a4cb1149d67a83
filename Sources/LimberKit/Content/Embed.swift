/// How a stretch embedded in a Markdown body is shown: ```` ```stretch ```` for the stretch in
/// full (picture, dose, cues and cautions, not its body), ```` ```stretch card ```` for its card.
/// A ```` ```routine ```` block shows the routine's summary, total time and links.
public enum EmbedForm: String, Sendable, CaseIterable {
    case full
    case card

    init(_ embed: RenderedMarkdown.Embed) { self = embed.options.first.flatMap(EmbedForm.init) ?? .full }
}

extension Guide {
    /// Errors for every embed in `body` (of the file at `path`) that names no stretch or routine;
    /// stretches in `failedStretches` have errors of their own and are not reported again.
    func checkEmbeds(in body: RenderedMarkdown, path: String, failedStretches: Set<String>) -> [Diagnostic] {
        body.embeds.compactMap { embed in
            guard embed.names.count == 1, let name = embed.names.first else { return nil }
            if embed.kind == "stretch" && failedStretches.contains(name) { return nil }
            let exists = embed.kind == "stretch" ? stretchIndex[name] != nil : routineIndex[name] != nil
            guard !exists else { return nil }
            let known = embed.kind == "stretch" ? stretches.map { $0.slug } : routines.map(\.slug)
            return .error(
                at: SourceLocation(path: path, line: embed.line, column: embed.column), "no \(embed.kind) '\(name)'",
                note: Suggestion.note(for: name, in: known))
        }
    }
}
