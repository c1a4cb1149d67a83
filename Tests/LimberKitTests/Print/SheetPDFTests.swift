import Foundation
import Testing

@testable import LimberKit

/// Prints routine sheets with the real Chromium and reads the PDFs back with poppler and zbar, as a
/// person holding the paper would: page count, every step and dose in order, no step split across
/// pages, a QR code that leads to the routine, nothing past the margins.
@Suite(.tags(.browser), .needs("chromium", "pdfinfo", "pdftotext", "pdftoppm", "pdftohtml", "zbarimg"), .serialized)
struct SheetPDFTests {
    struct Printed {
        var pdf: String
        var url: String
        var steps: [(title: String, dose: String, note: String?)]
    }

    /// Builds `site` with `--pdf` on `paper` and returns each routine's PDF with what it must show.
    static func printSheets(_ site: String, paper: SiteSettings.Paper) throws -> [String: Printed] {
        var options = BuildOptions(siteFolder: site, output: site + "/public-\(paper.rawValue)")
        options.pdf = true
        options.paper = paper
        _ = try SiteBuilder.build(options)
        let (content, _) = ContentLoader.load(SiteFolder(root: site))
        let loaded = try #require(content)
        let guide = try #require(Guide.resolve(loaded).0)
        var printed: [String: Printed] = [:]
        for routine in guide.routines {
            let steps = routine.steps.map { step in
                (guide.stretch(step.stretch.slug).title, guide.dose(of: step).display, step.note)
            }
            printed[routine.slug] = Printed(
                pdf: options.output! + "/routines/\(routine.slug)/\(routine.slug).pdf",
                url: guide.settings.baseURL + "routines/\(routine.slug)/", steps: steps)
        }
        return printed
    }

