import Foundation

/// The site's icons, made from its `logo` with libvips at every size browsers, phones and the web
/// app manifest ask for. They take the places of the theme's own icons (`templates/static/`), under
/// the same names, so the layout and the manifest link them as they did the theme's.
///
/// They are kept in `.limber/pictures/icons-<key>/`, where the key is a hash of the logo's bytes,
/// the sizes below and the background: a build whose logo is the one before draws nothing.
struct BrandIcons: Sendable {
    /// The files, by their name under `templates/static/`, with their bytes.
    var files: [String: [UInt8]]
    /// Whether this build drew them (else they were kept from an earlier build).
    var drawn: Bool

    /// One icon: a `size`-pixel square with the logo drawn to fit `logo` pixels in its middle,
    /// transparent around it, or on the background colour when it must be `opaque`.
    struct Icon: Sendable {
        var name: String
        var size: Int
        var logo: Int
        var opaque: Bool
    }

    static let icons = [
        // The browser's tab.
        Icon(name: "icon-32.png", size: 32, logo: 32, opaque: false),
        Icon(name: "icon-192.png", size: 192, logo: 192, opaque: false),
        Icon(name: "icon-512.png", size: 512, logo: 512, opaque: false),
        // iOS shows transparency as black and rounds the corners: the logo stands on the background
        // with a tenth of the side around it.
        Icon(name: "apple-touch-icon.png", size: 180, logo: 144, opaque: true),
        // Android cuts a maskable icon to a shape that keeps at least a circle of 80% of the side:
        // the logo fits the square inside that circle (0.8 / √2 of the side).
        Icon(name: "icon-maskable-512.png", size: 512, logo: 288, opaque: true),
    ]

    /// The theme's icons that a logo replaces: `icon.svg` is the logo itself when that is an SVG,
    /// and left out when it is not.
    static let themeIcons = icons.map(\.name) + ["icon.svg"]

    /// A raster logo must be at least this many pixels on its longer side: the largest icon's.
    static let minimumSide = 512

    /// Part of every icon's key: a change here draws them again.
    static let settingsKey = "icons 1 " + icons.map { "\($0.name) \($0.size) \($0.logo) \($0.opaque)" }.joined()

    /// The icons of `logo` (published as `published`), from the store in `folder`'s
    /// `.limber/pictures/` or drawn now; an error at the `logo` line of `site.yaml` when a raster
    /// is too small or libvips cannot draw it.
    static func make(
        _ logo: Illustration, published: PublishedPicture, background: BrandColor, in folder: SiteFolder
    ) -> Result<BrandIcons, Diagnostic> {
        let at = logo.location ?? SourceLocation(path: "content/site.yaml", line: 1, column: 1)
        if !published.isVector {
            let largest = published.largest
            if max(largest.width, largest.height) < minimumSide {
                return .failure(
                    .error(
                        at: at,
                        "the logo '\(logo.src)' is \(largest.width)×\(largest.height) pixels: the home-screen icon "
                            + "needs at least \(minimumSide) on its longer side",
                        note: "give a larger picture, or the logo as an SVG"))
            }
        }
        let path = folder.path("content/" + logo.src)
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.error(at: at, "the logo '\(logo.src)' cannot be read"))
        }
        let source = [UInt8](data)
        var hash = FNV()
        hash.add(source)
        hash.add(settingsKey + " " + background.hex)
        let hex = String(hash.value, radix: 16)
        let kept = folder.path(".limber/pictures/icons-" + String(repeating: "0", count: 16 - hex.count) + hex)

        var files: [String: [UInt8]] = [:]
        if published.isVector { files["icon.svg"] = source }
        var drawn = false
        if let found = read(kept) {
            files.merge(found) { $1 }
        } else {
            let colour = [background.red, background.green, background.blue].map(Double.init)
            do throws(VipsPicture.Failure) {
                for icon in icons {
                    let picture = try VipsPicture.icon(
                        path, size: icon.size, drawn: icon.logo, background: icon.opaque ? colour : nil)
                    files[icon.name] = try picture.encoded(as: .png, quality: 0)
                }
            } catch {
                return .failure(
                    .error(at: at, "the logo '\(logo.src)' cannot be drawn as an icon: \(error.description)"))
            }
            keep(files.filter { $0.key != "icon.svg" }, in: kept)
            drawn = true
        }
        return .success(BrandIcons(files: files, drawn: drawn))
    }

    /// The icons kept in `folder`, when every one is there.
    private static func read(_ folder: String) -> [String: [UInt8]]? {
        var files: [String: [UInt8]] = [:]
        for icon in icons {
            guard let data = FileManager.default.contents(atPath: folder + "/" + icon.name) else { return nil }
            files[icon.name] = [UInt8](data)
        }
        return files
    }

    /// Keeps the icons for the next build, written in full before the folder takes its name. The
    /// store only saves time: icons that cannot be kept are drawn again next time.
    private static func keep(_ files: [String: [UInt8]], in folder: String) {
        let temporary = folder + ".making-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        do {
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
            for (name, bytes) in files { _ = try StagedOutput.writeFile(temporary + "/" + name, bytes) }
            if rename(temporary, folder) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}

extension Theme {
    /// This theme with the site's icons in the places of its own.
    func branded(with icons: BrandIcons) -> Theme {
        var files = staticFiles
        var names = outputNames
        for name in BrandIcons.themeIcons {
            files[name] = nil
            names[name] = nil
        }
        for (name, bytes) in icons.files {
            files[name] = bytes
            names[name] = name
        }
        return Theme(library: library, sources: sources, staticFiles: files, outputNames: names, wordTables: wordTables)
    }
}
