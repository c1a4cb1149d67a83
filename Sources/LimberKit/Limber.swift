/// Limber's version, printed by `limber --version`.
public enum Limber {
    public static let version = "0.1.0"

    /// The commands of `limber`, for "did you mean" when a site folder's name is a misspelt one.
    public static let commands = ["build", "check", "serve", "sheet", "init", "new"]
}
