/// `programme-data.<hash>.js`: what the programme composer (`templates/static/programme.js`) needs to
/// make a patient's programme in the browser from the guide: every stretch with its filters, its
/// picture, its cues and its dose in parts (sets, reps or hold, hold per rep, rest, side), and the
/// site's timing rules (`rep_seconds`, `breath_seconds`, `get_ready`, `change_over`), so that the
/// composer times a step exactly as `Guide.time(of:)` does. A script rather than JSON, so that it
/// loads from disk too; named after a hash of its bytes, so hosts may cache it for ever.
enum ProgrammeData {
    /// The data file's name and text.
    struct File: Sendable {
        var name: String
        var text: String
    }

    /// Whether an output file is the composer's data file (of this build or an earlier one).
    static func isFile(_ name: String) -> Bool {
        name.hasPrefix("programme-data.") && name.hasSuffix(".js") && !name.contains("/")
    }

    /// The data file for `guide`, with pictures as published (`pictures`, by source path).
    static func file(_ guide: Guide, pictures: [String: PublishedPicture], words: Words) -> File {
        file(text: script(guide, pictures: pictures, words: words))
    }

    /// The data file of `text`, named after a hash of it.
    static func file(text: String) -> File {
        File(name: "programme-data.\(shortHash(text.utf8)).js", text: text)
    }

    static func script(_ guide: Guide, pictures: [String: PublishedPicture], words: Words) -> String {
        lines(guide, pictures: pictures, words: words).whole()
    }

    /// The script, a line a stretch after the site's timing rules and the names of the filter chips.
    static func lines(_ guide: Guide, pictures: [String: PublishedPicture], words: Words) -> StretchLines {
        let settings = guide.settings
        var head = JSONBytes("window.limberProgrammeData = {\"version\":1,\"base_url\":")
        JSONText.string(settings.baseURL, into: &head)
        head += ",\"rep_seconds\":\(settings.repSeconds),\"breath_seconds\":\(settings.breathSeconds)"
        head += ",\"get_ready\":\(settings.getReady),\"change_over\":\(settings.changeOver)"
        head += ",\"tracking_days\":\(settings.trackingDays),\"date_format\":"
        JSONText.string(settings.dateFormat, into: &head)
        head += ",\"dose_words\":"
        doseWords(settings.doseWords, into: &head)
        head += ","
        CardIndex.filterNames(guide, words: words, into: &head)
        // Short keys: a guide of 10,000 stretches should stay a file a phone loads at once.
        head += ",\"stretches\":["
        return StretchLines(head: head, tail: "]};\n", count: guide.stretches.count) { index, out in
            let stretch = guide.stretches[index]
            out += "{\"s\":"
            JSONText.string(stretch.slug, into: &out)
            out += ",\"t\":"
            JSONText.string(stretch.title, into: &out)
            out += ",\"k\":\"\(stretch.kind.rawValue)\",\"l\":\"\(stretch.level.rawValue)\",\"g\":"
            CardIndex.slugs(of: stretch.targets, language: settings.language, into: &out)
            if !stretch.equipment.isEmpty {
                out += ",\"e\":"
                CardIndex.slugs(of: stretch.equipment, language: settings.language, into: &out)
            }
            out += ",\"d\":"
            dose(stretch.dose, into: &out)
            if let image = stretch.image {
                out += ",\"i\":"
                // From the language's root: a translation's pictures are the site's, one folder up.
                JSONText.string(settings.siteRoot + (pictures[image.src]?.print.file ?? image.src), into: &out)
                out += ",\"a\":"
                JSONText.string(image.alt, into: &out)
            }
            if !stretch.cues.isEmpty {
                out += ",\"c\":["
                for (number, cue) in stretch.cues.enumerated() {
                    if number > 0 { out += "," }
                    JSONText.string(cue, into: &out)
                }
                out += "]"
            }
            out += "}"
        }
    }

    /// A dose in parts, as the composer reads and writes it: `s` sets, `w` what a set is (`hold`,
    /// `reps`, `breaths` or `text`), `n` its seconds or count, `h` the hold per rep, `r` the rest
    /// between sets, `e` the side done each, `m` the manner (`deep`), `x` the words of a dose in
    /// words. Each number is `[low, high]`; parts a dose does not have are left out.
    static func dose(_ dose: Dose, into out: inout JSONBytes) {
        func range(_ key: String, _ value: ClosedRange<Int>) {
            out += ",\"\(key)\":[\(value.lowerBound),\(value.upperBound)]"
        }
        switch dose.work {
        case .hold(let seconds):
            out += "{\"w\":\"hold\""
            range("n", seconds)
        case .reps(let reps, let hold):
            out += "{\"w\":\"reps\""
            range("n", reps)
            if let hold { range("h", hold) }
        case .breaths(let breaths):
            out += "{\"w\":\"breaths\""
            range("n", breaths)
        case .text(let words):
            out += "{\"w\":\"text\",\"x\":"
            JSONText.string(words, into: &out)
            out += "}"
            return
        }
        if dose.sets != 1...1 { range("s", dose.sets) }
        if let rest = dose.rest { range("r", rest) }
        if let side = dose.side {
            out += ",\"e\":"
            JSONText.string(side, into: &out)
        }
        if let manner = dose.manner {
            out += ",\"m\":"
            JSONText.string(manner, into: &out)
        }
        out += "}"
    }

    /// The words the composer writes doses in, as `Dose.text(in:)` does: each key `[one, other]`,
    /// and how the side and the manner are placed.
    static func doseWords(_ words: DoseWords, into out: inout JSONBytes) {
        out += "{"
        for (index, (key, _)) in DoseWords.keys.enumerated() where key != "to" {
            if index > 0 { out += "," }
            JSONText.string(key, into: &out)
            out += ":["
            JSONText.string(words.word(key, count: 1...1), into: &out)
            out += ","
            JSONText.string(words.word(key), into: &out)
            out += "]"
        }
        out += ",\"side_joiner\":"
        JSONText.string(words.sideJoiner, into: &out)
        out += ",\"side_last\":\(words.sideLast),\"manner_after\":\(words.mannerAfter)}"
    }

    /// A dose in parts as JSON text (`dose(_:into:)`), for checking the composer against the build.
    static func doseJSON(_ dose: Dose) -> String {
        var out = JSONBytes("")
        Self.dose(dose, into: &out)
        return out.text
    }
}
