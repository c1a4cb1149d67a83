import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where Limber keeps what it needs between builds of one output folder: the build cache and a
/// second copy of the built site. Both live in the site folder's `.limber/`, never inside the
/// output or beside it, where a web server that publishes the output's folder would serve them.
///
/// A build is swapped in by exchanging two folders in one step, which works only inside one file
/// system. When `.limber/` is on another file system than the output, the trees go to a private
/// folder of this user in a temporary folder on the output's file system (`/var/tmp` for
/// `/var/www`, `/tmp` for the preview); when there is none, a build is written into a hidden
/// folder beside the output that only this user can read, swapped in, and removed at once, and no
/// second copy is kept (every build is then a full one).
struct OutputPlace {
    /// The output folder, absolute.
    let output: String
    /// `.limber/outputs/<name>-<hash>/`: the cache and the lock of this output.
    let state: String
    /// Where the trees are, on the output's file system.
    let trees: String
    /// Whether a second copy of the site is kept in `trees` to update the next build in.
    let keepsSpare: Bool
    /// The output is a mount point (a Docker bind mount, say), which no rename can replace: each
    /// build is written beside it and copied in, file by file, in an order that keeps it whole.
    let inPlace: Bool

    /// The build cache.
    var cache: String { state + "/cache" }
    /// A copy of the output, file for file the same (hard links), brought up to date by each build.
    var spare: String { trees + "/spare" }
    /// A full build, written here and then exchanged with the output.
    var staging: String { keepsSpare ? trees + "/staging" : trees }

    /// The place for `output` of the site in `site`: makes the folders it needs (and the output's
    /// parent).
    init(site: String, output: String) throws {
        self.output = PathComponents.absolute(output)
        let parent = PathComponents.folder(of: self.output)
        try Self.makeFolder(parent)

        let limber = site + "/.limber"
        try Self.makeFolder(limber)
        // Git ignores the folder even in sites that `limber init` did not make.
        let ignore = limber + "/.gitignore"
        if access(ignore, F_OK) != 0 { try? StagedOutput.writeFile(ignore, Array("*\n".utf8)) }
        state = Self.state(site: site, output: self.output)
        let key = PathComponents.name(of: state)
        try Self.makeFolder(state)

        inPlace = OutputClaim.isMountPoint(self.output)
        let device = Self.device(of: parent)
        if inPlace {
            trees = state + "/building"
            keepsSpare = false
        } else if device != nil, Self.device(of: state) == device {
            trees = state
            keepsSpare = true
        } else if let device, let temporary = Self.privateTemporaryFolder(on: device, key: key) {
            trees = temporary
            keepsSpare = true
        } else {
            trees = parent + "/.\(PathComponents.name(of: self.output)).limber-\(getpid())"
            keepsSpare = false
        }
    }

    /// `.limber/outputs/<name>-<hash>/` for `output` (absolute) of the site in `site`.
    static func state(site: String, output: String) -> String {
        var hash = FNV()
        hash.add(output)
        return site + "/.limber/outputs/" + Self.safeName(PathComponents.name(of: output)) + "-"
            + String(hash.value, radix: 16)
    }

    /// Holds this output's lock until `body` returns: two builds of one output at once wait for
    /// each other instead of writing into the same trees. The kernel lets go when a process dies.
    func whileLocked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let descriptor = open(state + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
        defer { if descriptor >= 0 { close(descriptor) } }
        return try body()
    }

    /// Removes everything kept for this output (the preview's, when it stops).
    func remove() {
        FileTree.remove(state)
        if trees != state { FileTree.remove(trees) }
    }

    // MARK: - Finding a place

    static func device(of path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(message: "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// `limber-<user>/<key>` in the first temporary folder on `device`, made only this user's;
    /// nil when there is none, or the folder there is not this user's own.
    static func privateTemporaryFolder(on device: UInt64, key: String) -> String? {
        var candidates = ["/var/tmp", "/tmp", "/dev/shm"]
        if let variable = ProcessInfo.processInfo.environment["TMPDIR"], variable.hasPrefix("/") {
            candidates.insert(variable, at: 0)
        }
        for candidate in candidates where Self.device(of: candidate) == device {
            let mine = candidate + "/limber-\(getuid())"
            _ = mkdir(mine, 0o700)
            var info = stat()
            guard lstat(mine, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid(),
                info.st_mode & 0o077 == 0
            else { continue }
            let folder = mine + "/" + key
            guard mkdir(folder, 0o700) == 0 || errno == EEXIST else { continue }
            return folder
        }
        return nil
    }

    /// Letters, digits, `-` and `_` of a folder's name, for a name of our own.
    static func safeName(_ name: String) -> String {
        let kept = name.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_".unicodeScalars.contains($0))
        }
        return kept.isEmpty ? "site" : String(String.UnicodeScalarView(kept.prefix(40)))
    }

    /// Removes what killed builds left (with the lock held): a staged folder, an unfinished cache;
    /// and what builds before `.limber/` kept beside the output: the cache (`.public.cache`) and
    /// staged folders.
    func removeLeftovers() {
        FileTree.remove(trees + "/staging")
        // A cache or documents file that a killed build had not finished (the documents of ten
        // thousand stretches are tens of megabytes).
        unlink(cache + ".new")
        unlink(BuildCache.documentsFile(cache) + ".new")
        if !keepsSpare { FileTree.remove(trees) }
        let parent = PathComponents.folder(of: output)
        let name = PathComponents.name(of: output)
        unlink(parent + "/.\(name).cache")
        unlink(parent + "/.\(name).cache.new")
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        where entry.hasPrefix(".\(name).staging-") || entry.hasPrefix(".\(name).old-")
            || entry.hasPrefix(".\(name).limber-")
        {
            FileTree.remove(parent + "/" + entry)
        }
    }
}
