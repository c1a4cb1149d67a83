import Foundation
import Testing

@testable import LimberKit

/// `limber check`'s estimate of a sheet's height, held against the sheets Chromium prints: on A4
/// and on Letter, for every routine of the fixture sites and of the repository's guide, a sheet
/// the model puts on one page prints on one, and a routine of 8 steps or fewer that prints on one
/// page is not warned about. The page counts `build --pdf` reads from the PDFs agree with `pdfinfo`.
@Suite(.tags(.browser), .needs("chromium", "pdfinfo"), .serialized)
struct SheetFitTests {
    static func guide(_ site: String, paper: SiteSettings.Paper) throws -> Guide {
        let (content, _) = ContentLoader.load(SiteFolder(root: site))
        let loaded = try #require(content)
        var guide = try #require(Guide.resolve(loaded).0)
        guide.settings.paper = paper
        return guide
    }

    @Test(arguments: [SiteSettings.Paper.a4, .letter])
    func theEstimateNeverPromisesOnePageForASheetThatPrintsTwo(paper: SiteSettings.Paper) throws {
        var compared = 0
        // The coaches' routines are written as trainers write them: free-text frequencies,
        // adjectives, rest after side, steps in words.
        let sites = [
            try TestSite.make("sheets"), try TestSite.make("long-sheets"), try TestSite.make("coaches"),
            try TestSite.repositorySite(),
        ]
        for site in sites { compared += try Self.compare(site, paper: paper) }
        #expect(compared == 8 + 3 + 11 + 1)
    }

    /// Prints every sheet of `site` and holds each against its estimate; gives how many it compared.
    static func compare(_ site: String, paper: SiteSettings.Paper) throws -> Int {
        var compared = 0
        let printed = try SheetPDFTests.printSheets(site, paper: paper)
        let guide = try Self.guide(site, paper: paper)
        for routine in guide.routines {
            let pdf = try #require(printed[routine.slug]?.pdf)
            let pages = try SheetPDFTests.pageCount(pdf)
            let estimate = SheetFit.estimate(routine, in: guide)
            let figures = "\(routine.slug) on \(paper.rawValue): \(pages) pages, estimated \(estimate)"
            #expect(!(estimate.pages == 1 && pages > 1), "\(figures)")
            if pages == 1 && routine.steps.count <= SheetFit.onePageSteps {
                #expect(estimate.pages == 1, "a false warning: \(figures)")
            }
            #expect(PDFPages.count([UInt8](try Data(contentsOf: URL(fileURLWithPath: pdf)))) == pages, "\(figures)")
            compared += 1
        }
        return compared
    }

    /// A `logo` on the sheet, 7 mm tall beside the site's name, is counted: none is promised one
    /// page that prints two, and those of 8 steps or fewer that print on one are not warned about.
    @Test func theEstimateHoldsWithALogoOnTheSheet() throws {
        let site = try TestSite.make("sheets")
        try """
        <svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">\
        <rect width="120" height="120" rx="24" fill="#7a2e8c"/></svg>
        """.write(toFile: site + "/content/logo.svg", atomically: true, encoding: .utf8)
        try PictureTests.append("\nlogo: logo.svg\n", to: site + "/content/site.yaml")
        let guide = try Self.guide(site, paper: .a4)
        var without = guide
        without.settings.logo = nil
        for routine in guide.routines {
            let added = SheetFit.estimate(routine, in: guide).height - SheetFit.estimate(routine, in: without).height
            // The logo's line is 3.3 mm taller than the name's alone; the QR codes beside the head
            // are often taller still.
            #expect(added >= 0 && added <= 3.3 + 0.001, "\(routine.slug): \(added)")
        }
        #expect(try Self.compare(site, paper: .a4) == 8)
    }

