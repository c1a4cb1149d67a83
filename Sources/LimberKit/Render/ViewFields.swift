import Foundation

/// A value templates read by name: one struct per page kind and per piece of a page (see
/// `Views.swift`). Its `fields` are the one list of the names it offers: the renderer looks
/// names up there (`value(named:)`), `TemplateCheck` checks templates against it, and a test
/// checks that docs/templates.md documents every name in it.
protocol TemplateView: TemplateScope, NamedValues, Sendable {
    static var fields: ViewFields<Self> { get }
    /// The view as a page's root value: kept in one box and looked up by its own type, so that
    /// the renderer hands one reference around (see `SharedViewRef`).
    var rootValue: TemplateValue { get }
}

extension TemplateView {
    var rootValue: TemplateValue {
        .scope(
            SharedViewRef(
                box: SharedBox(self),
                lookup: { box, first, second in
                    Self.fields.value(first, then: second, in: unsafeDowncast(box, to: SharedBox<Self>.self).value)
                }))
    }

    func value(named name: String) -> TemplateValue? { Self.fields.value(of: name, in: self) }
    func value(number: Int) -> TemplateValue? { Self.fields.value(number: number, in: self) }
    func value(number first: Int, then second: Int) -> TemplateValue?? {
        Self.fields.value(first, then: second, in: self)
    }

    var names: [String] { Self.fields.names }
}

/// What templates can read names from, with the names it offers: for `TemplateCheck`.
protocol NamedValues: TemplateScope {
    var names: [String] { get }
    /// The view's type, seen through `Shared`.
    var viewType: Any.Type { get }
}

extension NamedValues {
    var viewType: Any.Type { Self.self }
}

/// A value kept once and handed around by reference. A view handed to a template is copied into
/// a `TemplateValue` each time a field hands it on: a view that holds a big one (`common`, a
/// stretch) keeps it `@Shared`, and its field hands on `$name`, so that copying either is one
/// reference. The memberwise initialiser still takes the value itself.
@propertyWrapper
struct Shared<Value: Sendable>: Sendable {
    let box: SharedBox<Value>

    init(wrappedValue: Value) { box = SharedBox(wrappedValue) }

    /// The value in `box`, kept there: nothing is copied.
    init(_ box: SharedBox<Value>) { self.box = box }

    var wrappedValue: Value { box.value }

    /// The box, for the view's fields, which read it while the view holds it.
    var projectedValue: SharedRef<Value> { SharedRef(box: .passUnretained(box)) }
}

/// A `@Shared` value as its view's fields reach it (`$name`): the box, not retained, since the
/// view being read holds it. Reading a name retains nothing on the way.
struct SharedRef<Value: Sendable>: @unchecked Sendable {
    let box: Unmanaged<SharedBox<Value>>

    func read<Result>(_ body: (SharedBox<Value>) -> Result) -> Result { box._withUnsafeGuaranteedRef(body) }
}

/// The reference `Shared` keeps its value in; templates read a view's names through it.
final class SharedBox<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }

    /// `field` of the value, read where it is kept, not from a copy.
    func read(_ field: ViewField<Value>) -> TemplateValue? { field.get(value) }

    /// What `then` reads inside the value, read where it is kept.
    func read(_ then: @Sendable (Value, Int) -> TemplateValue?, _ number: Int) -> TemplateValue? {
        then(value, number)
    }
}

extension SharedBox: TemplateScope, NamedValues where Value: TemplateView {
    func value(named name: String) -> TemplateValue? { Value.fields.value(of: name, in: value) }
    func value(number: Int) -> TemplateValue? { Value.fields.value(number: number, in: value) }
    func value(number first: Int, then second: Int) -> TemplateValue?? {
        Value.fields.value(first, then: second, in: value)
    }
    var names: [String] { Value.fields.names }
    var viewType: Any.Type { Value.self }
}

