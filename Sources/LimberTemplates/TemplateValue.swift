/// A value a template reads by name, in the few shapes Mustache knows. Views hand their values to
/// the renderer in this form, so that rendering a tag is a switch over five cases, not a chain of
/// casts.
public enum TemplateValue {
    /// Text: `{{name}}` escapes it, `{{{name}}}` writes it as it is, and `{{#name}}` shows once
    /// with the text as `{{.}}`.
    case text(String)
    /// `{{#name}}` shows when true, `{{^name}}` when false.
    case flag(Bool)
    /// Something with names of its own: `{{name.field}}`, or `{{#name}}{{field}}{{/name}}`.
    case scope(any TemplateScope)
    /// A list of things with names: `{{#name}}` shows once for each.
    case list(any TemplateList)
    /// A list of lines: `{{#name}}{{.}}{{/name}}`.
    case texts([String])

    /// Whether `{{#name}}` shows at all.
    public var isShown: Bool {
        switch self {
        case .text, .scope: true
        case .flag(let flag): flag
        case .list(let list): !list.isEmpty
        case .texts(let texts): !texts.isEmpty
        }
    }
}

/// What a scope answers when a tag asks it for `first.second` in one step.
public enum Lookup {
    /// The scope has no value named `first`: the tag looks further out, as Mustache does.
    case missing
    /// The scope has `first`, but `first` has no `second`: the tag shows nothing and looks no
    /// further.
    case empty
    /// The value the tag shows.
    case found(TemplateValue)
}

/// Something a template reads names from: a view, or the theme's assets.
public protocol TemplateScope {
    /// The value of `name`, or nil when this has no such name or no value for it: a template then
    /// looks the name up further out, as Mustache does.
    func value(named name: String) -> TemplateValue?
    /// The same, by the name's number (`FieldName`): what views answer quickest.
    func value(number: Int) -> TemplateValue?
    /// `first.second` in one step, without handing `first`'s value on; with `second` negative,
    /// `first` alone.
    func value(number first: Int, then second: Int) -> Lookup
}

extension TemplateScope {
    public func value(number: Int) -> TemplateValue? { value(named: FieldName.text(of: number)) }

    public func value(number first: Int, then second: Int) -> Lookup {
        guard let value = value(number: first) else { return .missing }
        if second < 0 { return .found(value) }
        guard case .scope(let scope) = value, let inner = scope.value(number: second) else { return .empty }
        return .found(inner)
    }
}

/// A list a section repeats over.
public protocol TemplateList {
    var isEmpty: Bool { get }
    /// The first item, for checking the names a template uses inside the section.
    var firstValue: TemplateValue? { get }
    /// Calls `body` with each item, in order.
    func forEachValue(_ body: (TemplateValue) -> Void)
}

extension Array: TemplateList where Element: TemplateScope {
    public var firstValue: TemplateValue? { first.map { .scope($0) } }

    public func forEachValue(_ body: (TemplateValue) -> Void) {
        for item in self { body(.scope(item)) }
    }
}
