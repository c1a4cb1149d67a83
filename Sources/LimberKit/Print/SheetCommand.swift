import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `limber sheet ROUTINE`: one routine's PDF, without touching the site's `public/`.
public enum SheetCommand {
    /// Builds the site with its PDFs into a folder of its own in `.limber/` (the same one every
    /// time, so a second sheet is an edit build and nothing piles up) and copies the routine's PDF
    /// to `path`: a file, or a folder to write `<routine>.pdf` in. Returns the path written, with the
    /// build's warnings (a sheet that printed on more than one page among them).
    public static func printSheet(
        routine: String, siteFolder: String, paper: SiteSettings.Paper?, chromium: String?, to path: String
    ) throws(BuildFailed) -> (path: String, warnings: [Diagnostic]) {
        let folder = SiteFolder(root: siteFolder)
        let target = try destination(path, routine: routine)
        var options = BuildOptions(siteFolder: siteFolder, output: folder.root + "/.limber/sheet")
        options.privateOutput = true
        options.pdf = true
        options.chromium = chromium
        options.paper = paper
        options.onlyRoutine = routine
        // A sheet needs no search index.
        options.indexesSearch = false
        let report = try SiteBuilder.build(options)
        do {
            let bytes = try SiteFolder.readFile(report.output + "/" + Paths.sheetPDF(routine))
            let temporary = PathComponents.folder(of: target) + "/." + PathComponents.name(of: target) + ".limber-new"
            try StagedOutput.writeFile(temporary, bytes)
            guard rename(temporary, target) == 0 else {
                unlink(temporary)
                throw OutputError(message: errnoText())
            }
        } catch {
            throw refusal(path, "cannot write the PDF: \(error)")
        }
        return (target, report.diagnostics)
    }

    /// Where the PDF goes for `-o path`: inside it when it is a folder; over it only when it is a
    /// PDF already (a link is followed to the file it leads to).
    static func destination(_ path: String, routine: String) throws(BuildFailed) -> String {
        let resolved = OutputClaim.resolve(path)
        var info = stat()
        guard stat(resolved, &info) == 0 else {
            guard OutputClaim.isFolder(PathComponents.folder(of: resolved)) else {
                throw refusal(path, "no folder \(PathComponents.folder(of: resolved)) to write the PDF in")
            }
            return resolved
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let inside = resolved + "/" + routine + ".pdf"
            return try destination(inside, routine: routine)
        case S_IFREG:
            let start = (try? SiteFolder.readFile(resolved).prefix(5)).map(Array.init) ?? []
            guard start == Array("%PDF-".utf8) else {
                throw refusal(path, "it is a file that is not a PDF, which the sheet would replace")
            }
            return resolved
        default:
            throw refusal(path, "it is not a file or a folder")
        }
    }

    private static func refusal(_ path: String, _ reason: String) -> BuildFailed {
        BuildFailed(diagnostics: [
            .error(
                at: SourceLocation(path: path, line: 1, column: 1), "will not write the sheet here: \(reason)",
                note: "give -o a new file name, a PDF to replace or a folder to write <routine>.pdf in")
        ])
    }
}
