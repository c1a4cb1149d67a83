import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The folder a site lives in: `content/` and `templates/`. Reads files and lists folders,
/// refusing anything that a symbolic link leads outside the site.
public struct SiteFolder: Sendable {
    public let root: String
    private let realRoot: String

    public init(root: String) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = URL(fileURLWithPath: absolute).standardizedFileURL.path
        self.realRoot = URL(fileURLWithPath: self.root).resolvingSymlinksInPath().path
    }

    public func path(_ relative: String) -> String { root + "/" + relative }

    public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    public func isDirectory(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path(relative), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// Whether the file, once links are followed, is still inside the site folder.
    public func staysInside(_ relative: String) -> Bool {
        // libc's realpath: Foundation's resolvingSymlinksInPath costs several times the calls.
        guard let resolved = realpath(path(relative), nil) else { return false }
        defer { free(resolved) }
        let real = String(cString: resolved)
        return real == realRoot || real.hasPrefix(realRoot + "/")
    }

    /// File names in a folder, sorted; empty when the folder is missing.
    public func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Every file below a folder, as paths relative to the site folder, sorted.
    public func files(below relative: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path(relative)) else { return [] }
        var found: [String] = []
        while let entry = enumerator.nextObject() as? String {
            let full = relative + "/" + entry
            if !isDirectory(full) { found.append(full) }
        }
        return found.sorted()
    }

    /// A file's bytes, or the diagnostic that says why they were not read: a symbolic link that
    /// leads outside the site, or a file that cannot be read.
    func read(_ relative: String) -> Result<[UInt8], Diagnostic> {
        let start = SourceLocation(path: relative, line: 1, column: 1)
        guard staysInside(relative) else {
            return .failure(.error(at: start, "a link that leads outside the site is not read"))
        }
        guard let bytes = try? bytes(relative) else { return .failure(.error(at: start, "cannot read the file")) }
        return .success(bytes)
    }

    /// A file's text (UTF-8, a byte-order mark dropped, CRLF read as LF), or why it could not be read.
    func readText(_ relative: String) -> Result<String, Diagnostic> {
        read(relative).flatMap { FrontMatter.decodeText($0, path: relative) }
    }

    public func bytes(_ relative: String) throws -> [UInt8] {
        try Self.readFile(path(relative))
    }

    /// A whole file's bytes, read with POSIX calls (no `Data` in between).
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw CocoaError(.fileReadUnknown)
        }
        var bytes: [UInt8] = []
        var capacity = max(Int(info.st_size), 0) + 1
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: capacity))
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + start, capacity)
            }
            if count < 0 {
                if errno == EINTR {
                    bytes.removeLast(capacity)
                    continue
                }
                throw CocoaError(.fileReadUnknown)
            }
            bytes.removeLast(capacity - count)
            if count == 0 { return bytes }
            capacity = 64 * 1024
        }
    }
}
