import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a site lives in: `content/` and `templates/`. Reads files and lists folders,
/// refusing anything that a symbolic link leads outside the site.
public struct SiteFolder: Sendable {
    public let root: String
    private let realRoot: String
    private let realContent: String
    private let realTemplates: String

    public init(root: String) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = URL(fileURLWithPath: absolute).standardizedFileURL.path
        self.realRoot = URL(fileURLWithPath: self.root).resolvingSymlinksInPath().path
        self.realContent = PathComponents.real(self.root + "/content")
        self.realTemplates = PathComponents.real(self.root + "/templates")
    }

    public func path(_ relative: String) -> String { root + "/" + relative }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    public func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Whether something other than a folder is at the path, once links are followed: one `stat`,
    /// where `exists` and `isDirectory` together take several.
    func existsAsNonFolder(_ relative: String) -> Bool {
        var info = stat()
        return stat(path(relative), &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    /// Whether the file, once links are followed, is still inside the site folder, and inside the
    /// top folder it is listed in: a link in `content/` must lead to a file in `content/` (not to
    /// `.git/config` or `.env` beside it), one in `templates/` to a file in `templates/`.
    public func staysInside(_ relative: String) -> Bool {
        if let inside = staysInsideWithoutLinks(relative) { return inside }
        // libc's realpath: Foundation's resolvingSymlinksInPath costs several times the calls.
        guard let resolved = realpath(path(relative), nil) else { return false }
        defer { free(resolved) }
        let real = String(cString: resolved)
        let top = relative.split(separator: "/", maxSplits: 1).first.map(String.init) ?? relative
        let base: String
        switch top {
        case "content": base = realContent
        case "templates": base = realTemplates
        default: base = realRoot
        }
        return real == base || real.hasPrefix(base + "/")
    }

    /// Whether a path under `content/` or `templates/` stays inside its top folder, when no part
    /// of it is a link: then it is where it is written, which one `lstat` a part shows, where
    /// libc's realpath reads each folder above the site too (a third of reading the site's
    /// files). Nil when a part is a link, or cannot be looked at, for realpath to follow it.
    private func staysInsideWithoutLinks(_ relative: String) -> Bool? {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard let top = parts.first, top == "content" || top == "templates",
            parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { return nil }
        var prefix = root
        var info = stat()
        for part in parts {
            prefix += "/"
            prefix += part
            guard lstat(prefix, &info) == 0, (info.st_mode & S_IFMT) != S_IFLNK else { return nil }
        }
        return true
    }

    /// An entry of a folder: its name, whether it is a folder (following a link), and whether it
    /// may be a link (the folder's listing says so, or does not say what the entry is).
    struct Entry {
        var name: String
        var isDirectory: Bool
        var mayBeLink: Bool
    }

    /// What is in a folder, sorted by name; empty when the folder is missing. POSIX calls:
    /// Foundation stats every entry, several times.
    func listing(_ relative: String) -> [Entry] {
        guard let directory = opendir(path(relative)) else { return [] }
        defer { closedir(directory) }
        var found: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            var isDirectory = type == UInt8(DT_DIR)
            let mayBeLink = type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN)
            if mayBeLink {
                var info = stat()
                isDirectory = stat(path(relative + "/" + name), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            found.append(Entry(name: name, isDirectory: isDirectory, mayBeLink: mayBeLink))
        }
        return found.sorted { $0.name < $1.name }
    }

    /// What is in a folder, sorted by name, each with whether it is a folder (following a link);
    /// empty when the folder is missing.
    func entries(_ relative: String) -> [(name: String, isDirectory: Bool)] {
        listing(relative).map { ($0.name, $0.isDirectory) }
    }

    /// Whether `relative` (`content/stretches`) and each folder above it in the site are folders
    /// and none a link: an entry of it that is no link is then where its path says, inside.
    func isLinkFreeFolder(_ relative: String) -> Bool {
        var prefix = ""
        for part in relative.split(separator: "/") {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            guard isRealDirectory(prefix) else { return false }
        }
        return !prefix.isEmpty
    }

    /// File names in a folder, sorted; empty when the folder is missing.
    public func list(_ relative: String) -> [String] { entries(relative).map(\.name) }

    /// Every file below a folder, as paths relative to the site folder, sorted. Folders that
    /// links lead to are not entered. `skip` leaves out a folder and what is in it.
    public func files(below relative: String, skip: (String) -> Bool = { _ in false }) -> [String] {
        var found: [String] = []
        for entry in entries(relative) {
            let full = relative + "/" + entry.name
            if skip(full) { continue }
            if !entry.isDirectory {
                found.append(full)
            } else if isRealDirectory(full) {
                found += files(below: full, skip: skip)
            }
        }
        return found.sorted()
    }

    func isRealDirectory(_ relative: String) -> Bool {
        var info = stat()
        return lstat(path(relative), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// A file's bytes, or the diagnostic that says why they were not read: a symbolic link that
    /// leads outside the site, or a file that cannot be read. `linkFree`: the file is known to be
    /// no link, in a folder `isLinkFreeFolder` under `content/` or `templates/`, so inside.
    func read(_ relative: String, linkFree: Bool = false) -> Result<[UInt8], Diagnostic> {
        let start = SourceLocation(path: relative, line: 1, column: 1)
        guard linkFree || staysInside(relative) else {
            let top = relative.split(separator: "/", maxSplits: 1).first.map { "\($0)/" } ?? "the site"
            return .failure(.error(at: start, "a link that leads outside \(top) is not read"))
        }
        // A file listed as no link is opened as one that may not be: if it was made a link since,
        // it is not followed.
        guard let bytes = try? Self.readFile(path(relative), followingLinks: !linkFree) else {
            if let kind = notARegularFile(relative) {
                return .failure(.error(at: start, "the file is \(kind), not a regular file: Limber reads no further"))
            }
            return .failure(.error(at: start, "cannot read the file"))
        }
        return .success(bytes)
    }

    /// What a path is when it is not a regular file once links are followed (a FIFO, a device, a
    /// socket), in words; nil for a regular file, a folder or nothing at all. Reading a FIFO
    /// waits for a writer, and a device may never end.
    func notARegularFile(_ relative: String) -> String? {
        var info = stat()
        guard stat(path(relative), &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }

    /// A file's text (UTF-8, a byte-order mark dropped, CRLF read as LF), or why it could not be read.
    func readText(_ relative: String, linkFree: Bool = false) -> Result<String, Diagnostic> {
        read(relative, linkFree: linkFree).flatMap { FrontMatter.decodeText($0, path: relative) }
    }

    public func bytes(_ relative: String) throws -> [UInt8] {
        try Self.readFile(path(relative))
    }

    /// A whole file's bytes, read with POSIX calls (no `Data` in between); with
    /// `followingLinks: false`, a file that is a symbolic link is not read.
    static func readFile(_ path: String, followingLinks: Bool = true) throws -> [UInt8] {
        // Not blocking: opening a FIFO would wait for a writer. A regular file reads the same.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw CocoaError(.fileReadUnknown)
        }
        // Read straight into a new array's room, no zeros written first; the size is only a hint.
        func chunk(_ capacity: Int) throws -> [UInt8] {
            var failed = false
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                var result = Glibc.read(descriptor, buffer.baseAddress!, capacity)
                while result < 0 && errno == EINTR { result = Glibc.read(descriptor, buffer.baseAddress!, capacity) }
                failed = result < 0
                initialized = max(result, 0)
            }
            if failed { throw CocoaError(.fileReadUnknown) }
            return bytes
        }
        let size = max(Int(info.st_size), 0)
        var bytes = try chunk(size + 1)
        // Fewer bytes than room: the end, unless the read was cut short. A byte on the stack
        // asks, instead of a large array for each file.
        if bytes.count <= size {
            var probe: UInt8 = 0
            var result = Glibc.read(descriptor, &probe, 1)
            while result < 0 && errno == EINTR { result = Glibc.read(descriptor, &probe, 1) }
            if result < 0 { throw CocoaError(.fileReadUnknown) }
            if result == 0 { return bytes }
            bytes.append(probe)
        }
        while true {
            let more = try chunk(64 * 1024)
            if more.isEmpty { return bytes }
            bytes += more
        }
    }
}
