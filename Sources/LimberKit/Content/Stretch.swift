/// How a stretch is done.
public enum Kind: String, Sendable, CaseIterable, Comparable {
    case foamRolling = "foam-rolling"
    case dynamic
    case `static`
    case isometric

    /// As shown on pages.
    public var label: String {
        switch self {
        case .foamRolling: "Foam rolling"
        case .dynamic: "Dynamic"
        case .static: "Static"
        case .isometric: "Isometric"
        }
    }

    /// Where the kind stands in lists: foam rolling first, isometric last.
    var order: Int {
        switch self {
        case .foamRolling: 0
        case .dynamic: 1
        case .static: 2
        case .isometric: 3
        }
    }

    public static func < (a: Kind, b: Kind) -> Bool { a.order < b.order }
}

/// How much flexibility a stretch asks for.
public enum Level: String, Sendable, CaseIterable, Comparable {
    case beginner
    case intermediate
    case advanced

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Easiest first.
    var order: Int {
        switch self {
        case .beginner: 0
        case .intermediate: 1
        case .advanced: 2
        }
    }

    public static func < (a: Level, b: Level) -> Bool { a.order < b.order }
}

/// A picture of the position, stored under `content/`.
public struct Illustration: Sendable, Hashable {
    /// Relative to `content/`, and so to the output folder.
    public var src: String
    public var alt: String
    /// For `width` and `height` on `<img>` when the picture is not among those the build
    /// publishes (the template check's sample). Loading leaves them out: a published picture's
    /// size is its renditions', worked out by the pictures stage.
    public var width: Int?
    public var height: Int?
    /// Where front matter names the file (`src:`), for errors about the picture itself.
    public var location: SourceLocation?
}

/// One stretch, as written in `content/stretches/<slug>.md`. Its fields (`Fields`) read and
/// change as its own: `stretch.title`. Read them in a closure (`map { $0.slug }`) rather than
/// through a key path (`map(\.slug)`): the compiler turns `stretch.slug` into a plain read, but
/// a key path through `subscript(dynamicMember:)` into calls to the runtime, for every stretch.
///
/// Its fields live in one shared box, copied only when a copy is changed: a build holds each
/// stretch in several lists and dictionaries at once and passes it around by value, and a copy
/// is then one reference, not one for each of its texts and lists.
@dynamicMemberLookup
public struct Stretch: Sendable {
    public struct Fields: Sendable {
        public var slug: String
        public var title: String
        public var summary: String
        public var kind: Kind
        public var level: Level
        public var targets: [String]
        public var dose: Dose
        public var equipment: [String]
        public var cues: [String]
        public var cautions: [String]
        public var image: Illustration?
        public var video: String?
        /// A picture under `content/` for the video's play button (`video_poster`).
        public var videoPoster: Illustration?
        public var related: [Reference]
        public var date: String?
        /// The Markdown body, rendered.
        public var body: RenderedMarkdown
        /// Where the file is, relative to the site folder.
        public var sourcePath: String
        /// Where the slug comes from: the `slug` field, or the file's start.
        public var slugLocation: SourceLocation
    }

    /// The fields, shared by every copy of the stretch until one of them is changed.
    ///
    /// > Warning: It is `@unchecked Sendable` because `fields` is written only through
    /// > `subscript(dynamicMember:)`'s setter, and only while the box is known to be uniquely
    /// > referenced: a box that more than one `Stretch` holds (and so maybe more than one thread)
    /// > is only ever read. Debug builds assert the box is unique before each write.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// One of the fields, read from the shared box; changing it changes this copy only.
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            assert(isKnownUniquelyReferenced(&box), "a stretch's shared fields written in place")
            box.fields[keyPath: field] = newValue
        }
    }

    init(
        slug: String, title: String, summary: String, kind: Kind, level: Level, targets: [String], dose: Dose,
        equipment: [String] = [], cues: [String] = [], cautions: [String] = [], image: Illustration? = nil,
        video: String? = nil, videoPoster: Illustration? = nil, related: [Reference] = [], date: String? = nil,
        body: RenderedMarkdown, sourcePath: String, slugLocation: SourceLocation
    ) {
        box = Box(
            Fields(
                slug: slug, title: title, summary: summary, kind: kind, level: level, targets: targets, dose: dose,
                equipment: equipment, cues: cues, cautions: cautions, image: image, video: video,
                videoPoster: videoPoster, related: related, date: date, body: body, sourcePath: sourcePath,
                slugLocation: slugLocation))
    }
}

/// One step of a routine: a stretch, with this routine's dose and note.
public struct Step: Sendable {
    public var stretch: Reference
    /// Overrides the stretch's own dose when set.
    public var dose: Dose?
    public var note: String?

    /// (Spelled out so that other targets of the package can make one.)
    package init(stretch: Reference, dose: Dose? = nil, note: String? = nil) {
        self.stretch = stretch
        self.dose = dose
        self.note = note
    }
}

