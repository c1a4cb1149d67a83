import Foundation
import LimberTemplates

/// The templates of a site: `templates/*.mustache` for pages, `templates/partials/*.mustache`
/// for shared pieces, and `templates/static/` copied as they are. Any file the site does not have
/// comes from the default theme built into the binary.
public struct Theme: Sendable {
    /// The page templates every theme has: those of the pages made from the guide as a whole, and
    /// those of each content type (`ContentKind.templates`).
    public static let pageTemplates = ContentKind.pageTemplates(ContentKind.builtIn)

    let library: TemplateLibrary
    /// Each template's file and parsed tags, by name, for checking the names it uses.
    let sources: [String: (path: String, template: Template)]
    /// Files under `templates/static/`, relative to it, with their bytes.
    public let staticFiles: [String: [UInt8]]
    /// Where each static file goes in the output: stylesheets and scripts get a hash of their
    /// bytes in their name (`style.3f9c2a1b.css`), so hosts may cache them for ever.
    public let outputNames: [String: String]
    /// The translation tables, `templates/i18n/<language>.yaml`: the theme's words in each language.
    let wordTables: WordTables

    /// The theme's files, relative to `templates/`: the built-in theme with the site's own
    /// `templates/` files over it, file by file.
    static func files(_ folder: SiteFolder) -> (files: [String: [UInt8]], diagnostics: [Diagnostic]) {
        var files = BuiltInTheme.files
        var diagnostics: [Diagnostic] = []
        let (paths, skipped) = PublishedFiles.list(folder, below: "templates")
        diagnostics += skipped
        for path in paths {
            let relative = PathComponents.dropping("templates/", from: path)
            switch folder.read(path) {
            case .success(let bytes): files[relative] = bytes
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        return (files, diagnostics)
    }

    /// The theme of the site in `folder`, with a template for every page of `kinds`.
    public static func load(_ folder: SiteFolder, kinds: [ContentKind] = ContentKind.builtIn) -> (Theme?, [Diagnostic])
    {
        var (files, diagnostics) = Self.files(folder)
        var templates: [String: Template] = [:]
        var sources: [String: (path: String, template: Template)] = [:]
        var origin: [String: String] = [:]
        let templateFiles = files.keys.filter { key in
            key.hasSuffix(".mustache")
                && (!key.contains("/") || (key.hasPrefix("partials/") && key.count(where: { $0 == "/" }) == 1))
        }
        // Pages before partials, each in name order, so a clash is reported on the partial.
        for relative in templateFiles.sorted(by: { ($0.contains("/") ? 1 : 0, $0) < ($1.contains("/") ? 1 : 0, $1) }) {
            let path = "templates/" + relative
            let templateName = String(PathComponents.name(of: relative).dropLast(".mustache".count))
            if let other = origin[templateName] {
                diagnostics.append(
                    .error(
                        at: SourceLocation(path: path, line: 1, column: 1),
                        "a second template named '\(templateName)'",
                        note: "\(other) has that name; partials and pages share names"))
                continue
            }
            origin[templateName] = path
            let text: String
            switch FrontMatter.decodeText(files[relative]!, path: path) {
            case .failure(let problem):
                diagnostics.append(problem)
                continue
            case .success(let decoded): text = decoded
            }
            switch TemplateParser.parse(text) {
            case .success(let template):
                templates[templateName] = template
                sources[templateName] = (path, template)
            case .failure(let error):
                diagnostics.append(
                    .error(
                        at: SourceLocation(path: path, line: error.line, column: error.column),
                        "template syntax: \(error.message)"))
            }
        }
        for name in ContentKind.pageTemplates(kinds) where origin[name] == nil {
            diagnostics.append(
                .error(
                    at: SourceLocation(path: "templates/\(name).mustache", line: 1, column: 1),
                    "the theme has no '\(name)' page template"))
        }
        let wordTables = WordTables(files: files)
        diagnostics += wordTables.problems
        if diagnostics.hasErrors { return (nil, diagnostics) }
        var staticFiles: [String: [UInt8]] = [:]
        var outputNames: [String: String] = [:]
        for (relative, bytes) in files where relative.hasPrefix("static/") {
            let file = PathComponents.dropping("static/", from: relative)
            let ext = PathComponents.fileExtension(of: file)
            staticFiles[file] = bytes
            outputNames[file] =
                ["css", "js"].contains(ext)
                ? PathComponents.removingExtension(file) + "." + shortHash(bytes) + "." + ext : file
        }
        files.removeAll()
        let theme = Theme(
            library: TemplateLibrary(templates: templates), sources: sources, staticFiles: staticFiles,
            outputNames: outputNames, wordTables: wordTables)
        return (theme, diagnostics)
    }

    /// `template` rendered with `view`, one of the views in `Views.swift`.
    func render(_ template: String, _ view: any TemplateView) -> String {
        library.render(template, view) ?? ""
    }

    /// `template` rendered with `view` as UTF-8, as pages are written.
    func renderBytes(_ template: String, _ view: any TemplateView) -> [UInt8] {
        library.renderBytes(template, view) ?? []
    }
}

/// Eight hex digits of FNV-1a over the bytes: enough to tell one version of a file from the next.
func shortHash(_ bytes: some Sequence<UInt8>) -> String {
    var hash = FNV()
    hash.add(bytes)
    let text = String(hash.value, radix: 16)
    return String((String(repeating: "0", count: 16 - text.count) + text).prefix(8))
}
