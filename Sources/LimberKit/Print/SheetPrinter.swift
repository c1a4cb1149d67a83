import Foundation

/// Prints routine sheets to PDF from a build's own pages, so the PDF is exactly the printed page.
enum SheetPrinter {
    /// Prints the sheets of `routines` (slugs), as built in `folder`, to PDF; hands each to `write`
    /// with its path in the site, `routines/<slug>/<slug>.pdf`. Returns how many pages each PDF
    /// has, by slug.
    @discardableResult
    static func print(
        _ routines: [String], from folder: String, chromium: String, write: (String, [UInt8]) throws -> Void
    ) throws -> [String: Int] {
        guard !routines.isEmpty else { return [:] }
        let browser = try HeadlessChromium(executable: chromium, loadingOnlyFrom: folder)
        let pages = routines.map { URL(fileURLWithPath: folder + "/" + Paths.file(Paths.sheet($0))).absoluteString }
        var counts: [String: Int] = [:]
        for (slug, pdf) in zip(routines, try browser.printToPDF(urls: pages)) {
            let bytes = [UInt8](pdf)
            counts[slug] = PDFPages.count(bytes)
            try write(Paths.sheetPDF(slug), bytes)
        }
        return counts
    }
}
