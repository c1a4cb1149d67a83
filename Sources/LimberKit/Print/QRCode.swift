import CQREncode
import Foundation

/// Why a text could not become a QR code.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There was nothing to encode.
    case empty
    /// The text holds a NUL character, which libqrencode reads as the end of the string.
    case containsNUL
    /// The text does not fit in the largest QR code (version 40) at error correction level M.
    case tooLong(bytes: Int)
    /// libqrencode failed for another reason, with the `errno` it left.
    case encodingFailed(errno: Int32)

    public var description: String {
        switch self {
        case .empty: "cannot make a QR code of empty text"
        case .containsNUL: "cannot make a QR code of text that contains a NUL character"
        case .tooLong(let bytes): "text of \(bytes) bytes is too long for a QR code (at most 2,331)"
        case .encodingFailed(let code): "libqrencode could not encode the text (errno \(code))"
        }
    }
}

/// A QR code as a square of dark and light modules, drawn as inline SVG.
///
/// The one place that calls libqrencode: the C symbol is copied into Swift and freed at once, so a
/// `QRCode` is a plain value that any thread can hold.
public struct QRCode: Sendable {
    /// Modules per side, without the quiet zone.
    public let width: Int
    /// Row by row, `true` for a dark module.
    private let modules: [Bool]
    /// Names the SVG's `<title>`, stable for a given text so pages build the same every time.
    private let textHash: UInt32

    /// Light modules the QR specification asks for around the symbol, so scanners find its edges.
    static let quietZone = 4

    /// Encodes `text` as UTF-8 at error correction level M, in the smallest version that fits.
    public init(encoding text: String) throws {
        if text.isEmpty { throw QRCodeError.empty }
        if text.utf8.contains(0) { throw QRCodeError.containsNUL }
        // QR_MODE_8 lets libqrencode use numeric and alphanumeric runs where they are shorter and
        // 8-bit mode for the rest; case-sensitive, since URL paths are.
        errno = 0
        guard let symbol = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            let code = errno
            if code == ERANGE { throw QRCodeError.tooLong(bytes: text.utf8.count) }
            throw QRCodeError.encodingFailed(errno: code)
        }
        defer { QRcode_free(symbol) }

        let width = Int(symbol.pointee.width)
        // Bit 0 of each byte is the module's colour; the other bits say what kind of module it is.
        let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
        self.width = width
        self.modules = data.map { $0 & 1 == 1 }
        self.textHash = fnv1a(text)
    }

    /// Whether the module at column `x`, row `y` is dark; outside the symbol everything is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<width).contains(x), (0..<width).contains(y) else { return false }
        return modules[y * width + x]
    }

    // MARK: - SVG

    /// Inline SVG for an HTML page, sized by CSS through `svg.qr`, labelled by `title` for screen
    /// readers. Dark modules are one `<path>`, each horizontal run of them one subpath.
    public func svg(title: String) -> String {
        let side = width + 2 * Self.quietZone
        let hash = String(fnv1a(title, seed: textHash), radix: 16)
        let id = "qr-" + String(repeating: "0", count: 8 - hash.count) + hash
        // Written as bytes, the modules read in place: a sheet's code has a few hundred runs, and
        // string interpolation for each was most of the time a sheet's view took.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * width * 2 + 512)
        bytes.append(
            contentsOf: """
                <svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 \(side) \(side)" role="img" \
                aria-labelledby="\(id)"><title id="\(id)">\(escapeXML(title))</title>\
                <rect width="\(side)" height="\(side)" fill="#fff"/>\
                <path fill="#000" shape-rendering="crispEdges" d="
                """.utf8)
        // Each run is at most 20 bytes (`M180 180h177v1h-177z`), and a row has at most width / 2 + 1.
        let most = width * (width / 2 + 1) * 20
        let path = [UInt8](unsafeUninitializedCapacity: most) { buffer, count in
            var at = 0
            func put(_ number: Int) {
                if number >= 100 {
                    buffer[at] = 0x30 + UInt8(number / 100)
                    at += 1
                }
                if number >= 10 {
                    buffer[at] = 0x30 + UInt8(number / 10 % 10)
                    at += 1
                }
                buffer[at] = 0x30 + UInt8(number % 10)
                at += 1
            }
            func put(_ byte: Unicode.Scalar) {
                buffer[at] = UInt8(ascii: byte)
                at += 1
            }
            for y in 0..<width {
                let row = y * width
                var x = 0
                while x < width {
                    guard modules[row + x] else {
                        x += 1
                        continue
                    }
                    let start = x
                    while x < width, modules[row + x] { x += 1 }
                    put("M")
                    put(start + Self.quietZone)
                    put(" ")
                    put(y + Self.quietZone)
                    put("h")
                    put(x - start)
                    put("v")
                    put("1")
                    put("h")
                    put("-")
                    put(x - start)
                    put("z")
                }
            }
            count = at
        }
        bytes.append(contentsOf: path)
        bytes.append(contentsOf: "\"/></svg>".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: - Helpers

/// 32-bit FNV-1a over the UTF-8 of `text`, continuing from `seed`: short, stable across runs and
/// platforms, unlike `Hasher`.
private func fnv1a(_ text: String, seed: UInt32 = 0x811c_9dc5) -> UInt32 {
    var hash = seed
    for byte in text.utf8 {
        hash ^= UInt32(byte)
        hash &*= 0x0100_0193
    }
    return hash
}
