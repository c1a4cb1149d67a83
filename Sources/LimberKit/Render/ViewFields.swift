import Mustache

/// A value templates read by name: one struct per page kind and per piece of a page (see
/// `Views.swift`). Its `fields` are the one list of the names it offers: swift-mustache looks
/// names up there (`child(named:)`), `TemplateCheck` checks templates against it, and a test
/// checks that docs/templates.md documents every name in it.
protocol TemplateView: MustacheParent, Sendable {
    static var fields: ViewFields<Self> { get }
}

extension TemplateView {
    func child(named name: String) -> Any? { Self.fields.value(of: name, in: self) }

    /// The names this view offers.
    var names: [String] { Self.fields.names }
}

/// The names a view offers, in the order they are written, each with how to get its value in the
/// form swift-mustache renders quickest.
struct ViewFields<View>: Sendable, ExpressibleByDictionaryLiteral {
    /// The names, in the order they are listed.
    let names: [String]
    private let table: [String: ViewField<View>]

    init(dictionaryLiteral elements: (String, ViewField<View>)...) {
        self.init(elements)
    }

    init(_ elements: [(String, ViewField<View>)]) {
        names = elements.map(\.0)
        table = Dictionary(elements, uniquingKeysWith: { first, _ in first })
    }

    /// These fields and `part`'s, which this view holds: a page's names and those every page has.
    init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>, at get: @escaping @Sendable (View) -> Part
    ) {
        self.init(part.lifted(get) + elements)
    }

    func value(of name: String, in view: View) -> Any? { table[name]?.get(view) }

    /// Each field, read through `get` from a view that holds this one.
    func lifted<Outer>(_ get: @escaping @Sendable (Outer) -> View, except left: Set<String> = []) -> [(
        String, ViewField<Outer>
    )] {
        names.filter { !left.contains($0) }.map { name in
            let field = table[name]!
            return (name, ViewField<Outer> { field.get(get($0)) })
        }
    }
}

/// How one name's value is read from a view.
struct ViewField<View>: Sendable {
    let get: @Sendable (View) -> Any?

    /// Plain text, HTML-escaped by `{{name}}`; absent when nil.
    static func text(_ get: @escaping @Sendable (View) -> String?) -> Self { Self { get($0).map(ViewText.init) } }
    /// A list of lines (`{{#name}}{{.}}{{/name}}`).
    static func texts(_ get: @escaping @Sendable (View) -> [String]) -> Self { Self { get($0).map(ViewText.init) } }
    static func number(_ get: @escaping @Sendable (View) -> Int?) -> Self { Self { get($0) } }
    /// True or false, for `{{#name}}…{{/name}}` around something shown only sometimes.
    static func flag(_ get: @escaping @Sendable (View) -> Bool) -> Self { Self { get($0) } }
    /// A view of its own, for `{{name.field}}` and `{{#name}}{{field}}{{/name}}`; absent when nil.
    static func view<Inner: MustacheParent>(_ get: @escaping @Sendable (View) -> Inner?) -> Self {
        Self { get($0) }
    }
    /// A list of views, for `{{#name}}…{{/name}}`.
    static func list<Item: MustacheParent>(_ get: @escaping @Sendable (View) -> [Item]) -> Self { Self { get($0) } }
}

/// Text in view data as swift-mustache renders it quickest. A plain `String` fails three casts
/// to the library's protocols and is then turned into text again through `String(describing:)`;
/// this type is taken at the second cast. Pages render about a tenth quicker, byte for byte the same.
struct ViewText: MustacheCustomRenderable, Sendable {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }

    init(_ text: String) { self.text = text }
}
