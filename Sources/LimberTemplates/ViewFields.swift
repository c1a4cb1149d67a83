import Foundation

/// A value templates read by name: one struct per page kind and per piece of a page. Its
/// `fields` are the one list of the names it offers: the renderer looks names up there, a check
/// of the templates reads it, and so can a test of the documentation.
///
/// Views are written one way: plain stored properties, the views shown inside them included, and
/// one line in `fields` for each name:
///
/// ```swift
/// struct StepView: TemplateView {
///     var title: String
///     var image: ImageView?
///     var cues: [String]
///
///     static let fields: ViewFields<Self> = [
///         "title": .text { $0.title },
///         "image": .view { $0.image },
///         "cues": .texts { $0.cues },
///     ]
/// }
/// ```
///
/// A view that offers the names of another it holds lists them with `ViewFields(_:with:at:)`.
public protocol TemplateView: TemplateScope, NamedValues, Sendable {
    static var fields: ViewFields<Self> { get }
}

extension TemplateView {
    // Inlinable, so that a view's conformance runs code made for its own type, not generic code
    // that looks up type metadata at every call.
    @inlinable public func value(named name: String) -> TemplateValue? { Self.fields.value(of: name, in: self) }
    @inlinable public func value(number: Int) -> TemplateValue? { Self.fields.value(number: number, in: self) }
    @inlinable public func value(number first: Int, then second: Int) -> Lookup {
        Self.fields.value(first, then: second, in: self)
    }

    public var names: [String] { Self.fields.names }

    /// The view as a page's root value: kept in one box and looked up by code made for its type.
    var rootValue: TemplateValue { .scope(ViewRef(self)) }
}

/// What templates can read names from, with the names it offers: for checking templates.
public protocol NamedValues: TemplateScope {
    var names: [String] { get }
    /// The view's type, seen through the box the renderer keeps it in.
    var viewType: Any.Type { get }
}

extension NamedValues {
    public var viewType: Any.Type { Self.self }
}

// MARK: - Fields

/// The names a view offers, in the order they are written, each with how to get its value.
/// A class: views look their names up here for every tag rendered, and handing a class on is one
/// reference, where a struct would retain each of its arrays.
///
/// Its methods are inlinable so that each view's table runs code made for the view's own type
/// (they are generic, and Limber's views live in another module).
public final class ViewFields<View: TemplateView>: Sendable, ExpressibleByDictionaryLiteral {
    /// The names, in the order they are listed.
    public let names: [String]
    @usableFromInline let table: [String: ViewField<View>]
    /// Each field at its name's number (`FieldName`): a lookup is an index.
    ///
    /// > Warning: Not retained: `table` holds each of these fields for as long as this object
    /// > lives, and a lookup reads one only while it holds this object (`withExtendedLifetime`).
    /// > Reading them unretained keeps two threads that render at once from taking turns at each
    /// > field's reference count.
    @usableFromInline let slots: [Unmanaged<ViewField<View>>?]
    /// The lookup of a view of this type kept in a `ViewBox`: made here, where the type is known.
    ///
    /// > Warning: The box it is given must be a `ViewBox<View>`, which it reads without a checked
    /// > cast: `ViewRef` hands it only the box it was made with (`ViewRef.init`). Debug builds
    /// > assert it.
    @usableFromInline let boxLookup: @Sendable (AnyViewBox, Int, Int) -> Lookup

    @inlinable public convenience init(dictionaryLiteral elements: (String, ViewField<View>)...) {
        self.init(elements)
    }

    @inlinable public init(_ elements: [(String, ViewField<View>)]) {
        let table = Dictionary(elements, uniquingKeysWith: { first, _ in first })
        names = elements.map(\.0)
        let numbers = names.map { FieldName($0).number }
        var slots = [Unmanaged<ViewField<View>>?](repeating: nil, count: (numbers.max() ?? 0) + 1)
        for (name, number) in zip(names, numbers) { slots[number] = Unmanaged.passUnretained(table[name]!) }
        self.slots = slots
        self.table = table
        boxLookup = { box, first, second in
            assert(box is ViewBox<View>, "a view's lookup was given another type's box")
            let box = unsafeDowncast(box, to: ViewBox<View>.self)
            return View.fields.value(first, then: second, in: box.value)
        }
    }

