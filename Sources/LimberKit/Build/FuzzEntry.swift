import Foundation

/// Runs one input through what a build does with it and checks what must always hold: the
/// libFuzzer target `limber-fuzz` calls it for every input it makes, and the tests replay the seed
/// corpus in `fuzz/seeds/` through it.
///
/// An input's first byte picks what the rest is: `d` a dose, `r` a routine file, anything else a
/// stretch file. Diagnostics are fine; a crash, a hang or a broken invariant is a bug.
public enum FuzzEntry {
    /// Runs an input whose first byte picks the target, and stops the process when an invariant
    /// breaks, so that libFuzzer records the input.
    public static func run(_ input: [UInt8]) {
        let broken = violations(input)
        if !broken.isEmpty {
            fatalError("fuzz invariant broken:\n" + broken.joined(separator: "\n"))
        }
    }

    /// What went wrong with an input whose first byte picks the target; empty when all is well.
    public static func violations(_ input: [UInt8]) -> [String] {
        guard let selector = input.first else { return [] }
        let rest = Array(input.dropFirst())
        switch selector {
        case UInt8(ascii: "d"), UInt8(ascii: "D"): return dose(rest)
        case UInt8(ascii: "r"), UInt8(ascii: "R"): return routineFile(rest)
        default: return stretchFile(rest)
        }
    }

    // MARK: - Targets

    /// A stretch file, read as a build reads it and, when it holds a stretch, rendered into every
    /// page of a small guide: the stretch, a fixed one, and a routine of both.
    public static func stretchFile(_ bytes: [UInt8]) -> [String] {
        let path = "content/stretches/fuzz.md"
        var diagnostics: [Diagnostic] = []
        var stretch: Stretch?
        if let document = ContentLoader.readDocument(bytes, path: path, into: &diagnostics) {
            stretch = ContentLoader.decodeStretch(
                document, path: path, folder: fixture.folder, options: CommonMark.Options(), into: &diagnostics)
        }
        var broken = check(diagnostics, of: bytes, path: path)
        if let stretch {
            let at = SourceLocation(path: "content/routines/fuzz-routine.md", line: 1, column: 1)
            let routine = Routine(
                slug: "fuzz-routine", title: "Fuzz routine", summary: "Both stretches.",
                steps: [
                    Step(stretch: Reference(slug: fixture.stretch.slug, location: at)),
                    Step(stretch: Reference(slug: stretch.slug, location: at)),
                ], body: .empty, sourcePath: at.path, slugLocation: at)
            broken += render(stretches: [fixture.stretch, stretch], routines: [routine])
        }
        return broken
    }

    /// A routine file, read as a build reads it and, when it holds a routine, rendered with the
    /// fixed stretch (`base`) that its steps may name.
    public static func routineFile(_ bytes: [UInt8]) -> [String] {
        let path = "content/routines/fuzz.md"
        var diagnostics: [Diagnostic] = []
        var routine: Routine?
        if let document = ContentLoader.readDocument(bytes, path: path, into: &diagnostics) {
            routine = ContentLoader.decodeRoutine(
                document, path: path, options: CommonMark.Options(), into: &diagnostics)
        }
        var broken = check(diagnostics, of: bytes, path: path)
        if let routine { broken += render(stretches: [fixture.stretch], routines: [routine]) }
        return broken
    }

    /// A dose as written in a `dose:` field.
    public static func dose(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let dose: Dose
        do {
            dose = try Dose(parsing: text)
        } catch {
            let length = Array(text).count
            return (0...length).contains(error.offset)
                ? [] : ["dose error offset \(error.offset) outside 0...\(length) in \(text.debugDescription)"]
        }
        var broken: [String] = []
        let time = dose.seconds(repSeconds: 60, breathSeconds: 60)
        if dose.sets.lowerBound < 1 || time.lowerBound < 1 {
            broken.append("dose \(dose) of \(text.debugDescription) is empty")
        }
        if let side = dose.side, !Dose.sides.contains(side) { broken.append("dose side \(side.debugDescription)") }
        _ = formatDuration(seconds: time)
        // Its normal form reads as the same dose.
        let written = dose.display
        if (try? Dose(parsing: written)) != dose {
            broken.append("dose \(text.debugDescription) written back as \(written.debugDescription) reads differently")
        }
        return broken
    }

    // MARK: - Invariants

