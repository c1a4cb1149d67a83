import Foundation

/// A YouTube or Vimeo video, played in the page only once the reader presses play, from the host's
/// privacy-enhanced player: `youtube-nocookie.com`, or Vimeo with `dnt=1` (do not track).
public struct VideoEmbed: Sendable, Hashable {
    public enum Host: String, Sendable { case youtube = "YouTube", vimeo = "Vimeo" }

    public var host: Host
    public var id: String

    /// The video a `video:` address names, or nil for an address of another kind (shown as a link).
    public init?(_ address: String) {
        guard let url = URL(string: address), let hostName = url.host?.lowercased() else { return nil }
        let name = hostName.hasPrefix("www.") ? String(hostName.dropFirst(4)) : hostName
        let parts = url.path.split(separator: "/").map(String.init)
        var found: (Host, String)?
        switch name {
        case "youtube.com", "m.youtube.com", "youtube-nocookie.com":
            if parts.first == "watch" {
                let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems
                found = query?.first { $0.name == "v" }?.value.map { (.youtube, $0) }
            } else if parts.count >= 2, ["embed", "shorts", "live", "v"].contains(parts[0]) {
                found = (.youtube, parts[1])
            }
        case "youtu.be":
            found = parts.first.map { (.youtube, $0) }
        case "vimeo.com", "player.vimeo.com":
            found = parts.last { $0.allSatisfy(\.isNumber) }.map { (.vimeo, $0) }
        default:
            break
        }
        // The id goes into an address Limber writes: letters, digits, `-` and `_` only.
        guard let (host, id) = found, !id.isEmpty, id.count <= 64,
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        self.host = host
        self.id = id
    }

    /// The player's address, which starts playing as it loads: it is loaded by the press of play.
    public var playerURL: String {
        switch host {
        case .youtube: "https://www.youtube-nocookie.com/embed/\(id)?autoplay=1"
        case .vimeo: "https://player.vimeo.com/video/\(id)?dnt=1&autoplay=1"
        }
    }
}
