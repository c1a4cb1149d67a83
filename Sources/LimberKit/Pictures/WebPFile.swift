/// libvips 8.14 writes an EXIF chunk into every WebP file, even when told to strip metadata: this
/// takes the `EXIF` and `XMP ` chunks out of the RIFF container and their flags out of `VP8X`.
enum WebPFile {
    static func withoutMetadata(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8)
        else { return bytes }
        var out = Array(bytes[0..<12])
        var index = 12
        while index + 8 <= bytes.count {
            let name = String(decoding: bytes[index..<index + 4], as: UTF8.self)
            let size =
                Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16
                | Int(bytes[index + 7]) << 24
            // Chunks are padded to an even length.
            let end = min(bytes.count, index + 8 + size + (size & 1))
            var chunk = Array(bytes[index..<end])
            if name == "VP8X", chunk.count > 8 { chunk[8] &= ~(0x08 | 0x04) }
            if name != "EXIF" && name != "XMP " { out += chunk }
            index = end
        }
        let riffSize = UInt32(out.count - 8)
        for shift in 0..<4 { out[4 + shift] = UInt8(truncatingIfNeeded: riffSize >> (8 * UInt32(shift))) }
        return out
    }
}
