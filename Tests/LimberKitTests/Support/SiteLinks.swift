import Foundation

/// The project's own link checker for a built site: every relative `href`, `src`, `srcset` and
/// `poster` of every HTML page must name a file of the output (a folder means its `index.html`), and
/// every `#fragment` an `id` on the page it leads to. Absolute links (`https:`, `mailto:`, `//host`)
/// are left alone, except those that start with the site's own base URL, which are checked as links
/// into the output.
enum SiteLinks {
    /// One link that leads nowhere.
    struct Broken: CustomStringConvertible, Hashable {
        /// The page the link is on, relative to the site folder.
        var page: String
        /// The link as written (entities decoded).
        var link: String
        var reason: String

        var description: String { "\(page): \(link): \(reason)" }
    }

    /// What a link leads to inside the site.
    struct Target: Equatable {
        /// The file's path relative to the site folder (a folder's `index.html` already added).
        var path: String
        /// Without the `#`, percent-decoded; nil when there is none (or it is empty).
        var fragment: String?
    }

    /// The attributes that hold links.
    static let linkAttributes: Set<String> = ["href", "src", "srcset", "poster", "xlink:href"]

    /// Pages that a host serves at any address (the 404 page, for every missing one): their links
    /// start with the path of the base URL (`/guide/style.css`), since no relative link could work.
    static let servedAnywhere: Set<String> = ["404.html"]

