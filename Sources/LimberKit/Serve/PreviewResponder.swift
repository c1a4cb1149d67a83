import Foundation
import Hummingbird
import NIOCore

/// Answers the preview's requests: the live-reload stream and script, and the built site, for
/// requests that name an allowed host (421 for the others).
struct PreviewResponder: HTTPResponder {
    typealias Context = PreviewContext

    let site: BuiltSiteHandler
    let live: LiveReload
    let script: String
    let listening: Listening

    func respond(to request: Request, context: Context) async throws -> Response {
        let head = request.head
        // A second `Host` is left among the other headers by the parser: one name only.
        guard listening.allows(head.authority), !head.headerFields.contains(where: { $0.name.canonicalName == "host" })
        else {
            return Self.text(
                .misdirectedRequest,
                "This preview answers to the address it listens on, localhost, 127.0.0.1 and [::1] only.")
        }
        let path = head.path.map { String($0.prefix { $0 != "?" }) } ?? "/"
        switch (path, head.method) {
        case ("/_limber/events", .get):
            guard let stream = await live.subscribe(until: context.connectionClosed) else {
                return Self.text(.serviceUnavailable, "Too many pages are open on this preview.")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: stream)
        case ("/_limber/live.js", .get):
            return Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: script)))
        default:
            return site.respond(to: head)
        }
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}

/// What a request's answer knows of its connection: when it closes (a page that went away).
struct PreviewContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let connectionClosed: EventLoopFuture<Void>

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        connectionClosed = source.channel.closeFuture
    }
}

/// Where the server listens, once it does, and so which hosts it answers to; whether it is stopping.
final class Listening: @unchecked Sendable {
    private let lock = NSLock()
    private let host: String
    private var result: Result<SocketAddress, any Error>?
    private var waiting: CheckedContinuation<SocketAddress, any Error>?
    private var hosts: AllowedHosts?
    private var closed = false

    init(host: String) { self.host = host }

    /// Whether new connections are taken.
    var isOpen: Bool { lock.withLock { !closed } }

    /// Refuses new connections from now on: the server is stopping.
    func close() { lock.withLock { closed = true } }

    /// Called when the server listens, before it takes a request.
    func opened(_ address: SocketAddress?) {
        if let port = address?.port {
            lock.withLock { hosts = AllowedHosts(listeningOn: host, port: port) }
        }
        settle(address.map { .success($0) } ?? .failure(PreviewServer.Failure(description: "no address")))
    }

    /// Called when the server could not start.
    func failed(_ error: any Error) { settle(.failure(error)) }

    private func settle(_ outcome: Result<SocketAddress, any Error>) {
        let continuation: CheckedContinuation<SocketAddress, any Error>? = lock.withLock {
            guard result == nil else { return nil }
            result = outcome
            defer { waiting = nil }
            return waiting
        }
        continuation?.resume(with: outcome)
    }

    /// The address, once the server listens.
    func address() async throws -> SocketAddress {
        try await withCheckedThrowingContinuation { continuation in
            let known: Result<SocketAddress, any Error>? = lock.withLock {
                if result == nil { waiting = continuation }
                return result
            }
            if let known { continuation.resume(with: known) }
        }
    }

    func allows(_ authority: String?) -> Bool {
        lock.withLock { hosts }?.allows(authority) ?? false
    }
}
