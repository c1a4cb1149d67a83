/// Where `limber publish` sends a site: a git branch, a folder on a host over SSH (rsync), or any
/// of rclone's remotes.
public enum PublishTarget: Sendable, Equatable, CustomStringConvertible {
    /// A repository (a URL or a path that `git` understands) and a branch.
    case git(repository: String, branch: String)
    /// `USER@HOST:PATH` (or `HOST:PATH`), as `rsync` and `ssh` write it.
    case ssh(destination: String)
    /// `REMOTE:PATH`, as `rclone` writes it.
    case rclone(remote: String)

    public static let defaultBranch = "gh-pages"

    /// Reads `git:URL[#branch]`, `ssh:USER@HOST:PATH` or `rclone:REMOTE:PATH`; `branch` is the
    /// `publish:` group's, which `#branch` overrides.
    public static func parse(_ text: String, branch: String? = nil) -> Result<PublishTarget, PublishFailed> {
        if let problem = problem(in: text) { return .failure(PublishFailed(message: problem)) }
        let (kind, rest) = split(text)!
        switch kind {
        case "git":
            if let hash = rest.lastIndex(of: "#") {
                return .success(
                    .git(repository: String(rest[..<hash]), branch: String(rest[rest.index(after: hash)...])))
            }
            return .success(.git(repository: rest, branch: branch ?? defaultBranch))
        case "ssh": return .success(.ssh(destination: rest))
        default: return .success(.rclone(remote: rest))
        }
    }

    /// What is wrong with `text` as a target; nil when it is one.
    public static func problem(in text: String) -> String? {
        let example = "write it like 'git:git@github.com:me/site.git', 'ssh:me@host.example:www' or 'rclone:r2:site'"
        guard let (kind, rest) = split(text) else { return "'\(text)' is not a target: \(example)" }
        guard !rest.isEmpty else { return "the \(kind) target names nothing after '\(kind):'" }
        if rest.hasPrefix("-") { return "a target cannot start with '-'" }
        if rest.contains(where: { $0 == "\n" || $0 == "\0" }) { return "a target is one line" }
        switch kind {
        case "git":
            if let hash = rest.lastIndex(of: "#") {
                let branch = rest[rest.index(after: hash)...]
                guard !branch.isEmpty, !branch.hasPrefix("-"), !branch.contains(".."),
                    branch.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) })
                else { return "'\(branch)' is not a branch name" }
            }
        case "ssh":
            guard let colon = rest.firstIndex(of: ":"), colon != rest.startIndex else {
                return "an SSH target is written 'ssh:USER@HOST:PATH'"
            }
        case "rclone":
            guard rest.contains(":") else { return "an rclone target is written 'rclone:REMOTE:PATH'" }
        default:
            return "unknown kind of target '\(kind)': \(example)"
        }
        return nil
    }

    private static func split(_ text: String) -> (String, String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The target as it can be printed: a password in a URL is never shown.
    public var description: String {
        switch self {
        case .git(let repository, let branch): "git:\(ExternalCommand.redacted(repository))#\(branch)"
        case .ssh(let destination): "ssh:\(destination)"
        case .rclone(let remote): "rclone:\(remote)"
        }
    }

}

/// Why a publish stopped; the remote is as the passes before left it, never half a page's files.
public struct PublishFailed: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var diagnostics: [Diagnostic] = []
    public var description: String { message }
}
