import Foundation

/// Photos as a phone stores them, made with the `vips` command and tagged with `exiftool` (both
/// installed by `scripts/setup.sh test`): stored sideways, landscape, red on the left half and blue
/// on the right, with EXIF orientation 6, so that upright they are portrait with red above blue;
/// with a GPS position, the camera's make and model and the date the photo was taken.
enum TestPhoto {
    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Writes one photo to each of `paths` (JPEG, PNG, WebP or HEIC by extension), each a little
    /// different, `width`×`height` pixels as stored.
    static func make(_ paths: [String], width: Int = 1600, height: Int = 1200, tag: Bool = true) throws {
        let work = TestSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let half = width / 2
        try vips("gaussnoise", work + "/noise.v", "\(half)", "\(height)", "--mean", "128", "--sigma", "30")
        try vips("bandjoin", "\(work)/noise.v \(work)/noise.v \(work)/noise.v", work + "/grey.v")
        try vips("linear", work + "/grey.v", work + "/red.v", "1 0.3 0.3", "90 0 0")
        try vips("linear", work + "/grey.v", work + "/blue.v", "0.3 0.3 1", "0 0 90")
        try vips("join", work + "/red.v", work + "/blue.v", work + "/both.v", "horizontal")
        for (number, path) in paths.enumerated() {
            try vips("linear", work + "/both.v", work + "/this.v", "1", "\(number % 20)")
            try vips("cast", work + "/this.v", work + "/this-8.v", "uchar")
            try vips("copy", work + "/this-8.v", path)
        }
        guard tag else { return }
        _ = try Tool.run(
            "exiftool",
            [
                "-q", "-overwrite_original", "-Orientation#=6", "-GPSLatitude=48.8566", "-GPSLatitudeRef=N",
                "-GPSLongitude=2.3522", "-GPSLongitudeRef=E", "-Make=Examplephone", "-Model=Example 12 Pro",
                "-DateTimeOriginal=2026:03:04 05:06:07",
            ] + paths)
        for path in paths where !(try Tool.run("exiftool", ["-s3", "-GPSLatitude", path])).contains("48") {
            throw Failed(description: "exiftool did not tag \(path)")
        }
    }

    /// An animated GIF of `frames` frames, 200×100 pixels, each a different grey, carrying a comment
    /// and XMP (a creator and a place) as an editor may leave them.
    static func animatedGIF(_ path: String, frames: Int = 3) throws {
        let work = TestSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try vips("black", work + "/black.v", "200", "100", "--bands", "3")
        try vips("linear", work + "/black.v", work + "/strip.v", "1", "40")
        for frame in 1..<frames {
            try vips("linear", work + "/black.v", work + "/frame.v", "1", "\(40 + frame * 60)")
            try vips("join", work + "/strip.v", work + "/frame.v", work + "/joined.v", "vertical")
            try FileManager.default.removeItem(atPath: work + "/strip.v")
            try FileManager.default.moveItem(atPath: work + "/joined.v", toPath: work + "/strip.v")
        }
        try vips("cast", work + "/strip.v", work + "/strip-8.v", "uchar")
        try vips("gifsave", work + "/strip-8.v", path, "--page-height", "100")
        _ = try Tool.run(
            "exiftool",
            [
                "-q", "-overwrite_original", "-Comment=Taken at 12 Rue Example", "-XMP:Creator=Ann Example",
                "-XMP:Location=Paris", path,
            ])
        guard try metadataTags(path).count >= 3 else { throw Failed(description: "exiftool did not tag \(path)") }
    }