/// The names a view offers, in the order they are written, each with how to get its value.
/// A class: views look their names up here for every tag rendered, and handing a class on is one
/// reference, where a struct would retain each of its arrays.
final class ViewFields<View: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    /// The names, in the order they are listed.
    let names: [String]
    fileprivate let table: [String: ViewField<View>]
    /// Each field at its name's number (`FieldName`): a lookup is an index. `table` keeps the
    /// fields, so reading one here retains nothing.
    private let slots: [Unmanaged<ViewField<View>>?]

    convenience init(dictionaryLiteral elements: (String, ViewField<View>)...) {
        self.init(elements)
    }

    init(_ elements: [(String, ViewField<View>)]) {
        let table = Dictionary(elements, uniquingKeysWith: { first, _ in first })
        names = elements.map(\.0)
        let numbers = names.map { FieldName($0).number }
        var slots = [Unmanaged<ViewField<View>>?](repeating: nil, count: (numbers.max() ?? 0) + 1)
        for (name, number) in zip(names, numbers) { slots[number] = Unmanaged.passUnretained(table[name]!) }
        self.slots = slots
        self.table = table
    }

    /// These fields and `part`'s, which this view holds: a page's names and those every page has.
    convenience init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>, at get: @escaping @Sendable (View) -> Part
    ) {
        self.init(part.lifted(get) + elements)
    }

    /// These fields and those of `part`, which this view keeps `@Shared` (`at: { $0.$common }`).
    convenience init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>,
        at get: @escaping @Sendable (View) -> SharedRef<Part>
    ) {
        let shared = part.names.map { name in
            let field = part.table[name]!
            let then = field.then.map { then in
                { @Sendable view, number in get(view).read { $0.read(then, number) } }
            }
            return (name, ViewField<View>(get: { get($0).read { $0.read(field) } }, then: then))
        }
        self.init(shared + elements)
    }

    /// These fields and those of `part`, which this view keeps in a box it gives.
    convenience init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>,
        at get: @escaping @Sendable (View) -> SharedBox<Part>
    ) {
        let shared = part.names.map { name in
            let field = part.table[name]!
            let then = field.then.map { then in { @Sendable view, number in get(view).read(then, number) } }
            return (name, ViewField<View>(get: { get($0).read(field) }, then: then))
        }
        self.init(shared + elements)
    }

    func value(of name: String, in view: View) -> TemplateValue? { table[name]?.get(view) }

    func value(number: Int, in view: View) -> TemplateValue? {
        guard number < slots.count, let field = slots[number] else { return nil }
        return field._withUnsafeGuaranteedRef { $0.get(view) }
    }

    /// The value of name `first`, or, when `second` is not negative, of `first.second`: nil when
    /// the view has no `first` (see `TemplateScope.value(number:then:)`).
    func value(_ first: Int, then second: Int, in view: View) -> TemplateValue?? {
        guard first < slots.count, let field = slots[first] else { return nil }
        return field._withUnsafeGuaranteedRef { field in
            if second < 0 {
                guard let value = field.get(view) else { return nil }
                return .some(consume value)
            }
            if let then = field.then { return .some(then(view, second)) }
            guard let value = field.get(view) else { return nil }
            guard case .scope(let scope) = consume value else { return .some(nil) }
            return .some(scope.value(number: second))
        }
    }

    /// Each field, read through `get` from a view that holds this one.
    func lifted<Outer>(_ get: @escaping @Sendable (Outer) -> View, except left: Set<String> = []) -> [(
        String, ViewField<Outer>
    )] {
        names.filter { !left.contains($0) }.map { name in
            let field = table[name]!
            let then = field.then.map { then in { @Sendable outer, number in then(get(outer), number) } }
            return (name, ViewField<Outer>(get: { field.get(get($0)) }, then: then))
        }
    }
}

/// How one name's value is read from a view. A class: a view's fields are made once, and a
/// lookup reads one in place rather than copying (and retaining) its closures.
final class ViewField<View>: Sendable {
    let get: @Sendable (View) -> TemplateValue?
    /// For a view that is always there (`@Shared`): the value of a name inside it, read without
    /// handing the view itself on, for `{{name.field}}`.
    let then: (@Sendable (View, Int) -> TemplateValue?)?

    init(get: @escaping @Sendable (View) -> TemplateValue?, then: (@Sendable (View, Int) -> TemplateValue?)? = nil) {
        self.get = get
        self.then = then
    }

    convenience init(_ get: @escaping @Sendable (View) -> TemplateValue?) { self.init(get: get) }

