import Foundation
import Hummingbird

/// Serves the files of a built site, the way a static host does: under the path of `base_url`,
/// folders as their `index.html`, `404.html` for what is not there. Nothing outside the folder is
/// ever read: `..`, encoded or not, and symbolic links that lead out are refused.
struct BuiltSiteHandler: Sendable {
    /// The built site.
    let folder: String
    /// `/` or `/some/sub/path/`.
    let basePath: String
    /// Added to every HTML page just before `</body>`: the live-reload script.
    let injection: String
    /// Pages served in place of the folder's own until the build that writes them finishes.
    var ahead = PagesAhead()

    /// The answer to a request; its path is taken as sent, still percent-encoded.
    func respond(to request: HTTPRequest) -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        // The path as sent, still percent-encoded: it is decoded once, here, and checked.
        let target = request.path ?? "/"
        let raw = String(target.prefix { $0 != "?" && $0 != "#" })
        let path = raw.isEmpty ? "/" : raw
        if path == "/" && basePath != "/" {
            return Response(status: .temporaryRedirect, headers: [.location: basePath])
        }
        if path + "/" == basePath {
            return Response(status: .movedPermanently, headers: [.location: basePath])
        }
        guard path.hasPrefix(basePath) || (path.removingPercentEncoding ?? "").hasPrefix(basePath),
            let relative = Self.safeRelativePath(
                String((path.removingPercentEncoding ?? path).dropFirst(basePath.count)), decoded: true)
        else {
            return notFound(request)
        }
        let pageAhead = relative.isEmpty ? "index.html" : path.hasSuffix("/") ? relative + "/index.html" : relative
        if let bytes = ahead.page(pageAhead) {
            return respond(request, status: .ok, data: Data(bytes), type: Self.contentType(of: pageAhead))
        }
        var file = folder + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            if !relative.isEmpty && !path.hasSuffix("/") {
                return Response(status: .movedPermanently, headers: [.location: path + "/"])
            }
            file += (file.hasSuffix("/") ? "" : "/") + "index.html"
        }
        guard insideFolder(file), let data = FileManager.default.contents(atPath: file) else {
            return notFound(request)
        }
        return respond(request, status: .ok, data: data, type: Self.contentType(of: file))
    }

    private func notFound(_ request: HTTPRequest) -> Response {
        let page = FileManager.default.contents(atPath: folder + "/404.html") ?? Data("Not found\n".utf8)
        return respond(request, status: .notFound, data: page, type: "text/html; charset=utf-8")
    }

    private func respond(_ request: HTTPRequest, status: HTTPResponse.Status, data: Data, type: String) -> Response {
        var body = data
        if type.hasPrefix("text/html") { body = inject(into: data) }
        let tag = "\"\(shortHash([UInt8](body)))\""
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .cacheControl: "no-cache"]
        if status == .ok, let match = request.headerFields[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" })
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(body.count)
        if request.method == .head {
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func inject(into page: Data) -> Data {
        let html = String(decoding: page, as: UTF8.self)
        guard let end = html.range(of: "</body>", options: .backwards) else { return Data((html + injection).utf8) }
        return Data((html[..<end.lowerBound] + injection + html[end.lowerBound...]).utf8)
    }

    /// The path inside the site, or nil when it tries to leave it.
    static func safeRelativePath(_ path: String, decoded alreadyDecoded: Bool = false) -> String? {
        let decoded = alreadyDecoded ? path : (path.removingPercentEncoding ?? path)
        guard !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return parts.joined(separator: "/")
    }

    /// Whether the file, once links are followed, is inside the served folder.
    private func insideFolder(_ file: String) -> Bool {
        let root = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        let real = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        return real.hasPrefix(root + "/")
    }

    static func contentType(of file: String) -> String {
        switch PathComponents.fileExtension(of: file).lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "gif": "image/gif"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }
}

/// Pages rendered ahead of the build that writes them (`BuildMemory.savedPages`), by file in the
/// site: served until the build has finished, then let go.
final class PagesAhead: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: [UInt8]] = [:]

    func page(_ file: String) -> [UInt8]? { lock.withLock { pages[file] } }

    /// Serves `pages` from now on, in place of the folder's.
    func show(_ pages: [String: [UInt8]]) { lock.withLock { self.pages.merge(pages) { $1 } } }

    /// Lets every page go, and gives them back.
    func clear() -> [String: [UInt8]] {
        lock.withLock {
            defer { pages = [:] }
            return pages
        }
    }
}
