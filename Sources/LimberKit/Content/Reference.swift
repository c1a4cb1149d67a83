/// A stretch named by its slug somewhere in the content, with where it is named.
public struct Reference: Sendable, Hashable {
    public var slug: String
    public var location: SourceLocation
}
