import Foundation
import Testing

@testable import LimberKit

/// Builds the guide in the repository's own `content/` and reads it as a visitor would.
@Suite struct RepositorySiteTests {
    static let order = [
        ("Foam Roll Quadriceps", "2 min · each leg"),
        ("Half-Kneeling Hip Flexor Stretch", "30 s · each leg"),
        ("Assisted Half-Kneeling Hip Flexor Stretch", "30 s · each leg"),
        ("Foam Roller Psoas Stretch", "30 s · each leg"),
        ("Bent Knee to Low Lunge", "5 reps · each leg"),
        ("Static Low Lunge", "20 s · each leg"),
    ]

    let output: String
    let report: BuildReport

    init() throws {
        let site = try TestSite.repositorySite()
        report = try SiteBuilder.build(BuildOptions(siteFolder: site))
        output = site + "/public"
    }

    @Test func buildsWithoutWarnings() {
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
    }

    @Test func theRoutineListsTheSixStretchesInOrderWithTheirDoses() throws {
        let html = TestSite.read(output + "/routines/hip-flexor-relief/index.html")
        var cursor = html.startIndex
        for (title, dose) in Self.order {
            let titleRange = try #require(html.range(of: ">\(title)<", range: cursor..<html.endIndex), "\(title)")
            let doseRange = try #require(html.range(of: dose, range: titleRange.upperBound..<html.endIndex), "\(dose)")
            cursor = doseRange.upperBound
        }
        #expect(html.contains("9 min 10 s"))
    }

    @Test func theSheetHasEveryStepAndTheTotalTime() {
        let html = TestSite.read(output + "/routines/hip-flexor-relief/sheet/index.html")
        for (title, dose) in Self.order {
            #expect(html.contains(title))
            #expect(html.contains(dose))
        }
        #expect(html.contains("9 min 10 s"))
    }

    @Test func everyPageKindExists() {
        let files = Set(TestSite.snapshot(output).keys)
        for expected in [
            "index.html", "stretches/static-low-lunge/index.html", "routines/hip-flexor-relief/index.html",
            "routines/hip-flexor-relief/sheet/index.html", "targets/hip-flexors/index.html",
            "kinds/foam-rolling/index.html", "equipment/foam-roller/index.html", "404.html", "sitemap.xml",
            "robots.txt", "feed.xml",
            "images/static-low-lunge.svg",
        ] {
            #expect(files.contains(expected), "\(expected)")
        }
        for stylesheet in ["style", "print"] {
            #expect(
                files.contains { $0.hasPrefix(stylesheet + ".") && $0.hasSuffix(".css") }, "\(stylesheet) stylesheet")
        }
    }

    @Test func theIndexShowsTheRoutineThenStretchesGroupedByKind() throws {
        let html = TestSite.read(output + "/index.html")
        let routine = try #require(html.range(of: "Hip Flexor Relief"))
        var cursor = routine.upperBound
        for kind in ["Foam rolling", "Dynamic", "Static", "Isometric"] {
            let found = try #require(html.range(of: ">\(kind)<", range: cursor..<html.endIndex), "\(kind)")
            cursor = found.upperBound
        }
        #expect(html.components(separatedBy: "<h1").count == 2, "one h1")
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test func theHomePageLeadsWithTheSeedArticleWhichShowsEveryStretchInFullAndTheRoutine() throws {
        let home = TestSite.read(output + "/index.html")
        let article = try #require(home.range(of: "Stretching Tight Hip Flexors to Ease Lower Back Pain"))
        let routines = try #require(home.range(of: "id=\"routines\""))
        #expect(article.lowerBound < routines.lowerBound)
        let html = TestSite.read(output + "/articles/stretching-tight-hip-flexors-for-lower-back-pain/index.html")
        var cursor = html.startIndex
        for (title, dose) in Self.order {
            let found = try #require(html.range(of: ">\(title)</a></h3>", range: cursor..<html.endIndex), "\(title)")
            let shown = try #require(html.range(of: dose, range: found.upperBound..<html.endIndex), "\(dose)")
            cursor = shown.upperBound
        }
        #expect(html.components(separatedBy: "class=\"embed embed-stretch\"").count == 7, "six stretches in full")
        #expect(html.contains("class=\"embed embed-routine\" id=\"embed-routine-hip-flexor-relief\""))
        #expect(TestSite.read(output + "/about/index.html").contains("<h1>About this guide</h1>"))
    }

    @Test func aStretchPageShowsItsFields() {
        let html = TestSite.read(output + "/stretches/half-kneeling-hip-flexor-stretch/index.html")
        #expect(html.contains("30 s · each leg"))
        #expect(html.contains("Beginner"))
        #expect(html.contains("../../targets/hip-flexors/index.html"))
        #expect(html.contains("../../routines/hip-flexor-relief/index.html"), "the routines that use it")
        #expect(html.contains("<img src=\"../../images/half-kneeling-hip-flexor-stretch.svg\" alt=\""))
        #expect(html.contains("id=\"how-to-do-it\""))
    }
}
