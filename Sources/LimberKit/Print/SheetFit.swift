/// Whether a routine's sheet fits on one page, told from its content without a browser: a model of
/// the sheet as `print.css` lays it out once `sheet.js` has tightened it all it can (less space,
/// cues run on, small pictures, 9 pt text), in the sheet's font (Arial's metrics: Liberation Sans,
/// Helvetica). Text is wrapped word by word with the font's widths, a little wider than they are,
/// so that the model errs towards a second page; `SheetFitTests` checks it against the page
/// counts of printed PDFs.
enum SheetFit {
    /// A routine of this many steps or fewer is promised one page.
    static let onePageSteps = 8

    /// The sheet's height in millimetres, and the height of one page between the margins.
    struct Estimate: Equatable {
        var height: Double
        var pageHeight: Double
        var pages: Int { height <= pageHeight ? 1 : 2 }
    }

    /// A warning at each routine whose sheet would not fit on one page even tightened, in the
    /// order of `guide.routines`.
    static func warnings(_ guide: Guide) -> [Diagnostic] { warnings(measured(guide), in: guide) }

    /// The warnings of `fits`, in the order of the guide's routines.
    static func warnings(_ fits: [String: Fit], in guide: Guide) -> [Diagnostic] {
        guide.routines.compactMap { fits[$0.sourcePath]?.warning }
    }

    /// A routine's sheet as a build measured it: its warning, if any, and the key of what it was
    /// measured from (`Known.key`), when there is one.
    struct Fit: Sendable, Equatable {
        var key: UInt64?
        var warning: Diagnostic?
    }

    /// What the last build measured, by routine file, and how to tell whether a routine's sheet
    /// is made of the same now: its key, a hash of the routine file and of its steps' stretch
    /// files (nil when one is not known). Everything else a sheet shows (the settings, the theme's
    /// words, the paper) is the same for as long as the build cache is.
    struct Known: Sendable {
        var fits: [String: Fit]
        var key: @Sendable (Routine, Guide) -> UInt64?
        /// Whether the routine's file and its steps' stretch files are surely those the last build
        /// read, so that its key is the last build's without being made again (an edit's key for
        /// each of 1,000 routines took 8 ms of CPU at 10,000 stretches). Nil: not known.
        var unchanged: (@Sendable (Routine) -> Bool)? = nil
    }

    /// Each routine's sheet measured, by routine file, on every core; with `known`, a routine whose
    /// key is the last build's is not measured again, so an edit measures only the routines it
    /// touched.
    static func measured(_ guide: Guide, known: Known? = nil) -> [String: Fit] {
        // Made once: a table's words take longer to make than a routine takes to measure.
        let words = sheetWords(guide)
        let paper = guide.settings.paper.rawValue
        let fits = ParallelMap.map(guide.routines) { routine -> Fit in
            if let known, known.unchanged?(routine) == true, let fit = known.fits[routine.sourcePath], fit.key != nil {
                assert(fit.key == known.key(routine, guide), "a routine taken as unchanged has a new key")
                return fit
            }
            let key = known?.key(routine, guide)
            if let key, let fit = known?.fits[routine.sourcePath], fit.key == key { return fit }
            // A routine with a step whose stretch did not load has its errors already.
            guard routine.steps.allSatisfy({ guide.stretchIndex[$0.stretch.slug] != nil }) else {
                return Fit(key: key, warning: nil)
            }
            let estimate = estimate(routine, in: guide, words: words)
            guard estimate.pages > 1 else { return Fit(key: key, warning: nil) }
            let over = Int((estimate.height - estimate.pageHeight).rounded(.up))
            let steps = routine.steps.count
            return Fit(
                key: key,
                warning: .warning(
                    at: SourceLocation(path: routine.sourcePath, line: 1, column: 1),
                    "the sheet is about \(over) mm too long for one \(paper) page, even tightened: it prints on 2 pages",
                    note: steps > onePageSteps
                        ? "a sheet fits up to \(onePageSteps) steps on one page: split the routine in two, or leave the tick grid overleaf"
                        : "shorten its cues, cautions, notes or first paragraph, or split the routine in two"))
        }
        return Dictionary(zip(guide.routines.map(\.sourcePath), fits), uniquingKeysWith: { first, _ in first })
    }

    // MARK: - The model