    /// These fields and those of `part`, a view this view holds (`at: { $0.common }`): a page's
    /// names and those every page has.
    @inlinable public convenience init<Part>(
        _ elements: [(String, ViewField<View>)], with part: ViewFields<Part>, at get: @escaping @Sendable (View) -> Part
    ) {
        self.init(part.lifted(get) + elements)
    }

    /// The value of `name` in `view`, or nil when it has none.
    @inlinable public func value(of name: String, in view: View) -> TemplateValue? { table[name]?.get(view) }

    /// The value of the name numbered `number`, or nil when it has none.
    @inlinable public func value(number: Int, in view: View) -> TemplateValue? {
        guard number < slots.count, let slot = slots[number] else { return nil }
        assert(slot.takeUnretainedValue() === table[FieldName.text(of: number)], "a slot's field is not in the table")
        return withExtendedLifetime(self) { slot.takeUnretainedValue().get(view) }
    }

    /// The value of name `first`, or, when `second` is not negative, of `first.second`.
    @inlinable public func value(_ first: Int, then second: Int, in view: View) -> Lookup {
        guard first < slots.count, let slot = slots[first] else { return .missing }
        assert(slot.takeUnretainedValue() === table[FieldName.text(of: first)], "a slot's field is not in the table")
        return withExtendedLifetime(self) {
            let field = slot.takeUnretainedValue()
            if second < 0 {
                guard let value = field.get(view) else { return .missing }
                return .found(consume value)
            }
            if let then = field.then { return then(view, second) }
            guard let value = field.get(view) else { return .missing }
            guard case .scope(let scope) = consume value, let inner = scope.value(number: second) else {
                return .empty
            }
            return .found(inner)
        }
    }

    /// Each field, read through `get` from a view that holds this one.
    @inlinable func lifted<Outer>(_ get: @escaping @Sendable (Outer) -> View) -> [(String, ViewField<Outer>)] {
        names.map { name in
            let field = table[name]!
            let then = field.then.map { then in { @Sendable outer, number in then(get(outer), number) } }
            return (name, ViewField<Outer>(get: { field.get(get($0)) }, then: then))
        }
    }
}

/// How one name's value is read from a view. A class: a view's fields are made once, and a
/// lookup reads one in place rather than copying (and retaining) its closures.
public final class ViewField<View>: Sendable {
    @usableFromInline let get: @Sendable (View) -> TemplateValue?
    /// For a view inside this one: `{{name.field}}` read inside it, without handing it on.
    @usableFromInline let then: (@Sendable (View, Int) -> Lookup)?

    @inlinable init(get: @escaping @Sendable (View) -> TemplateValue?, then: (@Sendable (View, Int) -> Lookup)? = nil) {
        self.get = get
        self.then = then
    }

    /// Plain text, HTML-escaped by `{{name}}`; absent when nil.
    @inlinable public static func text(_ get: @escaping @Sendable (View) -> String?) -> ViewField {
        ViewField { get($0).map(TemplateValue.text) }
    }
    /// A list of lines (`{{#name}}{{.}}{{/name}}`).
    @inlinable public static func texts(_ get: @escaping @Sendable (View) -> [String]) -> ViewField {
        ViewField { .texts(get($0)) }
    }
    /// A number, as its text: `{{#name}}` shows for any number, as for text.
    @inlinable public static func number(_ get: @escaping @Sendable (View) -> Int?) -> ViewField {
        ViewField { get($0).map { .text(String($0)) } }
    }
    /// True or false, for `{{#name}}…{{/name}}` around something shown only sometimes.
    @inlinable public static func flag(_ get: @escaping @Sendable (View) -> Bool) -> ViewField {
        ViewField { .flag(get($0)) }
    }
    /// A view of its own, for `{{name.field}}` and `{{#name}}{{field}}{{/name}}`; absent when nil.
    @inlinable public static func view<Inner: TemplateView>(_ get: @escaping @Sendable (View) -> Inner?) -> ViewField {
        ViewField(
            get: { get($0).map { .scope(ViewRef($0)) } },
            then: { view, number in
                guard let inner = get(view) else { return .missing }
                return Inner.fields.value(number: number, in: inner).map(Lookup.found) ?? .empty
            })
    }
    /// Something else with names, whose names are not listed in code (a theme's files).
    @inlinable public static func scope<Inner: NamedValues>(_ get: @escaping @Sendable (View) -> Inner?) -> ViewField {
        ViewField { get($0).map { .scope($0) } }
    }
    /// A list of views, for `{{#name}}…{{/name}}`.
    @inlinable public static func list<Item: TemplateView>(_ get: @escaping @Sendable (View) -> [Item]) -> ViewField {
        ViewField { view in
            let items = get(view)
            // Walked by code made here for `Item`: the array's own conformance would run generic code.
            return .list(ViewList(isEmpty: items.isEmpty) { body in for item in items { body(.scope(item)) } })
        }
    }
}

