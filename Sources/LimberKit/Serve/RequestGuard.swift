import Foundation
import NIOCore

/// Reads the head of each request as it arrives, before the HTTP parser, and answers one that is too
/// long at once: 414 for a request line over 8 KB, 431 for headers over 8 KB. What the client still
/// sends after that is read and dropped for a moment (up to 2 s or 1 MB), so that it sees the answer
/// rather than a reset connection, and then the connection is closed.
///
/// After a request that announces a body (never needed by a preview, which only answers `GET` and
/// `HEAD`), the rest of that connection is left to the HTTP parser and its own limits.
final class RequestGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The longest request line, and the most header bytes, a request may have.
    static let limit = 8 * 1024
    /// How long, and how many bytes, a refused client may go on sending before the connection closes.
    static let drainTime = TimeAmount.seconds(2)
    static let drainBytes = 1024 * 1024

    enum State {
        /// The bytes of the request line so far.
        case requestLine(count: Int)
        /// The bytes of the headers so far; the start of the current header line, lowercased; whether
        /// a header announced a body.
        case headers(count: Int, line: [UInt8], body: Bool)
        /// After a request with a body.
        case passing
        /// Answered with an error: what arrives is dropped.
        case refused(dropped: Int)
    }

    enum Verdict {
        case pass
        case refuse(status: String, message: String)
    }

    private(set) var state = State.requestLine(count: 0)

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if case .refused(let dropped) = state {
            state = .refused(dropped: dropped + buffer.readableBytes)
            if dropped + buffer.readableBytes > Self.drainBytes { context.close(promise: nil) }
            return
        }
        switch read(buffer.readableBytesView) {
        case .pass: context.fireChannelRead(data)
        case .refuse(let status, let message): refuse(context: context, status: status, message: message)
        }
    }

    /// Follows the bytes of request heads; the verdict on the whole chunk.
    func read(_ bytes: ByteBufferView) -> Verdict {
        for byte in bytes {
            switch state {
            case .passing, .refused:
                return .pass
            case .requestLine(let count):
                if byte == UInt8(ascii: "\n") {
                    // Empty lines before a request line are allowed (RFC 9112, 2.2).
                    state = count <= 1 ? .requestLine(count: 0) : .headers(count: 0, line: [], body: false)
                } else if count >= Self.limit + 1 {
                    // The count includes the request line's CR, which the limit does not.
                    return .refuse(status: "414 URI Too Long", message: "The request line is longer than 8 KB.")
                } else {
                    state = .requestLine(count: count + 1)
                }
            case .headers(let count, var line, var body):
                if count + 1 > Self.limit {
                    return .refuse(
                        status: "431 Request Header Fields Too Large",
                        message: "The request's headers are longer than 8 KB."
                    )
                }
                if byte == UInt8(ascii: "\n") {
                    if line.isEmpty || line == [UInt8(ascii: "\r")] {
                        state = body ? .passing : .requestLine(count: 0)
                        continue
                    }
                    body = body || Self.announcesBody(line)
                    line = []
                } else if line.count < 48 {
                    line.append(byte | (byte >= 65 && byte <= 90 ? 0x20 : 0))
                }
                state = .headers(count: count + 1, line: line, body: body)
            }
        }
        return .pass
    }

    /// Whether a header line (lowercased, maybe cut short) says that a body follows the head.
    static func announcesBody(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("transfer-encoding:") { return true }
        guard text.hasPrefix("content-length:") else { return false }
        let value = text.dropFirst("content-length:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return value != "0"
    }

    private func refuse(context: ChannelHandlerContext, status: String, message: String) {
        state = .refused(dropped: 0)
        let body = message + "\n"
        var response = context.channel.allocator.buffer(capacity: 256)
        response.writeString(
            "HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
                + "Connection: close\r\n\r\n\(body)")
        let isolated = context.eventLoop.assumeIsolated()
        context.writeAndFlush(wrapOutboundOut(response)).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
        }
        isolated.scheduleTask(in: Self.drainTime) { context.close(promise: nil) }
    }
}
