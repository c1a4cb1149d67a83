import Foundation
import Hummingbird
import NIOCore

/// Tells open pages, over server-sent events, when the site was rebuilt or failed to build.
actor LiveReload {
    /// Event streams open at once: enough for every tab a person has open, and too few for a client
    /// that opens streams to take every connection the server can hold.
    static let maximumListeners = 64
    /// How often an open stream gets a comment: proxies and browsers keep a stream that is not
    /// silent, and a connection that is gone fails its write and closes.
    static let heartbeat = Duration.seconds(15)

    /// What the last build did, as the event a page that connects now should see.
    private var last: String?
    private var listeners: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var beating: Task<Void, Never>?
    private var finished = false

    /// An event stream for one page, which ends when `closed` does (the page went away); nil when
    /// too many are open or the server is stopping.
    func subscribe(until closed: EventLoopFuture<Void>) -> ResponseBody? {
        guard !finished, listeners.count < Self.maximumListeners else { return nil }
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        closed.whenComplete { _ in continuation.finish() }
        // A comment first, so the browser knows the stream is open; then the current state.
        continuation.yield(Array(": connected\n\n".utf8))
        if let last { continuation.yield(Array(last.utf8)) }
        if beating == nil {
            beating = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.heartbeat)
                    self.broadcast(": still here\n\n")
                }
            }
        }
        return ResponseBody { writer in
            for await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
            try await writer.finish(nil)
        }
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
        broadcast(message)
    }

    private func broadcast(_ message: String) {
        for continuation in listeners.values { continuation.yield(Array(message.utf8)) }
    }

    var listenerCount: Int { listeners.count }

    /// Ends every stream, and refuses new ones: the server is stopping.
    func finish() {
        finished = true
        beating?.cancel()
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }
}

/// The script added to served pages (never to the built site): reloads the page after a build,
/// and shows the build's errors over the page until they are fixed.
enum LiveReloadScript {
    /// The script, its words (the overlay's heading) in `words`, the site's language.
    static func source(eventsURL: String, words: Words) -> String {
        var failed = ""
        JSONText.string(words.text("serve_build_failed"), into: &failed)
        return source(eventsURL: eventsURL, failedText: failed)
    }

    private static func source(eventsURL: String, failedText: String) -> String {
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
            overlay.textContent = \(failedText) + "\\n\\n" +
              diagnostics.map(function (d) { return d.text; }).join("\\n");
          }
          var events = new EventSource("\(eventsURL)");
          events.addEventListener("reload", function () { location.reload(); });
          events.addEventListener("failed", function (e) { show(JSON.parse(e.data).diagnostics); });
        })();

        """
    }
}
