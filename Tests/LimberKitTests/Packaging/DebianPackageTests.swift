import Foundation
import Testing

@testable import LimberKit

/// Limber's Debian package (`make deb`, `scripts/make-deb.sh`) installs a Limber that runs on a
/// Debian machine without Swift: built, checked with lintian, unpacked, and run outside the
/// repository.
///
/// Slow: it needs the release binary, built with the Swift runtime linked in. `make site`,
/// `make release` and `make deb` all build that same binary, so after any of them the build here
/// finds it up to date and the suite takes 35 to 60 s on two busy cores, most of it lintian; from
/// nothing it first compiles Limber in release mode (12 minutes on two cores shared with other
/// builds, about 160 s of processor time). `LIMBER_SKIP_DEB=1` skips it.
@Suite(.tags(.slow), .needs("lintian", "dpkg-deb"), .serialized)
struct DebianPackageTests {
    static let skipped = ProcessInfo.processInfo.environment["LIMBER_SKIP_DEB"] == "1"

    /// The package, built once for every test of the suite.
    static let package = Result { try build() }

    static func build() throws -> String {
        let output = TestSite.temporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["DEB_OUTPUT"] = output
        // `swift test` holds the lock of .build/ while the tests run; the release build and the
        // debug build of the man page tool touch none of what the tests use.
        environment["SWIFT_BUILD_OPTIONS"] = "--ignore-lock"
        // Compressing 60 MB with xz, as `make deb` does, takes a minute: what is packed is the same.
        environment["DEB_COMPRESSION"] = "gzip 1"
        let make = try run(TestSite.repository + "/scripts/make-deb.sh", [], environment: environment)
        guard make.status == 0 else { throw Tool.Missing(description: "make-deb.sh failed:\n\(make.output)") }
        return output + "/limber_\(Limber.version)_amd64.deb"
    }

    static func run(
        _ program: String, _ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil
    ) throws -> (status: Int32, output: String) {
        try PagesWorkflowTests.run(program, arguments, in: folder, environment: environment)
    }

    /// The package unpacked into a new folder, as `dpkg --install` would lay it out.
    static func unpacked() throws -> String {
        let root = TestSite.temporaryFolder()
        let unpack = try run("/usr/bin/dpkg-deb", ["-x", try package.get(), root])
        #expect(unpack.status == 0, "\(unpack.output)")
        return root
    }

    @Test(.enabled(if: !skipped, "LIMBER_SKIP_DEB=1: the Debian package is not built"))
    func lintianFindsNoErrors() throws {
        let deb = try Self.package.get()
        #expect(FileManager.default.fileExists(atPath: deb))
        let lintian = try Self.run("/usr/bin/lintian", ["--tag-display-limit", "0", deb])
        #expect(lintian.status == 0, "\(lintian.output)")
        #expect(!lintian.output.split(separator: "\n").contains { $0.hasPrefix("E: ") }, "\(lintian.output)")
    }

    @Test(.enabled(if: !skipped, "LIMBER_SKIP_DEB=1: the Debian package is not built"))
    func itsLimberStartsASiteAndBuildsItOutsideTheRepository() throws {
        let limber = try Self.unpacked() + "/usr/bin/limber"
        let home = TestSite.temporaryFolder()
        let version = try Self.run(limber, ["--version"], in: home)
        #expect(version.output == Limber.version + "\n")
        let initialise = try Self.run(limber, ["init", "guide", "--ci", "github"], in: home)
        #expect(initialise.status == 0, "\(initialise.output)")
        // A photo, so that the build opens libvips (loaded only then) from the system.
        let stretch = home + "/guide/content/stretches/standing-quad-stretch.md"
        try FileManager.default.createDirectory(
            atPath: home + "/guide/content/images", withIntermediateDirectories: true)
        try TestPhoto.make([home + "/guide/content/images/quad.jpg"], width: 800, height: 600, tag: false)
        try TestSite.read(stretch).replacingOccurrences(
            of: "# image:\n#   src: images/standing-quad-stretch.svg\n#   alt:",
            with: "image:\n  src: images/quad.jpg\n  alt:"
        ).write(toFile: stretch, atomically: false, encoding: .utf8)
        let build = try Self.run(limber, ["build", "guide"], in: home)
        #expect(build.status == 0, "\(build.output)")
        #expect(build.output.hasPrefix("Built "), "\(build.output)")
        let page = TestSite.read(home + "/guide/public/stretches/standing-quad-stretch/index.html")
        #expect(page.contains("<h1>Standing Quad Stretch</h1>"))
        #expect(page.contains("../../images/quad."), "\(page)")
        #expect(page.contains(".webp"), "the photo is encoded: \(page)")
    }

