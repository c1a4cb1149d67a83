import ArgumentParser
import Foundation
import LimberKit

@main
struct LimberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limber",
        abstract: "Builds a stretch guide from Markdown files into a static website with printable routine sheets.",
        version: Limber.version,
        subcommands: [Build.self, Check.self, Serve.self, Sheet.self, Publish.self, Init.self, New.self],
        defaultSubcommand: Build.self
    )
}

struct SiteArguments: ParsableArguments {
    @Argument(help: "The site's folder, holding content/ and templates/.", completion: .directory)
    var site: String = "."

    @Flag(help: "Treat warnings as errors.")
    var strict = false
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into public/ (or --output).")

    @OptionGroup var arguments: SiteArguments

    @Option(name: .shortAndLong, help: "Where to write the site (default: SITE/public).", completion: .directory)
    var output: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(help: "Also print every routine sheet to routines/<slug>/<slug>.pdf (needs Chromium).")
    var pdf = false

    @Option(help: "The Chromium to print PDFs with (default: chromium on PATH).")
    var chromium: String?

    @Option(help: "Where the site is published, e.g. https://example.org/guide/ (default: base_url in site.yaml).")
    var baseURL: String?

    @Flag(help: "Replace the output folder even when it holds files that no build of this site wrote.")
    var force = false

