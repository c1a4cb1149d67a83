/// A stretch named by its slug somewhere in the content, with where it is named.
public struct Reference: Sendable, Hashable {
    public var slug: String
    public var location: SourceLocation

    /// (Spelled out so that other targets of the package can make one.)
    package init(slug: String, location: SourceLocation) {
        self.slug = slug
        self.location = location
    }
}
