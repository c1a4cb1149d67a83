import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to its end, as a person would, and reports the most memory it held: its peak
/// resident set, the figure `/usr/bin/time -v` prints as "Maximum resident set size".
enum MeasuredRun {
    struct Failed: Error, CustomStringConvertible { var description: String }

    struct Result {
        var status: Int32
        /// Standard output and standard error, together.
        var output: String
        var peakBytes: Int
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let log = TestSite.temporaryFolder() + "/output"
        defer { try? FileManager.default.removeItem(atPath: (log as NSString).deletingLastPathComponent) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failed(description: "\(executable) did not start: error \(spawned)") }
        // wait4 reaps this one child and gives its own figures, not those of the test's other children.
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw Failed(description: "waiting for \(executable) failed") }
        }
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exit, output: TestSite.read(log), peakBytes: usage.ru_maxrss * 1024)
    }
}