    /// Millimetres, as print.css gives them at its tightest.
    private enum Size {
        static let margin = 12.0
        /// One 9 pt line at line-height 1.15, as Chromium lays it out.
        static let line = 3.7
        static let titleLine = 4.0
        static let stepGap = 1.0
        static let stepPadding = 3.1
        static let stepInner = 2.8 + 0.5
        static let number = 5.6
        static let pictureWidth = 15.0 + 1.5
        /// The tallest a picture is drawn (12 mm, with its margin): a picture's shape is not known
        /// before the pictures stage, so the model takes the tallest.
        static let pictureHeight = 12.5
        static let codes = 25.9
        static let codeWidth = 22.0
        static let blockGap = 1.2
        /// The site's name with a `logo` beside it: the logo's 7 mm.
        static let logoLine = 7.0
    }

    /// The sheet's words as Limber's table for the site's language writes them.
    static func sheetWords(_ guide: Guide) -> Words { WordTables.limbers.words(for: guide.settings.language) }

    static func estimate(_ routine: Routine, in guide: Guide, words: Words? = nil) -> Estimate {
        let settings = guide.settings
        let words = words ?? sheetWords(guide)
        let paper: (width: Double, height: Double) = settings.paper == .a4 ? (210, 297) : (215.9, 279.4)
        let width = paper.width - 2 * Size.margin
        let pageHeight = paper.height - 2 * Size.margin

        // The head: the text beside the QR codes, or the codes, whichever is taller.
        let codes = routine.video == nil ? Size.codeWidth : 2 * Size.codeWidth + 2
        let textWidth = width - codes - 6
        let time =
            words.text("total_time") + " " + words.totalTime(of: routine, in: guide) + " · "
            + words.count("step_count", routine.steps.count)
        var head =
            (settings.logo == nil ? Size.line : Size.logoLine) + 5.8
            * Double(lines(routine.title, points: 13, bold: true, width: textWidth - textLength(time, points: 9) - 6))
        if let frequency = routine.frequency {
            head +=
                0.8 + Size.line
                * Double(
                    lines(words.text("how_often_label") + " " + words.frequency(frequency), points: 9, width: textWidth)
                )
        }
        head += 0.8
        for paragraph in [routine.summary, plainText(routine.body.firstParagraph)] where !paragraph.isEmpty {
            head += 0.4 + Size.line * Double(lines(paragraph, points: 9, width: textWidth))
        }
        if let warmup = routine.warmup {
            head += 0.8 + Size.line * Double(lines("Warm up first: " + warmup, points: 9, width: textWidth))
        }
        var height = max(head, Size.codes) + 3.5

        // The steps, two to a row, each row as tall as its taller step.
        let column = (width - Size.stepGap) / 2 - Size.stepInner
        // Each step's stretch looked up once, for its box and its row of the tick grid.
        let stretches = routine.steps.map { guide.stretch($0.stretch.slug) }
        let stepHeights = zip(routine.steps, stretches).map { step, stretch -> Double in
            let picture = stretch.image == nil ? 0 : Size.pictureWidth
            let titleLines = lines(
                stretch.title + " " + guide.dose(of: step).text(in: guide.settings.doseWords), points: 9.5, bold: true,
                width: column - picture - Size.number)
            var text = stretch.cues.joined(separator: " · ")
            if let note = step.note { text += " · Note: " + note }
            if !stretch.cautions.isEmpty { text += " · ⚠ " + stretch.cautions.joined(separator: " ⚠ ") }
            let besidePicture =
                picture == 0
                ? 0 : max(0, Int(((Size.pictureHeight - Double(titleLines) * Size.titleLine) / Size.line).rounded(.up)))
            let textLines =
                text.isEmpty ? 0 : lines(text, points: 9, width: column, narrower: (besidePicture, column - picture))
            let content = Double(titleLines) * Size.titleLine + 0.3 + Double(textLines) * Size.line
            return max(content, stretch.image == nil ? 0 : Size.pictureHeight) + Size.stepPadding
        }
        var rows = 0
        for row in stride(from: 0, to: stepHeights.count, by: 2) {
            height += Size.blockGap + (rows > 0 ? Size.stepGap - Size.blockGap : 0)
            height += stepHeights[row..<min(row + 2, stepHeights.count)].max()!
            rows += 1
        }

        if !routine.cautions.isEmpty {
            let text = routine.cautions.joined(separator: " · ")
            height += Size.blockGap + 7.45 + Size.line * Double(lines(text, points: 9, width: width - 4.1))
        }

        // The tick grid: a heading, a row of days, a row a step.
        let ticks = Double(routine.frequency?.ticksPerDay ?? 1)
        let day = max(10.5, ticks * 3.2 + (ticks - 1) * 0.8 + 2.5)
        let names = width - Double(settings.trackingDays) * day - 2
        height += Size.blockGap + 9.3
        for (number, stretch) in stretches.enumerated() {
            let title = "\(number + 1). " + stretch.title
            height += 4.25 + 3.4 * Double(lines(title, points: 9, bold: true, width: names) - 1)
        }

        // The foot: where the routine is online, and where it was printed from, on one line or more.
        var online = "Online: " + settings.baseURL + Paths.routine(routine.slug)
        if let video = routine.video { online += " · Video: " + video }
        let printed = "Printed from " + settings.title + " · 2026-12-31"
        if textLength(online, points: 9) + textLength(printed, points: 9) + 4 <= width {
            height += 1.7 + Size.line
        } else {
            // The two wrap apart, and the first may break across lines anywhere in its addresses.
            let count = lines(online, points: 9, width: width) + lines(printed, points: 9, width: width) + 1
            height += 1.7 + 0.85 + Size.line * Double(count)
        }
        return Estimate(height: height, pageHeight: pageHeight)
    }

