import Foundation
import Testing

@testable import LimberKit

/// Routine sheets printed to PDF behave like pages: kept while their sheet is the same, printed
/// again only when it changed, removed (and named) by a build that does not print when it changed.
@Suite(.serialized) struct SheetPDFOutputTests {
    static let evening = "routines/evening-hips/evening-hips.pdf"
    static let morning = "routines/morning-hips/morning-hips.pdf"

    /// The basic site with a second routine, which does not use leg swings.
    static func site() throws -> String {
        let site = try TestSite.make()
        try write(
            site + "/content/routines/morning-hips.md",
            "---\ntitle: Morning Hips\nsummary: One deep stretch to start the day.\nsteps:\n  - pigeon-pose\n---\n")
        return site
    }

    static func write(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func edit(_ path: String, _ change: (String) -> String) throws {
        try write(path, change(TestSite.read(path)))
    }

    static func build(_ site: String, pdf: Bool = false, on day: String = "2026-03-01") throws -> BuildReport {
        var options = BuildOptions(siteFolder: site, buildDate: day)
        options.pdf = pdf
        return try SiteBuilder.build(options)
    }

    static func bytes(_ site: String, _ file: String) -> Data? {
        FileManager.default.contents(atPath: site + "/public/" + file)
    }

    static func stamp(_ site: String, _ file: String) -> FileStamp? { FileStamp.of(site + "/public/" + file) }

    static func sheetLinksPDF(_ site: String, _ slug: String) -> Bool {
        TestSite.read(site + "/public/routines/\(slug)/sheet/index.html").contains(
            "routines/\(slug)/\(slug).pdf\" download")
    }

    @Test(.tags(.browser), .needs("chromium", "pdftotext"))
    func aBuildWithoutPDFKeepsThePDFsOfUnchangedSheetsAndNamesThoseItRemoves() throws {
        let site = try Self.site()
        let printed = try Self.build(site, pdf: true)
        #expect(Set(printed.printedPDFs) == [Self.evening, Self.morning])
        let eveningPDF = try #require(Self.bytes(site, Self.evening))
        let morningPDF = try #require(Self.bytes(site, Self.morning))

        let plain = try Self.build(site)
        #expect(plain.removedPDFs.isEmpty)
        #expect(Set(plain.keptPDFs) == [Self.evening, Self.morning])
        #expect(Self.bytes(site, Self.evening) == eveningPDF)
        #expect(Self.bytes(site, Self.morning) == morningPDF)
        #expect(Self.sheetLinksPDF(site, "evening-hips"), "a kept PDF is still linked from its sheet")
        #expect(try Self.build(site).upToDate, "the kept PDFs count as the output's own")

        // Leg swings are on the evening sheet only.
        try Self.edit(site + "/content/stretches/leg-swings.md") {
            $0.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings Forward")
        }
        let afterEdit = try Self.build(site)
        #expect(afterEdit.removedPDFs == [Self.evening])
        #expect(Self.bytes(site, Self.evening) == nil)
        #expect(!Self.sheetLinksPDF(site, "evening-hips"), "the sheet no longer offers a PDF that is gone")
        #expect(Self.bytes(site, Self.morning) == morningPDF)
        #expect(Self.sheetLinksPDF(site, "morning-hips"))
    }

    @Test(.tags(.browser), .needs("chromium", "pdftotext")) func aPrintingBuildPrintsOnlyTheSheetsWhosePageChanged()
        throws
    {
        let site = try Self.site()
        _ = try Self.build(site, pdf: true)
        let evening = Self.stamp(site, Self.evening)
        let morning = Self.stamp(site, Self.morning)

        // A body shows on its own page only: no sheet changes.
        try Self.edit(site + "/content/stretches/couch-stretch.md") { $0 + "\nOne more line.\n" }
        let bodyEdit = try Self.build(site, pdf: true)
        #expect(bodyEdit.rendered == 1)
        #expect(bodyEdit.printedPDFs.isEmpty)
        #expect(Self.stamp(site, Self.evening) == evening)
        #expect(Self.stamp(site, Self.morning) == morning)

        try Self.edit(site + "/content/stretches/leg-swings.md") {
            $0.replacingOccurrences(of: "title: Leg Swings", with: "title: Leg Swings Forward")
        }
        let titleEdit = try Self.build(site, pdf: true)
        #expect(titleEdit.printedPDFs == [Self.evening])
        #expect(Self.stamp(site, Self.evening) != evening)
        #expect(Self.stamp(site, Self.morning) == morning)
        let text = try Tool.run("pdftotext", [site + "/public/" + Self.evening, "-"])
        #expect(text.contains("Leg Swings Forward"), "the new PDF shows the edit")

        // Every page is what a full build makes.
        let full = try Self.site()
        try FileManager.default.removeItem(atPath: full + "/content")
        try FileManager.default.copyItem(atPath: site + "/content", toPath: full + "/content")
        _ = try Self.build(full, pdf: true)
        let pages = TestSite.snapshot(site + "/public").filter { !$0.key.hasSuffix(".pdf") }
        let fullPages = TestSite.snapshot(full + "/public").filter { !$0.key.hasSuffix(".pdf") }
        #expect(pages == fullPages)
    }

    /// A day written in words changes length from day to day (`9 March` to `10 March`): the sheet is
    /// still the same sheet, and nothing else may differ.
    @Test func aSheetIsTheSameButForItsDayWrittenInWords() {
        func sheet(_ iso: String, _ words: String, dose: String = "1 min") -> [UInt8] {
            Array("<p>\(dose)</p><p>Printed <time datetime=\"\(iso)\">\(words)</time></p>".utf8)
        }
        #expect(
            SheetPDFs.sameSheet(
                sheet("2026-03-10", "10 March 2026"), sheet("2026-03-09", "9 March 2026"), date: "2026-03-10"))
        #expect(
            !SheetPDFs.sameSheet(
                sheet("2026-03-10", "10 March 2026", dose: "2 min"), sheet("2026-03-09", "9 March 2026"),
                date: "2026-03-10"))
    }

    @Test(.tags(.browser), .needs("chromium", "pdftotext")) func aNewDayAloneNeitherPrintsNorRemovesAPDF() throws {
        let site = try Self.site()
        _ = try Self.build(site, pdf: true, on: "2026-03-01")
        let eveningPDF = try #require(Self.bytes(site, Self.evening))
        let morningPDF = try #require(Self.bytes(site, Self.morning))

        let plain = try Self.build(site, on: "2026-03-02")
        #expect(plain.removedPDFs.isEmpty)
        #expect(Set(plain.keptPDFs) == [Self.evening, Self.morning])
        #expect(Self.bytes(site, Self.evening) == eveningPDF)
        #expect(Self.sheetLinksPDF(site, "evening-hips"))
        #expect(TestSite.read(site + "/public/routines/evening-hips/sheet/index.html").contains("2026-03-02"))

        let printing = try Self.build(site, pdf: true, on: "2026-03-03")
        #expect(printing.printedPDFs.isEmpty)
        #expect(Set(printing.keptPDFs) == [Self.evening, Self.morning])
        #expect(Self.bytes(site, Self.evening) == eveningPDF)
        #expect(Self.bytes(site, Self.morning) == morningPDF)
        let kept = try Tool.run("pdftotext", [site + "/public/" + Self.evening, "-"])
        #expect(kept.contains("1 March 2026"), "a kept PDF shows the day it was printed")

        // The couch stretch's dose is the evening routine's own.
        let routine = site + "/content/routines/evening-hips.md"
        try Self.edit(routine) { $0.replacingOccurrences(of: "dose: 1 min each leg", with: "dose: 2 min each leg") }
        let doseEdit = try Self.build(site, pdf: true, on: "2026-03-04")
        #expect(doseEdit.printedPDFs == [Self.evening])
        #expect(doseEdit.keptPDFs == [Self.morning])
        #expect(Self.bytes(site, Self.morning) == morningPDF)
        let reprinted = try Tool.run("pdftotext", [site + "/public/" + Self.evening, "-"])
        #expect(reprinted.contains("4 March 2026"))
        #expect(reprinted.contains("2 min"))

        try Self.edit(routine) { $0.replacingOccurrences(of: "dose: 2 min each leg", with: "dose: 3 min each leg") }
        let plainDoseEdit = try Self.build(site, on: "2026-03-05")
        #expect(plainDoseEdit.removedPDFs == [Self.evening])
        #expect(plainDoseEdit.keptPDFs == [Self.morning])
        #expect(Self.bytes(site, Self.evening) == nil)
        #expect(Self.bytes(site, Self.morning) == morningPDF)
    }

    @Test(arguments: [
        // new, old → the same sheet but for the day 2026-03-02
        ("<p>1 min · 2026-03-02</p>", "<p>1 min · 2026-03-01</p>", true),
        ("<p>1 min · 2026-03-02</p>", "<p>2 min · 2026-03-01</p>", false),
        ("<p>1 min · 2026-03-02</p>", "<p>1 min · 2026/03/01</p>", false),
        ("<p>1 min · 2026-03-02</p>", "<p>1 min · 2026-03-1</p>", false),
        ("<p>1 min</p>", "<p>1 min</p>", true),
    ])
    func aSheetIsTheSameButForTheDay(new: String, old: String, same: Bool) {
        #expect(SheetPDFs.sameSheet(Array(new.utf8), Array(old.utf8), date: "2026-03-02") == same)
    }

    @Test(.tags(.browser), .needs("chromium", "pdftotext")) func pdfTrueInSiteYAMLPrintsOnEveryBuild() throws {
        let site = try Self.site()
        try Self.edit(site + "/content/site.yaml") { $0 + "\npdf: true\n" }
        let report = try Self.build(site)
        #expect(Set(report.printedPDFs) == [Self.evening, Self.morning])
        #expect(try Self.pageCount(site + "/public/" + Self.morning) == 1)
        #expect(Self.sheetLinksPDF(site, "morning-hips"))
    }

    static func pageCount(_ pdf: String) throws -> Int { try SheetPDFTests.pageCount(pdf) }

    @Test(arguments: [
        // printing, existing, changed → print, keep, remove
        (true, ["a", "b"], ["a"], ["a"], ["b"], [String]()),
        (true, [], [], ["a", "b"], [], []),
        (false, ["a", "b"], ["a"], [], ["b"], ["a"]),
        (false, ["b"], ["a", "b"], [], [], ["b"]),
    ])
    func plansWhatToPrintKeepAndRemove(
        printing: Bool, existing: [String], changed: [String], print: [String], keep: [String], remove: [String]
    ) {
        let plan = SheetPDFs.plan(
            routines: ["a", "b"], printing: printing, only: nil, existing: Set(existing),
            sheetChanged: { changed.contains($0) })
        #expect(plan == SheetPDFs.Plan(print: print, keep: keep, remove: remove))
    }
}
