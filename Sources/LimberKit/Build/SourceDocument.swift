/// A stretch or routine file as a build keeps it, with hashes of its front matter and of its
/// body: what the next build compares to tell what an edit touched. Made by the loader from each
/// file it reads (`KeptDocument`).
public struct SourceDocument: Sendable {
    public typealias Model = LoadedDocument.Model

    public var model: Model
    public var frontMatterHash: UInt64
    public var bodyHash: UInt64
    /// What reading the file warned about, printed again when the file is not read again.
    public var warnings: [Diagnostic] = []

    /// The `date` field, when the file has one.
    public var date: String? {
        switch model {
        case .stretch(let stretch): stretch.date
        case .routine(let routine): routine.date
        }
    }
}

extension SourceDocument: KeptDocument {
    /// A document as the loader read it, its front matter and body hashed.
    public init(read document: LoadedDocument) {
        var frontMatter = FNV()
        frontMatter.add(document.text.yaml)
        var body = FNV()
        body.add(document.text.body)
        self.init(
            model: document.model, frontMatterHash: frontMatter.value, bodyHash: body.value,
            warnings: document.warnings)
    }
}
