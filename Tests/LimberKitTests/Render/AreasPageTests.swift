import Foundation
import Testing

@testable import LimberKit

/// `targets/index.html` lists every body area with how many stretches it has, a picture of one of
/// them when one has a picture, and a link to its list; the home page leads to it near the top.
@Suite struct AreasPageTests {
    @Test func everyBodyAreaIsListedWithItsCountAndAPicture() throws {
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: site + "/out"))
        let page = TestSite.read(site + "/out/targets/index.html")
        let areas = page.components(separatedBy: "<li class=\"area\">").dropFirst()
        // Each target's own list page says how many stretches it has: the same number must show here.
        let lists = try FileManager.default.contentsOfDirectory(atPath: site + "/out/targets")
            .filter { $0 != "index.html" }.sorted()
        #expect(areas.count == lists.count && !lists.isEmpty, "\(areas.count) areas for lists \(lists)")
        for (area, slug) in zip(areas, lists) {
            let list = TestSite.read(site + "/out/targets/\(slug)/index.html")
            let members = list.components(separatedBy: "<article class=\"card").count - 1
            #expect(area.contains("href=\"../targets/\(slug)/index.html\""), "\(area)")
            #expect(area.contains(members == 1 ? ">1 stretch<" : ">\(members) stretches<"), "\(slug): \(area)")
        }
        // Pigeon Pose has the fixture's one picture, and targets the glutes and the hip flexors.
        let withPicture = areas.filter { $0.contains("<img class=\"area-image\" src=\"../images/pigeon.svg\"") }
        #expect(withPicture.count == 2, "\(withPicture)")

        let home = TestSite.read(site + "/out/index.html")
        let areasAt = try #require(home.range(of: "href=\"targets/index.html\""))
        let stretchesAt = try #require(home.range(of: "id=\"stretches\""))
        #expect(areasAt.lowerBound < stretchesAt.lowerBound, "the body areas come before the stretches")
    }
}
