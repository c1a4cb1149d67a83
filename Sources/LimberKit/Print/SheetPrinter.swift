import Foundation

/// Prints routine sheets to PDF from a build's own pages, so the PDF is exactly the printed page.
enum SheetPrinter {
    /// Prints the routines' sheets from the staged build into `routines/<slug>/<slug>.pdf`.
    static func print(_ routines: [Routine], into staged: StagedOutput, chromium: String) throws {
        guard !routines.isEmpty else { return }
        let browser = try HeadlessChromium(executable: chromium)
        let pages = routines.map {
            URL(fileURLWithPath: staged.staging + "/" + Paths.file(Paths.sheet($0.slug))).absoluteString
        }
        for (routine, pdf) in zip(routines, try browser.printToPDF(urls: pages)) {
            try staged.write(Paths.sheetPDF(routine.slug), pdf)
        }
    }
}
