import Foundation

/// A colour of the site's brand, written in `site.yaml` as a CSS hex colour (`#0a6b63` or `#0a6`).
struct BrandColor: Equatable, Sendable {
    /// Red, green and blue, 0 to 255.
    let red: Int
    let green: Int
    let blue: Int

    init(red: Int, green: Int, blue: Int) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#0a6b63` or `#0a6`, in either case; nil for anything else.
    init?(hex text: String) {
        guard text.hasPrefix("#") else { return nil }
        var digits = Array(text.dropFirst())
        guard digits.count == 3 || digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        let values = stride(from: 0, to: 6, by: 2).compactMap { Int(String(digits[$0...$0 + 1]), radix: 16) }
        self.init(red: values[0], green: values[1], blue: values[2])
    }

    /// `#0a6b63`: six lowercase digits, as pages and the manifest write it.
    var hex: String {
        "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// Relative luminance, as WCAG 2 defines it.
    var luminance: Double {
        func linear(_ channel: Int) -> Double {
            let value = Double(channel) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The WCAG 2 contrast ratio of two colours, from 1 to 21.
    func contrast(with other: BrandColor) -> Double {
        let (light, dark) = (max(luminance, other.luminance), min(luminance, other.luminance))
        return (light + 0.05) / (dark + 0.05)
    }

    /// This colour moved `amount` (0 to 1) of the way to `other`.
    func mixed(with other: BrandColor, _ amount: Double) -> BrandColor {
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * amount).rounded()) }
        return BrandColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    /// The first shade on the way to `other`, in steps of 5%, with at least `ratio` against every
    /// one of `backgrounds`.
    func shade(towards other: BrandColor, reaching ratio: Double, against backgrounds: [BrandColor]) -> BrandColor {
        for step in 0...20 {
            let shade = mixed(with: other, Double(step) / 20)
            if backgrounds.allSatisfy({ shade.contrast(with: $0) >= ratio }) { return shade }
        }
        return other
    }

    static let black = BrandColor(red: 0, green: 0, blue: 0)
    static let white = BrandColor(red: 255, green: 255, blue: 255)

    // MARK: - The built-in theme's colours (templates/static/style.css)

    /// The page's background, the default `background_color`.
    static let pageBackground = BrandColor(red: 0xfb, green: 0xfa, blue: 0xf7)
    /// The theme's own accent, the default `theme_color`.
    static let limberGreen = BrandColor(red: 0x0a, green: 0x6b, blue: 0x63)
    /// What the accent is read against in the light scheme, with what it is there.
    static let lightBackgrounds: [(color: BrandColor, name: String, use: String)] = [
        (pageBackground, "the page's background", "links need"),
        (BrandColor(red: 0xf1, green: 0xef, blue: 0xe9), "the footer's background", "links need"),
        (.white, "the white text of buttons", "button text needs"),
    ]
    /// The dark scheme's lightest background (`--surface-2`), which a dark-scheme accent must read on.
    static let darkSurface = BrandColor(red: 0x22, green: 0x2a, blue: 0x28)
    static let darkBackground = BrandColor(red: 0x12, green: 0x16, blue: 0x15)
}

/// WCAG AA for text.
let minimumTextContrast = 4.5

extension SiteSettings {
    /// The site's `theme_color`, else its `accent_color`, else the theme's green: the colour of the
    /// phone's bar around the page (`<meta name="theme-color">`) and of the installed app.
    var browserColor: BrandColor { themeColor ?? accentColor ?? .limberGreen }

    /// `background_color`, else the page's: what a phone shows while the installed site opens, and
    /// what the logo stands on in the icons that cannot be transparent.
    var splashColor: BrandColor { backgroundColor ?? .pageBackground }

    /// The name under the home-screen icon: `short_name`, else the title cut to whole words.
    var homeScreenName: String { shortName ?? Self.shortened(title) }

    /// `title` cut to its first whole words that fit in `limit` characters ("Dehnen mit Anna" is
    /// "Dehnen mit"), without a dangling `,` or `-`; a first word longer than that is cut.
    static func shortened(_ title: String, limit: Int = 12) -> String {
        guard title.count > limit else { return title }
        var kept = ""
        for word in title.split(whereSeparator: \.isWhitespace) {
            let longer = kept.isEmpty ? String(word) : kept + " " + word
            if longer.count > limit { break }
            kept = longer
        }
        while let last = kept.last, ",;:-–—&|·/".contains(last) || last.isWhitespace { kept.removeLast() }
        return kept.isEmpty ? String(title.prefix(limit)) : kept
    }