/// A routine, as written in `content/routines/<slug>.md`.
public struct Routine: Sendable {
    public var slug: String
    public var title: String
    public var summary: String
    public var steps: [Step]
    /// How often to do it, when the routine says.
    public var frequency: Frequency?
    public var warmup: String?
    public var cautions: [String] = []
    public var video: String?
    /// A picture under `content/` for the video's play button (`video_poster`).
    public var videoPoster: Illustration?
    public var date: String?
    public var body: RenderedMarkdown
    public var sourcePath: String
    public var slugLocation: SourceLocation

    /// (Spelled out so that other targets of the package can make one.)
    package init(
        slug: String, title: String, summary: String, steps: [Step], frequency: Frequency? = nil,
        warmup: String? = nil, cautions: [String] = [], video: String? = nil, videoPoster: Illustration? = nil,
        date: String? = nil, body: RenderedMarkdown, sourcePath: String, slugLocation: SourceLocation
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.steps = steps
        self.frequency = frequency
        self.warmup = warmup
        self.cautions = cautions
        self.video = video
        self.videoPoster = videoPoster
        self.date = date
        self.body = body
        self.sourcePath = sourcePath
        self.slugLocation = slugLocation
    }
}

/// `content/site.yaml`.
public struct SiteSettings: Sendable {
    public enum Paper: String, Sendable, CaseIterable {
        case a4 = "A4"
        case letter = "Letter"

    }

    public var title: String
    /// Absolute, ending in `/`.
    public var baseURL: String
    public var language: String = "en"
    /// Every language of a guide in several (`languages: [en, de]`), the first being `language`;
    /// empty for a guide in one language.
    public var languages: [String] = []
    /// In a translation, its folder under the site's root (`de/`), which `baseURL` ends in; empty
    /// for the site's first language.
    public var languageFolder = ""
    /// The site's `title` and `description` in each language that gives its own (`languages:`
    /// written as a group).
    public var titles: [String: String] = [:]
    public var descriptions: [String: String] = [:]
    /// Where `site.yaml` names the language, for warnings about its words.
    public var languageLocation: SourceLocation?
    public var description: String = ""
    public var paper: Paper = .a4
    /// How long one rep counts for in a routine's total time.
    public var repSeconds: Int = 3
    /// How long one breath counts for, in doses like `5 breaths`.
    public var breathSeconds: Int = 5
    /// The player's countdown before the first step, in seconds.
    public var getReady: Int = 5
    /// The player's pause between sides and between steps (not between sets), in seconds.
    public var changeOver: Int = 5
    /// Columns in a sheet's tick-off grid.
    public var trackingDays: Int = 7
    /// How many stretches of each kind the index shows before it links to the kind's whole list.
    public var indexCards: Int = 24
    /// How many stretches a list page shows: longer lists go on at `page/2/`, `page/3/` and so on.
    public var perPage: Int = 48
    public var unsafeHTML: Bool = false
    /// Where `limber publish` sends the site, from the `publish:` group.
    public var publish = PublishSettings()
    /// How pages write a day, as a Unicode date pattern: `d MMMM yyyy` is `20 May 2025`. Without
    /// `date_format`, the language's own long date (`DateLabels.defaultFormat`).
    public var dateFormat: String = SiteSettings.englishDateFormat
    /// Every build prints the routine sheets to PDF, as `limber build --pdf` does.
    public var pdf: Bool = false
    /// `search`: `true` needs Pagefind to make the search index, `false` makes none; without it,
    /// a build makes one when Pagefind is on `PATH`.
    public var search: Bool?
    /// Where `search` is written, for the error when Pagefind is missing.
    var searchLocation: SourceLocation?
    /// The site's brand colours (`theme_color`, `accent_color`), when it sets them.
    var themeColor: BrandColor?
    var accentColor: BrandColor?
    /// `short_name`, for the home screen.
    public var shortName: String?
    /// The words doses are read and shown in: `language`'s (`templates/i18n/<language>.yaml`).
    public var doseWords: DoseWords = .english
    /// `background_color`: the manifest's, and what the opaque icons stand on.
    var backgroundColor: BrandColor?
    /// `logo`: a picture under `content/`, shown in the header and on sheets, and made into the icons.
    public var logo: Illustration?
}

extension SiteSettings {
    /// The way from this language's root to the site's, where the theme's files, the pictures and
    /// the first language's pages are: `../` in a translation.
    public var siteRoot: String { languageFolder.isEmpty ? "" : "../" }

    /// `base_url` of the whole site, whatever the language.
    public var siteURL: String { String(baseURL.dropLast(languageFolder.utf8.count)) }

    /// How an English site writes a day unless `date_format` says otherwise: `20 May 2025`.
    public static let englishDateFormat = "d MMMM yyyy"

    package init(title: String, baseURL: String) {
        self.title = title
        self.baseURL = baseURL
    }
}

/// `site.yaml`'s `publish:` group: where `limber publish` sends the site. Credentials never go
/// here: git, SSH and rclone read their own configuration.
public struct PublishSettings: Sendable, Equatable {
    /// `git:URL[#branch]`, `ssh:USER@HOST:PATH` or `rclone:REMOTE:PATH`.
    public var target: String?
    /// For a git target: the branch to publish to (default `gh-pages`).
    public var branch: String?
    /// The address the published site is read at, when it differs from `base_url`.
    public var baseURL: String?
    /// Where the group is written, for errors about it.
    public var location: SourceLocation?

    public init() {}
}
