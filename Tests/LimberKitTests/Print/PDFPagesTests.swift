import Testing

@testable import LimberKit

/// Page counts read from a PDF's page tree, as `build --pdf` and `limber sheet` read them to warn
/// about a sheet that printed on two pages. `SheetFitTests` checks them against `pdfinfo` on PDFs
/// Chromium printed.
@Suite struct PDFPagesTests {
    static func pdf(_ body: String) -> [UInt8] { Array(("%PDF-1.4\n" + body + "\n%%EOF\n").utf8) }

    @Test func theRootOfAPageTreeCountsItsPages() {
        let tree = Self.pdf(
            """
            1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
            3 0 obj <</Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2>> endobj
            2 0 obj <</Type /Pages
            /Kids [3 0 R 4 0 R]
            /Count 5>> endobj
            4 0 obj <</Type/Pages/Parent 2 0 R/Kids [7 0 R 8 0 R 9 0 R]/Count 3>> endobj
            """)
        #expect(PDFPages.count(tree) == 5)
    }

    @Test func aCountInANestedDictionaryIsNotThePagesCount() {
        let tree = Self.pdf("2 0 obj <</Type /Pages /Extra <</Count 40>> /Kids [3 0 R] /Count 1>> endobj")
        #expect(PDFPages.count(tree) == 1)
    }

    @Test func withoutAPageTreeInSightThePageObjectsAreCounted() {
        let pages = Self.pdf(
            """
            3 0 obj <</Type /Page /Parent 2 0 R>> endobj
            4 0 obj <</Type/Page/Parent 2 0 R>> endobj
            5 0 obj <</Type /Pagesize>> endobj
            """)
        #expect(PDFPages.count(pages) == 2)
        #expect(PDFPages.count(Array("%PDF-1.4\nnothing here\n".utf8)) == nil)
    }
}
