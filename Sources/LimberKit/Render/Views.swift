import Foundation
import Mustache

/// Builds the data each template sees (documented in docs/templates.md). Every link is relative
/// to the page, and ends in `index.html` so the site works from disk as well as from a server.
struct ViewBuilder: Sendable {
    let guide: Guide
    /// The theme's static files and where each is written (see `Theme.outputNames`).
    let assets: [String: String]
    /// Each of `assets` by the name templates use for it (`style_css`), worked out once.
    private let namedAssets: [(key: String, output: String)]
    let buildDate: String
    /// Whether the build prints sheets to PDF, so pages can link to them.
    var withPDFs = false

    /// Whether the guide has a feed (`feed.xml`), so pages can link to it.
    var hasFeed = false

    /// Renders a card's fields with the theme's `card` partial, for a card's `html`.
    let renderCard: @Sendable ([String: Any]) -> String
    /// Where a page stands when its cards can be rendered ahead: stretch and list pages are two
    /// folders deep. The index shows only a few cards of each kind, rendered as it needs them.
    static let cardRoot = "../../"
    /// Each stretch's card rendered for pages at `cardRoot`, by stretch index, when rendered
    /// ahead: a stretch is shown on several lists and pages, and rendered for them only once.
    var renderedCards: [String]?

    /// The data for `theme`'s templates, whose `card` partial renders each card's `html`.
    init(guide: Guide, theme: Theme, buildDate: String, withPDFs: Bool) {
        self.guide = guide
        self.assets = theme.outputNames
        self.buildDate = buildDate
        self.withPDFs = withPDFs
        self.renderCard = { theme.render("card", $0) }
        self.namedAssets = theme.outputNames.map { (assetKey($0.key), $0.value) }
    }

    /// A stretch's card as pages at `cardRoot` show it.
    func renderCard(_ stretch: Stretch) -> String { renderCard(cardFields(stretch, root: Self.cardRoot)) }

    /// Every stretch's card for pages at `cardRoot`, on every core.
    func renderCards() -> [String] { ParallelMap.map(guide.stretches) { renderCard($0) } }