    func run() throws {
        var options = BuildOptions(siteFolder: arguments.site, output: output, strict: arguments.strict)
        options.baseURL = baseURL
        options.force = force
        if !quiet && isatty(STDERR_FILENO) != 0 { options.onProgress = Terminal.progressBar(started: Date()) }
        options.pdf = pdf
        options.chromium = chromium
        options.exitsAfterwards = true
        let report = try runReporting { () throws(BuildFailed) in try SiteBuilder.build(options) }
        Terminal.print(report.diagnostics)
        if !quiet {
            for line in Terminal.pdfLines(report) + report.notices { print(line) }
            let time = String(format: "%.2f", report.seconds)
            if report.upToDate {
                print("Up to date: the \(report.pages) pages in \(report.output) already match the content (\(time) s)")
            } else if report.rendered < report.pages {
                print(
                    "Updated \(report.rendered) of \(report.pages) pages (the ones the edit touched) in \(time) s in \(report.output)"
                )
            } else {
                print("Built \(report.pages) pages (\(report.files) files) in \(time) s into \(report.output)")
            }
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site's content and templates without writing anything.")

    @OptionGroup var arguments: SiteArguments

    func run() throws {
        let options = BuildOptions(siteFolder: arguments.site, checkOnly: true, strict: arguments.strict)
        let report = try runReporting { () throws(BuildFailed) in try SiteBuilder.build(options) }
        Terminal.print(report.diagnostics)
        print("No errors: \(report.pages) pages would be built.")
    }
}

struct Sheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one routine's sheet to a PDF file, ready for the printer.")

    @Argument(help: "The routine's slug (its file name without .md).")
    var routine: String

    @Option(help: "The site's folder, holding content/ and templates/.")
    var site: String = "."

    @Option(help: "Paper size: A4 or Letter (default: paper in site.yaml).")
    var paper: SiteSettings.Paper?

    @Option(
        name: .shortAndLong,
        help: "The PDF to write, or a folder to write <routine>.pdf in (default: <routine>.pdf in the current folder).")
    var output: String?

    @Option(help: "The Chromium to print with (default: chromium on PATH).")
    var chromium: String?

    func run() throws {
        let target = output ?? "\(routine).pdf"
        let written = try runReporting { () throws(BuildFailed) in
            try SheetCommand.printSheet(
                routine: routine, siteFolder: site, paper: paper, chromium: chromium, to: target)
        }
        Terminal.print(written.warnings)
        print("Wrote \(written.path)")
    }
}

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Build the site afresh and upload what changed: to a git branch, a host over SSH, or an rclone remote.",
        discussion: """
            TARGET is git:URL[#branch] (default branch gh-pages), ssh:USER@HOST:PATH (rsync) or \
            rclone:REMOTE:PATH. Without --to, the target in site.yaml's publish: group is used. Files that \
            pages point to go first, pages next, removals last, so the site online is never broken.
            """)

    @Argument(help: "The site's folder, holding content/ and templates/.", completion: .directory)
    var site: String = "."

    @Option(name: .customLong("to"), help: "Where to publish (overrides publish: target in site.yaml).")
    var target: String?

    @Flag(help: "Print the three passes without touching the remote.")
    var dryRun = false

    func run() throws {
        var options = Publisher.Options(siteFolder: site, target: target, dryRun: dryRun)
        if isatty(STDERR_FILENO) != 0 {
            options.onProgress = { line in
                FileHandle.standardError.write(Data("\r\u{1B}[K\(line)…".utf8))
            }
        }
        let report: Publisher.Report
        do {
            report = try Publisher.publish(options)
        } catch {
            if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            Terminal.print(error.diagnostics)
            FileHandle.standardError.write(Data("error: \(error.message)\nNothing more was published.\n".utf8))
            throw ExitCode(1)
        }
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        Terminal.print(report.diagnostics)
        if dryRun {
            print("Would publish to \(report.target):")
            for line in report.passes.lines { print(line) }
        } else {
            print(report.summary)
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build, serve it on this machine, rebuild and reload pages on every save.")

    @Argument(help: "The site's folder, holding content/ and templates/.", completion: .directory)
    var site: String = "."

    @Option(help: "The port to serve on; 0 picks a free one.")
    var port: UInt16 = 8080

    @Option(help: "The address to serve on. Only this machine can see the default.")
    var host: String = "127.0.0.1"

    @Flag(help: "Open the site in the default browser.")
    var open = false

    func run() async throws {
        let server = PreviewServer(PreviewServer.Options(siteFolder: site, host: host, port: port))
        server.onBuild = { result in
            switch result {
            case .success(let report):
                Terminal.print(report.diagnostics)
                let seconds = String(format: "%.2f", report.seconds)
                print(
                    report.upToDate
                        ? "Up to date: the \(report.pages) pages the last preview built match the content (\(seconds) s)"
                        : "Built \(report.pages) pages in \(seconds) s")
                fflush(nil)
            case .failure(let failure):
                Terminal.print(failure.diagnostics)
                FileHandle.standardError.write(Data("The build failed: the last good pages are still served.\n".utf8))
            }
        }
        let url: String
        do {
            url = try await server.start()
        } catch let failure as PreviewServer.Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
        print("Serving \(site) at \(url) (Ctrl-C stops)")
        print("The preview's files are in \(server.output); your public/ is left as it is.")
        // Each line as it happens, also when the output goes to a pipe or a log file.
        fflush(nil)
        if open, let opener = ["/usr/bin/xdg-open", "/usr/bin/open"].first(where: FileManager.default.isExecutableFile)
        {
            _ = try? Process.run(URL(fileURLWithPath: opener), arguments: [url])
        }
        await PreviewServer.serveUntilStopSignal(server)
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site: content with one stretch and one routine, and the default theme.")

    @Argument(help: "The new site's folder.", completion: .directory)
    var folder: String

    @Option(help: "The site's title (default: the folder's name).")
    var title: String?

    @Option(
        help: ArgumentHelp(
            "Also write the CI file that builds the site on that forge and publishes it on its Pages.",
            valueName: "forge"))
    var ci: PagesWorkflow.Forge?

    func run() throws {
        do {
            let files = try Scaffold.initSite(at: folder, title: title, ci: ci)
            print("Created \(files.count) files in \(folder). Next: limber build \(folder)")
            if let ci { print(ci.nextSteps) }
        } catch let failure as Scaffold.Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a stretch, a routine, an article or a page, with every field written out and explained.")

    enum What: String, ExpressibleByArgument, CaseIterable {
        case stretch
        case routine
        case article
        case page
    }

    @Argument(help: "stretch, routine, article (a draft, dated today) or page.")
    var what: What

    @Argument(help: "Its title, in quotes: \"Pigeon Pose\".")
    var title: String

    @Option(help: "The site's folder.")
    var site: String = "."

    @Option(help: "Its address and file name, a-z, 0-9 and '-' (default: made from the title).")
    var slug: String?

    func run() throws {
        do {
            let path =
                switch what {
                case .stretch: try Scaffold.newStretch(title: title, slug: slug, site: site)
                case .routine: try Scaffold.newRoutine(title: title, slug: slug, site: site)
                case .article: try Scaffold.newArticle(title: title, slug: slug, site: site, date: SiteBuilder.today())
                case .page: try Scaffold.newPage(title: title, slug: slug, site: site)
                }
            print("Created \(path)")
        } catch let failure as Scaffold.Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }
}

extension SiteSettings.Paper: ExpressibleByArgument {}
extension PagesWorkflow.Forge: ExpressibleByArgument {}

/// Prints every diagnostic of a failed build and exits with status 1.
func runReporting<T>(_ body: () throws(BuildFailed) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Terminal.print(error.diagnostics)
        let errors = error.diagnostics.filter { $0.severity == .error }.count
        let warnings = error.diagnostics.count - errors
        var summary = "\(errors) error\(errors == 1 ? "" : "s")"
        if warnings > 0 { summary += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        FileHandle.standardError.write(Data("Nothing was written: \(summary).\n".utf8))
        throw ExitCode(1)
    }
}

enum Terminal {
    /// A bar on standard error, shown once a build has run for half a second, cleared at the end.
    static func progressBar(started: Date) -> @Sendable (Int, Int) -> Void {
        { done, total in
            guard Date().timeIntervalSince(started) > 0.5 else { return }
            let width = 30
            let filled = total == 0 ? width : width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            let line = done == total ? "\r\u{1B}[K" : "\r[\(bar)] \(done)/\(total) pages"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// What a build did with the routine sheets' PDFs, when it printed or removed any.
    static func pdfLines(_ report: BuildReport) -> [String] {
        func count(_ n: Int, _ what: String) -> String { "\(n == 0 ? "no" : "\(n)") \(what)\(n == 1 ? "" : "s")" }
        var lines: [String] = []
        if report.printsPDFs, !report.printedPDFs.isEmpty || !report.keptPDFs.isEmpty {
            let kept = report.keptPDFs.isEmpty ? "" : "; kept \(report.keptPDFs.count) whose sheets had not changed"
            lines.append("Printed \(count(report.printedPDFs.count, "sheet")) to PDF\(kept)")
        }
        if !report.removedPDFs.isEmpty {
            lines.append(
                "Removed \(count(report.removedPDFs.count, "PDF")) whose sheet changed (build with --pdf to print "
                    + "\(report.removedPDFs.count == 1 ? "it" : "them") again): "
                    + report.removedPDFs.joined(separator: ", "))
        }
        return lines
    }

    static func print(_ diagnostics: [Diagnostic]) {
        let colour = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.formatted(colour: colour) + "\n").utf8))
        }
    }
}
