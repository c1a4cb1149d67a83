import Foundation
import Testing

@testable import LimberKit

/// The site built for `https://example.org/some/sub/path/` and served by a plain static server under
/// `/some/sub/path/`: a crawl from its index loads every page and every asset.
@Suite(.tags(.network), .needs("python3", "curl"))
struct SubpathServingTests {
    struct Fetched {
        var url: String
        var status: Int
        var from: String
    }

    /// Fetches `seeds` and everything they lead to on the server, up to `limit` requests.
    static func crawl(_ server: StaticServer, seeds: [String], limit: Int = 300) -> [Fetched] {
        let prefix = server.origin + SubpathSite.subpath
        let scratch = TestSite.temporaryFolder() + "/body"
        var queue = seeds.map { (url: $0, from: "(start)") }
        var seen = Set(seeds)
        var fetched: [Fetched] = []
        while !queue.isEmpty && fetched.count < limit {
            let (url, from) = queue.removeFirst()
            try? FileManager.default.removeItem(atPath: scratch)
            let status = StaticServer.status(url, saveTo: scratch)
            fetched.append(Fetched(url: url, status: status, from: from))
            guard status == 200, let base = URL(string: url) else { continue }
            for link in links(in: TestSite.read(scratch), of: url) {
                // The site's own absolute URLs (canonical, Open Graph, sitemap, feed) lead to this server.
                let mapped =
                    link.hasPrefix(SubpathSite.baseURL) ? prefix + link.dropFirst(SubpathSite.baseURL.count) : link
                guard
                    var components = URL(string: mapped, relativeTo: base).flatMap({
                        URLComponents(url: $0.absoluteURL, resolvingAgainstBaseURL: false)
                    })
                else {
                    fetched.append(Fetched(url: link, status: 0, from: url))
                    continue
                }
                components.fragment = nil
                components.query = nil
                guard let next = components.string, next.hasPrefix(server.origin + "/") else { continue }
                if seen.insert(next).inserted { queue.append((next, url)) }
            }
        }
        return fetched
    }

    /// The links of the file fetched from `path` (a URL without query or fragment): attributes of
    /// HTML, `url()` of CSS, `<loc>` of a sitemap, `Sitemap:` of robots.txt, the icons of the web
    /// app manifest.
    static func links(in body: String, of path: String) -> [String] {
        if path.hasSuffix("/") || path.hasSuffix(".html") || path.hasSuffix(".xml") {
            var links = SiteLinks.scan(body).links.flatMap { link in
                link.attribute == "srcset" ? SiteLinks.srcsetURLs(link.value) : [link.value]
            }
            if path.hasSuffix(".xml") {
                links += SiteLinks.matches(
                    of: try! NSRegularExpression(pattern: "<loc>\\s*([^<\\s]+)\\s*</loc>"), in: body
                )
                .map { SiteLinks.decodeEntities($0[1]) }
            }
            return links
        }
        if path.hasSuffix(".css") {
            let pattern = try! NSRegularExpression(
                pattern: "url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)|@import\\s+['\"]([^'\"]+)['\"]")
            return SiteLinks.matches(of: pattern, in: body).map { $0[1] + $0[2] }.filter { !$0.hasPrefix("data:") }
        }
        if path.hasSuffix(".webmanifest") {
            // The icons a phone puts on its home screen, relative to the manifest.
            let manifest = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
            return (manifest?["icons"] as? [[String: Any]] ?? []).compactMap { $0["src"] as? String }
        }
        if path.hasSuffix("robots.txt") {
            return body.split(separator: "\n").filter { $0.lowercased().hasPrefix("sitemap:") }
                .map { $0.dropFirst("sitemap:".count).trimmingCharacters(in: .whitespaces) }
        }
        return []
    }

    @Test func everyPageAndAssetLoadsUnderTheSubpath() throws {
        let site = try SubpathSite()
        let server = try StaticServer(directory: site.webRoot)
        defer { server.stop() }

        let prefix = server.origin + SubpathSite.subpath
        // The index, and the files a host serves without a link: the 404 page, robots.txt, the sitemap,
        // the service worker, which a script registers by name, and the cues the search loads by name.
        let extras = ["404.html", "robots.txt", "sitemap.xml", "sw.js", CardIndex.cuesFileName].filter {
            FileManager.default.fileExists(atPath: site.output + "/" + $0)
        }
        let fetched = Self.crawl(server, seeds: [prefix + "index.html"] + extras.map { prefix + $0 })

        let failed = fetched.filter { $0.status != 200 }
        #expect(
            failed.isEmpty,
            "not loaded:\n\(failed.map { "\($0.status) \($0.url) (linked from \($0.from))" }.joined(separator: "\n"))")
        #expect(fetched.count >= site.report.pages, "\(fetched.count) URLs for \(site.report.pages) pages")
        #expect(fetched.count < 300, "the crawl stopped at its limit")
        #expect(fetched.allSatisfy { $0.url.hasPrefix(prefix) }, "every URL stays under the subpath")

        // Every page and asset that was built is reached from the index (or is one of the seeds); files
        // that only hosts and browsers ask for by name need no link.
        let reached = Set(
            fetched.filter { $0.status == 200 }.map { url in
                let path = String(url.url.dropFirst(prefix.count))
                return path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
            })
        let byName: Set<String> = ["favicon.ico", "CNAME", ".nojekyll", "_headers", "_redirects"]
        // Pagefind's index (when it is on PATH) is loaded by its own script, file by file.
        let built = TestSite.snapshot(site.output).keys.filter { !byName.contains($0) && !SearchIndex.isFile($0) }
        let unreached = built.filter { !reached.contains($0) }.sorted()
        #expect(unreached.isEmpty, "files no link leads to: \(unreached)")
    }
}
