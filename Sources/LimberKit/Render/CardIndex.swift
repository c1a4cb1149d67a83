/// `cards.js`: a small index of every stretch for the filter chips of the home page and the lists
/// (`templates/static/filter.js`), which filter the whole list and not only the page shown, and
/// for the search without Pagefind's index (`templates/static/search.js`: titles, summaries and
/// targets, with the cues from `cues.js`). Scripts rather than JSON, so that they load from disk too.
enum CardIndex {
    static let fileName = "cards.js"
    /// Each stretch's cues, in the order of `cards.js`: loaded only by a search without Pagefind's
    /// index, so that the pages with chips load no more than before (on the bench's 10,000
    /// stretches the cues would add a quarter to `cards.js`).
    static let cuesFileName = "cues.js"

    /// `cues.js`, a line a stretch: its cues, as one text.
    static func cuesLines(_ guide: Guide) -> StretchLines {
        StretchLines(head: JSONBytes("window.limberCues = ["), tail: "];\n", count: guide.stretches.count) {
            index, out in
            JSONText.string(guide.stretches[index].cues.joined(separator: "\n"), into: &out)
        }
    }

    /// `cards.js`, a line a stretch after the names of the filter chips.
    static func lines(_ guide: Guide, words: Words) -> StretchLines {
        var head = JSONBytes("window.limberCards = {")
        filterNames(guide, words: words, into: &head)
        head += ",\"stretches\":["
        return StretchLines(head: head, tail: "]};\n", count: guide.stretches.count) { index, out in
            let stretch = guide.stretches[index]
            out += "{\"title\":"
            JSONText.string(stretch.title, into: &out)
            out += ",\"url\":"
            JSONText.string(Paths.file(Paths.stretch(stretch.slug)), into: &out)
            out += ",\"summary\":"
            JSONText.string(stretch.summary, into: &out)
            out += ",\"kind\":\"\(stretch.kind.rawValue)\",\"level\":\"\(stretch.level.rawValue)\",\"dose\":"
            JSONText.string(stretch.dose.text(in: guide.settings.doseWords), into: &out)
            out += ",\"seconds\":\(guide.seconds(of: stretch.dose).lowerBound),\"targets\":"
            slugs(of: stretch.targets, language: guide.settings.language, into: &out)
            out += ",\"equipment\":"
            slugs(of: stretch.equipment, language: guide.settings.language, into: &out)
            out += "}"
        }
    }
}

extension CardIndex {
    /// The slugs of `names`, as a JSON array: `["hip-flexors","glutes"]`.
    static func slugs(of names: [String], language: String, into out: inout JSONBytes) {
        out += "["
        for (index, name) in names.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            out += slug(for: name, language: language)
            out += "\""
        }
        out += "]"
    }

    /// The names the filter chips show, by slug: `"kinds":{…},"levels":{…},"targets":{…},
    /// "equipment":{…}`, each with only what the guide's stretches use. `cards.js` and the
    /// programme composer's data both carry them.
    static func filterNames(_ guide: Guide, words: Words, into out: inout JSONBytes) {
        out += "\"kinds\":{"
        let kinds = Kind.allCases.filter { kind in guide.stretches.contains { $0.kind == kind } }
        for (index, kind) in kinds.enumerated() {
            if index > 0 { out += "," }
            JSONText.string(kind.rawValue, into: &out)
            out += ":"
            JSONText.string(words.kind(kind), into: &out)
        }
        out += "},\"levels\":{"
        let levels = Level.allCases.filter { level in guide.stretches.contains { $0.level == level } }
        for (index, level) in levels.enumerated() {
            if index > 0 { out += "," }
            JSONText.string(level.rawValue, into: &out)
            out += ":"
            JSONText.string(words.level(level), into: &out)
        }
        for group in [StretchGroup.Group.targets, .equipment] {
            out += "},\"\(group.rawValue)\":{"
            for (index, list) in guide.groups.filter({ $0.group == group }).enumerated() {
                if index > 0 { out += "," }
                JSONText.string(list.slug, into: &out)
                out += ":"
                JSONText.string(list.name.prefix(1).uppercased() + list.name.dropFirst(), into: &out)
            }
        }
        out += "}"
    }
}
