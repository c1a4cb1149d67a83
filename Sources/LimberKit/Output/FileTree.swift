import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whole folders of built files: swapped in one step, copied as hard links, removed. POSIX calls
/// throughout (Foundation's are several times slower for ten thousand files).
enum FileTree {
    // MARK: - Swapping

    /// `renameat2`, which Glibc declares only for C code that asks for GNU extensions.
    private typealias RenameAt2 =
        @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }
    private static let renameExchange: UInt32 = 1 << 1

    /// Exchanges two folders on one file system in one step: whoever looks, at any moment, finds
    /// each whole, before or after. When `existing` is missing, `new` is simply renamed to it.
    static func exchange(_ new: String, _ existing: String) throws {
        if access(existing, F_OK) != 0 {
            guard rename(new, existing) == 0 else {
                throw OutputError(message: "cannot create \(existing): \(errnoText())")
            }
            return
        }
        guard let renameAt2 else {
            throw OutputError(message: "cannot swap the new build into \(existing): this system has no renameat2")
        }
        guard renameAt2(AT_FDCWD, new, AT_FDCWD, existing, renameExchange) == 0 else {
            let unsupported = errno == EINVAL
            throw OutputError(
                message: "cannot swap the new build into \(existing): \(errnoText())"
                    + (unsupported ? " (its file system cannot exchange two folders in one step)" : ""))
        }
    }

    // MARK: - Updating in place

    /// Brings `target` (a folder no rename can replace, such as a mount point) up to `files` of
    /// `source`, file by file, in the order that keeps its pages whole while it happens: the files
    /// pages point to first, then the pages, then the removal of what the last build wrote
    /// (`previous`) and this one does not. Each file is written beside its place and renamed over
    /// it. Nothing else in `target` is touched.
    static func update(_ target: String, from source: String, files: [String], removing previous: Set<String>) throws {
        let pages = files.filter(Paths.isPage)
        let others = files.filter { !Paths.isPage($0) }
        for file in others.sorted() + pages.sorted() {
            try StagedOutput.makeFolders(PathComponents.folder(of: "/" + file).dropFirst().description, in: target)
            let bytes = try SiteFolder.readFile(source + "/" + file)
            let path = target + "/" + file
            if let old = try? SiteFolder.readFile(path), old == bytes { continue }
            try StagedOutput.writeFile(path + ".limber-new", bytes)
            guard rename(path + ".limber-new", path) == 0 else {
                unlink(path + ".limber-new")
                throw OutputError(message: "cannot replace \(path): \(errnoText())")
            }
        }
        let kept = Set(files)
        for file in previous.subtracting(kept).sorted() {
            unlink(target + "/" + file)
            var folder = PathComponents.folder(of: "/" + file)
            while folder != "/", rmdir(target + folder) == 0 { folder = PathComponents.folder(of: folder) }
        }
    }

    // MARK: - Copying

    /// Makes `files` (relative paths) in `target` hard links to the same files in `source`, on
    /// every core, replacing what is there. The two trees then share every byte on disk, and a
    /// file's stamp (size, time, inode) is the same in both.
    static func link(_ files: [String], from source: String, to target: String) throws {
        var folders: Set<String> = []
        for file in files {
            var folder = PathComponents.folder(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted {
                folder = PathComponents.folder(of: folder)
            }
        }
        // Folders one depth at a time, so each folder's parent is there first.
        let byDepth = Dictionary(grouping: folders) { $0.split(separator: "/").count }
        try makeFolder(target)
        for depth in byDepth.keys.sorted() {
            let failed = ParallelMap.map(byDepth[depth]!) { folder in
                mkdir(target + "/" + folder, 0o755) == 0 || errno == EEXIST ? nil : folder
            }.compactMap { $0 }
            if let folder = failed.first {
                throw OutputError(message: "cannot create \(target)/\(folder): \(errnoText())")
            }
        }
        let failures = ParallelMap.map(chunks(of: files)) { chunk -> String? in
            for file in chunk {
                let to = target + "/" + file
                if linkat(AT_FDCWD, source + "/" + file, AT_FDCWD, to, 0) == 0 { continue }
                guard errno == EEXIST, unlink(to) == 0, linkat(AT_FDCWD, source + "/" + file, AT_FDCWD, to, 0) == 0
                else { return "cannot link \(to): \(errnoText())" }
            }
            return nil
        }.compactMap { $0 }
        if let failure = failures.first { throw OutputError(message: failure) }
    }

    /// Whether every file of `stamps` is in `root` with that stamp.
    static func matches(_ stamps: [String: FileStamp], in root: String) -> Bool {
        look(stamps, in: root) != nil
    }

    /// Nil when a file of `stamps` is not in `root` with that stamp; else whether each has
    /// exactly two names, neither given nor taken from `linkedBefore` on (nanoseconds since 1970):
    /// its own, and one in the copy of the site that shares every file with it (`link`). A file
    /// of the copy that was removed or replaced (by a cleaner of old temporary files, say) leaves
    /// the output's with one name, or with a new change time when another name was added too.
    static func look(_ stamps: [String: FileStamp], in root: String, linkedBefore: Int = 0) -> Bool? {
        // Each file looked up from the open root: the kernel does not walk the root's own path
        // again for each of ten thousand files.
        let folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return stamps.isEmpty ? true : nil }
        defer { close(folder) }
        let files = Array(stamps)
        let looked = ParallelMap.map(chunks(of: files)) { chunk -> (matches: Bool, linkedTwice: Bool) in
            var linkedTwice = true
            for (file, stamp) in chunk {
                var info = stat()
                // By the string's own bytes: passing a String for a C string copies it.
                let found = file.withCString { fstatat(folder, $0, &info, AT_SYMLINK_NOFOLLOW) == 0 }
                guard found, FileStamp(info) == stamp else { return (false, false) }
                let changed = Int(info.st_ctim.tv_sec) * 1_000_000_000 + Int(info.st_ctim.tv_nsec)
                if info.st_nlink != 2 || changed >= linkedBefore { linkedTwice = false }
            }
            return (true, linkedTwice)
        }
        guard looked.allSatisfy(\.matches) else { return nil }
        return looked.allSatisfy(\.linkedTwice)
    }

    // MARK: - Removing

    /// Removes `path` and everything below it; nothing when it is missing. The files of each
    /// folder go on every core.
    static func remove(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        var files: [String] = []
        var folders: [String] = []
        collect(path, files: &files, folders: &folders)
        _ = ParallelMap.map(chunks(of: files)) { chunk in for file in chunk { unlink(file) } }
        // Deepest first: a folder's children are listed after it.
        for folder in folders.reversed() { rmdir(folder) }
    }

    /// Every file and folder below `path` (itself first among the folders).
    private static func collect(_ path: String, files: inout [String], folders: inout [String]) {
        folders.append(path)
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            if isFolder {
                collect(path + "/" + name, files: &files, folders: &folders)
            } else {
                files.append(path + "/" + name)
            }
        }
    }

    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw OutputError(message: "cannot create \(path): \(errnoText())")
        }
    }

    /// Runs of a few hundred items, for work that costs one system call an item.
    private static func chunks<T>(of items: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: 256).map { items[$0..<min($0 + 256, items.count)] }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
