import Foundation
import Testing

@testable import LimberKit

/// A build's memory follows the machine, not the pictures: a small file that would decode to a
/// gigabyte is refused before it is decoded, and pictures are encoded side by side only as far as
/// the free memory goes.
@Suite(.tags(.slow), .needs("vips", "vipsheader", "exiftool"))
struct PictureMemoryTests {
    /// `limber build` of the basic site with `picture` (under `content/images/`) as Pigeon Pose's.
    static func buildShowing(_ picture: String) throws -> MeasuredRun.Result {
        let site = (picture as NSString).deletingLastPathComponent.replacingOccurrences(of: "/content/images", with: "")
        try PictureTests.replace(
            "src: images/pigeon.svg", with: "src: images/" + (picture as NSString).lastPathComponent,
            in: site + "/content/stretches/pigeon-pose.md")
        return try MeasuredRun.run(CommandLineTests.executable, ["build", site])
    }

    /// 0.8 MB on disk, 800 MB decoded: libvips reads an interlaced PNG whole.
    @Test func aSmallInterlacedPNGThatDecodesToAGigabyteStopsTheBuildInLittleMemory() throws {
        let picture = try TestSite.make() + "/content/images/flat.png"
        try TestPhoto.flatInterlacedPNG(picture, width: 9990, height: 9990)
        let run = try Self.buildShowing(picture)
        #expect(run.status == 1, "\(run.output)")
        #expect(
            run.output.contains(
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/flat.png' would take 816 MB of memory to read (9990×9990 pixels, 16-bit), over the limit of 256 MB"
            ), "\(run.output)")
        #expect(run.output.contains("note: save it again without interlacing"), "\(run.output)")
        #expect(run.peakBytes < 400 << 20, "limber build held \(run.peakBytes >> 20) MB")
    }

    /// 1.2 MB on disk; libjpeg keeps 600 MB of a progressive JPEG's coefficients, however small
    /// the picture is shrunk.
    @Test func aSmallProgressiveJPEGThatDecodesToHalfAGigabyteStopsTheBuildInLittleMemory() throws {
        let picture = try TestSite.make() + "/content/images/flat.jpg"
        try TestPhoto.vips("black", picture + "[interlace,Q=90]", "9990", "9990", "--bands", "3")
        let run = try Self.buildShowing(picture)
        #expect(run.status == 1, "\(run.output)")
        #expect(
            run.output.contains(
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/flat.jpg' would take 601 MB of memory to read (9990×9990 pixels, 8-bit), over the limit of 256 MB"
            ), "\(run.output)")
        #expect(run.output.contains("note: save it again as a baseline JPEG, not progressive"), "\(run.output)")
        #expect(run.peakBytes < 400 << 20, "limber build held \(run.peakBytes >> 20) MB")
    }

    /// 67 KB on disk; libnsgif draws it on a 400 MB canvas.
    @Test func aSmallGIFOfAHundredMillionPixelsStopsTheBuildInLittleMemory() throws {
        let picture = try TestSite.make() + "/content/images/flat.gif"
        try TestPhoto.vips("black", picture, "9990", "9990", "--bands", "3")
        let run = try Self.buildShowing(picture)
        #expect(run.status == 1, "\(run.output)")
        #expect(
            run.output.contains(
                "content/stretches/pigeon-pose.md:15:8: error: the picture 'images/flat.gif' would take 796 MB of memory to read (9990×9990 pixels, 8-bit), over the limit of 256 MB"
            ), "\(run.output)")
        #expect(run.peakBytes < 400 << 20, "limber build held \(run.peakBytes >> 20) MB")
    }

    @Test func picturesThatDoNotFitInMemoryTogetherAreEncodedOneAfterTheOther() {
        final class Meter: @unchecked Sendable {
            let lock = NSLock()
            var inUse = 0
            var most = 0
        }
        let gate = MemoryGate(budget: 100)
        let meter = Meter()
        DispatchQueue.concurrentPerform(iterations: 8) { job in
            // Two of 30 fit together; 80 and 80 do not, nor 80 and 30.
            let need = job % 2 == 0 ? 80 : 30
            gate.withMemory(need) {
                meter.lock.withLock {
                    meter.inUse += need
                    meter.most = max(meter.most, meter.inUse)
                }
                usleep(20_000)
                meter.lock.withLock { meter.inUse -= need }
            }
        }
        #expect(meter.most <= 100, "\(meter.most) at once, over the budget of 100")
    }

    @Test func aPictureLargerThanTheBudgetStillRunsAlone() {
        let gate = MemoryGate(budget: 100)
        #expect(gate.withMemory(500) { 1 } == 1)
    }

    @Test func theBudgetIsHalfOfTheMemoryTheMachineHasFree() {
        let meminfo = "MemTotal:       24684376 kB\nMemFree:        21021976 kB\nMemAvailable:   23482000 kB\n"
        #expect(PictureMemory.budget(meminfo: meminfo) == 23_482_000 * 1024 / 2)
    }

    @Test func aPlainPNGIsStreamedAndAnInterlacedOneIsCountedWhole() {
        var header = VipsPicture.Header(
            loader: "pngload", width: 9990, height: 9990, orientation: 1, hasAlpha: true, bands: 4, bytesPerBand: 2)
        let streamed = PictureMemory.need(header, width: 1600)
        #expect(streamed < PictureSettings.memoryLimit, "\(streamed >> 20) MB")
        header.interlaced = true
        #expect(PictureMemory.need(header, width: 1600) > 9990 * 9990 * 8)
    }
}
