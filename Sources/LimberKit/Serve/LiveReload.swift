import FlyingFox
import FlyingSocks
import Foundation

/// Tells open pages, over server-sent events, when the site was rebuilt or failed to build.
actor LiveReload {
    /// What the last build did, as the event a page that connects now should see.
    private var last: String?
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    /// An event stream for one page.
    func subscribe() -> HTTPBodySequence {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        // A comment first, so the browser knows the stream is open; then the current state.
        continuation.yield(Array(": connected\n\n".utf8))
        if let last { continuation.yield(Array(last.utf8)) }
        return HTTPBodySequence(from: EventBytes(stream: stream))
    }

    private func remove(_ id: UUID) { listeners[id] = nil }

    func built() { send(event: "reload", data: "{}", remember: false) }

    func failed(_ diagnostics: [Diagnostic]) {
        let lines = diagnostics.map { ["text": $0.description, "severity": $0.severity.rawValue] }
        let json = (try? JSONSerialization.data(withJSONObject: ["diagnostics": lines])).map {
            String(decoding: $0, as: UTF8.self)
        }
        send(event: "failed", data: json ?? "{}", remember: true)
    }

    private func send(event: String, data: String, remember: Bool) {
        let message = "event: \(event)\ndata: \(data)\n\n"
        last = remember ? message : nil
        for continuation in listeners.values { continuation.yield(Array(message.utf8)) }
    }

    var listenerCount: Int { listeners.count }

    func finish() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}

/// The bytes of an event stream, chunk by chunk as events happen.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { pending = await base.next() ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return await base.next()
        }
    }
}

/// The script added to served pages (never to the built site): reloads the page after a build,
/// and shows the build's errors over the page until they are fixed.
enum LiveReloadScript {
    static func source(eventsURL: String) -> String {
        """
        (function () {
          // The built pages keep themselves for offline use with a service worker; a preview
          // registers none (it would serve old pages over new ones), and drops any left behind.
          window.limberPreview = true;
          if (navigator.serviceWorker) {
            navigator.serviceWorker.getRegistrations().then(function (all) {
              all.forEach(function (registration) { registration.unregister(); });
            });
          }
          var overlay = null;
          function show(diagnostics) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "limber-errors";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
                "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "The site did not build. The last good pages are still served.\\n\\n" +
              diagnostics.map(function (d) { return d.text; }).join("\\n");
          }
          var events = new EventSource("\(eventsURL)");
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("failed", function (e) { show(JSON.parse(e.data).diagnostics); });
        })();

        """
    }
}
