import Foundation

/// Reads a picture's width and height from its file header: PNG, JPEG, SVG and WebP.
enum ImageSize {
    static func read(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        func big16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func big32(_ i: Int) -> Int { big16(i) << 16 | big16(i + 2) }
        func little16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func little24(_ i: Int) -> Int { little16(i) | Int(bytes[i + 2]) << 16 }

        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            return (big32(16), big32(20))
        }
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                // Start-of-frame markers carry the size; others are skipped by their length.
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (big16(i + 7), big16(i + 5))
                }
                i += 2 + big16(i + 2)
            }
            return nil
        }
        if bytes.count >= 30, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return (little16(26) & 0x3FFF, little16(28) & 0x3FFF)
            case "VP8L":
                let b = bytes[21...24].map(Int.init)
                return (1 + (b[0] | (b[1] & 0x3F) << 8), 1 + (b[1] >> 6 | b[2] << 2 | (b[3] & 0x0F) << 10))
            case "VP8X": return (1 + little24(24), 1 + little24(27))
            default: return nil
            }
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if let svg = head.range(of: "<svg") {
            let tag = head[svg.lowerBound...].prefix(while: { $0 != ">" })
            func attribute(_ name: String) -> Double? {
                guard let start = tag.range(of: " \(name)=") else { return nil }
                let rest = tag[start.upperBound...].dropFirst()
                return Double(rest.prefix(while: { $0.isNumber || $0 == "." }))
            }
            if let width = attribute("width"), let height = attribute("height") {
                return (Int(width.rounded()), Int(height.rounded()))
            }
            if let box = tag.range(of: "viewBox=") {
                let numbers = tag[box.upperBound...].dropFirst().prefix(while: { $0 != "\"" && $0 != "'" })
                    .split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
                if numbers.count == 4 { return (Int(numbers[2].rounded()), Int(numbers[3].rounded())) }
            }
        }
        return nil
    }
}