    /// Every broken link of every HTML page below `folder`.
    static func check(_ folder: String, baseURL: String? = nil) -> [Broken] {
        let basePath = baseURL.flatMap { URLComponents(string: $0)?.path }.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        var broken: [Broken] = []
        var idsByPage: [String: Set<String>] = [:]
        func ids(of page: String) -> Set<String> {
            if let known = idsByPage[page] { return known }
            let found = scan(TestSite.read(folder + "/" + page)).ids
            idsByPage[page] = found
            return found
        }
        for page in htmlPages(in: folder) {
            let (links, pageIDs) = scan(TestSite.read(folder + "/" + page))
            idsByPage[page] = pageIDs
            for link in links {
                for value in link.attribute == "srcset" ? srcsetURLs(link.value) : [link.value] {
                    let target: Target?
                    do {
                        target = try resolve(
                            value, from: page, baseURL: baseURL,
                            rootPath: servedAnywhere.contains(page) ? basePath : nil)
                    } catch {
                        broken.append(Broken(page: page, link: value, reason: "\(error)"))
                        continue
                    }
                    guard var target else { continue }
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: folder + "/" + target.path, isDirectory: &isFolder),
                        isFolder.boolValue
                    {
                        target.path += "/index.html"
                    }
                    guard FileManager.default.fileExists(atPath: folder + "/" + target.path, isDirectory: &isFolder),
                        !isFolder.boolValue
                    else {
                        broken.append(Broken(page: page, link: value, reason: "no file \(target.path)"))
                        continue
                    }
                    guard let fragment = target.fragment else { continue }
                    let isMarkup = [".html", ".htm", ".svg"].contains { target.path.lowercased().hasSuffix($0) }
                    if isMarkup && !ids(of: target.path).contains(fragment) {
                        broken.append(
                            Broken(page: page, link: value, reason: "no id \"\(fragment)\" in \(target.path)"))
                    }
                }
            }
        }
        return broken
    }

    /// The broken links a reader meets who starts at `start` and follows every link: each page
    /// reached must link only to files that are there (fragments are not checked).
    static func crawl(_ folder: String, from start: String = "index.html") -> [Broken] {
        var broken: [Broken] = []
        var seen: Set<String> = [start]
        var queue = [start]
        while let page = queue.popLast() {
            for link in scan(TestSite.read(folder + "/" + page)).links {
                for value in link.attribute == "srcset" ? srcsetURLs(link.value) : [link.value] {
                    guard var target = try? resolve(value, from: page) else { continue }
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: folder + "/" + target.path, isDirectory: &isFolder),
                        isFolder.boolValue
                    {
                        target.path += "/index.html"
                    }
                    guard FileManager.default.fileExists(atPath: folder + "/" + target.path) else {
                        broken.append(Broken(page: page, link: value, reason: "no file \(target.path)"))
                        continue
                    }
                    if target.path.hasSuffix(".html"), seen.insert(target.path).inserted { queue.append(target.path) }
                }
            }
        }
        return broken
    }

    /// The HTML files below `folder`, relative to it, sorted.
    static func htmlPages(in folder: String) -> [String] {
        (FileManager.default.subpaths(atPath: folder) ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }

    struct Unresolvable: Error, CustomStringConvertible {
        var description: String
    }

    /// Where `value`, written on `page` (relative to the site folder), leads inside the site; nil for
    /// a link out of the site. Throws for links that cannot work from every place the folder may be
    /// put: a path from the host's root (but for one that starts with `rootPath`, the path of the base
    /// URL, on a page served at any address), or one that climbs above the site's folder.
    static func resolve(_ value: String, from page: String, baseURL: String? = nil, rootPath: String? = nil) throws
        -> Target?
    {
        var link = value.trimmingCharacters(in: .whitespacesAndNewlines)
        var directory = page.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        if let baseURL, link.hasPrefix(baseURL) {
            link = "./" + link.dropFirst(baseURL.count)
            directory = []
        } else if link.hasPrefix("//")
            || link.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
        {
            return nil
        } else if let rootPath, link.hasPrefix(rootPath) {
            link = "./" + link.dropFirst(rootPath.count)
            directory = []
        } else if link.hasPrefix("/") {
            throw Unresolvable(description: "a path from the host's root breaks under a subpath and from disk")
        }

        var fragment: String?
        if let hash = link.firstIndex(of: "#") {
            let text = String(link[link.index(after: hash)...])
            fragment = text.isEmpty ? nil : (text.removingPercentEncoding ?? text)
            link = String(link[..<hash])
        }
        if let question = link.firstIndex(of: "?") { link = String(link[..<question]) }
        if link.isEmpty { return Target(path: page, fragment: fragment) }

        var components = directory
        let parts = link.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else {
                    throw Unresolvable(description: "climbs above the site's folder")
                }
                components.removeLast()
            case "": continue
            default: components.append(part.removingPercentEncoding ?? part)
            }
        }
        // A folder (`a/`, `.`, `..`) means its index.html (`check` also adds it to a folder's name).
        let last = parts.last ?? ""
        if last.isEmpty || last == "." || last == ".." { components.append("index.html") }
        return Target(path: components.joined(separator: "/"), fragment: fragment)
    }

    /// The URLs of a `srcset` value: `a.png 1x, b.png 2x`.
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: { $0.isWhitespace }).first.map(String.init)
        }
    }

    /// The link attributes and the ids of one HTML page: a scan of its tags, outside comments and the
    /// text of `script` and `style` elements. `<a name>` counts as an id.
    static func scan(_ html: String) -> (links: [(attribute: String, value: String)], ids: Set<String>) {
        var text = html.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: "", options: .regularExpression)
        text = text.replacingOccurrences(
            of: "(<(script|style)\\b[^>]*>)[\\s\\S]*?(</\\2\\s*>)", with: "$1$3",
            options: [.regularExpression, .caseInsensitive])
        var links: [(attribute: String, value: String)] = []
        var ids: Set<String> = []
        for tag in matches(of: tagPattern, in: text) {
            let name = tag[1].lowercased()
            for attribute in matches(of: attributePattern, in: tag[2]) {
                let key = attribute[1].lowercased()
                let value = decodeEntities(attribute[2] + attribute[3] + attribute[4])
                if key == "id" || (key == "name" && name == "a") { ids.insert(value) }
                if linkAttributes.contains(key) { links.append((key, value)) }
                // Absolute URLs of the site in <meta content> (Open Graph images and URLs).
                if key == "content" && name == "meta"
                    && value.range(of: "^https?://", options: .regularExpression) != nil
                {
                    links.append((key, value))
                }
            }
        }
        return (links, ids)
    }

    static let tagPattern = try! NSRegularExpression(
        pattern:
            "<([A-Za-z][A-Za-z0-9:-]*)((?:\\s+[^\\s\"'>/=]+(?:\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s\"'=<>`]+))?)*)\\s*/?>"
    )
    static let attributePattern = try! NSRegularExpression(
        pattern: "([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+)))?")

    /// Each match's capture groups (0 is the whole match), "" for a group that did not take part.
    static func matches(of pattern: NSRegularExpression, in text: String) -> [[String]] {
        let string = text as NSString
        return pattern.matches(in: text, range: NSRange(location: 0, length: string.length)).map { match in
            (0..<match.numberOfRanges).map { group in
                let range = match.range(at: group)
                return range.location == NSNotFound ? "" : string.substring(with: range)
            }
        }
    }

    /// `&amp;`, `&quot;`, `&#39;`, `&#x27;` and friends, as a browser reads an attribute.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "nbsp": "\u{A0}"]
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(10).firstIndex(of: ";") {
                let entity = String(after[..<semicolon])
                var decoded: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    decoded = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if entity.hasPrefix("#") {
                    decoded = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = named[entity]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
