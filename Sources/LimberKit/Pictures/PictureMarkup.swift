import Foundation
import LimberTemplates

/// `<picture>` markup for published pictures: WebP and JPEG (or PNG) at a few widths, with the
/// width and height of what is shown.
enum PictureMarkup {
    /// The picture a body's `![…](destination)` names, relative to `content/`, from a page in `folder`.
    static func target(of destination: String, from folder: String) -> String? {
        let trimmed = destination.trimmingSpaces()
        guard LinkCheck.scheme(of: trimmed) == nil, !trimmed.hasPrefix("/") else { return nil }
        let path = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            .split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return path.isEmpty ? nil : LinkCheck.resolve(String(path), from: folder)
    }

    /// `480w` widths for `srcset`, each file reached from `root`.
    static func srcset(_ renditions: [Rendition], root: String) -> String {
        renditions.map { "\(root)\(LimberHTML.escape($0.file)) \($0.width)w" }.joined(separator: ", ")
    }

    /// Every `<img>` of a rendered body that shows a published picture becomes a `<picture>` of its
    /// renditions, at most as wide as the text.
    static func rewriteBody(
        _ html: String, links: [RenderedMarkdown.Link], folder: String, root: String,
        pictures: [String: PublishedPicture]
    ) -> String {
        var html = html
        for link in links where link.isImage {
            guard let target = target(of: link.destination, from: folder), let picture = pictures[target],
                !picture.isVector
            else { continue }
            let tag = "<img loading=\"lazy\" src=\"\(LimberHTML.escape(link.destination))\""
            guard let start = html.range(of: tag), let end = html[start.upperBound...].range(of: ">") else { continue }
            let rest = html[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            let attributes = rest.hasSuffix("/") ? String(rest.dropLast()).trimmingCharacters(in: .whitespaces) : rest
            let shown = picture.largest
            let replacement =
                "<picture><source type=\"image/webp\" srcset=\"\(srcset(picture.webp, root: root))\" sizes=\"\(bodySizes)\">"
                + "<img loading=\"lazy\" src=\"\(root)\(LimberHTML.escape(picture.fallback[min(1, picture.fallback.count - 1)].file))\""
                + " srcset=\"\(srcset(picture.fallback, root: root))\" sizes=\"\(bodySizes)\" \(attributes)"
                + " width=\"\(shown.width)\" height=\"\(shown.height)\"></picture>"
            html.replaceSubrange(start.lowerBound..<end.upperBound, with: replacement)
        }
        return html
    }

    /// The text column is at most about 40 rem wide.
    static let bodySizes = "(max-width: 44rem) calc(100vw - 2rem), 42rem"
}