    /// The stylesheet's custom properties for a site's `accent_color`: the colour and a darker
    /// shade for hover in the light scheme, and a lighter shade that reads on the dark scheme's
    /// backgrounds. Nil without an accent, when the theme's own colours stand.
    var accentCSS: String? {
        guard let accent = accentColor else { return nil }
        let strong = accent.mixed(with: .black, 0.3)
        let soft = accent.mixed(with: .white, 0.88)
        let dark = accent.shade(
            towards: .white, reaching: minimumTextContrast, against: [BrandColor.darkSurface])
        let darkStrong = dark.mixed(with: .white, 0.4)
        let darkSoft = accent.mixed(with: BrandColor.darkBackground, 0.8)
        return ":root{--accent:\(accent.hex);--accent-strong:\(strong.hex);--accent-soft:\(soft.hex)}"
            + "@media (prefers-color-scheme: dark){:root{--accent:\(dark.hex);--accent-strong:\(darkStrong.hex);"
            + "--accent-soft:\(darkSoft.hex)}}"
    }
}

// MARK: - Reading site.yaml

extension Fields {
    /// `theme_color`, `accent_color` and `short_name`: the accent is checked to WCAG AA against the
    /// text and backgrounds the theme shows it with.
    mutating func readBrand(into settings: inout SiteSettings) {
        settings.themeColor = color("theme_color")
        settings.accentColor = color("accent_color")
        settings.backgroundColor = color("background_color")
        if let accent = settings.accentColor, let value = node("accent_color") {
            checkContrast(of: accent, at: location(of: value))
        }
        if let name = text("short_name") {
            settings.shortName = name
            if name.count > 12, let value = node("short_name") {
                diagnostics.append(
                    .warning(
                        at: location(of: value),
                        "short_name '\(name)' is \(name.count) characters long: phones cut it under the icon",
                        note: "keep it to 12 characters, like '\(SiteSettings.shortened(name))'"))
            }
        }
    }

    /// `logo`: an SVG or a picture Limber publishes, under `content/` and inside it. Its pixels are
    /// checked when the icons are made from it (`BrandIcons`).
    mutating func readLogo(into settings: inout SiteSettings, folder: SiteFolder) {
        guard let value = node("logo"), let source = text(of: value, name: "logo") else { return }
        guard PictureSettings.isSVG(source) || PictureSettings.isRaster(source) else {
            diagnostics.append(
                .error(
                    at: location(of: value), "the logo '\(source)' is not a picture",
                    note: "give an SVG, or a PNG, JPEG or WebP at least \(BrandIcons.minimumSide) pixels on its "
                        + "longer side, under content/, like 'images/logo.svg'"))
            return
        }
        guard let path = ContentLoader.picturePath(source, at: value, &self, folder: folder) else { return }
        settings.logo = Illustration(src: path, alt: settings.title, location: location(of: value))
    }

    /// A CSS hex colour; nil (with an error) when it is not one.
    mutating func color(_ name: String) -> BrandColor? {
        guard let value = node(name) else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain,
            ["", "~", "null"].contains(scalar.string.trimmingSpaces())
        {
            diagnostics.append(
                .error(
                    at: location(of: value), "'\(name)' is empty",
                    note: "in YAML a # starts a comment: quote the colour, as in \(name): \"#0a6b63\""))
            return nil
        }
        guard let text = text(of: value, name: name) else { return nil }
        guard let color = BrandColor(hex: text) else {
            diagnostics.append(
                .error(
                    at: location(of: value), "\(name) '\(text)' is not a colour",
                    note: "write it as a CSS hex colour in quotes, like \"#0a6b63\" or \"#0a6\""))
            return nil
        }
        return color
    }

    /// An error for the first place where the accent reads below WCAG AA, with a darker shade that
    /// passes everywhere.
    private mutating func checkContrast(of accent: BrandColor, at location: SourceLocation) {
        for background in BrandColor.lightBackgrounds {
            let ratio = accent.contrast(with: background.color)
            guard ratio < minimumTextContrast else { continue }
            let passing = accent.shade(
                towards: .black, reaching: minimumTextContrast,
                against: BrandColor.lightBackgrounds.map(\.color))
            diagnostics.append(
                .error(
                    at: location,
                    "accent_color '\(accent.hex)' has a contrast of \(Self.ratio(ratio)):1 against "
                        + "\(background.name) \(background.color.hex); \(background.use) at least 4.5:1",
                    note: "a darker shade such as \"\(passing.hex)\" reads well everywhere the theme uses it"))
            return
        }
    }

    /// A ratio as WCAG writes it, rounded down to one decimal so that a failing one never reads 4.5.
    static func ratio(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
