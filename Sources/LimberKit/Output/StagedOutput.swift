import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a build into a fresh folder and swaps it in only when the whole build succeeded, so a
/// failed or interrupted build never touches the last good site.
///
/// Files are written with POSIX calls: Foundation's writes fsync every file on Linux.
public final class StagedOutput: @unchecked Sendable {
    public let output: String
    public let staging: String
    private let lock = NSLock()
    private var madeFolders: Set<String> = [""]
    private var stamps: [String: FileStamp] = [:]
    private let privately: Bool

    /// Every file written so far, relative to the output, with its stamp (a rename keeps it).
    var written: [String: FileStamp] { lock.withLock { stamps } }

    /// A staged build in `staging` (which must not exist yet), for `output`; `privately` makes it
    /// readable by this user alone until it is swapped in.
    init(output: String, staging: String, privately: Bool = false) throws {
        self.output = output
        self.staging = staging
        guard mkdir(staging, privately ? 0o700 : 0o755) == 0 else {
            throw OutputError(message: "cannot create \(staging): \(errnoText())")
        }
        self.privately = privately
    }

    /// Writes `bytes` to `relative` inside the staged build.
    public func write(_ relative: String, _ bytes: some Collection<UInt8>) throws {
        try makeFolder(for: relative)
        let stamp = try Self.writeFile(staging + "/" + relative, bytes)
        lock.withLock { stamps[relative] = stamp }
    }

    public func write(_ relative: String, _ text: String) throws {
        var text = text
        try text.withUTF8 { try write(relative, $0) }
    }

    /// Copies a file from the site into the staged build.
    public func copy(from source: String, to relative: String) throws {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw OutputError(message: "cannot read \(source)")
        }
        try write(relative, [UInt8](data))
    }

    /// Puts the staged build in place of the output in one step; the last build is then in
    /// `staging`, for the caller to remove.
    public func commit() throws {
        if privately { chmod(staging, 0o755) }
        try FileTree.exchange(staging, output)
    }

    /// Throws the staged build away.
    public func discard() {
        FileTree.remove(staging)
    }

    // MARK: - POSIX

    /// Makes the folder a file goes in, once: a folder is marked made only once it is there.
    private func makeFolder(for relative: String) throws {
        let folder = PathComponents.folder(of: relative)
        guard !lock.withLock({ madeFolders.contains(folder) }) else { return }
        try Self.makeFolders(folder, in: staging)
        lock.withLock { _ = madeFolders.insert(folder) }
    }

    /// Makes `folder`, relative to `base`, and the folders above it that are missing. Two threads
    /// may both make one folder: the second is told it exists, which is fine.
    static func makeFolders(_ folder: String, in base: String) throws {
        guard !folder.isEmpty, mkdir(base + "/" + folder, 0o755) != 0, errno != EEXIST else { return }
        guard errno == ENOENT else { throw OutputError(message: "cannot create \(base)/\(folder): \(errnoText())") }
        try makeFolders(PathComponents.folder(of: folder), in: base)
        guard mkdir(base + "/" + folder, 0o755) == 0 || errno == EEXIST else {
            throw OutputError(message: "cannot create \(base)/\(folder): \(errnoText())")
        }
    }

    /// Writes every byte of `buffer` to `descriptor`, however many calls it takes; false on an error.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Writes a whole file and says how it stands on disk afterwards.
    @discardableResult
    static func writeFile(_ path: String, _ bytes: some Collection<UInt8>) throws -> FileStamp {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(message: "cannot write \(path): \(errnoText())") }
        defer { close(descriptor) }
        let written: Bool? = bytes.withContiguousStorageIfAvailable { writeAll(descriptor, UnsafeRawBufferPointer($0)) }
        if written == nil {
            return try writeFile(path, Array(bytes))
        } else if written == false {
            throw OutputError(message: "cannot write \(path): \(errnoText())")
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw OutputError(message: "cannot write \(path): \(errnoText())") }
        return FileStamp(info)
    }
}

public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
