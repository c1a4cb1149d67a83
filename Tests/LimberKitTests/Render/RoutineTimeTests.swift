import Foundation
import Testing

@testable import LimberKit

/// One time for a routine wherever it shows: the schedule the player runs, with its get-ready
/// countdown and the change-overs between sides and steps (`get_ready`, `change_over`), is the
/// total on the routine's page, its sheet, its card on the index and its JSON-LD, and the low end
/// of it is the player's first "left" figure, counted from the player's own data as
/// `templates/static/player.js` counts it. A stretch's page shows its own time the same way.
@Suite struct RoutineTimeTests {
    struct Built {
        var guide: Guide
        var output: String
    }

    static let sites: [Built] = {
        var built: [Built] = []
        for (site, overlay) in [("sheets", nil), ("long-sheets", nil), ("basic", "ranges")] as [(String, String?)] {
            let folder = try! TestSite.make(site, overlay: overlay)
            _ = try! SiteBuilder.build(BuildOptions(siteFolder: folder))
            let (content, _) = ContentLoader.load(SiteFolder(root: folder))
            built.append(Built(guide: Guide.resolve(content!).0!, output: folder + "/public"))
        }
        return built
    }()

    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func between(_ html: String, _ start: String, _ end: String) throws -> String {
        let open = try #require(html.range(of: start))
        let close = try #require(html.range(of: end, range: open.upperBound..<html.endIndex))
        return String(html[open.upperBound..<close.lowerBound])
    }

    static func structuredData(_ html: String) throws -> [String: Any] {
        let json = try between(html, "<script type=\"application/ld+json\">", "</script>")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// The player's whole time in seconds, as player.js builds its timeline from `#player-data`:
    /// the get-ready countdown, then each piece at its low end, with a change-over before a piece
    /// of a new step or on a new side.
    static func playerSeconds(_ html: String) throws -> Int {
        let json = try between(html, "<script type=\"application/json\" id=\"player-data\">", "</script>")
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var total = try #require(data["get_ready"] as? Int)
        let changeOver = try #require(data["change_over"] as? Int)
        var previous: (step: Int, side: Int?)?
        for (number, step) in try #require(data["steps"] as? [[String: Any]]).enumerated() {
            for piece in try #require(step["pieces"] as? [[String: Any]]) {
                let side = piece["side"] as? Int
                if let previous, previous.step != number || previous.side != side { total += changeOver }
                total += try #require((piece["seconds"] as? [Int])?.first)
                previous = (number, side)
            }
        }
        return total
    }

    /// `6:09`, as the player writes its "left" figure.
    static func clock(_ seconds: Int) -> String { "\(seconds / 60):" + String(format: "%02d", seconds % 60) }

    @Test func everyRoutineShowsOneTimeOnItsPageSheetCardJSONLDAndPlayer() throws {
        var checked = 0
        for site in Self.sites {
            // Every routine's card is on the list of routines (the home page shows a few).
            let index = Self.text(TestSite.read(site.output + "/routines/index.html"))
            for routine in site.guide.routines {
                let seconds = site.guide.totalSeconds(of: routine)
                let shown = formatDuration(seconds: seconds)
                let page = TestSite.read(site.output + "/routines/\(routine.slug)/index.html")
                let sheet = TestSite.read(site.output + "/routines/\(routine.slug)/sheet/index.html")
                #expect(Self.text(page).contains("Total time \(shown)"), "\(routine.slug) page")
                #expect(!Self.text(page).contains("with changes"), "\(routine.slug): a second figure")
                #expect(Self.text(sheet).contains("Total time \(shown) ·"), "\(routine.slug) sheet")
                #expect(index.contains("\(routine.title) ") && index.contains("Total time \(shown)"), "card")
                let data = try Self.structuredData(page)
                if seconds.lowerBound == seconds.upperBound {
                    #expect(data["activityDuration"] as? String == StructuredData.isoDuration(seconds.lowerBound))
                } else {
                    let range = try #require(data["activityDuration"] as? [String: Any])
                    #expect(
                        range["minValue"] as? Int == seconds.lowerBound
                            && range["maxValue"] as? Int == seconds.upperBound)
                }
                let player = try Self.playerSeconds(page)
                #expect(
                    player == seconds.lowerBound, "\(routine.slug): the player starts at \(Self.clock(player)) left")
                #expect(shown.hasPrefix(formatDuration(seconds: player)))
                checked += 1
            }
            for stretch in site.guide.stretches {
                let seconds = site.guide.totalSeconds(of: stretch)
                let page = TestSite.read(site.output + "/stretches/\(stretch.slug)/index.html")
                let shown = "\(stretch.dose.display), \(formatDuration(seconds: seconds)) in all"
                #expect(Self.text(page).contains(shown), "\(stretch.slug): \(shown)")
                #expect(
                    try Self.structuredData(page)["totalTime"] as? String
                        == StructuredData.isoDuration(seconds.upperBound))
                #expect(try Self.playerSeconds(page) == seconds.lowerBound, "\(stretch.slug)")
            }
        }
        #expect(checked == 8 + 3 + 2)
    }

    /// The club's cool-down: 8 stretches of 30 or 45 s a side, 5 s to get ready and 5 s for each of
    /// the 15 changes (7 between steps, 8 between sides): one figure, 8 min 30 s of stretching and
    /// 80 s of getting ready and changing over.
    @Test func theCoolDownTakesTheTimeThePlayerRuns() throws {
        let site = Self.sites[1]
        let routine = try #require(site.guide.routines.first { $0.slug == "cool-down" })
        #expect(site.guide.totalSeconds(of: routine) == 590...590)
        let page = TestSite.read(site.output + "/routines/cool-down/index.html")
        #expect(Self.text(page).contains("Total time 9 min 50 s"))
        #expect(try Self.playerSeconds(page) == 590)
    }
}
