import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// What one request may cost the preview. Each bound has its own answer, after which the
/// connection is closed: request line → 414, request line and headers (bytes or lines) → 431,
/// a declared body → 413 (411 for a chunked one), a request not whole in time → 408.
public struct RequestLimits: Sendable {
    public var requestLine = 8 * 1024
    /// Request line and headers together, as sent (line ends included).
    public var head = 64 * 1024
    /// Header lines (a browser sends about 20).
    public var headerLines = 200
    /// A body is never needed (the preview answers GET and HEAD): one this small is read
    /// and ignored, then the connection closed; a larger one is refused unread.
    public var body = 64 * 1024
    /// From the first byte of a request to its last; a connection that sends nothing is
    /// closed after as long (HTTP1Channel's idle timeout). A request being answered (the
    /// reload long poll) is never cut.
    public var timeout: Duration = .seconds(20)
    /// After refusing, what the client still sends is read and dropped this long, so that it
    /// reads the answer rather than a connection reset.
    public var linger: Duration = .seconds(2)

    public init() {}
}

/// The first handler of every connection, on the raw bytes before SwiftNIO's HTTP parser
/// (whose own limits, set to the same sizes, stay as a second line that answers 400). It counts the request line and
/// headers as they arrive and hands the parser one request head at a time, so that the
/// parser's `end` of a request without a body (reported back by `MessageObserver` before
/// `fireChannelRead` returns) tells exactly where the next request starts.
///
/// A request with a body is answered, then the connection closed: the bytes after its body
/// were handed on unscanned, so the next request could not be counted.
final class RequestGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Phase { case head, body, finishing, refused }

    let limits: RequestLimits
    private(set) var phase = Phase.head
    private var context: ChannelHandlerContext?
    // The head being read.
    private var headBytes = 0
    private var lineBytes = 0
    private var lines = 0
    private var sawRequestLine = false
    private var handingOnHead = false
    /// Requests handed to the responder whose response has not ended.
    private(set) var inFlight = 0
    private var closeWhenAnswered = false
    private var deadline: Scheduled<Void>?
    private var lingering: Scheduled<Void>?

    init(limits: RequestLimits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        lingering?.cancel()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        lingering?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        while buffer.readableBytes > 0 {
            switch phase {
            case .finishing, .refused:
                return  // dropped: the connection is closing
            case .body:
                context.fireChannelRead(wrapInboundOut(buffer))
                return
            case .head:
                if headBytes == 0, deadline == nil { startDeadline(context) }
                guard let (length, ended) = scanHead(buffer) else { return }
                let slice = buffer.readSlice(length: length)!
                guard ended else {
                    context.fireChannelRead(wrapInboundOut(slice))
                    return
                }
                // The whole head: hand it on. A request without a body ends at once (the
                // observer calls `requestEnded` before this returns); otherwise a body follows.
                phase = .body
                resetHead()
                handingOnHead = true
                context.fireChannelRead(wrapInboundOut(slice))
                handingOnHead = false
                if phase == .body { closeWhenAnswered = true }
            }
        }
    }

    /// How many bytes of `buffer` belong to the current head, and whether it ends there; nil
    /// (after refusing) when a bound is passed.
    private func scanHead(_ buffer: ByteBuffer) -> (Int, Bool)? {
        var count = 0
        for byte in buffer.readableBytesView {
            count += 1
            headBytes += 1
            if byte == UInt8(ascii: "\n") {
                let empty = lineBytes == 0
                lineBytes = 0
                if empty {
                    // Empty lines before a request are allowed (and skipped by the parser).
                    if sawRequestLine { return (count, true) }
                } else {
                    sawRequestLine = true
                    lines += 1
                    if lines > limits.headerLines + 1 {
                        refuse(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"))
                        return nil
                    }
                }
            } else if byte != UInt8(ascii: "\r") {
                lineBytes += 1
                if !sawRequestLine, lineBytes > limits.requestLine {
                    refuse(.init(code: 414, reasonPhrase: "URI Too Long"))
                    return nil
                }
            }
            if headBytes > limits.head {
                refuse(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"))
                return nil
            }
        }
        return (count, false)
    }

    private func resetHead() {
        headBytes = 0
        lineBytes = 0
        lines = 0
        sawRequestLine = false
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        let loop = context.eventLoop.assumeIsolated()
        deadline = loop.scheduleTask(in: TimeAmount(limits.timeout)) { [self] in
            deadline = nil
            refuse(.init(code: 408, reasonPhrase: "Request Timeout"))
        }
    }

    // MARK: Told by MessageObserver (on the same event loop)

    /// The parser produced a request head, about to go to the responder.
    func requestStarted() { inFlight += 1 }

    /// The parser saw the end of a request (head, and body if any).
    func requestEnded() {
        deadline?.cancel()
        deadline = nil
        guard phase == .body else { return }
        if handingOnHead {
            phase = .head  // no body: the rest of the buffer is the next request
        } else {
            phase = .finishing  // after a body: answer, then close
        }
    }

    /// A response ended; the connection closes when it was the last one owed.
    func responseEnded(written: EventLoopFuture<Void>) {
        inFlight -= 1
        guard inFlight == 0, closeWhenAnswered || phase == .finishing || phase == .refused, context != nil else { return }
        written.assumeIsolated().whenComplete { [self] _ in closeSoon() }
    }

    /// Answers `status` (unless a response is owed: then the answer would go to that
    /// request) and closes the connection.
    func refuse(_ status: HTTPResponse.Status) {
        guard phase != .refused, let context else { return }
        phase = .refused
        deadline?.cancel()
        deadline = nil
        guard inFlight == 0 else {
            context.close(promise: nil)
            return
        }
        let body = "\(status.code) \(status.reasonPhrase)\n"
        var buffer = context.channel.allocator.buffer(capacity: 256)
        buffer.writeString(
            "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: \(body.utf8.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n\(body)")
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        closeSoon()
    }

    /// Closes the sending side now (after what is queued), the connection once the client
    /// has closed its side too, or after `linger`; what it still sends is dropped.
    private func closeSoon() {
        guard let context, lingering == nil else { return }
        if phase != .refused { phase = .finishing }
        context.close(mode: .output, promise: nil)
        lingering = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(limits.linger)) { [self] in
            self.context?.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event, phase == .finishing || phase == .refused, lingering != nil {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Sits after the HTTP parser and tells `RequestGuard` where requests begin and end and when
/// their responses are written. A request declaring a body larger than the bound is refused
/// here, before the responder sees it; nothing is passed on once the connection is closing.
final class MessageObserver: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let requestGuard: RequestGuard

    init(_ requestGuard: RequestGuard) {
        self.requestGuard = requestGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        // Closing: what follows is neither needed nor answered.
        if requestGuard.phase == .finishing || requestGuard.phase == .refused { return }
        switch part {
        case let .head(request):
            if request.headerFields[.transferEncoding] != nil {
                return requestGuard.refuse(.init(code: 411, reasonPhrase: "Length Required"))
            }
            if let length = request.headerFields[.contentLength], (Int(length) ?? .max) > requestGuard.limits.body {
                return requestGuard.refuse(.init(code: 413, reasonPhrase: "Content Too Large"))
            }
            requestGuard.requestStarted()
        case .end:
            requestGuard.requestEnded()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else { return context.write(data, promise: promise) }
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.cascade(to: promise)
        context.write(data, promise: written)
        requestGuard.responseEnded(written: written.futureResult)
    }
}