    @Test(.enabled(if: !skipped, "LIMBER_SKIP_DEB=1: the Debian package is not built"))
    func itsBinaryCarriesTheSwiftRuntimeAndDependsOnEveryLibraryItLinks() throws {
        let root = try Self.unpacked()
        let libraries = try Self.run("/usr/bin/ldd", [root + "/usr/bin/limber"])
        #expect(libraries.status == 0, "\(libraries.output)")
        #expect(!libraries.output.contains("libswift"), "\(libraries.output)")
        #expect(!libraries.output.contains("not found"), "\(libraries.output)")

        let fields = try Self.run("/usr/bin/dpkg-deb", ["--field", try Self.package.get(), "Depends", "Recommends"])
        let depends = fields.output.split(separator: "\n").first { $0.hasPrefix("Depends:") }.map(String.init) ?? ""
        let packages = Set(
            depends.dropFirst("Depends:".count).split(separator: ",").map {
                String($0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
            })
        for name in ["libcmark-gfm0.29.0.gfm.6", "libcmark-gfm-extensions0.29.0.gfm.6", "libvips42", "libyaml-0-2"]
            + ["libqrencode4", "libc6"]
        {
            #expect(packages.contains(name), "\(depends)")
        }
        #expect(fields.output.contains("Recommends: chromium, rclone, rsync, git"), "\(fields.output)")
        // Every library the binary names (not those they load in turn) comes from a package it depends on.
        let dynamic = try Self.run("/usr/bin/readelf", ["--dynamic", root + "/usr/bin/limber"])
        let needed = dynamic.output.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]")
            else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        #expect(needed.contains("libcmark-gfm.so.0.29.0.gfm.6"), "\(needed)")
        for line in libraries.output.split(separator: "\n") {
            guard let arrow = line.range(of: "=> /"),
                needed.contains(line.split(separator: " ")[0].trimmingCharacters(in: .whitespaces))
            else { continue }
            let path = String(line[line.index(before: arrow.upperBound)...].split(separator: " ")[0])
            // Debian 12 has /lib in /usr/lib, and packages name a file by either path.
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            var owner = try Self.run("/usr/bin/dpkg", ["-S", path])
            if owner.status != 0 { owner = try Self.run("/usr/bin/dpkg", ["-S", real]) }
            if owner.status != 0 {
                owner = try Self.run("/usr/bin/dpkg", ["-S", String(real.dropFirst("/usr".count))])
            }
            #expect(owner.status == 0, "no package has \(path)")
            let name = String(owner.output.split(separator: ":")[0])
            #expect(packages.contains(name), "\(path) is in \(name), which is not in \(depends)")
        }
    }

    @Test(.enabled(if: !skipped, "LIMBER_SKIP_DEB=1: the Debian package is not built"))
    func itHasAManPageAndCompletionsForEveryShell() throws {
        let root = try Self.unpacked()
        let manual = try Self.run("/usr/bin/man", ["-l", root + "/usr/share/man/man1/limber.1.gz"])
        #expect(manual.status == 0, "\(manual.output)")
        #expect(manual.output.contains("--base-url"))
        #expect(manual.output.contains("init"))
        for completion in [
            "bash-completion/completions/limber", "zsh/vendor-completions/_limber",
            "fish/vendor_completions.d/limber.fish",
        ] {
            #expect(TestSite.read(root + "/usr/share/" + completion).contains("base-url"), "\(completion)")
        }
        let bash = try Self.run(
            "/bin/bash", ["-c", "source \(root)/usr/share/bash-completion/completions/limber && complete -p limber"])
        #expect(bash.status == 0, "\(bash.output)")
        #expect(bash.output.contains("limber"))
    }
}
