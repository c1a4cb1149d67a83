import Foundation
import Testing

@testable import LimberKit

/// What Limber keeps between builds lives in the site's `.limber/`: nothing of it is published.
@Suite struct OutputPlaceTests {
    /// With `--output www/clinic`, a web server publishing `www/` serves the site and nothing else:
    /// no cache, no copy of the site, no staged build, before or after an update.
    @Test(.tags(.network), .needs("python3", "curl")) func nothingKeptBetweenBuildsIsServedBesideTheOutput() throws {
        let site = try TestSite.make()
        let www = TestSite.temporaryFolder() + "/www"
        let output = www + "/clinic"
        // What earlier versions of Limber left beside the output goes.
        try FileManager.default.createDirectory(atPath: www + "/.clinic.staging-12", withIntermediateDirectories: true)
        try "old".write(toFile: www + "/.clinic.cache", atomically: false, encoding: .utf8)
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let update = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        #expect(update.rendered < update.pages, "the second build updates the site")
        #expect(try FileManager.default.contentsOfDirectory(atPath: www) == ["clinic"])

        let server = try StaticServer(directory: www)
        defer { server.stop() }
        let scratch = TestSite.temporaryFolder() + "/listing"
        #expect(StaticServer.status(server.origin + "/", saveTo: scratch) == 200)
        let listing = TestSite.read(scratch)
        #expect(listing.contains("href=\"clinic/\""))
        #expect(listing.components(separatedBy: "<li>").count == 2, "www/ lists more than clinic/: \(listing)")
        for name in [".clinic.cache", ".clinic.staging-12/", ".limber/", "clinic/.limber/", "clinic/.clinic.cache"] {
            #expect(StaticServer.status(server.origin + "/" + name) == 404, "\(name) is served")
        }
        #expect(StaticServer.status(server.origin + "/clinic/stretches/leg-swings/") == 200)
        // Every file the server can reach is a page or a file of the site.
        let served = Set(TestSite.snapshot(www).keys)
        let built = Set(TestSite.snapshot(output).keys.map { "clinic/" + $0 })
        #expect(served == built)
        #expect(!served.contains { $0.contains("cache") || $0.contains("limber") })
        #expect(TestSite.cacheFile(site) != nil, "the cache is in the site's .limber/")
    }

    /// The folder Git is told to ignore, by `limber init`'s `.gitignore` and by its own.
    @Test func gitIgnoresWhatLimberKeeps() throws {
        let folder = TestSite.temporaryFolder() + "/morning"
        try Scaffold.initSite(at: folder)
        #expect(TestSite.read(folder + "/.gitignore").split(separator: "\n").contains("/.limber/"))
        let site = try TestSite.make()
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site))
        #expect(TestSite.read(site + "/.limber/.gitignore") == "*\n")
    }

    /// When `.limber/` is on another file system than the output (`/dev/shm` is tmpfs), the copy of
    /// the site goes to a private folder on the output's file system, and updates still swap in
    /// one step.
    @Test func anOutputOnAnotherFileSystemKeepsItsCopyPrivately() throws {
        let site = try TestSite.make()
        let shm = "/dev/shm/limber-test-" + UUID().uuidString
        defer { FileTree.remove(shm) }
        let output = shm + "/www/clinic"
        _ = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        let place = try OutputPlace(site: SiteFolder(root: site).root, output: output)
        #expect(place.keepsSpare)
        #expect(OutputPlace.device(of: place.trees) == OutputPlace.device(of: shm))
        #expect(!place.trees.hasPrefix(shm + "/www"))
        if OutputPlace.device(of: "/dev/shm") == OutputPlace.device(of: site) {
            #expect(place.trees.hasPrefix(SiteFolder(root: site).root + "/.limber/"))
        } else {
            var info = stat()
            let mine = (place.trees as NSString).deletingLastPathComponent
            #expect(stat(mine, &info) == 0 && info.st_mode & 0o077 == 0, "\(mine) is readable by others")
        }
        try RebuildTests.append(site + "/content/stretches/leg-swings.md", "\nOne more sentence.\n")
        let update = try SiteBuilder.build(BuildOptions(siteFolder: site, output: output))
        #expect(update.rendered < update.pages)
        #expect(try FileManager.default.contentsOfDirectory(atPath: shm + "/www") == ["clinic"])
        #expect(TestSite.read(output + "/stretches/leg-swings/index.html").contains("One more sentence."))
        place.remove()
    }
}
