import Foundation

/// `limber init` and `limber new`: files a person would otherwise copy by hand.
public enum Scaffold {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Creates a new site in `folder`: `content/` with one stretch and one routine, `templates/`
    /// copied from the built-in theme, a `.gitignore` for what builds write, and with `ci` the
    /// forge's CI file that publishes the site on its Pages. Returns the files written.
    @discardableResult
    public static func initSite(
        at folder: String, title: String? = nil, ci: PagesWorkflow.Forge? = nil
    ) throws -> [String] {
        let fileManager = FileManager.default
        if let existing = try? fileManager.contentsOfDirectory(atPath: folder),
            !existing.filter({ !$0.hasPrefix(".") }).isEmpty
        {
            throw Failure(description: "\(folder) is not empty: give a new folder's name")
        }
        let name = title ?? (URL(fileURLWithPath: folder).lastPathComponent.capitalized)
        var files: [String: [UInt8]] = [
            // The built site and what Limber keeps between builds are made again from the rest.
            ".gitignore": Array("/public/\n/.limber/\n".utf8),
            "content/site.yaml": Array(siteYAML(title: name).utf8),
            "content/\(ContentKind.stretches.folder)/standing-quad-stretch.md": Array(
                stretch(title: "Standing Quad Stretch", example: true).utf8),
            "content/\(ContentKind.routines.folder)/first-routine.md": Array(
                routine(title: "First Routine", steps: ["standing-quad-stretch"], example: true).utf8),
        ]
        for (path, bytes) in BuiltInTheme.files { files["templates/" + path] = bytes }
        if let ci { files[ci.path] = Array(PagesWorkflow.file(for: ci).utf8) }
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            try write(bytes, to: folder + "/" + path)
        }
        return files.keys.sorted()
    }

    /// Writes `content/stretches/<slug>.md` with every field, the optional ones commented out. The
    /// slug is made from the title unless `slug` gives it.
    public static func newStretch(title: String, slug: String? = nil, site: String) throws -> String {
        try requireSite(site)
        let path = try file(of: .stretches, title: title, slug: slug, site: site)
        try create(site + "/" + path, stretch(title: title, example: false))
        return path
    }

    /// Writes `content/routines/<slug>.md`, its steps taken from the site's first stretches.
    public static func newRoutine(title: String, slug: String? = nil, site: String) throws -> String {
        try requireSite(site)
        let stretches = Array(slugs(of: .stretches, in: site).prefix(2))
        guard !stretches.isEmpty else {
            throw Failure(description: "a routine needs stretches: add one first with 'limber new stretch \"Name\"'")
        }
        let path = try file(of: .routines, title: title, slug: slug, site: site)
        try create(site + "/" + path, routine(title: title, steps: stretches, example: false))
        return path
    }

    /// Writes `content/articles/<slug>.md`, dated `date` (`YYYY-MM-DD`), as a draft: `limber serve`
    /// shows it, `limber build` leaves it out until `draft: true` is taken out.
    public static func newArticle(title: String, slug: String? = nil, site: String, date: String) throws -> String {
        try requireSite(site)
        let path = try file(of: .articles, title: title, slug: slug, site: site)
        let stretch = slugs(of: .stretches, in: site).first
        try create(site + "/" + path, article(title: title, date: date, stretch: stretch, language: language(of: site)))
        return path
    }

    /// Writes `content/pages/<slug>.md`; fails for a slug the site's own pages use.
    public static func newPage(title: String, slug given: String? = nil, site: String) throws -> String {
        try requireSite(site)
        let slug = try slugOrFail(title, slug: given, what: ContentKind.pages.noun, language: language(of: site))
        guard !TopLevel.reserved().contains(slug) else {
            throw Failure(
                description: "'\(slug)' is taken by the site's own pages: give the page another title, or --slug")
        }
        let path = "content/\(ContentKind.pages.folder)/\(slug).md"
        try create(site + "/" + path, page(title: title, language: language(of: site)))
        return path
    }

    // MARK: - Files

    /// `content/<folder>/<slug>.md` for a new file of `kind`, its slug made from the title unless given.
    static func file(of kind: ContentKind, title: String, slug: String?, site: String) throws -> String {
        "content/\(kind.folder)/\(try slugOrFail(title, slug: slug, what: kind.noun, language: language(of: site))).md"
    }

    /// The site's `language` from `site.yaml`, which new files' names are made in: read on its
    /// own, so that a mistake elsewhere in the file does not change them; English without it.
    static func language(of site: String) -> String {
        guard case .success(let text) = SiteFolder(root: site).readText("content/site.yaml"),
            var fields = Fields.parse(yaml: text, path: "content/site.yaml", lineOffset: 0).0
        else { return "en" }
        return fields.text("language") ?? "en"
    }

    /// The slugs of the files of `kind` in the site, by file name, in name order.
    static func slugs(of kind: ContentKind, in site: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site + "/content/" + kind.folder)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { String($0.dropLast(3)) }
    }

    /// `new` writes only into a site: a folder with `content/site.yaml`, as `init` makes it.
    static func requireSite(_ site: String) throws {
        guard FileManager.default.fileExists(atPath: site + "/content/site.yaml") else {
            let missing = FileManager.default.fileExists(atPath: site + "/content") ? "content/site.yaml" : "content/"
            let name = site == "." ? "this folder" : "'\(site)'"
            throw Failure(
                description:
                    "\(name) is not a Limber site (it has no \(missing)), so nothing was written: "
                    + "start one with 'limber init FOLDER', or give the site's folder with --site FOLDER")
        }
    }

    static func slugOrFail(_ title: String, slug given: String?, what: String, language: String) throws -> String {
        if let given {
            guard ContentLoader.isValidSlug(given) else {
                let suggestion = LimberKit.slug(for: given, language: language)
                throw Failure(
                    description: "the slug '\(given)' may use only a-z, 0-9 and '-'"
                        + (suggestion.isEmpty ? "" : ": did you mean '\(suggestion)'?"))
            }
            return given
        }
        let slug = LimberKit.slug(for: title, language: language)
        guard !slug.isEmpty else {
            throw Failure(
                description:
                    "'\(title)' has no letters or digits to make the \(what)'s address from: give it with --slug, "
                    + "like 'limber new \(what) \"\(title)\" --slug my-\(what)'")
        }
        return slug
    }

    // MARK: - Placeholders

    /// Sentences `new` writes for the author to replace, which a check points out while they are there.
    static let placeholderLines = [
        "Describe the stretch here in Markdown.",
        "1. Write the first step here.",
        "2. Write the next step here.",
        "A few words about the routine, in Markdown.",
    ]

    static let placeholderRoutineSummary = "A short routine to follow at home."

    /// Whether a summary is the one `new` wrote.
    static func isPlaceholderSummary(_ summary: String) -> Bool {
        (summary.hasPrefix("What ") && summary.hasSuffix(" does, in one sentence."))
            || summary == placeholderRoutineSummary
    }

    static func create(_ path: String, _ text: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) already exists: nothing was written")
        }
        try write(Array(text.utf8), to: path)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: PathComponents.folder(of: path), withIntermediateDirectories: true)
        try StagedOutput.writeFile(path, bytes)
    }

    static func yamlString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func siteYAML(title: String) -> String {
        """
        # The site's name, shown on every page and sheet.
        title: \(yamlString(title))
        # Where the site will be published. Used only for canonical links, the sitemap, the feed and
        # QR codes: every link inside the site is relative.
        base_url: https://example.org/
        # The language of the content, for browsers and screen readers.
        language: en
        # One sentence about the site, for search engines and the footer.
        description: Stretches and routines to print and follow at home.
        # Paper for printed routine sheets: A4 or Letter.
        paper: A4
        # How long one rep counts for in a routine's total time, in seconds.
        rep_seconds: 3
        # How long one slow breath counts for (in doses like '5 breaths'), in seconds.
        breath_seconds: 5
        # How many days the tick-off grid on a sheet has.
        tracking_days: 7
        # How many stretches of each kind the home page shows before "All … stretches".
        # index_cards: 24
        # How many stretches a list page shows before it goes on at page/2/, page/3/ and so on.
        # per_page: 48
        # How pages write a day: d MMMM yyyy is 20 May 2025.
        # date_format: d MMMM yyyy

        """
    }

    static func stretch(title: String, example: Bool) -> String {
        let summary =
            example
            ? "Stand tall, bend one knee and hold the foot behind you to stretch the front of the thigh."
            : "What \(title) does, in one sentence."
        return """
            ---
            # The stretch's name, on its page and on sheets.
            title: \(yamlString(title))
            # One sentence: what it does and why.
            summary: \(yamlString(summary))
            # foam-rolling, dynamic, static or isometric.
            kind: static
            # beginner, intermediate or advanced: how much flexibility it asks for.
            level: beginner
            # The muscles or areas it stretches: at least one.
            targets: [quadriceps, hip flexors]
            # How much to do: '30 s each leg', '3 x 30 s', '5 reps each side', '2 min'.
            dose: 30 s each leg
            # What you need, if anything.
            # equipment: [wall]
            # One to three short lines for printed sheets.
            # cues:
            #   - Knees together
            #   - Tuck the pelvis under
            # Warnings, shown in a box on the page and the sheet.
            # cautions:
            #   - Hold a wall if your balance is unsteady.
            # A picture under content/, with a description for people who cannot see it.
            # image:
            #   src: images/standing-quad-stretch.svg
            #   alt: A person standing on one leg, holding the other foot behind them.
            # A video of the stretch (https only); YouTube and Vimeo play in the page.
            # video: https://example.org/videos/standing-quad-stretch
            # A picture under content/ for the video's play button.
            # video_poster: images/standing-quad-stretch-video.jpg
            # Other stretches to suggest, by their file names without .md.
            # related: [another-stretch]
            # When it was published (for the feed and sitemap).
            # date: 2026-01-31
            # The page's address; the file name is used when this is left out.
            # slug: standing-quad-stretch
            ---
            \(example ? exampleBody : newBody)
            """
    }

    static let exampleBody = """
        Stretches the front of the thigh (the quadriceps) and the hip flexors, standing, with a wall
        for balance.

        ## How to do it

        1. Stand tall beside a wall.
        2. Bend one knee and hold that foot behind you.
        3. Hold, breathing slowly, then change legs.

        """

    static let newBody = """
        \(placeholderLines[0])

        ## How to do it

        \(placeholderLines[1])
        \(placeholderLines[2])

        """

    static func routine(title: String, steps: [String], example: Bool) -> String {
        let stepLines = steps.enumerated().map { index, slug in
            index == 0
                ? "  - stretch: \(slug)\n    # Overrides the stretch's own dose in this routine.\n    dose: 30 s each leg\n    note: Start gently."
                : "  - \(slug)"
        }.joined(separator: "\n")
        return """
            ---
            # The routine's name, on its page and sheet.
            title: \(yamlString(title))
            # One sentence: who it is for and what it does.
            summary: \(yamlString(example ? "One stretch for the front of the thighs, to follow at home." : placeholderRoutineSummary))
            # The stretches in order, by their file names without .md. A step can also give its own
            # dose and a note. A dose may be '30 s each leg', '10 x 5 s hold', '3 x 30 s, rest 15 s',
            # '30-60 s', '5 deep breaths', or in words: '{text: until relaxed}' (see docs/content.md).
            # The sheet fits 8 steps on one page.
            steps:
            \(stepLines)
            # How often: daily, twice daily, 3 times a week, 3-4 times a week, every other day, once a
            # week, or in your own words (after every run).
            # frequency: 3 times a week
            # What to do before you start.
            warmup: Walk briskly or march on the spot for three minutes first.
            # Warnings for the whole routine; the sheet prints each stretch's own under its step.
            cautions:
              - Stop if you feel sharp pain.
            # A video of the whole routine (https only); YouTube and Vimeo play in the page.
            # video: https://example.org/videos/routine
            # A picture under content/ for the video's play button.
            # video_poster: images/routine-video.jpg
            # When it was published (for the feed and sitemap).
            # date: 2026-01-31
            ---
            \(example ? "Do it after a walk, when the muscles are warm." : placeholderLines[3])

            """
    }

    /// An article that shows `stretch`, when the site has one, as an example of an embed.
    static func article(title: String, date: String, stretch: String?, language: String) -> String {
        let embed =
            stretch.map {
                """

                ## Show a stretch

                A fenced block with a stretch's file name shows it in full (picture, dose, cues,
                cautions); write `stretch card` for its card, or `routine` and a routine's file name for
                a routine:

                ```stretch
                \($0)
                ```

                """
            } ?? ""
        return """
            ---
            # The article's headline.
            title: \(yamlString(title))
            # One sentence: what the reader will learn. Shown in lists, the feed and search results.
            summary: \(yamlString("What \(title) is about, in one sentence."))
            # The day it is published (YYYY-MM-DD): the newest articles come first.
            date: \(date)
            # The day it last changed in substance.
            # updated: \(date)
            # Who wrote it.
            # author: Your Name
            # Each tag gets a page listing its articles.
            # tags: [hips, beginners]
            # A picture under the title, under content/, with a description.
            # image:
            #   src: images/article.svg
            #   alt: What the picture shows.
            # Shown by 'limber serve' only; take this line out to publish the article.
            draft: true
            # The article's address; the file name is used when this is left out.
            # slug: \(LimberKit.slug(for: title, language: language))
            ---
            Write the article here in Markdown.
            \(embed)
            """
    }

    static func page(title: String, language: String) -> String {
        """
        ---
        # The page's title.
        title: \(yamlString(title))
        # One sentence about the page, for search engines.
        # summary: Who we are and how to reach us.
        # Its place in the site's navigation (smallest first); left out of it without this.
        # menu: 1
        # A link to it at the foot of every page.
        # footer: true
        # The page's address; the file name is used when this is left out.
        # slug: \(LimberKit.slug(for: title, language: language))
        ---
        Write the page here in Markdown.

        """
    }
}
