import Foundation
import LimberKit

/// Runs one input through what a build does with it and checks what must always hold: the
/// libFuzzer target `limber-fuzz` calls it for every input it makes, and the tests replay the seed
/// corpus in `fuzz/seeds/` through it.
///
/// An input's first byte picks what the rest is: `d` a dose, `l` a dose on a site in one of Limber's
/// languages (the next byte picks it), `r` a routine file, `n` names of files to build a whole site
/// with, `y` the shape of deep or wide front matter, anything else a stretch file. Diagnostics are fine; a crash, a hang or a broken invariant is a bug.
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
        case UInt8(ascii: "l"), UInt8(ascii: "L"):
            guard let picker = rest.first else { return [] }
            let language = DoseWords.shipped[Int(picker) % DoseWords.shipped.count]
            return dose(Array(rest.dropFirst()), language: language)
        case UInt8(ascii: "r"), UInt8(ascii: "R"): return routineFile(rest)
        case UInt8(ascii: "n"), UInt8(ascii: "N"): return names(rest)
        case UInt8(ascii: "y"), UInt8(ascii: "Y"): return yamlShape(rest)
        default: return stretchFile(rest)
        }
    }

    // MARK: - Targets

    /// A stretch file, read as a build reads it and, when it holds a stretch, rendered into every
    /// page of a small guide: the stretch, a fixed one, and a routine of both.
    public static func stretchFile(_ bytes: [UInt8]) -> [String] {
        let path = "content/stretches/fuzz.md"
        var diagnostics: [Diagnostic] = []
        let stretch = ContentLoader.readStretch(bytes, path: path, folder: fixture.folder, into: &diagnostics)
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
        let routine = ContentLoader.readRoutine(bytes, path: path, folder: fixture.folder, into: &diagnostics)
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
        // On a site in each of Limber's languages: the English forms read the same, and the dose
        // written in the language reads back as itself.
        for language in DoseWords.shipped {
            guard let words = DoseWords.builtIn[language] else { continue }
            guard let local = try? Dose(parsing: text, words: words) else {
                broken.append("dose \(text.debugDescription) reads in English but not on a '\(language)' site")
                continue
            }
            if local != dose {
                broken.append("dose \(text.debugDescription) reads differently on a '\(language)' site")
            }
            let shown = dose.text(in: words)
            if (try? Dose(parsing: shown, words: words)) != dose {
                broken.append(
                    "dose \(text.debugDescription) shown in '\(language)' as \(shown.debugDescription) reads differently"
                )
            }
        }
        return broken
    }

    /// A dose as written in a `dose:` field of a site in `language`: an error stays in the text, and
    /// a dose read is shown in the language as a text that reads as the same dose.
    public static func dose(_ bytes: [UInt8], language: String) -> [String] {
        guard let words = DoseWords.builtIn[language] else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        let dose: Dose
        do {
            dose = try Dose(parsing: text, words: words)
        } catch {
            let length = Array(text).count
            return (0...length).contains(error.offset)
                ? [] : ["dose error offset \(error.offset) outside 0...\(length) in \(text.debugDescription)"]
        }
        let shown = dose.text(in: words)
        guard (try? Dose(parsing: shown, words: words)) == dose else {
            return [
                "dose \(text.debugDescription) shown in '\(language)' as \(shown.debugDescription) reads differently"
            ]
        }
        return []
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
        for (page, html) in fixture.theme.renderPages(of: guide, buildDate: "2026-01-01") {
            if html.isEmpty { broken.append("\(page.file) rendered empty") }
            let allowed = fixture.scripts[page.template] ?? 0
            let forms = fixture.forms[page.template] ?? 0
            broken += HTMLScan.problems(in: html, allowedScripts: allowed, allowedForms: forms).map {
                "\(page.file): \($0)"
            }
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
        /// How many `<form>` tags (search boxes) each template writes by itself.
        let forms: [String: Int]
        /// The folder the theme comes from.
        let themeRoot: String
    }

    static let fixture: Fixture = {
        let environment = ProcessInfo.processInfo.environment["LIMBER_THEME_SITE"]
        let repository =
            environment
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
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
        guard
            let stretch = ContentLoader.readStretch(
                Array(baseStretch.utf8), path: path, folder: folder, into: &diagnostics)
        else { fatalError("the fuzzer's own stretch does not load: \(diagnostics)") }

        var scripts: [String: Int] = [:]
        var forms: [String: Int] = [:]
        let at = SourceLocation(path: "content/routines/base.md", line: 1, column: 1)
        let routine = Routine(
            slug: "base-routine", title: "Base", summary: "Base.",
            steps: [Step(stretch: Reference(slug: "base", location: at))],
            body: .empty, sourcePath: at.path, slugLocation: at)
        let content = LoadedContent(
            settings: SiteSettings(title: "Fuzz", baseURL: "https://example.org/"), stretches: [stretch],
            routines: [routine], assets: [])
        guard let guide = Guide.resolve(content).0 else { fatalError("the fuzzer's own guide does not resolve") }
        for (page, html) in theme.renderPages(of: guide, buildDate: "2026-01-01") {
            scripts[page.template] = HTMLScan.scripts(in: html)
            forms[page.template] = HTMLScan.forms(in: html)
        }
        return Fixture(
            theme: theme, folder: folder, stretch: stretch, scripts: scripts, forms: forms, themeRoot: repository)
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
