import CVipsShim
import Foundation

/// Every libvips call Limber makes: a decoded picture that frees itself, and the encoders. libvips
/// is safe to use from several threads at once.
final class VipsPicture {
    private let image: OpaquePointer

    private init(_ image: OpaquePointer) { self.image = image }

    deinit { limber_vips_unref(image) }

    /// A failed libvips call, with its message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Loads and starts libvips once, with as many threads per picture as there are cores: a
    /// build that encodes no picture never loads it.
    private static let started: Bool = {
        limber_vips_start(Int32(ProcessInfo.processInfo.activeProcessorCount)) == 0
    }()

    private static func lastError() -> Failure {
        guard let message = limber_vips_take_error() else { return Failure(description: "libvips failed") }
        defer { limber_vips_free(message) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return Failure(description: text.isEmpty ? "libvips failed" : text)
    }

    // MARK: - Reading

    /// What a file's header says, without decoding its pixels.
    struct Header {
        /// libvips's name for the reader that knows the file's bytes: `jpegload`, `pngload`, `webpload`,
        /// `heifload`…
        var loader: String
        /// As stored, before turning upright.
        var width: Int
        var height: Int
        /// The EXIF orientation, 1 when there is none.
        var orientation: Int
        var hasAlpha: Bool
        var bands = 3
        /// 1 for 8-bit bands, 2 for 16-bit.
        var bytesPerBand = 1
        /// An interlaced PNG or a progressive JPEG: decoded whole before it can be shrunk.
        var interlaced = false
        /// A JPEG's colour at half the width and height of its brightness (4:2:0).
        var chromaHalved = false
        /// An animation's frames (`height` is one frame's); 1 for a still picture.
        var frames = 1

        /// Animated GIFs stay animated: every frame is read.
        var isAnimation: Bool { frames > 1 }
        /// The bytes of every pixel of every frame, decoded.
        var decodedBytes: Int { width * height * frames * bands * bytesPerBand }

        /// The width and height once turned upright.
        var uprightSize: (width: Int, height: Int) { orientation >= 5 ? (height, width) : (width, height) }
    }

    /// The header of the file at `path`, or nil with libvips's words when no reader knows its bytes.
    static func header(_ path: String) -> Result<Header, Failure> {
        guard started else { return .failure(Failure(description: "libvips did not start")) }
        guard let loaderName = limber_vips_find_load(path) else { return .failure(lastError()) }
        var loader = String(cString: loaderName)
        // `VipsForeignLoadJpegFile` → `jpegload`, as libvips names its operations.
        if loader.hasPrefix("VipsForeignLoad") {
            loader = String(loader.dropFirst("VipsForeignLoad".count)).lowercased()
            for suffix in ["file", "source"] where loader.hasSuffix(suffix) { loader.removeLast(suffix.count) }
            loader += "load"
        }
        // libvips reads GIFs with libnsgif, and names the operation `gifload`.
        if loader == "nsgifload" { loader = "gifload" }
        guard let image = limber_vips_header(loader == "gifload" ? allFrames(path) : path) else {
            return .failure(lastError())
        }
        defer { limber_vips_unref(image) }
        let frames = max(1, Int(limber_vips_pages(image)))
        return .success(
            Header(
                loader: loader, width: Int(limber_vips_width(image)), height: Int(limber_vips_height(image)) / frames,
                orientation: Int(limber_vips_orientation(image)), hasAlpha: limber_vips_has_alpha(image) != 0,
                bands: Int(limber_vips_bands(image)), bytesPerBand: Int(limber_vips_bytes_per_band(image)),
                interlaced: limber_vips_interlaced(image) != 0, chromaHalved: limber_vips_chroma_halved(image) != 0,
                frames: frames))
    }

    /// The path with libvips's option to read every frame of an animation, not only the first.
    private static func allFrames(_ path: String) -> String { path + "[n=-1]" }

    /// The file decoded in full, upright, at most `width` pixels wide, in memory: the largest
    /// rendition, from which the smaller ones are made. Every frame of an animation.
    static func decode(_ path: String, width: Int, animation: Bool = false) throws(Failure) -> VipsPicture {
        guard started else { throw Failure(description: "libvips did not start") }
        var out: OpaquePointer?
        guard limber_vips_thumbnail(animation ? allFrames(path) : path, Int32(width), &out) == 0, let out else {
            throw lastError()
        }
        defer { limber_vips_unref(out) }
        // Decode now, once: every rendition and encoding reads these pixels.
        guard let memory = limber_vips_copy_memory(out) else { throw lastError() }
        defer { limber_vips_unref(memory) }
        var bare: OpaquePointer?
        guard limber_vips_without_metadata(memory, &bare) == 0, let bare else { throw lastError() }
        return VipsPicture(bare)
    }

    var width: Int { Int(limber_vips_width(image)) }
    /// One frame's height, for an animation.
    var height: Int { Int(limber_vips_frame_height(image)) }

    /// This picture at most `width` pixels wide.
    func shrunk(to width: Int) throws(Failure) -> VipsPicture {
        if width >= self.width { return self }
        var out: OpaquePointer?
        guard limber_vips_thumbnail_image(image, Int32(width), &out) == 0, let out else { throw Self.lastError() }
        return VipsPicture(out)
    }

    /// The file drawn to fit a `drawn`×`drawn` square (larger or smaller than it is; an SVG at
    /// that size), centred on a `size`×`size` square: transparent around it, or, with `background`
    /// (red, green and blue, 0 to 255), all of it on that colour with nothing transparent. Never
    /// stretched: a wide logo keeps its shape, with space above and below.
    static func icon(_ path: String, size: Int, drawn: Int, background: [Double]?) throws(Failure) -> VipsPicture {
        guard started else { throw Failure(description: "libvips did not start") }
        var fitted: OpaquePointer?
        guard limber_vips_thumbnail_box(path, Int32(drawn), &fitted) == 0, let fitted else { throw lastError() }
        defer { limber_vips_unref(fitted) }
        var square: OpaquePointer?
        let status =
            if let background {
                background.withUnsafeBufferPointer { limber_vips_square(fitted, Int32(size), $0.baseAddress, &square) }
            } else {
                limber_vips_square(fitted, Int32(size), nil, &square)
            }
        guard status == 0, let square else { throw lastError() }
        return VipsPicture(square)
    }

    // MARK: - Writing

    enum Format: String, Sendable, CaseIterable {
        case webp, jpeg, png, gif

        var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
        var mimeType: String { "image/" + rawValue }
    }

    /// The picture encoded without any metadata.
    func encoded(as format: Format, quality: Int) throws(Failure) -> [UInt8] {
        var bytes: UnsafeMutableRawPointer?
        var length = 0
        let status =
            switch format {
            case .jpeg: limber_vips_jpeg(image, Int32(quality), &bytes, &length)
            case .webp: limber_vips_webp(image, Int32(quality), &bytes, &length)
            case .png: limber_vips_png(image, &bytes, &length)
            case .gif: limber_vips_gif(image, &bytes, &length)
            }
        guard status == 0, let bytes else { throw Self.lastError() }
        defer { limber_vips_free(bytes) }
        let encoded = Array(UnsafeRawBufferPointer(start: bytes, count: length))
        return format == .webp ? WebPFile.withoutMetadata(encoded) : encoded
    }
}
