import Mustache

/// A value templates read by name: one struct per page kind and per piece of a page (see
/// `Views.swift`). Its `fields` are the one list of the names it offers: swift-mustache looks
/// names up there (`child(named:)`), `TemplateCheck` checks templates against it, and a test
/// checks that docs/templates.md documents every name in it.
protocol TemplateView: MustacheParent, NamedValues, Sendable {
    static var fields: ViewFields<Self> { get }
}

extension TemplateView {
    func child(named name: String) -> Any? { Self.fields.value(of: name, in: self) }

    var names: [String] { Self.fields.names }
}

/// What templates can read names from, with the names it offers: for `TemplateCheck`.
protocol NamedValues {
    var names: [String] { get }
    /// The view's type, seen through `Shared`.
    var viewType: Any.Type { get }
}

extension NamedValues {
    var viewType: Any.Type { Self.self }
}

/// A value kept once and handed around by reference. swift-mustache copies a view each time it
/// looks a name up in it (a cast to its protocols) and each time a field hands it on: a view that
/// holds a big one (`common`, a stretch) keeps it `@Shared`, and its field hands on `$name`, so that
/// copying either is one reference. The memberwise initialiser still takes the value itself.
@propertyWrapper
struct Shared<Value: Sendable>: Sendable {
    let projectedValue: SharedBox<Value>

    init(wrappedValue: Value) { projectedValue = SharedBox(wrappedValue) }

    var wrappedValue: Value { projectedValue.value }
}

/// The reference `Shared` keeps its value in; templates read a view's names through it.
final class SharedBox<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }
}

extension SharedBox: MustacheParent, NamedValues where Value: TemplateView {
    func child(named name: String) -> Any? { Value.fields.value(of: name, in: value) }
    var names: [String] { Value.fields.names }
    var viewType: Any.Type { Value.self }
}

/// The names a view offers, in the order they are written, each with how to get its value in the
/// form swift-mustache renders quickest.
struct ViewFields<View>: Sendable, ExpressibleByDictionaryLiteral {
    /// The names, in the order they are listed.
    let names: [String]
    private let table: [String: ViewField<View>]
    private let entries: [(name: String, field: ViewField<View>)]

    init(dictionaryLiteral elements: (String, ViewField<View>)...) {
        self.init(elements)
    }

    init(_ elements: [(String, ViewField<View>)]) {
        let table = Dictionary(elements, uniquingKeysWith: { first, _ in first })
        names = elements.map(\.0)
        entries = names.map { ($0, table[$0]!) }
        self.table = table
    }

    /// These fields and `part`'s, which this view holds: a page's names and those every page has.
    init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>, at get: @escaping @Sendable (View) -> Part
    ) {
        self.init(part.lifted(get) + elements)
    }

    /// These fields and those of `part`, which this view keeps `@Shared`.
    init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>,
        at get: @escaping @Sendable (View) -> SharedBox<Part>
    ) {
        self.init(part.lifted { get($0).value } + elements)
    }

    func value(of name: String, in view: View) -> Any? {
        // A few names each: comparing them is quicker than hashing the one asked for.
        for entry in entries where entry.name == name { return entry.field.get(view) }
        return nil
    }

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
    /// A number, handed to swift-mustache as its text: `{{#name}}` shows for any number, as for text.
    static func number(_ get: @escaping @Sendable (View) -> Int?) -> Self {
        Self { get($0).map { ViewText(String($0)) } }
    }
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
///
/// It has no names: swift-mustache looks a name up in the text a section like `{{#video}}` put on
/// its stack before it looks further out, and would otherwise do so through `Mirror`.
struct ViewText: MustacheCustomRenderable, MustacheParent, Sendable {
    let text: String
    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { nil }

    init(_ text: String) { self.text = text }
}
