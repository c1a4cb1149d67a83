import Foundation
import HummingbirdCore
import Logging
import NIOCore

/// One connection to the preview: HTTP/1.1 with the ``RequestGuard`` in front of the parser, and
/// closed when it has sent no complete request head for 10 s (a client that sends its headers a
/// byte at a time included) or stayed idle that long between requests.
struct PreviewConnection: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http: HTTP1Channel
    let listening: Listening

    static let idleTimeout = TimeAmount.seconds(10)

    /// The preview's HTTP server. The parser's own limits are above the guard's, for the requests it
    /// leaves to the parser (those after a request with a body).
    static func server(_ listening: Listening) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            PreviewConnection(
                http: HTTP1Channel(
                    responder: responder,
                    configuration: HTTP1Channel.Configuration(
                        idleTimeout: idleTimeout,
                        httpDecoderConfiguration: .init(
                            maxHeaderFieldSize: 2 * RequestGuard.limit, maxHeaderListSize: 4 * RequestGuard.limit,
                            maxHeaderFieldCount: 200))),
                listening: listening)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Once the server is stopping, a new connection is closed before it is one: the server no
        // longer takes the connections it accepted, and NIO traps on one that is dropped unused.
        guard listening.isOpen else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        return channel.eventLoop.makeCompletedFuture {
            // A client that closes its side has gone (a page closed or reloaded): the connection
            // closes with it, and so does an event stream sent on it.
            try channel.syncOptions?.setOption(ChannelOptions.allowRemoteHalfClosure, value: false)
            try channel.pipeline.syncOperations.addHandler(RequestGuard())
        }
        .flatMap { http.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }

    /// Descriptors kept free of connections: for the files being served, the folder watcher and the
    /// builds.
    static let reservedDescriptors = 64

    /// How many connections the server holds at once: what the process may open, less the reserve.
    /// Further clients wait in the listen queue until a connection closes, and the listener never
    /// runs out of descriptors. The soft limit is raised first, as far as the hard one allows.
    static func maximumConnections() -> Int {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return 1024 - reservedDescriptors }
        let wanted = min(limit.rlim_max, 8192)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return max(16, Int(limit.rlim_cur) - reservedDescriptors)
    }
}