    /// Plain text, HTML-escaped by `{{name}}`; absent when nil.
    static func text(_ get: @escaping @Sendable (View) -> String?) -> Self { Self { get($0).map(TemplateValue.text) } }
    /// A list of lines (`{{#name}}{{.}}{{/name}}`).
    static func texts(_ get: @escaping @Sendable (View) -> [String]) -> Self { Self { .texts(get($0)) } }
    /// A number, as its text: `{{#name}}` shows for any number, as for text.
    static func number(_ get: @escaping @Sendable (View) -> Int?) -> Self {
        Self { get($0).map { .text(String($0)) } }
    }
    /// True or false, for `{{#name}}…{{/name}}` around something shown only sometimes.
    static func flag(_ get: @escaping @Sendable (View) -> Bool) -> Self { Self { .flag(get($0)) } }
    /// A view of its own, for `{{name.field}}` and `{{#name}}{{field}}{{/name}}`; absent when nil.
    static func view<Inner: TemplateScope>(_ get: @escaping @Sendable (View) -> Inner?) -> Self {
        Self { get($0).map { .scope($0) } }
    }
    /// A view kept `@Shared` (`.view { $0.$stretch }`): handed on by reference, with a lookup
    /// made for its own type here, where that type is known.
    static func view<Inner: TemplateView>(_ get: @escaping @Sendable (View) -> SharedRef<Inner>) -> Self {
        let lookup: @Sendable (AnyObject, Int, Int) -> TemplateValue?? = { box, first, second in
            Inner.fields.value(first, then: second, in: unsafeDowncast(box, to: SharedBox<Inner>.self).value)
        }
        return Self(
            get: { .scope(SharedViewRef(box: get($0).box.takeUnretainedValue(), lookup: lookup)) },
            then: { view, number in get(view).read { Inner.fields.value(number: number, in: $0.value) } })
    }
    /// A list of views, for `{{#name}}…{{/name}}`.
    static func list<Item: TemplateScope & Sendable>(_ get: @escaping @Sendable (View) -> [Item]) -> Self {
        // Walked by code made here for `Item`: the array's own conformance would run generic code.
        let each: @Sendable (AnyObject, (TemplateValue) -> Void) -> Void = { box, body in
            for item in unsafeDowncast(box, to: SharedBox<[Item]>.self).value { body(.scope(item)) }
        }
        return Self { view in
            let items = get(view)
            return .list(ViewList(items: SharedBox(items), isEmpty: items.isEmpty, each: each))
        }
    }
}

/// A name as views offer it and templates use it, with a number given to each distinct name the
/// first time it is seen, so that looking a name up in a view is an array index, not a comparison
/// of strings.
struct FieldName: Sendable, Hashable {
    let text: String
    let number: Int

    init(_ text: String) {
        self.text = text
        number = Self.numbers.number(of: text)
    }

    /// The name with `number`.
    static func text(of number: Int) -> String { numbers.text(of: number) }

    private static let numbers = Numbers()

    private final class Numbers: @unchecked Sendable {
        private let lock = NSLock()
        private var numbers: [String: Int] = [:]
        private var texts: [String] = []

        func number(of name: String) -> Int {
            lock.withLock {
                if let number = numbers[name] { return number }
                numbers[name] = texts.count
                texts.append(name)
                return texts.count - 1
            }
        }

        func text(of number: Int) -> String { lock.withLock { texts[number] } }
    }
}

/// A `@Shared` view as templates see it: the box, and its type's own lookup. Looking a name up
/// through `SharedBox`'s conformance would run generic code, which looks up type metadata on
/// every call.
struct SharedViewRef: TemplateScope, NamedValues, @unchecked Sendable {
    let box: AnyObject
    /// `lookup(box, first, second)`: as `ViewFields.value(_:then:in:)`. Made for the box's own
    /// type, it captures nothing, so handing a view on retains only its box.
    let lookup: @Sendable (AnyObject, Int, Int) -> TemplateValue??

    func value(number: Int) -> TemplateValue? { lookup(box, number, -1) ?? nil }
    func value(number first: Int, then second: Int) -> TemplateValue?? { lookup(box, first, second) }
    var probe: ScopeProbe? { ScopeProbe(box: .passUnretained(box), lookup: lookup) }
    func value(named name: String) -> TemplateValue? { (box as! any TemplateScope).value(named: name) }
    var names: [String] { (box as! any NamedValues).names }
    var viewType: Any.Type { (box as! any NamedValues).viewType }
}

/// A list of views as a section walks it: the items, and a walk made for their own type.
struct ViewList: TemplateList, @unchecked Sendable {
    let items: AnyObject
    let isEmpty: Bool
    let each: @Sendable (AnyObject, (TemplateValue) -> Void) -> Void

    var firstValue: TemplateValue? {
        var first: TemplateValue?
        each(items) { if first == nil { first = $0 } }
        return first
    }

    func forEachValue(_ body: (TemplateValue) -> Void) { each(items, body) }
}

/// A `@Shared` view open in a section, as the renderer asks it for names: its box, not retained
/// (the section's value keeps it), and its lookup, so that asking costs no copy.
struct ScopeProbe {
    let box: Unmanaged<AnyObject>
    let lookup: @Sendable (AnyObject, Int, Int) -> TemplateValue??

    func value(_ first: Int, then second: Int) -> TemplateValue?? {
        box._withUnsafeGuaranteedRef { lookup($0, first, second) }
    }
}
