import Testing

@testable import LimberKit

/// Which `Host` headers the preview answers (the rest get 421).
@Suite struct AllowedHostsTests {
    @Test func theAddressItListensOnAndTheLoopbackNamesWithThePort() {
        let hosts = AllowedHosts(listeningOn: "127.0.0.1", port: 8080)
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"] {
            #expect(hosts.allows(host), "\(host)")
        }
        for host in [
            nil, "", "127.0.0.1", "localhost", "127.0.0.1:8081", "evil.example:8080", "localhost.:8080",
            "127.0.0.1.nip.io:8080", "[::1]", "[::1]8080", "localhost:8080@evil.example", "192.168.1.5:8080",
        ] {
            #expect(!hosts.allows(host), "\(host ?? "no Host")")
        }
    }

    @Test func withoutAPortOnlyOnPortEighty() {
        let hosts = AllowedHosts(listeningOn: "127.0.0.1", port: 80)
        #expect(hosts.allows("localhost"))
        #expect(hosts.allows("127.0.0.1:80"))
        #expect(!hosts.allows("evil.example"))
    }

    @Test func everyInterfaceTakesAnyAddressButNoOtherName() {
        let hosts = AllowedHosts(listeningOn: "0.0.0.0", port: 8080)
        #expect(hosts.allows("192.168.1.5:8080"))
        #expect(hosts.allows("[fe80::1]:8080"))
        #expect(hosts.allows("localhost:8080"))
        #expect(!hosts.allows("evil.example:8080"))
        #expect(!hosts.allows("192.168.1.5.evil.example:8080"))
        let v6 = AllowedHosts(listeningOn: "::", port: 8080)
        #expect(v6.allows("10.0.0.2:8080"))
        #expect(!AllowedHosts(listeningOn: "::1", port: 8080).allows("10.0.0.2:8080"))
        #expect(AllowedHosts(listeningOn: "192.168.1.5", port: 8080).allows("192.168.1.5:8080"))
    }
}
