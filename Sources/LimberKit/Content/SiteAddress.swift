/// The address a site is published at (`base_url`, `--base-url`): `http` or `https`, a host, an
/// optional port and path, and nothing else. A user name or password would be printed in every
/// canonical link and QR code; a query or a fragment would break every address made from it.
enum SiteAddress {
    /// What is wrong with `text` as a site's address, and how many characters into it; nil when
    /// it is one.
    static func problem(in text: String) -> (message: String, offset: Int)? {
        let characters = Array(text)
        let lowered = text.lowercased()
        let scheme: Int
        if lowered.hasPrefix("https://") {
            scheme = 8
        } else if lowered.hasPrefix("http://") {
            scheme = 7
        } else {
            return ("it must start with https:// or http://", 0)
        }
        if let bad = characters.firstIndex(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } == true }) {
            return ("it has a space or a control character", bad)
        }
        let authorityEnd = characters[scheme...].firstIndex(where: { "/?#".contains($0) }) ?? characters.count
        let authority = characters[scheme..<authorityEnd]
        if authority.contains("@") {
            return ("it holds a user name or password, which every link and QR code would publish", scheme)
        }
        var port: ArraySlice<Character>?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]"), close > authority.startIndex + 1 else {
                return ("an IPv6 host is written in brackets, like [::1]", scheme)
            }
            let inside = authority[(authority.startIndex + 1)..<close]
            if let bad = inside.firstIndex(where: { !($0.isHexDigit || $0 == ":" || $0 == ".") }) {
                return ("'\(characters[bad])' cannot be part of an IPv6 address", bad)
            }
            let rest = authority[(close + 1)...]
            if let first = rest.first {
                guard first == ":" else { return ("a port follows the host after ':'", rest.startIndex) }
                port = rest.dropFirst()
            }
        } else {
            var host = authority
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                port = authority[(colon + 1)...]
            }
            guard !host.isEmpty else { return ("it has no host", scheme) }
            if let bad = host.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) {
                return ("'\(characters[bad])' cannot be part of a host name", bad)
            }
        }
        if let port {
            guard port.count <= 5, port.allSatisfy({ $0.isASCII && $0.isNumber }),
                let number = Int(String(port)), (1...65535).contains(number)
            else { return ("a port is a number from 1 to 65535", port.startIndex) }
        }
        if let mark = characters[authorityEnd...].firstIndex(where: { $0 == "?" || $0 == "#" }) {
            let what = characters[mark] == "?" ? "query ('?…')" : "fragment ('#…')"
            return ("it has a \(what), and every page's address is made by adding to it", mark)
        }
        return nil
    }
}
