import Foundation
import Testing

@testable import LimberKit

/// Lists longer than `per_page` go on over several pages: the first at the list's address, the
/// others at `page/2/`, `page/3/`…, linked in order (`rel="prev"`/`"next"`) and by number. The
/// `paged` fixture has lists of one to three pages at `per_page: 3`.
@Suite struct PaginationTests {
    /// The `paged` fixture built, with `per_page` changed when asked.
    static func build(perPage: Int? = nil) throws -> String {
        let site = try TestSite.make("paged")
        if let perPage {
            let settings = site + "/content/site.yaml"
            try TestSite.read(settings).replacingOccurrences(of: "per_page: 3", with: "per_page: \(perPage)")
                .write(toFile: settings, atomically: false, encoding: .utf8)
        }
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-03-01"))
        return site + "/public"
    }

    /// Values of `attribute` in tags that match `pattern` (a regular expression over the tag).
    static func values(_ html: String, tag pattern: String, attribute: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: "<\(pattern)[^>]*>")
        return SiteLinks.matches(of: expression, in: html).compactMap { match in
            let tag = match[0]
            guard let range = tag.range(of: "\(attribute)=\"") else { return nil }
            let rest = tag[range.upperBound...]
            return String(rest[..<rest.firstIndex(of: "\"")!])
        }
    }

    /// Where a link on `page` leads, relative to the output folder.
    static func target(_ link: String, from page: String) -> String {
        (try? SiteLinks.resolve(link, from: page))?.path ?? "?"
    }

    /// The stretch pages a list page shows cards of, in order (not the list of every stretch,
    /// which the menu links to).
    static func cards(on page: String, in output: String) -> [String] {
        let html = TestSite.read(output + "/" + page)
        return values(html, tag: "a ", attribute: "href")
            .map { target($0, from: page) }
            .filter { $0.hasPrefix("stretches/") && $0 != "stretches/index.html" && !$0.hasPrefix("stretches/page/") }
            .reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
    }

    /// The pages of the list whose first page is `first`, by following `rel="next"` links.
    static func pages(from first: String, in output: String) -> [String] {
        var pages = [first]
        while let next = values(TestSite.read(output + "/" + pages.last!), tag: "a[^>]*rel=\"next\"", attribute: "href")
            .first
        {
            pages.append(target(next, from: pages.last!))
            if pages.count > 100 { break }
        }
        return pages
    }

    /// The lists a built site has, by the folder of their first page (`targets/index.html`, the
    /// page of every body area, is not one).
    static func firstPages(in output: String) -> [String] {
        SiteLinks.htmlPages(in: output).filter {
            ["targets/", "kinds/", "equipment/"].contains(where: $0.hasPrefix) && !$0.contains("/page/")
                && $0 != "targets/index.html"
        }
    }

    @Test func everyStretchOfAListIsOnExactlyOneOfItsPagesAndNoPageIsEmpty() throws {
        let output = try Self.build()
        let lists = Self.firstPages(in: output)
        #expect(lists.count == 8)
        var paged = 0
        for first in lists {
            let pages = Self.pages(from: first, in: output)
            if pages.count > 1 { paged += 1 }
            let shown = pages.map { Self.cards(on: $0, in: output) }
            for (page, cards) in zip(pages, shown) {
                #expect(!cards.isEmpty, "\(page) shows no stretch")
                #expect(cards.count <= 3, "\(page) shows more than per_page stretches")
            }
            #expect(shown.dropLast().allSatisfy { $0.count == 3 }, "\(first): only the last page is short")
            // Each stretch's own page links to the lists it is on: those are the list's members.
            let list = first.replacingOccurrences(of: "index.html", with: "")
            let members = SiteLinks.htmlPages(in: output).filter { page in
                page.hasPrefix("stretches/") && page != "stretches/index.html" && !page.hasPrefix("stretches/page/")
                    && Self.values(TestSite.read(output + "/" + page), tag: "a", attribute: "href")
                        .contains { Self.target($0, from: page) == first }
            }
            let all = shown.flatMap { $0 }
            #expect(all.count == Set(all).count, "\(list): a stretch is on two pages")
            #expect(Set(all) == Set(members), "\(list): its pages show other stretches than its members")
        }
        #expect(paged == 5, "five lists have more than three stretches")
    }

    @Test func pagesLinkToThePreviousAndNextAndEveryPageIsReachedFromTheFirst() throws {
        let output = try Self.build()
        let pages = Self.pages(from: "targets/hamstrings/index.html", in: output)
        #expect(
            pages == [
                "targets/hamstrings/index.html", "targets/hamstrings/page/2/index.html",
                "targets/hamstrings/page/3/index.html",
            ])
        for (number, page) in pages.enumerated() {
            let html = TestSite.read(output + "/" + page)
            let previous = Self.values(html, tag: "link[^>]*rel=\"prev\"", attribute: "href")
            let next = Self.values(html, tag: "link[^>]*rel=\"next\"", attribute: "href")
            #expect(previous.map { Self.target($0, from: page) } == (number > 0 ? [pages[number - 1]] : []))
            #expect(next.map { Self.target($0, from: page) } == (number < 2 ? [pages[number + 1]] : []))
            // Every page is one click away by its number.
            let byNumber = try! NSRegularExpression(
                pattern: "<a href=\"([^\"]*)\"><span class=\"visually-hidden\">Page ")
            let numbered = Set(SiteLinks.matches(of: byNumber, in: html).map { Self.target($0[1], from: page) })
            #expect(numbered == Set(pages).subtracting([page]), "\(page) links to its list's other pages")
            #expect(html.contains("aria-current=\"page\"><span class=\"visually-hidden\">Page </span>\(number + 1)<"))
            #expect(html.contains("page \(number + 1) of 3"))
        }
        let second = TestSite.read(output + "/" + pages[1])
        #expect(second.contains("<title>Stretches for the hamstrings (page 2 of 3) · Paged Stretches</title>"))
        #expect(
            second.contains("<link rel=\"canonical\" href=\"https://example.org/paged/targets/hamstrings/page/2/\">"))
        // Cards rendered once for every page still link from two folders further down.
        let cardLink = Self.values(second, tag: "a", attribute: "href").first { $0.contains("stretches/") }
        #expect(cardLink?.hasPrefix("../../../../stretches/") == true)
    }

    @Test func aLongListShowsTheFirstTheLastAndTheNeighbouringPageNumbers() throws {
        let output = try Self.build(perPage: 1)
        let pages = Self.pages(from: "kinds/static/index.html", in: output)
        #expect(pages.count == 8)
        func numbers(_ page: String) -> [String] {
            let html = TestSite.read(output + "/" + page)
            let expression = try! NSRegularExpression(pattern: "<span class=\"visually-hidden\">Page </span>(\\d+)<")
            return SiteLinks.matches(of: expression, in: html).map { $0[1] }
        }
        #expect(numbers(pages[0]) == ["1", "2", "3", "8"])
        #expect(numbers(pages[4]) == ["1", "3", "4", "5", "6", "7", "8"])
        #expect(TestSite.read(output + "/" + pages[0]).components(separatedBy: "pagination-gap").count == 2)
    }

    @Test func aListThatFitsOnOnePageHasNoPageLinks() throws {
        let output = try Self.build()
        let html = TestSite.read(output + "/targets/lower-back/index.html")
        #expect(!html.contains("class=\"pagination\""))
        #expect(!html.contains("rel=\"next\""))
        #expect(!FileManager.default.fileExists(atPath: output + "/targets/lower-back/page"))
    }

    @Test func theSitemapListsEveryPageOfEveryList() throws {
        let output = try Self.build()
        let sitemap = TestSite.read(output + "/sitemap.xml")
        let pages = SiteLinks.htmlPages(in: output).filter { $0 != "404.html" && $0 != "programme/sheet/index.html" }
        #expect(pages.contains("kinds/static/page/3/index.html"))
        for page in pages {
            let folder = page.replacingOccurrences(of: "index.html", with: "")
            #expect(sitemap.contains("<loc>https://example.org/paged/\(folder)</loc>"), "\(folder) not in the sitemap")
        }
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == pages.count)
    }
}
