/// Limber's version, printed by `limber --version`.
public enum Limber {
    public static let version = "0.1.0"
}
