import Foundation

// MARK: - One value

/// A value made when first asked for, exactly once, from any thread: whoever asks while it is
/// being made waits for it. A body's text is one: read from the build cache by a build that
/// renders its page, and never by one that does not; set aside while a full build of a large
/// guide renders its pages (`BodiesSetAside`), and read back by each page that shows it.
///
/// What makes the value must not ask for it: it would wait for itself.
final class MadeOnce<Value: Sendable>: Sendable {
    private struct State: Sendable {
        var made: Value?
        var make: (@Sendable () -> Value)?
        /// The value was set aside (`setAside`): `make` reads it back at each ask, and nothing
        /// keeps it.
        var setAside = false
    }

    // Making holds the lock, so that a second asker waits for the value rather than makes one.
    private let state: Locked<State>

    /// A value already made.
    init(_ value: Value) { state = Locked(State(made: value)) }

    /// A value `make` makes when it is first asked for.
    init(making make: @escaping @Sendable () -> Value) { state = Locked(State(make: make)) }

    /// A value the first `read(else:_:)` makes: a place in `MadeOnceByKey`.
    fileprivate init() { state = Locked(State()) }

    /// A copy of the value.
    var value: Value { read { copy $0 } }

    /// What `part` reads from the value, which it is lent rather than given a copy.
    func read<Part>(_ part: (borrowing Value) -> Part) -> Part {
        read(else: { preconditionFailure("a value made once without a way to make it") }, part)
    }

    /// What `part` reads from the value, made by `make` when this is the first ask.
    fileprivate func read<Part>(else make: () -> Value, _ part: (borrowing Value) -> Part) -> Part {
        // A value set aside is read back outside the lock: the pages that show it are rendered
        // side by side.
        if let readBack = state.withLock({ $0.setAside ? $0.make : nil }) { return part(readBack()) }
        return state.withLock { state in
            if state.made == nil {
                if let stored = state.make { state.made = stored() } else { state.made = make() }
                state.make = nil
            }
            return part(state.made!)
        }
    }

    /// Changes the value in place (made first, when it is still to be made).
    func modify(_ change: (inout Value) -> Void) {
        state.withLock { state in
            if state.made == nil {
                state.made = state.make!()
                state.make = nil
                state.setAside = false
            }
            change(&state.made!)
        }
    }
}

extension MadeOnce where Value: Equatable {
    /// Lets go of the value, which `readBack` gives again from where it was put: from now on each
    /// ask reads it back, and none is kept, until a change (`modify`) brings it back for good. A
    /// value not yet made is left as it is. A debug build checks that `readBack` gives the value.
    func setAside(readBack: @escaping @Sendable () -> Value) {
        state.withLock { state in
            guard state.made != nil, !state.setAside else { return }
            assert(readBack() == state.made, "a value set aside reads back as another")
            state.made = nil
            state.make = readBack
            state.setAside = true
        }
    }

    /// Whether the value is set aside rather than kept (`setAside`).
    var isSetAside: Bool { state.withLock { $0.setAside } }
}

// MARK: - A value for each key

/// Values made once for each key, from any thread: whoever asks for a key while its value is being
/// made waits for it, and the values of different keys are made side by side. A routine's total
/// time, shown on several pages, is one; its JSON-LD, made for its page and its sheet, another.
///
/// What makes a value must not ask the same table for it: it would wait for itself.
final class MadeOnceByKey<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// How long a value made is kept.
    enum Kept: Sendable {
        /// Until the table goes: for values many pages show.
        case always
        /// Until its second use, which takes it away: for values two pages show, such as a
        /// routine's page and its sheet. A third use makes it again. A value whose second user
        /// never asks (a build that renders only one of the two) stays until the table goes.
        case untilSecondUse
    }

    let kept: Kept
    private let values = Locked<[Key: MadeOnce<Value>]>([:])

    init(kept: Kept = .always) { self.kept = kept }

    /// The value for `key`, made by `make` for the first to ask.
    func value(_ key: Key, else make: () -> Value) -> Value {
        // The table's lock is held only to find the key's place; the value is made under the
        // place's own lock, so that other keys are not held up.
        let place = values.withLock { values in
            if kept == .untilSecondUse, let left = values.removeValue(forKey: key) { return left }
            if let place = values[key] { return place }
            let place = MadeOnce<Value>()
            values[key] = place
            return place
        }
        return place.read(else: make) { copy $0 }
    }
}

// MARK: - The lock

/// State that threads share, reached only through `withLock`.
///
/// > Warning: It is `@unchecked Sendable` because `state` is private and read or written only
/// > inside `withLock`, while `lock` is held; so no two threads ever touch it at once. The
/// > compiler checks that nothing else reaches `state` (it is private to this class), and
/// > `State: Sendable` keeps what goes in and comes out safe to share. `body` must not call
/// > `withLock` on the same instance: the lock is not recursive, and the thread would wait for
/// > itself.
final class Locked<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) { self.state = state }

    /// Runs `body` with the state, while no other thread can reach it.
    func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
