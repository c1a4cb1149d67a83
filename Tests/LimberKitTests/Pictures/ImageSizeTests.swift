import Foundation
import Testing

@testable import LimberKit

/// Width and height read from the first bytes of each kind of picture.
@Suite struct ImageSizeTests {
    @Test func png() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += [0, 0, 0x02, 0x80, 0, 0, 0x01, 0xE0]  // 640 × 480
        #expect(ImageSize.read(bytes)! == (640, 480))
    }

    @Test func jpegSkipsSegmentsToItsFrame() {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + [UInt8](repeating: 0, count: 14)  // APP0
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x2C, 0x01, 0x90] + [UInt8](repeating: 0, count: 12)  // 400 × 300
        #expect(ImageSize.read(bytes)! == (400, 300))
    }

    @Test func webpLossyLosslessAndExtended() {
        func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
            Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8) + Array(chunk.utf8) + [0, 0, 0, 0] + payload
        }
        let lossy = riff("VP8 ", [0, 0, 0, 0x9D, 0x01, 0x2A, 0x20, 0x03, 0x58, 0x02])  // 800 × 600
        #expect(ImageSize.read(lossy)! == (800, 600))
        // 14 bits each of width - 1 and height - 1 after the 0x2F signature: 100 × 50.
        let lossless = riff("VP8L", [0x2F, 0x63, 0x40, 0x0C, 0x00, 0, 0, 0, 0, 0])
        #expect(ImageSize.read(lossless)! == (100, 50))
        let extended = riff("VP8X", [0, 0, 0, 0, 0xFF, 0x03, 0x00, 0xFF, 0x01, 0x00])  // 1024 × 512
        #expect(ImageSize.read(extended)! == (1024, 512))
    }

    @Test func svgFromItsAttributesOrViewBox() {
        #expect(
            ImageSize.read(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200\">".utf8))! == (
                320, 200
            ))
        #expect(ImageSize.read(Array("<?xml version=\"1.0\"?><svg viewBox=\"0 0 48 24\">".utf8))! == (48, 24))
    }

    @Test func somethingElseHasNoSize() {
        #expect(ImageSize.read(Array("GIF89a".utf8)) == nil)
    }
}
