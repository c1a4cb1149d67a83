import Foundation

/// Prints routine sheets to PDF from a build's own pages, so the PDF is exactly the printed page.
enum SheetPrinter {
    /// Prints the routines' sheets from the staged build into `routines/<slug>/<slug>.pdf`.
    static func print(_ routines: [Routine], into staged: StagedOutput, chromium: String) throws {
        guard !routines.isEmpty else { return }
        let browser = try HeadlessChromium(executable: chromium)
        for routine in routines {
            let page = staged.staging + "/" + Paths.sheet(routine.slug) + "index.html"
            let pdf = try browser.printToPDF(url: URL(fileURLWithPath: page).absoluteString)
            try staged.write(Paths.sheetPDF(routine.slug), pdf)
        }
    }
}
