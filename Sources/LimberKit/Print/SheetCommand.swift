import Foundation

/// `limber sheet ROUTINE`: one routine's PDF, without touching the site's `public/`.
public enum SheetCommand {
    /// Builds the site with its PDFs into a scratch folder and copies the routine's PDF to `path`.
    /// Returns the path written.
    public static func printSheet(
        routine: String, siteFolder: String, paper: SiteSettings.Paper?, chromium: String?, to path: String
    ) throws(BuildFailed) -> String {
        let scratch = NSTemporaryDirectory() + "limber-sheet-\(getpid())/public"
        defer { try? FileManager.default.removeItem(atPath: PathComponents.folder(of: scratch)) }
        var options = BuildOptions(siteFolder: siteFolder, output: scratch)
        options.pdf = true
        options.chromium = chromium
        options.paper = paper
        options.onlyRoutine = routine
        _ = try SiteBuilder.build(options)
        let source = scratch + "/" + Paths.sheetPDF(routine)
        let fileManager = FileManager.default
        do {
            if fileManager.fileExists(atPath: path) { try fileManager.removeItem(atPath: path) }
            try fileManager.copyItem(atPath: source, toPath: path)
        } catch {
            throw BuildFailed(diagnostics: [
                .error(at: SourceLocation(path: path, line: 1, column: 1), "cannot write the PDF: \(error)")
            ])
        }
        return path
    }
}
