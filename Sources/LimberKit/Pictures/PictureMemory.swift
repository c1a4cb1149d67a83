import Foundation

/// How much memory encoding one picture takes, and how many pictures are encoded at once: as many
/// as fit in the memory the machine has free, never more than one per core (`ParallelMap`).
enum PictureMemory {
    /// Rows libvips holds while it streams a picture and shrinks it, per picture: a generous
    /// figure for its buffers on every thread.
    static let streamedRows = 512
    /// What the codecs and libvips need besides pixels.
    static let overhead = 16 << 20

    /// The most memory encoding the picture `header` describes into renditions at most `width`
    /// pixels wide takes. libvips reads most pictures row by row (JPEG and WebP also shrink
    /// while they read), but an interlaced PNG and a HEIC or AVIF are decoded whole first,
    /// libjpeg keeps every coefficient of a progressive JPEG (2 bytes a sample) until its last
    /// scan, and libnsgif draws each GIF frame on a whole RGBA canvas, and keeps the one before.
    /// Then the widest rendition (every frame of it) is kept in memory, and encoded.
    static func need(_ header: VipsPicture.Header, width: Int) -> Int {
        let pixel = header.bands * header.bytesPerBand
        let read: Int
        if header.loader == "jpegload" && header.interlaced {
            let colour = Double(header.bands - 1) * (header.chromaHalved ? 0.25 : 1)
            read = Int(Double(header.width * header.height * 2) * (1 + colour))
        } else if header.loader == "gifload" {
            read = header.width * header.height * 4 * 2
        } else if readsWhole(header) {
            read = header.decodedBytes
        } else {
            read = header.width * pixel * streamedRows * ProcessInfo.processInfo.activeProcessorCount
        }
        let scale = min(1, Double(width) / Double(max(1, header.uprightSize.width)))
        let upright = header.uprightSize
        let largest = Int(Double(upright.width) * scale + 1) * Int(Double(upright.height) * scale + 1) * header.frames
        return read + 2 * largest * pixel + overhead
    }

    /// The picture is decoded whole before it can be shrunk.
    static func readsWhole(_ header: VipsPicture.Header) -> Bool {
        ["heifload", "gifload"].contains(header.loader) || header.interlaced
    }

    /// The memory pictures may take at once: half of what the machine has free as the build
    /// starts (`MemAvailable`), leaving the rest to the pages and to other programs.
    static func budget(meminfo: String? = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) -> Int {
        let line = meminfo?.split(separator: "\n").first { $0.hasPrefix("MemAvailable:") }
        let kilobytes = line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
        let available = kilobytes.map { $0 * 1024 } ?? Int(ProcessInfo.processInfo.physicalMemory / 2)
        return available / 2
    }
}

/// Lets a picture start only when the memory it needs fits beside the pictures being encoded; a
/// picture that needs more than the whole budget runs alone.
final class MemoryGate: @unchecked Sendable {
    let budget: Int
    private let condition = NSCondition()
    private var inUse = 0
    private var running = 0

    init(budget: Int) { self.budget = budget }

    /// Runs `body` once `bytes` fit, and gives them back afterwards.
    func withMemory<R, E: Error>(_ bytes: Int, _ body: () throws(E) -> R) throws(E) -> R {
        condition.lock()
        while running > 0 && inUse + bytes > budget { condition.wait() }
        inUse += bytes
        running += 1
        condition.unlock()
        defer {
            condition.lock()
            inUse -= bytes
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
