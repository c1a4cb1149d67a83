import Foundation

/// An SVG is published as it is only when it cannot run anything: opened on its own, it runs on the
/// site's origin. No script, no event handler, no `foreignObject`, nothing fetched from elsewhere.
enum SVGCheck {
    static func publish(_ asset: String, path: String) -> Result<PublishedPicture, PictureSet.Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(PictureSet.Problem(source: asset, message: "cannot be read"))
        }
        let text = String(decoding: data, as: UTF8.self)
        if let (offset, what) = firstDanger(in: text) {
            let before = text[..<offset]
            let line = before.count(where: { $0 == "\n" }) + 1
            let column =
                before.distance(
                    from: before.lastIndex(of: "\n").map(before.index(after:)) ?? before.startIndex, to: before.endIndex
                ) + 1
            return .failure(
                PictureSet.Problem(
                    source: asset, message: "holds \(what); an SVG may hold only drawing", line: line, column: column))
        }
        let size = ImageSize.read(Array(data))
        let file = Rendition(file: asset, width: size?.width ?? 0, height: size?.height ?? 0)
        return .success(PublishedPicture(source: asset, webp: [], fallback: [file]))
    }

    /// Where the first thing that could run or fetch starts, and what it is.
    static func firstDanger(in text: String) -> (String.Index, String)? {
        let lower = text.lowercased()
        guard lower.count == text.count else { return (text.startIndex, "characters Limber cannot check") }
        var found: [(String.Index, String)] = []
        func first(_ pattern: String, _ what: String) {
            guard let range = lower.range(of: pattern, options: .regularExpression) else { return }
            found.append(
                (
                    text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: range.lowerBound)),
                    what
                ))
        }
        first("<script", "a script")
        first("<foreignobject", "a foreignObject")
        first("<!entity", "an entity declaration")
        first("<(iframe|embed|object|html|body)\\b", "an embedded document")
        first("\\son[a-z]+\\s*=", "an event handler")
        first("(href|src)\\s*=\\s*[\"']?\\s*[^\"'#\\s>]", "a reference to another file or address")
        first("url\\(\\s*[\"']?\\s*[^\"'#)\\s]", "a reference to another file or address")
        first("@import", "a stylesheet import")
        first("javascript:", "a javascript: address")
        return found.min { $0.0 < $1.0 }
    }
}