    /// The comment, XMP and EXIF tags `exiftool` finds in a file, as `group:tag`.
    static func metadataTags(_ path: String) throws -> [String] {
        try Tool.run("exiftool", ["-s", "-a", "-G1", "-Comment", "-XMP:all", "-EXIF:all", path])
            .split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }.filter { !$0.isEmpty }
    }

    /// The number of frames of a GIF or WebP, as `vipsheader` counts them.
    static func frames(_ path: String) throws -> Int {
        let text = try Tool.run("vipsheader", ["-f", "n-pages", path])
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1
    }

    /// A PNG of one flat colour (black, transparent), written directly: `width`×`height` pixels of
    /// `bands` bands of `bits` bits, Adam7-interlaced. Its zeros compress about 1000 to 1: a
    /// 9990×9990 16-bit RGBA one is 0.8 MB on disk and 800 MB decoded.
    static func flatInterlacedPNG(_ path: String, width: Int, height: Int, bands: Int = 4, bits: Int = 16) throws {
        let script = """
            import struct, sys, zlib
            path, width, height, bands, bits = sys.argv[1], *map(int, sys.argv[2:6])
            def chunk(kind, data):
                return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
            size = 0
            for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
                columns, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
                if columns and rows: size += rows * (1 + columns * bands * bits // 8)
            deflate, zeros, idat = zlib.compressobj(9), bytes(1 << 20), b""
            while size > 0:
                idat += deflate.compress(zeros[: min(size, len(zeros))]); size -= len(zeros)
            idat += deflate.flush()
            header = struct.pack(">IIBBBBB", width, height, bits, {1: 0, 2: 4, 3: 2, 4: 6}[bands], 0, 0, 1)
            with open(path, "wb") as out:
                out.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
            """
        _ = try Tool.run("python3", ["-c", script, path, "\(width)", "\(height)", "\(bands)", "\(bits)"])
        guard try size(path) == (width, height) else { throw Failed(description: "python3 did not write \(path)") }
    }

    static func vips(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/vips")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/vips") else {
            throw Failed(description: "vips is not installed: run `scripts/setup.sh test`")
        }
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "vips \(arguments.joined(separator: " ")) failed")
        }
    }

    /// Every tag `exiftool` finds in each file below `folder` that tells where, with what or when a
    /// photo was taken, as `file: group:tag`.
    static func revealingTags(below folder: String) throws -> [String] {
        let json = try Tool.run("exiftool", ["-r", "-j", "-a", "-G1", "-ext", "*", folder])
        guard let files = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
            throw Failed(description: "exiftool printed no JSON for \(folder)")
        }
        var found: [String] = []
        for file in files {
            let name = file["SourceFile"] as? String ?? "?"
            for key in file.keys {
                let tag = key.split(separator: ":").last.map(String.init) ?? key
                let revealing =
                    key.contains("GPS") || tag == "Make" || tag == "Model" || tag.hasSuffix("Serial")
                    || tag.hasSuffix("SerialNumber")
                    || (tag.contains("Date") && !key.hasPrefix("System:"))
                if revealing { found.append("\(name): \(key)") }
            }
        }
        return found.sorted()
    }

    /// Width and height of a picture file, read by `vipsheader`.
    static func size(_ path: String) throws -> (width: Int, height: Int) {
        let text = try Tool.run("vipsheader", [path])
        // `file.jpg: 480x640 uchar, 3 bands, srgb, jpegload`
        let field = text.split(separator: " ").first { $0.contains("x") && $0.first!.isNumber } ?? ""
        let numbers = field.split(separator: "x").compactMap { Int($0) }
        guard numbers.count == 2 else { throw Failed(description: "vipsheader could not read \(path): \(text)") }
        return (numbers[0], numbers[1])
    }

    /// The colour down the middle of a screenshot, top to bottom, in rows of about ten pixels:
    /// `r` where it is red, `b` where blue, `.` elsewhere.
    static func middleColumn(of screenshot: String) throws -> String {
        let work = TestSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        try vips("resize", screenshot, work + "/small.v", "0.1")
        var bands: [[[Int]]] = []
        for band in [0, 2] {
            try vips("extract_band", work + "/small.v", work + "/band.v", "\(band)")
            try vips("csvsave", work + "/band.v", work + "/band.csv")
            let text = TestSite.read(work + "/band.csv")
            bands.append(
                text.split(separator: "\n").map {
                    $0.split(whereSeparator: { $0 == "\t" || $0 == " " }).compactMap { Int($0) }
                })
        }
        let (red, blue) = (bands[0], bands[1])
        return String(
            red.indices.map { row -> Character in
                let middle = red[row].count / 2
                guard middle < red[row].count, middle < blue[row].count else { return "." }
                let (r, b) = (red[row][middle], blue[row][middle])
                return r > 150 && b < 110 ? "r" : b > 150 && r < 110 ? "b" : "."
            })
    }
}
