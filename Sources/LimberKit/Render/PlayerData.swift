/// What the routine player (`templates/static/player.js`) follows, embedded in routine and stretch
/// pages as `<script type="application/json" id="player-data">`: every step with its picture, cues
/// and the timed pieces of its dose, so the player runs exactly the time the page shows: its first
/// "left" figure is the low end of `Guide.totalSeconds`, counted from the same pieces.
enum PlayerData {
    /// One step of the player: a stretch with the dose it is done at.
    struct Step {
        var stretch: Stretch
        var dose: Dose
        var note: String?
        /// Added to the page's root for the stretch's page: `../` for a stretch a translation shows
        /// from the site's first language.
        var pageRoot = ""
    }

    /// The pieces of `dose` in the order they are done, from the dose's schedule.
    static func pieces(of dose: Dose, settings: SiteSettings) -> [DoseSegment] {
        dose.schedule(repSeconds: settings.repSeconds, breathSeconds: settings.breathSeconds)
    }

    /// The JSON for a page's player, safe to stand inside `<script>`. Links start at `root`.
    /// `imageURL` gives where a step's picture is published, from the page.
    static func json(
        kind: String, title: String, historyKey: String, sheetURL: String?, steps: [Step], settings: SiteSettings,
        root: String, imageURL: ((Illustration) -> String)? = nil
    ) -> String {
        var out = JSONBytes("{\"kind\":")
        JSONText.string(kind, into: &out)
        out += ",\"title\":"
        JSONText.string(title, into: &out)
        out += ",\"history_key\":"
        JSONText.string(historyKey, into: &out)
        if let sheetURL {
            out += ",\"sheet_url\":"
            JSONText.string(sheetURL, into: &out)
        }
        out += ",\"get_ready\":\(settings.getReady),\"change_over\":\(settings.changeOver),\"date_format\":"
        JSONText.string(settings.dateFormat, into: &out)
        out += ",\"rep_seconds\":\(settings.repSeconds),\"breath_seconds\":\(settings.breathSeconds),\"steps\":["
        for (number, step) in steps.enumerated() {
            if number > 0 { out += "," }
            out += "{\"title\":"
            JSONText.string(step.stretch.title, into: &out)
            out += ",\"url\":"
            JSONText.string(root + step.pageRoot + Paths.stretch(step.stretch.slug) + "index.html", into: &out)
            out += ",\"dose\":"
            JSONText.string(step.dose.text(in: settings.doseWords), into: &out)
            // A dose in words: the player waits on the step until the reader presses Done.
            if step.dose.isUntimed { out += ",\"untimed\":true" }
            if let side = step.dose.side {
                out += ",\"side\":"
                JSONText.string(side, into: &out)
            }
            if let note = step.note {
                out += ",\"note\":"
                JSONText.string(note, into: &out)
            }
            if let image = step.stretch.image {
                out += ",\"image\":{\"url\":"
                JSONText.string(imageURL?(image) ?? root + settings.siteRoot + image.src, into: &out)
                out += ",\"alt\":"
                JSONText.string(image.alt, into: &out)
                out += "}"
            }
            out += ",\"cues\":["
            for (index, cue) in step.stretch.cues.enumerated() {
                if index > 0 { out += "," }
                JSONText.string(cue, into: &out)
            }
            out += "],\"pieces\":["
            for (index, piece) in pieces(of: step.dose, settings: settings).enumerated() {
                if index > 0 { out += "," }
                out += "{\"kind\":\"\(piece.kind.rawValue)\",\"set\":\(piece.set)"
                if let side = piece.side { out += ",\"side\":\(side)" }
                if let count = piece.count {
                    // Each rep or breath at the low end, for counting them on screen.
                    let each =
                        piece.kind == .breaths
                        ? settings.breathSeconds : (piece.hold?.lowerBound ?? 0) + settings.repSeconds
                    out += ",\"count\":[\(count.lowerBound),\(count.upperBound)],\"each\":\(each)"
                }
                // Each rep held this long, then let go for `rep_seconds`: the player paces both.
                if let hold = piece.hold { out += ",\"hold\":[\(hold.lowerBound),\(hold.upperBound)]" }
                out += ",\"seconds\":[\(piece.seconds.lowerBound),\(piece.seconds.upperBound)]}"
            }
            out += "]}"
        }
        out += "]}"
        return out.text
    }
}
