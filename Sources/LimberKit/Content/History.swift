import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// When each content file was last committed, for `lastmod` in the sitemap when content has no
/// `date`. Empty when the site is not in a git repository or git is not installed.
enum History {
    /// Whether the site is inside a git work tree: a `.git` in its folder or one above.
    static func isRepository(_ folder: SiteFolder) -> Bool {
        var path = folder.root
        while true {
            if FileManager.default.fileExists(atPath: path + "/.git") { return true }
            let parent = PathComponents.folder(of: path)
            if parent == path || parent.isEmpty { return false }
            path = parent
        }
    }

    /// Paths relative to the site folder → `YYYY-MM-DD` of their last commit.
    static func lastCommitDates(_ folder: SiteFolder) -> [String: String] {
        let git = ["/usr/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard isRepository(folder), let git,
            let output = run(
                git, ["-C", folder.root, "log", "--format=%x00%cs", "--name-only", "--relative", "--", "content"])
        else { return [:] }
        var dates: [String: String] = [:]
        var current = ""
        for line in output.split(separator: "\n") {
            if line.hasPrefix("\0") {
                current = String(line.dropFirst())
            } else if dates[String(line)] == nil {
                // Newest commits come first: keep the first date seen for each file.
                dates[String(line)] = current
            }
        }
        return dates
    }

    /// Runs a program and returns what it printed, or nil when it failed. Uses `posix_spawn`:
    /// Foundation's `Process` closes every possible file descriptor first, which takes about
    /// 0.2 s here, more than a whole build of the guide.
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard started == 0 else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(pipeEnds[0], &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
