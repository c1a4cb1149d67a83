import Foundation

/// A place in a file of the site: a path relative to the site folder, a 1-based line and a 1-based
/// column counted in characters.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// For a problem with what was typed on the command line, or with a file or folder that does
    /// not exist: printed without a position.
    public static let commandLine = SourceLocation(path: "", line: 0, column: 0)

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One problem found in the content or the templates, printed compiler-style.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggested fix, printed on its own indented line.
    public var note: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, note: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.note = note
    }

    public static func error(at location: SourceLocation, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, note: note)
    }

    public static func warning(at location: SourceLocation, _ message: String, note: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, note: note)
    }

    public var description: String { formatted(colour: false) }

    /// `path:line:column: error: message`, then `    note: …` when there is a note; `error: message`
    /// for the command line.
    public func formatted(colour: Bool) -> String {
        let place = location.path.isEmpty ? "" : "\(location.path):\(location.line):\(location.column):"
        let label = severity.rawValue + ":"
        var text: String
        if colour {
            let tint = severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;35m"
            let lead = place.isEmpty ? "" : "\u{1B}[1m\(place)\u{1B}[0m "
            text = "\(lead)\(tint)\(label)\u{1B}[0m \u{1B}[1m\(message)\u{1B}[0m"
        } else {
            text = place.isEmpty ? "\(label) \(message)" : "\(place) \(label) \(message)"
        }
        if let note {
            text += colour ? "\n    \u{1B}[1;36mnote:\u{1B}[0m \(note)" : "\n    note: \(note)"
        }
        return text
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Ordered by file, line and column, so output is stable whatever order stages ran in.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}

/// Thrown by a build that found errors; it carries every diagnostic of the run.
public struct BuildFailed: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
