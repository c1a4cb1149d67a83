/// A small guide that uses every field, so that the data each page can show is known without
/// reading anyone's content. Each content type puts its own part in (`ContentKind.sample`).
enum SampleGuide {
    static func make(kinds: [ContentKind] = ContentKind.builtIn) -> Guide {
        var settings = SiteSettings(title: "Sample", baseURL: "https://example.org/")
        // Lists of two pages, so that a list's page links are there to check.
        settings.perPage = 1
        settings.logo = Illustration(src: "images/sample.jpg", alt: "Sample")
        var content = LoadedContent(settings: settings, stretches: [], routines: [], assets: [])
        content.kinds = kinds
        for kind in kinds { kind.sample(&content) }
        let (guide, problems) = Guide.resolve(content)
        guard let guide else {
            preconditionFailure("the content types' samples make no guide (a type declared twice?): \(problems)")
        }
        return guide
    }

    static let at = SourceLocation(path: "sample", line: 1, column: 1)
    static let body = RenderedMarkdown(html: "<p>Body</p>")
    static let dose = Dose.hold(30, side: "leg")

    /// Two stretches, each related to the other.
    static func addStretches(to content: inout LoadedContent) {
        func stretch(_ slug: String, related: [String]) -> Stretch {
            Stretch(
                slug: slug, title: "Sample", summary: "A sample.", kind: .static, level: .beginner,
                targets: ["hips"], dose: dose, equipment: ["mat"], cues: ["Breathe"], cautions: ["Go gently."],
                image: Illustration(src: "images/sample.jpg", alt: "A sample.", width: 320, height: 200),
                video: "https://www.youtube.com/watch?v=sample-1",
                videoPoster: Illustration(src: "images/sample.jpg", alt: ""),
                related: related.map { Reference(slug: $0, location: at) }, date: "2000-01-01", body: body,
                sourcePath: "sample", slugLocation: at)
        }
        content.stretches += [stretch("one", related: ["two"]), stretch("two", related: ["one"])]
    }

    /// A routine of both stretches.
    static func addRoutines(to content: inout LoadedContent) {
        content.routines.append(
            Routine(
                slug: "routine", title: "Sample", summary: "A sample.",
                steps: [
                    Step(stretch: Reference(slug: "one", location: at), dose: dose, note: "A note."),
                    Step(stretch: Reference(slug: "two", location: at)),
                ],
                warmup: "Walk.", cautions: ["Go gently."], video: "https://www.youtube.com/watch?v=sample-1",
                date: "2000-01-01",
                body: body, sourcePath: "sample", slugLocation: at))
    }

    /// Two articles: with one a page, the list of articles has two pages and their links.
    static func addArticles(to content: inout LoadedContent) {
        let article = Article(
            slug: "article", title: "Sample", summary: "A sample.", date: "2000-01-01", updated: "2000-01-02",
            author: "A. Sample",
            image: Illustration(src: "images/sample.svg", alt: "A sample.", width: 320, height: 200),
            tags: ["sample"], body: body, sourcePath: "sample", slugLocation: at)
        var second = article
        second.slug = "second"
        second.date = "2000-01-03"
        content.articles += [article, second]
    }

    /// A page in the menu and the footer.
    static func addPlainPages(to content: inout LoadedContent) {
        content.plainPages.append(
            PlainPage(
                slug: "about", title: "About", summary: "A sample.", menu: 1, footer: true, body: body,
                sourcePath: "sample",
                slugLocation: at))
    }

    /// The sample's photo as published, so pages show every field of a picture.
    static let pictures: [String: PublishedPicture] = [
        "images/sample.jpg": PublishedPicture(
            source: "images/sample.jpg",
            webp: [Rendition(file: "images/sample.0-320.webp", width: 320, height: 200)],
            fallback: [Rendition(file: "images/sample.0-320.jpg", width: 320, height: 200)])
    ]
}
