/// Files under `content/` that a browser runs when it opens them (a web page, a script, an XML
/// document, WebAssembly, a compressed SVG Limber cannot check): published as they are, they run on
/// the site's origin, so only when `site.yaml` says `unsafe_html: true`.
enum RunnableFiles {
    /// What each such file is, by its lower-case extension.
    static let kinds: [String: String] = [
        "html": "a web page", "htm": "a web page", "shtml": "a web page", "xhtml": "a web page",
        "xht": "a web page", "xml": "an XML document", "rss": "an XML document", "atom": "an XML document",
        "xsl": "an XSLT stylesheet", "xslt": "an XSLT stylesheet",
        "js": "a script", "mjs": "a script", "cjs": "a script", "wasm": "a WebAssembly program",
        "svgz": "a compressed SVG",
    ]

    /// An error at each asset (relative to `content/`) a browser would run, unless `unsafeHTML`.
    static func problems(among assets: [String], unsafeHTML: Bool) -> [Diagnostic] {
        guard !unsafeHTML else { return [] }
        return assets.compactMap { asset in
            let name = asset.split(separator: "/").last ?? ""
            guard let dot = name.lastIndex(of: "."), let kind = kinds[name[name.index(after: dot)...].lowercased()]
            else { return nil }
            return .error(
                at: SourceLocation(path: "content/" + asset, line: 1, column: 1),
                "'\(asset)' is \(kind), which would run on the site: Limber publishes it only with 'unsafe_html: true' in content/site.yaml",
                note: kind == kinds["svgz"] ? "save it uncompressed as .svg, which Limber checks" : nil)
        }
    }
}
