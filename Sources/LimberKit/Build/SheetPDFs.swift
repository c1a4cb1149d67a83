/// Routine sheets printed to PDF are outputs like pages: a PDF stays while its sheet is the same,
/// a build that prints (`--pdf`, or `pdf: true` in `site.yaml`) prints only the sheets that
/// changed or have no PDF yet, and a build that does not print removes only the PDFs whose sheet
/// changed, since they would no longer show what the sheet shows. The day a sheet is printed on
/// is not a change: a kept PDF keeps the day it was printed.
enum SheetPDFs {
    /// What a build does with each routine's PDF, by routine slug, once its sheet is rendered.
    struct Plan: Equatable {
        var print: [String] = []
        var keep: [String] = []
        var remove: [String] = []
        /// How many pages each PDF printed has, by slug.
        var pages: [String: Int] = [:]
    }

    /// `existing`: routines whose PDF the last build left in the output. `sheetChanged`: whether a
    /// routine's sheet is not byte for byte what the last build wrote. `only`: the one routine
    /// `limber sheet` prints.
    static func plan(
        routines: [String], printing: Bool, only: String?, existing: Set<String>, sheetChanged: (String) -> Bool
    ) -> Plan {
        var plan = Plan()
        for slug in routines {
            if printing, only != nil, slug != only { continue }
            let has = existing.contains(slug)
            if has && !sheetChanged(slug) {
                plan.keep.append(slug)
            } else if printing {
                plan.print.append(slug)
            } else if has {
                plan.remove.append(slug)
            }
        }
        return plan
    }

    /// Whether the sheet rendered now (`new`, dated `date`) shows what the last build's (`old`)
    /// showed, but for the day: where `new` has `date` (`build_date`, `YYYY-MM-DD`), `old` may
    /// have any day written the same way. Both missing counts as the same.
    static func sameSheet(_ new: [UInt8]?, _ old: [UInt8]?, date: String) -> Bool {
        if new == old { return true }
        // The day as people read it (`7 December 2026`) is as long as its words.
        guard let new = new.map(withoutDayLabels), let old = old.map(withoutDayLabels), new.count == old.count,
            let first = date.utf8.first
        else { return false }
        let date = Array(date.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var at = 0
        while at < new.count {
            if new[at] == first, new[at...].starts(with: date) {
                let day = old[at..<at + date.count]
                guard zip(date, day).allSatisfy({ isDigit($0) ? isDigit($1) : $0 == $1 }) else { return false }
                at += date.count
            } else {
                guard new[at] == old[at] else { return false }
                at += 1
            }
        }
        return true
    }

    /// `bytes` without the words inside each `<time datetime="…">…</time>`: the day a sheet was
    /// printed, written in the site's `date_format`.
    static func withoutDayLabels(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("<time datetime=\"".utf8)
        let close = Array("</time>".utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var at = 0
        while at < bytes.count {
            guard bytes[at] == open[0], bytes[at...].starts(with: open),
                let tagEnd = bytes[at...].firstIndex(of: UInt8(ascii: ">"))
            else {
                kept.append(bytes[at])
                at += 1
                continue
            }
            kept += bytes[at...tagEnd]
            at = tagEnd + 1
            while at < bytes.count, !(bytes[at] == close[0] && bytes[at...].starts(with: close)) { at += 1 }
        }
        return kept
    }

    /// The routines (slugs) whose PDF is in the output at `outputPath` now.
    static func existing(_ guide: Guide, in outputPath: String) -> Set<String> {
        Set(guide.routines.map(\.slug).filter { FileStamp.of(outputPath + "/" + Paths.sheetPDF($0)) != nil })
    }

    /// A warning at each routine of `SheetFit.onePageSteps` steps or fewer whose sheet printed on
    /// more than one page, even tightened (`templates/static/sheet.js`): people were promised one.
    static func warnings(pages: [String: Int], _ guide: Guide) -> [Diagnostic] {
        guard !pages.isEmpty else { return [] }
        return guide.routines.compactMap { routine in
            guard let count = pages[routine.slug], count > 1, routine.steps.count <= SheetFit.onePageSteps else {
                return nil
            }
            return .warning(
                at: SourceLocation(path: routine.sourcePath, line: 1, column: 1),
                "the sheet prints on \(count) pages of \(guide.settings.paper.rawValue), even tightened to fit: a routine of \(routine.steps.count) steps should fit on one",
                note: "shorten its cues, cautions, notes or first paragraph, or split the routine in two")
        }
    }
}