    @Test func checkWarnsAtTheRoutineWhoseSheetIsTooLongEvenTightened() throws {
        let report = try SiteBuilder.build(BuildOptions(siteFolder: try TestSite.make("long-sheets"), checkOnly: true))
        #expect(
            report.diagnostics.map(\.description) == [
                "content/routines/season-opener.md:1:1: warning: the sheet is about 111 mm too long for one Letter page, even tightened: it prints on 2 pages\n    note: a sheet fits up to 8 steps on one page: split the routine in two, or leave the tick grid overleaf"
            ])
        // Twelve short steps fit once the sheet has tightened itself.
        let fits = try SiteBuilder.build(BuildOptions(siteFolder: try TestSite.make("sheets"), checkOnly: true))
        #expect(fits.diagnostics.isEmpty, "\(fits.diagnostics)")
    }

    /// A month of tick boxes leaves the step names no room in the model's grid: the estimate still
    /// ends, and puts such a sheet on two pages.
    @Test func aMonthOfTickBoxesIsEstimatedWithoutHanging() throws {
        var guide = try Self.guide(try TestSite.make("long-sheets"), paper: .a4)
        guide.settings.trackingDays = 31
        for routine in guide.routines { #expect(SheetFit.estimate(routine, in: guide).pages == 2) }
    }
}

/// The sheet-fit warnings of a guide with many routines, measured on every core, come out in the
/// guide's order of routines (by title), as a serial pass would give them.
@Suite struct SheetFitWarningOrderTests {
    @Test func warningsFollowTheRoutinesOrderWhateverCoreMeasuredThem() throws {
        let site = try TestSite.make("long-sheets")
        let routines = site + "/content/routines/"
        let long = TestSite.read(routines + "season-opener.md")
        let short = TestSite.read(routines + "cool-down.md")
        // File names run against the titles, so that the guide's order is not the files' order;
        // every third routine is too long for one page.
        for number in 0..<60 {
            let name = "r-" + String(format: "%02d", number)
            let title = "title: Routine " + String(format: "%02d", 59 - number)
            let text =
                number % 3 == 0
                ? long.replacingOccurrences(of: "title: Season Opener", with: title)
                : short.replacingOccurrences(of: "title: Club Cool-Down", with: title)
            try text.write(toFile: routines + name + ".md", atomically: false, encoding: .utf8)
        }
        let (content, _) = ContentLoader.load(SiteFolder(root: site))
        let loaded = try #require(content)
        let guide = try #require(Guide.resolve(loaded).0)

        let warned = SheetFit.warnings(guide).map(\.location.path)
        let expected =
            stride(from: 57, through: 0, by: -3).map { "content/routines/r-" + String(format: "%02d", $0) + ".md" }
            + ["content/routines/season-opener.md"]
        #expect(warned == expected)
    }
}

/// An edit measures again the sheets of the routines it touched, and keeps the others' as the last
/// build measured them (a debug build checks each kept one's key against its files).
@Suite struct SheetFitEditTests {
    static func warnings(_ report: BuildReport) -> [String] {
        report.diagnostics.filter { $0.message.contains("too long for one") }.map(\.description)
    }

    @Test func anEditMeasuresOnlyTheSheetsOfTheRoutinesItTouched() throws {
        let site = try TestSite.make("long-sheets")
        let output = site + "/public"
        let build = {
            try SiteBuilder.build(BuildOptions(siteFolder: site, output: output, buildDate: RebuildTests.date))
        }
        let first = Self.warnings(try build())
        #expect(first.count == 1 && first[0].hasPrefix("content/routines/season-opener.md:1:1"), "\(first)")

        // Another routine's file: the long sheet is not measured again, and warns as before.
        try RebuildTests.append(site + "/content/routines/cool-down.md", "\nEase into each one.\n")
        let untouched = try build()
        #expect(untouched.rendered > 0, "the edit was not built")
        #expect(Self.warnings(untouched) == first)

        // A caution more on a stretch the long routine uses (twice): its sheet is longer now.
        try RebuildTests.replace(
            site + "/content/stretches/standing-calf-stretch.md", "cautions:\n",
            "cautions:\n  - Stop at once if the calf cramps, and walk it off before the next stretch.\n")
        let longer = Self.warnings(try build())
        #expect(longer.count == 1 && longer != first, "\(longer)")
        func millimetres(_ warning: String) -> Int? {
            warning.firstMatch(of: /about (\d+) mm/).flatMap { Int($0.output.1) }
        }
        #expect((millimetres(longer[0]) ?? 0) > (millimetres(first[0]) ?? .max), "\(first) → \(longer)")
    }
}
