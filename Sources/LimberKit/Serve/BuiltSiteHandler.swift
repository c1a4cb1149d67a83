import FlyingFox
import Foundation

/// Serves the files of a built site, the way a static host does: under the path of `base_url`,
/// folders as their `index.html`, `404.html` for what is not there. Nothing outside the folder is
/// ever read: `..`, encoded or not, and symbolic links that lead out are refused.
struct BuiltSiteHandler: HTTPHandler {
    /// The built site.
    let folder: String
    /// `/` or `/some/sub/path/`.
    let basePath: String
    /// Added to every HTML page just before `</body>`: the live-reload script.
    let injection: String

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [HTTPHeader("Allow"): "GET, HEAD"])
        }
        // The path as sent, still percent-encoded: it is decoded once, here, and checked.
        let raw = request.target.path(percentEncoded: true)
        let path = raw.isEmpty ? "/" : raw
        if path == "/" && basePath != "/" {
            return HTTPResponse(statusCode: .temporaryRedirect, headers: [.location: basePath])
        }
        if path + "/" == basePath {
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: basePath])
        }
        guard path.hasPrefix(basePath) || (path.removingPercentEncoding ?? "").hasPrefix(basePath),
            let relative = Self.safeRelativePath(
                String((path.removingPercentEncoding ?? path).dropFirst(basePath.count)), decoded: true)
        else {
            return try notFound(request)
        }
        var file = folder + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            if !relative.isEmpty && !path.hasSuffix("/") {
                return HTTPResponse(statusCode: .movedPermanently, headers: [.location: path + "/"])
            }
            file += (file.hasSuffix("/") ? "" : "/") + "index.html"
        }
        guard insideFolder(file), let data = FileManager.default.contents(atPath: file) else {
            return try notFound(request)
        }
        return respond(request, status: .ok, data: data, type: Self.contentType(of: file))
    }

    private func notFound(_ request: HTTPRequest) throws -> HTTPResponse {
        let page = FileManager.default.contents(atPath: folder + "/404.html") ?? Data("Not found\n".utf8)
        return respond(request, status: .notFound, data: page, type: "text/html; charset=utf-8")
    }

    private func respond(_ request: HTTPRequest, status: HTTPStatusCode, data: Data, type: String) -> HTTPResponse {
        var body = data
        if type.hasPrefix("text/html") { body = inject(into: data) }
        let tag = "\"\(shortHash([UInt8](body)))\""
        var headers: HTTPHeaders = [.contentType: type, .eTag: tag, .cacheControl: "no-cache"]
        if status == .ok, let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == tag || $0 == "*" })
        {
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        if request.method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
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
