import Foundation

/// The names a page may reach the preview by, as its `Host` header gives them: the address it
/// listens on, `localhost`, `127.0.0.1` and `[::1]`, each with the port.
///
/// A page on another site can point a name of its own at 127.0.0.1 (DNS rebinding) and then read the
/// preview, drafts included, as if it were its own; its requests still carry its own name, and are
/// refused. A preview listening on every interface (`--host 0.0.0.0`) also takes any IP address as
/// the name, so a phone on the same network can open it: an address cannot be rebound.
struct AllowedHosts: Sendable {
    let names: Set<String>
    let anyAddress: Bool
    let port: Int

    init(listeningOn host: String, port: Int) {
        let host = host.lowercased()
        let own = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        names = ["localhost", "127.0.0.1", "[::1]", own]
        anyAddress = ["0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]"].contains(own)
        self.port = port
    }

    /// Whether a request with this `Host` is served.
    func allows(_ authority: String?) -> Bool {
        guard let authority = authority?.lowercased(), !authority.isEmpty else { return false }
        let name: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return false }
            name = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return false }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            name = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            name = authority[...]
        }
        // Without a port, the name is for port 80.
        guard (portText.map { Int($0) } ?? 80) == port else { return false }
        return names.contains(String(name)) || (anyAddress && Self.isAddress(name))
    }

    /// Whether `name` is an IPv4 address or a bracketed IPv6 address.
    static func isAddress(_ name: Substring) -> Bool {
        var storage = in6_addr()
        if name.hasPrefix("[") && name.hasSuffix("]") {
            return inet_pton(AF_INET6, String(name.dropFirst().dropLast()), &storage) == 1
        }
        return inet_pton(AF_INET, String(name), &storage) == 1
    }
}