    /// Every diagnostic is in the file it is about, at a line and column that exist.
    static func check(_ diagnostics: [Diagnostic], of bytes: [UInt8], path: String) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        // A line ends at LF, CR or CRLF (as `FrontMatter.decodeText` reads them), and for libyaml
        // also at NEL, LS and PS: no diagnostic may be on a later line than that count allows.
        var breaks = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) || (scalar == "\n" && previous != "\r") {
                breaks += 1
            }
            previous = scalar
        }
        let scalars = text.unicodeScalars.count
        var broken: [String] = []
        for diagnostic in diagnostics {
            let at = diagnostic.location
            if at.path != path || at.line < 1 || at.column < 1 || at.line > breaks + 2 || at.column > scalars + 2 {
                broken.append("diagnostic outside the file (\(breaks + 1) lines, \(scalars) characters): \(diagnostic)")
            }
        }
        return broken
    }

    /// Resolves and renders every page of a guide, checking that the content only ever becomes text
    /// in the pages: no tag, attribute or link that the theme did not write.
    static func render(stretches: [Stretch], routines: [Routine]) -> [String] {
        let content = LoadedContent(
            settings: SiteSettings(title: "Fuzz", baseURL: "https://example.org/"), stretches: stretches,
            routines: routines, assets: [])
        let (resolved, diagnostics) = Guide.resolve(content)
        var broken = diagnostics.filter { $0.location.line < 1 || $0.location.column < 1 }.map {
            "diagnostic outside the file: \($0)"
        }
        guard let guide = resolved else { return broken }
        let builder = ViewBuilder(guide: guide, theme: fixture.theme, buildDate: "2026-01-01", withPDFs: true)
        for page in guide.pages {
            let html = fixture.theme.render(page.template, builder.view(for: page))
            if html.isEmpty { broken.append("\(page.file) rendered empty") }
            let allowed = fixture.scripts[page.template] ?? 0
            broken += HTMLScan.problems(in: html, allowedScripts: allowed).map { "\(page.file): \($0)" }
        }
        return broken
    }

    // MARK: - Fixture

    /// What every run shares: the repository's theme, an empty site with one image, and a stretch
    /// that routines can name.
    struct Fixture: Sendable {
        let theme: Theme
        let folder: SiteFolder
        let stretch: Stretch
        /// How many `<script>` tags each template writes by itself.
        let scripts: [String: Int]
    }

    static let fixture: Fixture = {
        let environment = ProcessInfo.processInfo.environment["LIMBER_THEME_SITE"]
        let repository =
            environment
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let (loaded, problems) = Theme.load(SiteFolder(root: repository))
        guard let theme = loaded else {
            fatalError("no theme in \(repository) (set LIMBER_THEME_SITE): \(problems)")
        }

        // One folder for every run: it only ever holds this one image.
        let site = NSTemporaryDirectory() + "limber-fuzz-site"
        try? FileManager.default.createDirectory(atPath: site + "/content/images", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(
            atPath: site + "/content/images/pose.svg",
            contents: Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8))
        let folder = SiteFolder(root: site)

        let path = "content/stretches/base.md"
        var diagnostics: [Diagnostic] = []
        guard let document = ContentLoader.readDocument(Array(baseStretch.utf8), path: path, into: &diagnostics),
            let stretch = ContentLoader.decodeStretch(
                document, path: path, folder: folder, options: CommonMark.Options(), into: &diagnostics)
        else { fatalError("the fuzzer's own stretch does not load: \(diagnostics)") }

        var scripts: [String: Int] = [:]
        let at = SourceLocation(path: "content/routines/base.md", line: 1, column: 1)
        let routine = Routine(
            slug: "base-routine", title: "Base", summary: "Base.",
            steps: [Step(stretch: Reference(slug: "base", location: at))],
            body: .empty, sourcePath: at.path, slugLocation: at)
        let content = LoadedContent(
            settings: SiteSettings(title: "Fuzz", baseURL: "https://example.org/"), stretches: [stretch],
            routines: [routine], assets: [])
        guard let guide = Guide.resolve(content).0 else { fatalError("the fuzzer's own guide does not resolve") }
        let builder = ViewBuilder(guide: guide, theme: theme, buildDate: "2026-01-01", withPDFs: true)
        for page in guide.pages {
            scripts[page.template] = HTMLScan.scripts(in: theme.render(page.template, builder.view(for: page)))
        }
        return Fixture(theme: theme, folder: folder, stretch: stretch, scripts: scripts)
    }()

    static let baseStretch = """
        ---
        title: Base Stretch
        summary: The stretch every fuzzed routine can name.
        kind: static
        level: beginner
        targets: [hips]
        dose: 30 s each leg
        equipment: [mat]
        cues: [Breathe]
        cautions: [Go gently]
        image:
          src: images/pose.svg
          alt: A pose
        ---

        Hold it **gently**.
        """
}

extension ContentLoader {
    /// A file's bytes split into front matter and body, as `readDocument(_:_:into:)` reads them.
    static func readDocument(_ bytes: [UInt8], path: String, into diagnostics: inout [Diagnostic])
        -> FrontMatterDocument?
    {
        switch FrontMatter.decodeText(bytes, path: path).flatMap({ FrontMatter.split($0, path: path) }) {
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        case .success(let document):
            return document
        }
    }
}

// MARK: - Scanning HTML

