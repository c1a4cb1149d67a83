import Foundation
import Mustache

/// The templates of a site: `templates/*.mustache` for pages, `templates/partials/*.mustache`
/// for shared pieces, and `templates/static/` copied as they are.
public struct Theme: Sendable {
    /// The page templates every theme has.
    public static let pageTemplates = ["index", "stretch", "routine", "sheet", "list"]

    let library: MustacheLibrary
    /// Each template's file and text, by name, for checking the names it uses.
    let sources: [String: (path: String, text: String)]
    /// Files under `templates/static/`, relative to it.
    public let staticFiles: [String]
    /// Where each static file goes in the output: stylesheets and scripts get a hash of their
    /// bytes in their name (`style.3f9c2a1b.css`), so hosts may cache them for ever.
    public let outputNames: [String: String]

    public static func load(_ folder: SiteFolder) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard folder.isDirectory("templates") else {
            return (
                nil,
                [.error(at: SourceLocation(path: "templates", line: 1, column: 1), "the site has no templates/ folder")]
            )
        }
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: (path: String, text: String)] = [:]
        var origin: [String: String] = [:]
        for directory in ["templates", "templates/partials"] {
            for name in folder.list(directory) where name.hasSuffix(".mustache") {
                let path = "\(directory)/\(name)"
                let templateName = String(name.dropLast(".mustache".count))
                if let other = origin[templateName] {
                    diagnostics.append(
                        .error(
                            at: SourceLocation(path: path, line: 1, column: 1),
                            "a second template named '\(templateName)'",
                            note: "\(other) has that name; partials and pages share names"))
                    continue
                }
                origin[templateName] = path
                guard let bytes = try? folder.bytes(path) else { continue }
                let text: String
                switch FrontMatter.decodeText(bytes, path: path) {
                case .failure(let problem):
                    diagnostics.append(problem)
                    continue
                case .success(let decoded): text = decoded
                }
                sources[templateName] = (path, text)
                do {
                    templates[templateName] = try MustacheTemplate(string: text)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(
                        .error(
                            at: SourceLocation(
                                path: path, line: error.context.lineNumber, column: error.context.columnNumber),
                            "template syntax: \(describe(error.error))"))
                } catch {
                    diagnostics.append(
                        .error(at: SourceLocation(path: path, line: 1, column: 1), "template syntax: \(error)"))
                }
            }
        }
        for name in pageTemplates where origin[name] == nil {
            diagnostics.append(
                .error(
                    at: SourceLocation(path: "templates/\(name).mustache", line: 1, column: 1),
                    "the theme has no '\(name)' page template"))
        }
        let staticFiles = folder.files(below: "templates/static").map {
            String($0.dropFirst("templates/static/".count))
        }
        .filter { !($0 as NSString).lastPathComponent.hasPrefix(".") }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        var outputNames: [String: String] = [:]
        for file in staticFiles {
            let ext = (file as NSString).pathExtension
            if ["css", "js"].contains(ext), let bytes = try? folder.bytes("templates/static/" + file) {
                outputNames[file] = (file as NSString).deletingPathExtension + "." + shortHash(bytes) + "." + ext
            } else {
                outputNames[file] = file
            }
        }
        let theme = Theme(
            library: MustacheLibrary(templates: templates), sources: sources, staticFiles: staticFiles,
            outputNames: outputNames)
        return (theme, diagnostics)
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect:
            "a section is closed with a different name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: "a tag is not closed with '}}'"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is never closed"
        default: "\(error)"
        }
    }

    public func render(_ template: String, _ view: [String: Any]) -> String {
        library.render(view, withTemplate: template) ?? ""
    }
}

/// Eight hex digits of FNV-1a over the bytes: enough to tell one version of a file from the next.
func shortHash(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let text = String(hash, radix: 16)
    return String((String(repeating: "0", count: 16 - text.count) + text).prefix(8))
}
