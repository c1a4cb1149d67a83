/// Routine sheets printed to PDF are outputs like pages: a PDF stays while its sheet is the same,
/// a build that prints (`--pdf`, or `pdf: true` in `site.yaml`) prints only the sheets that
/// changed or have no PDF yet, and a build that does not print removes only the PDFs whose sheet
/// changed, since they would no longer show what the sheet shows.
enum SheetPDFs {
    /// What a build does with each routine's PDF, by routine slug, once its sheet is rendered.
    struct Plan: Equatable {
        var print: [String] = []
        var keep: [String] = []
        var remove: [String] = []
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

    /// The routines (slugs) whose PDF is in the output at `outputPath` now.
    static func existing(_ guide: Guide, in outputPath: String) -> Set<String> {
        Set(guide.routines.map(\.slug).filter { FileStamp.of(outputPath + "/" + Paths.sheetPDF($0)) != nil })
    }
}