    static func pageCount(_ pdf: String) throws -> Int {
        let info = try Tool.run("pdfinfo", [pdf])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// Each page's text in reading order, with runs of white space made one space.
    static func pageTexts(_ pdf: String, pages: Int) throws -> [String] {
        try (1...pages).map { page in
            try Tool.run("pdftotext", ["-raw", "-f", "\(page)", "-l", "\(page)", pdf, "-"])
                .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
    }

    /// Checks a printed sheet and returns its page count.
    @discardableResult
    static func checkSheet(_ printed: Printed, paper: SiteSettings.Paper) throws -> Int {
        let pages = try pageCount(printed.pdf)
        let info = try Tool.run("pdfinfo", [printed.pdf])
        #expect(info.contains(paper == .a4 ? "(A4)" : "(letter)"), "\(printed.pdf) is not \(paper.rawValue)")
        if printed.steps.count <= 8 { #expect(pages == 1, "\(printed.steps.count) steps on \(paper.rawValue)") }

        // Every step, on one page, with its dose (and note) after its name, in order.
        let texts = try pageTexts(printed.pdf, pages: pages)
        var previous = (page: 0, offset: texts[0].startIndex)
        for (number, step) in printed.steps.enumerated() {
            let heading = "\(number + 1) \(step.title)"
            var found = false
            for page in previous.page..<texts.count {
                let text = texts[page]
                let start = page == previous.page ? previous.offset : text.startIndex
                guard let name = text.range(of: heading, range: start..<text.endIndex) else { continue }
                let rest = name.upperBound..<text.endIndex
                let dose = text.range(of: step.dose, range: rest)
                #expect(dose != nil, "step \(number + 1)'s dose \(step.dose) is not on its page")
                if let note = step.note {
                    #expect(text.range(of: note, range: rest) != nil, "note of step \(number + 1)")
                }
                previous = (page, name.upperBound)
                found = true
                break
            }
            #expect(found, "step \(heading) missing or out of order in \(printed.pdf)")
        }

        // The QR code leads to the routine's page.
        let folder = TestSite.temporaryFolder()
        _ = try Tool.run("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", printed.pdf, folder + "/page"])
        let image = try #require(FileManager.default.contentsOfDirectory(atPath: folder).first)
        let codes = try Tool.run("zbarimg", ["--quiet", "--raw", folder + "/" + image])
        #expect(codes.split(separator: "\n").contains(Substring(printed.url)), "QR codes: \(codes)")

        // Each page has ink, and none past the margins that home printers keep.
        for page in 1...pages {
            let raster = try Raster(pdf: printed.pdf, page: page, folder: folder)
            #expect(raster.inkFraction() > 0.01, "page \(page) looks blank")
            let millimetre = Double(raster.width) / (paper == .a4 ? 210 : 215.9)
            let band = Int(6 * millimetre)
            // The top band holds the small running head on pages after the first.
            let top = page == 1 ? band : Int(3 * millimetre)
            #expect(raster.isWhite(x: 0..<band, y: 0..<raster.height), "ink in the left margin of page \(page)")
            #expect(raster.isWhite(x: raster.width - band..<raster.width, y: 0..<raster.height), "right margin")
            #expect(raster.isWhite(x: 0..<raster.width, y: raster.height - band..<raster.height), "bottom margin")
            #expect(raster.isWhite(x: 0..<raster.width, y: 0..<top), "top margin of page \(page)")
        }
        return pages
    }

    /// The smallest text in a PDF, in points, from `pdftohtml -xml` at twice the size (so that
    /// 8.5 pt does not round to 9): the size of each font that some word or number is set in (a
    /// lone symbol drawn from a fallback font can come out a little smaller than its text).
    static func smallestFontPoints(_ pdf: String) throws -> Double {
        let xml = try Tool.run("pdftohtml", ["-xml", "-i", "-stdout", "-zoom", "2", pdf])
        func attribute(_ name: String, of line: Substring) -> String? {
            guard let start = line.range(of: " \(name)=\"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        var sizes: [String: Double] = [:]
        var used: Set<String> = []
        for line in xml.split(separator: "\n") {
            if line.contains("<fontspec"), let id = attribute("id", of: line), let size = attribute("size", of: line) {
                sizes[id] = Double(size).map { $0 / 2 }
            } else if line.hasPrefix("<text"), let font = attribute("font", of: line),
                let open = line.firstIndex(of: ">"), let close = line.range(of: "</text>", options: .backwards),
                line[line.index(after: open)..<close.lowerBound].contains(where: { $0.isLetter || $0.isNumber })
            {
                used.insert(font)
            }
        }
        return used.compactMap { sizes[$0] }.min() ?? 0
    }

    @Test(arguments: [SiteSettings.Paper.a4, .letter])
    func fixtureSheetsOfOneEightAndTwelveSteps(paper: SiteSettings.Paper) throws {
        // Also the routines that use every form of dose and frequency, with cautions under steps
        // and a first paragraph: each prints on one page, twelve short steps too once tightened.
        let printed = try Self.printSheets(try TestSite.make("sheets"), paper: paper)
        #expect(printed.count == 8)
        for (_, sheet) in printed.sorted(by: { $0.key < $1.key }) {
            #expect(try Self.checkSheet(sheet, paper: paper) == 1)
            #expect(try Self.smallestFontPoints(sheet.pdf) >= 9, "\(sheet.pdf)")
        }
    }

    /// A running club's cool-down of eight stretches with three long cues and a caution each, notes,
    /// twice daily, a first paragraph, the routine's cautions and two QR codes runs onto a second
    /// page as laid out; the sheet tightens itself onto one, tick grid and all, with no text under
    /// 9 pt. A sheet of 16 such steps says at the foot of its first page that it goes on overleaf.
    @Test(arguments: [SiteSettings.Paper.a4, .letter])
    func longSheetsTightenThemselvesOntoOnePage(paper: SiteSettings.Paper) throws {
        let printed = try Self.printSheets(try TestSite.make("long-sheets"), paper: paper)
        #expect(printed.count == 3)
        for (slug, sheet) in printed.sorted(by: { $0.key < $1.key }) {
            let pages = try Self.checkSheet(sheet, paper: paper)
            #expect(try Self.smallestFontPoints(sheet.pdf) >= 9, "\(sheet.pdf)")
            let texts = try Self.pageTexts(sheet.pdf, pages: pages)
            if slug == "season-opener" {
                #expect(pages == 2)
                #expect(texts[0].hasSuffix("Continued overleaf →"), "\(texts[0].suffix(80))")
                #expect(texts[1].contains("Tracking: tick each step you did"))
            } else {
                #expect(pages == 1, "\(slug) on \(paper.rawValue)")
                #expect(texts[0].contains("Day 7") && !texts[0].contains("overleaf"))
            }
        }
    }

    /// A routine of 8 steps that prints on two pages even tightened (a first paragraph of a page
    /// and a half) is warned about at its file by `build --pdf` and `limber sheet`.
    @Test func aSheetOfEightStepsOnTwoPagesIsWarnedAboutAtItsFile() throws {
        let site = try TestSite.make("long-sheets")
        let cooldown = try String(contentsOfFile: site + "/content/routines/cool-down.md", encoding: .utf8)
        let long = String(repeating: "Hold each stretch still and breathe out slowly as you ease into it. ", count: 40)
        try cooldown.replacingOccurrences(of: "title: Club Cool-Down", with: "title: Too Long")
            .replacingOccurrences(of: "Do the whole cool-down", with: long + "Do the whole cool-down").write(
                toFile: site + "/content/routines/too-long.md", atomically: true, encoding: .utf8)
        let warning =
            "content/routines/too-long.md:1:1: warning: the sheet prints on 2 pages of Letter, even tightened to fit: a routine of 8 steps should fit on one"
        var options = BuildOptions(siteFolder: site, output: site + "/out")
        options.pdf = true
        let report = try SiteBuilder.build(options)
        let warnings = report.diagnostics.map(\.description)
        #expect(warnings.contains { $0.hasPrefix(warning) }, "\(warnings)")
        #expect(!warnings.contains { $0.contains("cool-down.md") }, "\(warnings)")
        #expect(try Self.pageCount(site + "/out/routines/too-long/too-long.pdf") == 2)
        let written = try SheetCommand.printSheet(
            routine: "too-long", siteFolder: site, paper: nil, chromium: nil, to: site + "/too-long.pdf")
        #expect(written.warnings.map(\.description).contains { $0.hasPrefix(warning) })
    }

    @Test(arguments: [SiteSettings.Paper.a4, .letter])
    func theRepositorysRoutineFitsOnePage(paper: SiteSettings.Paper) throws {
        let printed = try Self.printSheets(try TestSite.repositorySite(), paper: paper)
        let sheet = try #require(printed["hip-flexor-relief"])
        #expect(sheet.steps.count == 6)
        #expect(try Self.checkSheet(sheet, paper: paper) == 1)
        let text = try Self.pageTexts(sheet.pdf, pages: 1)[0]
        #expect(text.contains("9 min 10 s"))
        #expect(text.contains("Day 7"))
    }

    @Test func limberSheetWritesOneRoutinesPDF() throws {
        let site = try TestSite.make("sheets")
        let target = TestSite.temporaryFolder() + "/tonight.pdf"
        let written = try SheetCommand.printSheet(
            routine: "eight-steps", siteFolder: site, paper: .letter, chromium: nil, to: target)
        #expect(written.path == target)
        #expect(try Self.pageCount(target) == 1)
        #expect(try Tool.run("pdfinfo", [target]).contains("(letter)"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"), "limber sheet leaves public/ alone")
    }

    @Test func limberSheetMakesNoSearchIndexEvenWhenTheSiteAsksForOne() throws {
        let site = try TestSite.make("sheets")
        let settings = site + "/content/site.yaml"
        try (TestSite.read(settings) + "search: true\n").write(toFile: settings, atomically: false, encoding: .utf8)
        let target = TestSite.temporaryFolder() + "/tonight.pdf"
        _ = try SheetCommand.printSheet(
            routine: "eight-steps", siteFolder: site, paper: nil, chromium: nil, to: target)
        #expect(FileManager.default.fileExists(atPath: target), "printed without Pagefind")
        #expect(!FileManager.default.fileExists(atPath: site + "/.limber/sheet/pagefind"))
    }

    @Test func pdfWithoutChromiumFailsAtOnceWithHowToInstallIt() throws {
        let site = try TestSite.make()
        var options = BuildOptions(siteFolder: site)
        options.pdf = true
        options.chromium = "/nonexistent/chromium"
        let text = try #require(TestSite.failureText(options))
        #expect(text.contains("--pdf needs headless Chromium"))
        #expect(text.contains("apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: site + "/public"))
    }
}

/// A page of a PDF as grey pixels, from `pdftoppm -gray` (a PGM file).
struct Raster {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(pdf: String, page: Int, folder: String) throws {
        let base = folder + "/raster-\(page)"
        _ = try Tool.run(
            "pdftoppm", ["-gray", "-r", "40", "-f", "\(page)", "-l", "\(page)", "-singlefile", pdf, base])
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: base + ".pgm")))
        // Header: "P5", width, height, maxval, each followed by white space.
        var fields: [String] = []
        var index = 0
        while fields.count < 4 {
            while data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            let start = index
            while data[index] != 0x20 && data[index] != 0x0A { index += 1 }
            fields.append(String(decoding: data[start..<index], as: UTF8.self))
        }
        index += 1
        width = Int(fields[1])!
        height = Int(fields[2])!
        pixels = Array(data[index...])
    }

    func inkFraction() -> Double {
        Double(pixels.count(where: { $0 < 128 })) / Double(pixels.count)
    }

    func isWhite(x: Range<Int>, y: Range<Int>) -> Bool {
        for row in y {
            for column in x where pixels[row * width + column] < 230 { return false }
        }
        return true
    }
}
