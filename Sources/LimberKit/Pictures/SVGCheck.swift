import Foundation

/// An SVG is published as it is only when it cannot run anything: opened on its own, it runs on the
/// site's origin. Elements and attributes are judged by namespace and local name, never by prefix
/// (`<h:script>` is XHTML's script whatever `h` is), against what drawing needs: no script, no event
/// handler, no `foreignObject` or embedded document, nothing fetched from elsewhere (only `#id`
/// and `url(#id)` references), no animation that sets a link or a handler.
///
/// Limber refuses such a file rather than rewriting it: each problem is an error at its line and
/// column, all of them in one build, and the file the site publishes is the author's, byte for byte.
enum SVGCheck {
    /// One thing in the file that could run or load.
    struct Finding: Equatable {
        var at: SVGMarkup.Position
        var message: String
        var note: String?
    }

    struct Refused: Error {
        var problems: [PictureSet.Problem]
    }

    static func publish(_ asset: String, path: String) -> Result<PublishedPicture, Refused> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Refused(problems: [PictureSet.Problem(source: asset, message: "cannot be read")]))
        }
        let bytes = [UInt8](data)
        let findings = findings(in: bytes)
        guard findings.isEmpty else {
            return .failure(
                Refused(
                    problems: findings.map {
                        PictureSet.Problem(
                            source: asset, message: $0.message, note: $0.note, line: $0.at.line, column: $0.at.column)
                    }))
        }
        let size = ImageSize.read(bytes)
        let file = Rendition(file: asset, width: size?.width ?? 0, height: size?.height ?? 0)
        return .success(PublishedPicture(source: asset, webp: [], fallback: [file]))
    }

    // MARK: - The check

    /// What an open element is to the check.
    private enum Kind {
        /// SVG drawing: attributes checked, children too.
        case drawing
        /// A `<style>`: its text is CSS, checked when it closes.
        case style(SVGMarkup.Text)
        /// Editor metadata (Inkscape, RDF): inert in a browser, but its links are checked.
        case metadata
        /// Refused already: what is inside is not looked at again.
        case refused

        var isDrawing: Bool {
            switch self {
            case .drawing, .style: return true
            case .metadata, .refused: return false
            }
        }
    }

    /// Everything in `bytes` that could run or load, each at its place; empty when the SVG only draws.
    static func findings(in bytes: [UInt8]) -> [Finding] {
        var findings: [Finding] = []
        var open: [Kind] = []
        let malformed = SVGMarkup.read(bytes) { event in
            switch event {
            case .start(let name, let at, let attributes):
                open.append(check(name, at: at, attributes, isRoot: open.isEmpty, inside: open.last, into: &findings))
            case .text(let text):
                if case .style(var css) = open.last {
                    css.scalars += text.scalars
                    css.positions += text.positions
                    open[open.count - 1] = .style(css)
                }
            case .end:
                if case .style(let css) = open.removeLast() {
                    findings += SVGStyle.problems(in: css).map { Finding(at: $0.0, message: $0.1) }
                }
            }
        }
        if let malformed { findings.append(Finding(at: malformed.at, message: malformed.message)) }
        return findings
    }

    private static func check(
        _ name: SVGMarkup.Name, at: SVGMarkup.Position, _ attributes: [SVGMarkup.Attribute], isRoot: Bool,
        inside parent: Kind?, into findings: inout [Finding]
    ) -> Kind {
        if case .refused = parent { return .refused }
        if case .style = parent {
            findings.append(
                Finding(at: at, message: "holds the element <\(name.written)> inside a <style>, where only CSS belongs")
            )
            return .refused
        }
        let isSVG = name.namespace == SVGMarkup.Namespace.svg || name.namespace == nil
        if isRoot, !(isSVG && name.local == "svg") {
            findings.append(
                Finding(
                    at: at, message: "is not an SVG drawing: its root element is <\(name.written)>",
                    note: namespaceNote(name)))
            return .refused
        }
        let kind: Kind
        if isSVG && drawingElements.contains(name.local) {
            kind = name.local == "style" ? .style(SVGMarkup.Text()) : .drawing
        } else if let namespace = name.namespace, metadataNamespaces.contains(namespace) {
            kind = .metadata
        } else {
            findings.append(
                Finding(
                    at: at, message: "holds \(describe(name)) (<\(name.written)>); an SVG may hold only drawing",
                    note: namespaceNote(name)))
            return .refused
        }
        for attribute in attributes {
            findings += check(attribute, on: name, drawing: kind.isDrawing)
        }
        return kind
    }

    private static func check(_ attribute: SVGMarkup.Attribute, on element: SVGMarkup.Name, drawing: Bool)
        -> [Finding]
    {
        let name = attribute.name
        let value = attribute.value.string
        if name.namespace == SVGMarkup.Namespace.xmlns { return [] }
        if name.local.lowercased().hasPrefix("on") {
            return [
                Finding(
                    at: attribute.at,
                    message: "holds an event handler ('\(name.written)'); an SVG may hold only drawing")
            ]
        }
        if name.local == "href", name.namespace == nil || name.namespace == SVGMarkup.Namespace.xlink {
            guard value.hasPrefix("#") else {
                let shown = value.count > 60 ? value.prefix(60) + "…" : value
                return [
                    Finding(
                        at: attribute.at,
                        message:
                            "refers to '\(shown)' outside the file ('\(name.written)'); an SVG may refer only to its own parts ('#id')"
                    )
                ]
            }
            return []
        }
        switch name.namespace {
        case nil:
            guard drawing else { return [] }
            var found: [Finding] = []
            if name.local == "attributeName", animationElements.contains(element.local) {
                let target = value.trimmingCharacters(in: .whitespaces).split(separator: ":").last.map {
                    $0.lowercased()
                }
                if let target, target == "href" || target.hasPrefix("on") {
                    found.append(
                        Finding(
                            at: attribute.at,
                            message:
                                "animates '\(value)', which can make the drawing run a script; an SVG may hold only drawing"
                        ))
                }
            }
            return found + SVGStyle.problems(in: attribute.value).map { Finding(at: $0.0, message: $0.1) }
        case SVGMarkup.Namespace.xlink?
        where ["title", "show", "actuate", "type", "role", "arcrole"].contains(name.local):
            return []
        case SVGMarkup.Namespace.xml? where name.local == "space" || name.local == "lang":
            return []
        case let namespace?
        where metadataNamespaces.contains(namespace) || editorAttributeNamespaces.contains(namespace):
            return []
        case let namespace?:
            return [
                Finding(
                    at: attribute.at,
                    message: "has the attribute '\(name.written)', which drawing does not need",
                    note: "'\(name.prefix ?? "")' stands for \(namespace)")
            ]
        }
    }

    // MARK: - What drawing needs

    /// SVG elements that draw, or describe, style and animate a drawing.
    static let drawingElements: Set<String> = [
        "svg", "g", "defs", "desc", "title", "metadata", "symbol", "use", "switch", "view", "a", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
        "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
        "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
        "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
        "animate", "animateMotion", "animateTransform", "set", "mpath",
    ]

    static let animationElements: Set<String> = ["animate", "animateMotion", "animateTransform", "set"]

    /// Namespaces of the metadata drawing programs keep in their files (Inkscape, Sodipodi, RDF,
    /// Creative Commons, Dublin Core): a browser makes plain elements of them, which do nothing.
    static let metadataNamespaces: Set<String> = [
        "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/", "http://purl.org/dc/elements/1.1/",
    ]

    /// Namespaces of attributes other drawing programs add (Affinity's `serif:id`, Sketch's
    /// `sketch:type`), which a browser ignores.
    static let editorAttributeNamespaces: Set<String> = [
        "http://www.serif.com/", "http://www.bohemiancoding.com/sketch/ns",
    ]

    private static func describe(_ name: SVGMarkup.Name) -> String {
        switch name.local.lowercased() {
        case "script": return "a script"
        case "foreignobject": return "a foreignObject"
        case "handler", "listener": return "an event handler"
        case "iframe", "frame", "frameset", "embed", "object", "applet", "portal": return "an embedded document"
        default:
            if name.namespace == SVGMarkup.Namespace.xhtml { return "a web page element" }
            return "an element drawing does not need"
        }
    }

    /// What a prefix stood for, when it was not plain SVG.
    private static func namespaceNote(_ name: SVGMarkup.Name) -> String? {
        guard let namespace = name.namespace, namespace != SVGMarkup.Namespace.svg || name.prefix != nil else {
            return nil
        }
        return name.prefix.map { "'\($0)' stands for \(namespace)" } ?? "its namespace is \(namespace)"
    }
}