    func view(for page: Page) -> [String: Any] {
        // 404.html is served at any depth, so its links start at the host's root.
        let root = page.content == .notFound ? basePath : page.root
        var view: [String: Any] = [
            "site": [
                "title": guide.settings.title, "description": guide.settings.description,
                "language": guide.settings.language, "base_url": guide.settings.baseURL,
                "paper": guide.settings.paper.rawValue,
            ],
            "root": root,
            "home_url": root + "index.html",
            "assets": Dictionary(
                uniqueKeysWithValues: namedAssets.map { ($0.key, root + $0.output) }),
            "build_date": buildDate,
        ]
        var title = guide.settings.title
        var description = guide.settings.description
        var socialImage: Illustration?
        var structured: String?
        switch page.content {
        case .index:
            view["routines"] = guide.routines.map { routineSummary($0, root: root) }
            view["kinds"] = Kind.allCases.compactMap { kind -> [String: Any]? in
                let members = guide.stretches.indices.filter { guide.stretches[$0].kind == kind }
                guard !members.isEmpty else { return nil }
                // A few of each kind; the kind's own list has them all.
                return [
                    "label": kind.label, "slug": kind.rawValue,
                    "url": root + "kinds/\(kind.rawValue)/index.html",
                    "stretches": members.prefix(guide.settings.indexCards).map { card($0, root: root) },
                    "count": members.count, "more": members.count > guide.settings.indexCards,
                ]
            }
        case .notFound:
            title = "Page not found · \(guide.settings.title)"
            view["routines"] = guide.routines.map { routineSummary($0, root: root) }
        case .stretch(let index):
            let stretch = guide.stretches[index]
            title = "\(stretch.title) · \(guide.settings.title)"
            description = stretch.summary
            view["stretch"] = stretchView(stretch, root: root)
            socialImage = stretch.image
            structured = StructuredData.howTo(stretch, guide: guide)
        case .routine(let index), .sheet(let index):
            let routine = guide.routines[index]
            let isSheet = page.template == "sheet"
            title = (isSheet ? "\(routine.title) (printable sheet)" : routine.title) + " · \(guide.settings.title)"
            description = routine.summary
            socialImage = routine.steps.lazy.compactMap { guide.stretch($0.stretch.slug).image }.first
            structured = StructuredData.exercisePlan(routine, guide: guide)
            var routineView = routineView(routine, root: root)
            if isSheet {
                routineView["css_title"] = cssString("\(routine.title) · \(guide.settings.title)")
                let online = guide.settings.baseURL + Paths.routine(routine.slug)
                routineView["qr_svg"] = try? QRCode(encoding: online).svg(title: "QR code: \(online)")
                if let video = routine.video {
                    routineView["video_qr_svg"] = try? QRCode(encoding: video).svg(title: "QR code: \(video)")
                }
            }
            view["routine"] = routineView
            view["tracking_days"] = (1...guide.settings.trackingDays).map { ["number": $0] }
        case .group(let index):
            let group = guide.groups[index]
            let name = group.group == .kinds ? Kind(rawValue: group.name)!.label : group.name
            let heading =
                switch group.group {
                case .targets: "Stretches for the \(group.name)"
                case .kinds: "\(name) stretches"
                case .equipment: "Stretches with a \(group.name)"
                }
            title = "\(heading) · \(guide.settings.title)"
            description = "\(heading): \(group.members.count) in \(guide.settings.title)."
            view["list"] = [
                "title": name.prefix(1).uppercased() + name.dropFirst(), "heading": heading,
                "group": group.group.rawValue,
                "stretches": group.members.map { card($0, root: root) },
            ]
        }
        let canonical = guide.settings.baseURL + page.folder
        var pageView: [String: Any] = [
            "title": title, "description": description, "canonical": canonical, "kind": page.template,
            "og_type": [.index, .notFound].contains(page.content) ? "website" : "article",
            "twitter_card": socialImage == nil ? "summary" : "summary_large_image",
            "share_mailto": "mailto:?subject=\(percentEncoded(title))&body=\(percentEncoded(canonical))",
        ]
        pageView["image"] = socialImage.map { guide.settings.baseURL + $0.src }
        pageView["image_alt"] = socialImage?.alt
        pageView["json_ld"] = structured
        view["page"] = pageView
        if hasFeed { view["feed_url"] = root + "feed.xml" }
        return view
    }

    /// The path part of `base_url`: `/` or `/some/sub/path/`.
    var basePath: String {
        let path = URL(string: guide.settings.baseURL)?.path ?? "/"
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// Every byte but ASCII letters, digits and `-._~` as `%XX`.
    private func percentEncoded(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count * 2)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }

    // MARK: - Pieces

    private func link(_ folder: String, root: String) -> String { root + folder + "index.html" }

    private func named(_ names: [String], group: StretchGroup.Group, root: String) -> [[String: Any]] {
        names.map { ["name": $0, "url": link("\(group.rawValue)/\(slug(for: $0))/", root: root)] }
    }

    private func kindView(_ kind: Kind, root: String) -> [String: Any] {
        ["label": kind.label, "url": link("kinds/\(kind.rawValue)/", root: root)]
    }

    private func image(_ illustration: Illustration?, root: String) -> [String: Any]? {
        illustration.map { image in
            var view: [String: Any] = ["url": root + image.src, "alt": image.alt]
            view["width"] = image.width
            view["height"] = image.height
            return view
        }
    }

    /// A stretch's card: its fields for `{{> card}}`, and `html`, the card already rendered.
    func card(_ index: Int, root: String) -> CardView {
        let stretch = guide.stretches[index]
        let html = root == Self.cardRoot ? renderedCards?[index] : nil
        return CardView(fields: { cardFields(stretch, root: root) }, html: html, render: renderCard)
    }

    func cardFields(_ stretch: Stretch, root: String) -> [String: Any] {
        [
            "title": stretch.title, "summary": stretch.summary, "url": link(Paths.stretch(stretch.slug), root: root),
            "kind": kindView(stretch.kind, root: root), "level": stretch.level.rawValue,
            "level_label": stretch.level.label, "targets": named(stretch.targets, group: .targets, root: root),
            "dose": stretch.dose.display,
        ]
    }