    // MARK: - Text

    /// How wide `text` is in millimetres at `points`, by Arial's advance widths (thousandths of an
    /// em, for the printable ASCII characters), a few per cent wider to stay on the safe side.
    static func textLength(_ text: String, points: Double, bold: Bool = false) -> Double {
        let widths = bold ? boldWidths : regularWidths
        var total = 0
        for scalar in text.unicodeScalars { total += advance(of: scalar, widths) }
        return millimetres(total, points: points)
    }

    /// A character's advance width in thousandths of an em.
    private static func advance(of scalar: Unicode.Scalar, _ widths: [Int]) -> Int {
        switch scalar.value {
        case 32...126: widths[Int(scalar.value) - 32]
        case 0xB7: 278
        case 0x2013: 556
        case 0xFE0E, 0x200B: 0
        default: 1000
        }
    }

    private static func millimetres(_ width: Int, points: Double) -> Double {
        Double(width) / 1000 * points * 25.4 / 72 * 1.04
    }

    /// How many lines `text` takes at `width` millimetres, wrapped between words; the first
    /// `narrower.lines` are only `narrower.width` wide (beside a picture).
    static func lines(
        _ text: String, points: Double, bold: Bool = false, width: Double,
        narrower: (lines: Int, width: Double) = (0, 0)
    ) -> Int {
        // A column squeezed to nothing (by many tracking days) still holds a few characters a line.
        let width = max(width, 5)
        let narrower = (lines: narrower.lines, width: max(narrower.width, 5))
        let space = textLength(" ", points: points, bold: bold)
        var count = 1
        var filled = -1.0
        // Words are measured as they are read, in one pass over the text: a routine's sheet is
        // measured on every build.
        let widths = bold ? boldWidths : regularWidths
        var word = 0
        var inWord = false
        func place(_ length: Double) {
            let available = count <= narrower.lines ? narrower.width : width
            if filled < 0 {
                filled = length
            } else if filled + space + length <= available {
                filled += space + length
            } else {
                count += 1
                filled = length
            }
            // A word longer than a line (an address) breaks across lines.
            while filled > (count <= narrower.lines ? narrower.width : width) {
                filled -= count <= narrower.lines ? narrower.width : width
                count += 1
            }
        }
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if inWord { place(millimetres(word, points: points)) }
                word = 0
                inWord = false
            } else {
                word += advance(of: scalar, widths)
                inWord = true
            }
        }
        if inWord { place(millimetres(word, points: points)) }
        return count
    }

    /// The text of a bit of HTML: tags dropped, each character reference counted as one character.
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        var inReference = false
        for character in html {
            if inTag {
                if character == ">" { inTag = false }
            } else if inReference {
                if character == ";" { inReference = false }
            } else if character == "<" {
                inTag = true
            } else if character == "&" {
                inReference = true
                out.append("x")
            } else {
                out.append(character == "\n" ? " " : character)
            }
        }
        return out
    }

    // swift-format-ignore
    private static let regularWidths = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    // swift-format-ignore
    private static let boldWidths = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]
}