// MARK: - What the renderer holds

/// A name as views offer it and templates use it, with a number given to each distinct name the
/// first time it is seen, so that looking a name up in a view is an array index, not a comparison
/// of strings.
public struct FieldName: Sendable, Hashable {
    public let text: String
    public let number: Int

    public init(_ text: String) {
        self.text = text
        number = Self.numbers.number(of: text)
    }

    /// The name with `number`.
    public static func text(of number: Int) -> String { numbers.text(of: number) }

    private static let numbers = Numbers()

    /// Sendable by its lock: every read and write of its two tables holds it.
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

/// A view in a box, for `ViewRef`: what only checking asks (its names, its type) is answered
/// through the class, and the names a tag asks for through the lookup made for the view's type.
@usableFromInline class AnyViewBox: @unchecked Sendable {
    @usableFromInline init() {}
    func value(named name: String) -> TemplateValue? { nil }
    var names: [String] { [] }
    var viewType: Any.Type { Void.self }
}

/// Sendable: `value` is a `let` of a `Sendable` view.
@usableFromInline final class ViewBox<View: TemplateView>: AnyViewBox {
    @usableFromInline let value: View

    @usableFromInline init(_ value: View) { self.value = value }

    override func value(named name: String) -> TemplateValue? { value.value(named: name) }
    override var names: [String] { View.fields.names }
    override var viewType: Any.Type { View.self }
}

/// A view as templates see it: its box, and the lookup made for its type. Handing it on retains
/// only the box; a tag's name is looked up without any generic code on the way.
@usableFromInline struct ViewRef: NamedValues, Sendable {
    @usableFromInline let box: AnyViewBox
    /// `lookup(box, first, second)`: `ViewFields.value(_:then:in:)` for the view in `box`.
    @usableFromInline let lookup: @Sendable (AnyViewBox, Int, Int) -> Lookup

    @inlinable init<View: TemplateView>(_ view: View) {
        box = ViewBox(view)
        lookup = View.fields.boxLookup
    }

    @usableFromInline func value(number: Int) -> TemplateValue? {
        if case .found(let value) = lookup(box, number, -1) { return value }
        return nil
    }
    @usableFromInline func value(number first: Int, then second: Int) -> Lookup { lookup(box, first, second) }
    @usableFromInline func value(named name: String) -> TemplateValue? { box.value(named: name) }
    @usableFromInline var names: [String] { box.names }
    @usableFromInline var viewType: Any.Type { box.viewType }
}

/// A list of views as a section walks it, by a walk made for their own type.
@usableFromInline struct ViewList: TemplateList, Sendable {
    @usableFromInline let isEmpty: Bool
    let each: @Sendable ((TemplateValue) -> Void) -> Void

    @usableFromInline init(isEmpty: Bool, each: @escaping @Sendable ((TemplateValue) -> Void) -> Void) {
        self.isEmpty = isEmpty
        self.each = each
    }

    @usableFromInline var firstValue: TemplateValue? {
        var first: TemplateValue?
        each { if first == nil { first = $0 } }
        return first
    }

    @usableFromInline func forEachValue(_ body: (TemplateValue) -> Void) { each(body) }
}