    private func stretchView(_ stretch: Stretch, root: String) -> [String: Any] {
        var view = cardFields(stretch, root: root)
        let routines = (guide.routinesUsing[stretch.slug] ?? []).map { guide.routines[$0] }
        view["equipment"] = named(stretch.equipment, group: .equipment, root: root)
        view["body"] = stretch.body.html
        view["cues"] = stretch.cues
        view["cautions"] = stretch.cautions
        view["image"] = image(stretch.image, root: root)
        view["video"] = stretch.video
        view["related"] = stretch.related.map { card(guide.stretchIndex[$0.slug]!, root: root) }
        view["routines"] = routines.map { ["title": $0.title, "url": link(Paths.routine($0.slug), root: root)] }
        view["has_equipment"] = !stretch.equipment.isEmpty
        view["has_cues"] = !stretch.cues.isEmpty
        view["has_cautions"] = !stretch.cautions.isEmpty
        view["has_related"] = !stretch.related.isEmpty
        view["has_routines"] = !routines.isEmpty
        return view
    }

    private func routineSummary(_ routine: Routine, root: String) -> [String: Any] {
        [
            "title": routine.title, "summary": routine.summary, "url": link(Paths.routine(routine.slug), root: root),
            "sheet_url": link(Paths.sheet(routine.slug), root: root),
            "total_time": formatDuration(seconds: guide.totalSeconds(of: routine)), "step_count": routine.steps.count,
        ]
    }

    private func routineView(_ routine: Routine, root: String) -> [String: Any] {
        var view = routineSummary(routine, root: root)
        var allCautions = routine.cautions
        let steps: [[String: Any]] = routine.steps.enumerated().map { number, step in
            let stretch = guide.stretch(step.stretch.slug)
            for caution in stretch.cautions where !allCautions.contains(caution) { allCautions.append(caution) }
            var view: [String: Any] = [
                "number": number + 1, "title": stretch.title, "summary": stretch.summary,
                "url": link(Paths.stretch(stretch.slug), root: root), "dose": guide.dose(of: step).display,
                "cues": stretch.cues,
            ]
            view["note"] = step.note
            view["image"] = image(stretch.image, root: root)
            return view
        }
        view["warmup"] = routine.warmup
        view["steps"] = steps
        view["body"] = routine.body.html
        view["cautions"] = routine.cautions
        view["all_cautions"] = allCautions
        view["has_cautions"] = !routine.cautions.isEmpty
        view["has_all_cautions"] = !allCautions.isEmpty
        view["video"] = routine.video
        view["date"] = routine.date
        view["online_url"] = guide.settings.baseURL + Paths.routine(routine.slug)
        if withPDFs { view["pdf_url"] = root + Paths.sheetPDF(routine.slug) }
        return view
    }
}

/// One stretch in a list. Templates use `{{{html}}}`, the card rendered with `partials/card.mustache`,
/// or the card's fields themselves (`{{title}}`, `{{> card}}`). Neither is made until a template
/// asks for it: a list page of the default theme never builds the fields of a card rendered before.
final class CardView: MustacheParent {
    private let makeFields: () -> [String: Any]
    private let render: ([String: Any]) -> String
    private var madeFields: [String: Any]?
    private var madeHTML: String?

    init(fields: @escaping () -> [String: Any], html: String?, render: @escaping ([String: Any]) -> String) {
        self.makeFields = fields
        self.madeHTML = html
        self.render = render
    }

    var fields: [String: Any] {
        if let madeFields { return madeFields }
        var fields = makeFields()
        fields["html"] = html
        madeFields = fields
        return fields
    }

    var html: String {
        if let madeHTML { return madeHTML }
        var fields = madeFields ?? makeFields()
        fields["html"] = ""
        let html = render(fields)
        madeHTML = html
        return html
    }

    func child(named name: String) -> Any? { name == "html" ? ViewText(text: html) : fields[name].map(ViewText.wrap) }
}

/// Text made safe to stand inside a double-quoted CSS string in a `<style>` element.
func cssString(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "<": out += "\\3C "
        case ">": out += "\\3E "
        case "&": out += "\\26 "
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// `style_css` for `style.css`, `icons_logo_svg` for `icons/logo.svg`: a name templates can use.
func assetKey(_ file: String) -> String {
    String(file.map { $0 == "." || $0 == "/" || $0 == "-" ? "_" : $0 })
}
