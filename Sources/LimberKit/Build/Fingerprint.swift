import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a build's result depends on, cheaply: the name, size and modification time of every file
/// under `content/` and `templates/`, the `limber` binary itself, the build's options and date; and
/// the same for every file of the output it wrote. When neither has changed since the last good
/// build, building again would write the same bytes, so the build can stop at once.
struct Fingerprint: Equatable {
    var inputs: UInt64
    var output: UInt64
    /// What the build made, to report again.
    var pages: Int
    var files: Int

    /// Kept beside the output (never inside it, where it would be published): `.public.fingerprint`.
    static func file(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".fingerprint"
    }

    static func inputs(_ folder: SiteFolder, options: String) -> UInt64 {
        var hash = FNV()
        hash.add(options)
        hash.add(Limber.version)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 { hash.add(info) }
        for part in ["content", "templates"] { walk(folder.path(part), into: &hash) }
        return hash.value
    }

    static func output(_ folder: String) -> UInt64 {
        var hash = FNV()
        walk(folder, into: &hash)
        return hash.value
    }

    static func read(_ path: String) -> Fingerprint? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ").compactMap { UInt64($0, radix: 16) }
        guard parts.count == 4 else { return nil }
        return Fingerprint(inputs: parts[0], output: parts[1], pages: Int(parts[2]), files: Int(parts[3]))
    }

    func write(_ path: String) throws {
        let text = [inputs, output, UInt64(pages), UInt64(files)].map { String($0, radix: 16) }.joined(separator: " ")
        try StagedOutput.writeFile(path, Array(text.utf8))
    }

    /// Every entry below `path`, in name order, with its size and modification time (POSIX calls:
    /// Foundation's per-file attributes are several times slower for 10,000 files).
    private static func walk(_ path: String, into hash: inout FNV) {
        guard let directory = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            hash.add(name)
            hash.add(info)
            if (info.st_mode & S_IFMT) == S_IFDIR { walk(child, into: &hash) }
        }
    }
}

/// FNV-1a, 64 bits.
struct FNV {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }

    mutating func add(_ text: String) { add(text.utf8 + [0]) }

    mutating func add(_ info: stat) {
        for number in [
            UInt64(bitPattern: Int64(info.st_size)), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)),
            UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)), UInt64(info.st_ino), UInt64(info.st_mode),
        ] {
            withUnsafeBytes(of: number) { add($0) }
        }
    }
}