/// Reads a page's tags as a browser's tokenizer does, closely enough to see what content could have
/// slipped into markup: a tag the theme does not write, an event-handler or malformed attribute,
/// or a script link.
enum HTMLScan {
    static func scripts(in html: String) -> Int {
        var count = 0
        scan(html) { name, _ in if name == "script" { count += 1 } }
        return count
    }

    static func problems(in html: String, allowedScripts: Int) -> [String] {
        var problems: [String] = []
        var scripts = 0
        scan(html) { name, attributes in
            if name == "script" { scripts += 1 }
            if ["iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"].contains(name) {
                problems.append("a <\(name)> tag")
            }
            for (attribute, value) in attributes {
                let isPlain =
                    attribute.utf8.first.map { $0 >= 97 && $0 <= 122 } == true
                    && attribute.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
                if !isPlain || attribute.hasPrefix("on") {
                    problems.append("the attribute \(attribute.debugDescription) on <\(name)>")
                }
                if ["href", "src", "action", "formaction", "poster"].contains(attribute), isScriptURL(value) {
                    problems.append("a script link \(value.debugDescription) in \(attribute) on <\(name)>")
                }
            }
        }
        if scripts > allowedScripts {
            problems.append("\(scripts) <script> tags where the theme writes \(allowedScripts)")
        }
        return problems
    }

    /// Whether a browser would run the link: `javascript:` or `vbscript:` once character references
    /// are decoded, leading spaces and control characters dropped and tabs and line breaks removed.
    static func isScriptURL(_ value: String) -> Bool {
        let scalars = decodeReferences(value).unicodeScalars.drop(while: { $0.value <= 0x20 })
            .filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let text = String(String.UnicodeScalarView(scalars)).lowercased()
        return text.hasPrefix("javascript:") || text.hasPrefix("vbscript:")
    }

    private static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[rest.index(after: amp)...]
            let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "#" })
            var after = rest[name.endIndex...]
            if after.first == ";" { after = after.dropFirst() }
            let lowered = name.lowercased()
            if lowered.hasPrefix("#x"), let code = UInt32(lowered.dropFirst(2), radix: 16), let s = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(s)
            } else if lowered.hasPrefix("#"), let code = UInt32(lowered.dropFirst()), let s = Unicode.Scalar(code) {
                out.unicodeScalars.append(s)
            } else if lowered == "colon" {
                out += ":"
            } else if lowered == "tab" || lowered == "newline" {
                out += " "
            } else {
                out += "&" + name
            }
            rest = after
        }
        return out + rest
    }

    /// Calls `visit` with each start tag's lowercased name and its attributes.
    static func scan(_ html: String, visit: (String, [(String, String)]) -> Void) {
        let bytes = Array(html.utf8)
        let count = bytes.count
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        func starts(_ text: String, at index: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= count else { return false }
            return (0..<pattern.count).allSatisfy { (bytes[index + $0] | 0x20) == (pattern[$0] | 0x20) }
        }
        func find(_ text: String, from index: Int) -> Int? {
            var j = index
            while j < count {
                if starts(text, at: j) { return j }
                j += 1
            }
            return nil
        }
        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        while i < count {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < count else {
                i += 1
                continue
            }
            if starts("<!--", at: i) {
                i = find("-->", from: i + 4).map { $0 + 3 } ?? count
                continue
            }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                i = (bytes[(i + 1)...].firstIndex(of: UInt8(ascii: ">")) ?? count - 1) + 1
                continue
            }
            guard isLetter(next) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">") {
                j += 1
            }
            let name = string((i + 1)..<j).lowercased()
            var attributes: [(String, String)] = []
            while j < count {
                while j < count, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
                if j >= count || bytes[j] == UInt8(ascii: ">") {
                    j += 1
                    break
                }
                let start = j
                j += 1
                while j < count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"), bytes[j] != UInt8(ascii: ">"),
                    bytes[j] != UInt8(ascii: "=")
                {
                    j += 1
                }
                let attribute = string(start..<j).lowercased()
                var value = ""
                var k = j
                while k < count, isSpace(bytes[k]) { k += 1 }
                if k < count, bytes[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < count, isSpace(bytes[k]) { k += 1 }
                    if k < count, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                        let quote = bytes[k]
                        let end = bytes[(k + 1)...].firstIndex(of: quote) ?? count
                        value = string((k + 1)..<end)
                        k = min(end + 1, count)
                    } else {
                        let valueStart = k
                        while k < count, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                        value = string(valueStart..<k)
                    }
                    j = k
                }
                attributes.append((attribute, value))
            }
            visit(name, attributes)
            // Script, style, title and textarea hold text up to their end tag, never tags.
            if ["script", "style", "title", "textarea", "xmp", "noembed", "noframes"].contains(name) {
                j = find("</" + name, from: j) ?? count
            }
            i = j
        }
    }
}
