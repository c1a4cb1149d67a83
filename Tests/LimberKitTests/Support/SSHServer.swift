import Foundation

/// Debian's OpenSSH server on 127.0.0.1 with a throwaway host key and an authorised key of the
/// test's own: a real host for `limber publish` over rsync and rclone's SFTP backend.
final class SSHServer {
    let folder: String
    let port: Int

    /// The `Host` name the client configuration gives the server.
    static let hostAlias = "limber-test-host"

    static var isAvailable: Bool {
        Tool.available("/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/ssh-keygen", "/usr/bin/rsync", "/usr/bin/rclone")
            && (Tool.inCI || getuid() == 0)
    }

    init() throws {
        folder = TestSite.temporaryFolder()
        port = Int.random(in: 20_000...40_000)
        _ = mkdir("/run/sshd", 0o755)
        for key in ["host_key", "id"] {
            _ = try Tool.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/" + key])
        }
        try FileManager.default.copyItem(atPath: folder + "/id.pub", toPath: folder + "/authorized_keys")
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(folder)/host_key
        AuthorizedKeysFile \(folder)/authorized_keys
        PidFile \(folder)/sshd.pid
        StrictModes no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PermitRootLogin yes
        Subsystem sftp internal-sftp

        """.write(toFile: folder + "/sshd_config", atomically: false, encoding: .utf8)
        try """
        Host \(Self.hostAlias)
          HostName 127.0.0.1
          Port \(port)
          User root
          IdentityFile \(folder)/id
          IdentitiesOnly yes
          StrictHostKeyChecking no
          UserKnownHostsFile /dev/null
          BatchMode yes
          LogLevel ERROR

        """.write(toFile: folder + "/ssh_config", atomically: false, encoding: .utf8)
        // sshd goes to the background by itself: a child that runs on would keep Foundation's
        // `Process` from noticing when the test's other children end.
        let start = Process()
        start.executableURL = URL(fileURLWithPath: "/usr/sbin/sshd")
        start.arguments = ["-f", folder + "/sshd_config", "-E", folder + "/sshd.log"]
        try start.run()
        start.waitUntilExit()
        // Ready once it accepts a connection.
        for _ in 0..<100 {
            if Self.accepts(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw Tool.Missing(
            description: "sshd did not start on 127.0.0.1:\(port): \(TestSite.read(folder + "/sshd.log"))")
    }

    /// Whether something listens on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// What `limber publish` needs in its environment to log in: rsync's SSH command, and an
    /// rclone SFTP remote called `testsftp`.
    var environment: [String: String] {
        [
            "RSYNC_RSH": "ssh -F \(folder)/ssh_config",
            "RCLONE_CONFIG_TESTSFTP_TYPE": "sftp", "RCLONE_CONFIG_TESTSFTP_HOST": "127.0.0.1",
            "RCLONE_CONFIG_TESTSFTP_PORT": "\(port)", "RCLONE_CONFIG_TESTSFTP_USER": "root",
            "RCLONE_CONFIG_TESTSFTP_KEY_FILE": "\(folder)/id",
        ]
    }

    func stop() {
        let pid = TestSite.read(folder + "/sshd.pid").trimmingCharacters(in: .whitespacesAndNewlines)
        if let pid = Int32(pid) { kill(pid, SIGTERM) }
    }
}
