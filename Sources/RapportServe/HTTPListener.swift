import Foundation
import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// The HTTP side of the preview: HummingbirdCore's HTTP/1 server (SwiftNIO underneath), with
/// `RequestGuard` in front of the parser on every connection, answering with `SiteHandler`.
/// (FlyingFox, used before, parsed requests with no bound and no timeout that could be set
/// from outside: three 1 MB headers kept both cores busy for minutes.)
final class HTTPListener: Sendable {
    private let server: Server<GuardedHTTP1Channel>
    private let running: Running
    private let task: Task<Void, Never>

    /// Binds and starts serving; returns once listening (then `port` is the real port). At most
    /// `connections.maximum` connections are open at once (ConnectionLimit.swift).
    init(host: String, port: UInt16, limits: RequestLimits, connections: ConnectionLimit, handler: SiteHandler) async throws {
        let running = Running()
        self.running = running
        let responder: HTTPChannelHandler.Responder = { request, writer, _ in
            let (head, body) = await handler.reply(to: request.head)
            try await writer.write(response: head, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        let server = Server(
            childChannelSetup: GuardedHTTP1Channel(responder: responder, limits: limits, connections: connections),
            configuration: ServerConfiguration(address: .hostname(Self.bindHost(host), port: Int(port))),
            onServerRunning: { channel in running.listening(port: channel.localAddress?.port) },
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            logger: Logger(label: "rapport.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        self.server = server
        task = Task {
            do { try await server.run() } catch { running.failed(error) }
        }
        // Listening takes milliseconds; the bound only guards against a server that never starts
        // (generous: on 2 cores other work can hold the threads tasks run on for seconds).
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            switch running.state {
            case .listening: return
            case let .failed(error): throw error
            case .starting:
                guard ContinuousClock.now < deadline else { throw PreviewServer.Failure.cannotListen("cannot listen on \(host):\(port)") }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
    }

    var port: UInt16 { running.port }

    /// Stops listening and closes every connection (at most ~2 s for those in the middle of
    /// something).
    func stop() async {
        let server = server
        Task { try? await server.shutdownGracefully() }
        let task = task
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await task.value; return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2)); return false
            }
            if await group.next() == false { task.cancel() }
            group.cancelAll()
        }
    }

    /// "Address already in use" rather than SwiftNIO's `bind(descriptor:ptr:bytes:): …`.
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return "\(error)"
    }

    // MARK: Addresses

    /// The address as SwiftNIO binds it (`localhost` is 127.0.0.1, brackets dropped).
    static func bindHost(_ host: String) -> String {
        host == "localhost" ? "127.0.0.1" : host.trimmingCharacters(in: ["[", "]"])
    }

    /// An IPv4 or IPv6 address (no name lookups: the preview listens where it is told).
    static func isIPAddress(_ host: String) -> Bool {
        let bare = bindHost(host)
        var ip4 = in_addr()
        var ip6 = in6_addr()
        return inet_pton(AF_INET, bare, &ip4) == 1 || inet_pton(AF_INET6, bare, &ip6) == 1
    }
}

/// Whether the server listens yet, and on which port.
private final class Running: @unchecked Sendable {
    enum State { case starting, listening, failed(any Error) }
    private let lock = NSLock()
    private var _state = State.starting
    private var _port: UInt16 = 0

    var state: State { lock.withLock { _state } }
    var port: UInt16 { lock.withLock { _port } }

    func listening(port: Int?) {
        lock.withLock {
            _port = UInt16(port ?? 0)
            _state = .listening
        }
    }

    func failed(_ error: any Error) {
        lock.withLock { if case .starting = _state { _state = .failed(error) } }
    }
}

/// HummingbirdCore's HTTP/1 channel with a `ConnectionCounter` first (the connection limit),
/// a `RequestGuard` in front of the parser and its `MessageObserver` after it: new ones for
/// each connection.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let responder: HTTPChannelHandler.Responder
    let limits: RequestLimits
    let connections: ConnectionLimit

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let limits = limits
        let responder = responder
        let connections = connections
        return channel.eventLoop.flatSubmit {
            let requestGuard = RequestGuard(limits: limits)
            let observer = Unchecked(MessageObserver(requestGuard))
            do {
                try channel.pipeline.syncOperations.addHandler(ConnectionCounter(connections))
                try channel.pipeline.syncOperations.addHandler(requestGuard)
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
            // SwiftNIO's own limits stay as a second line (it answers 400 past them).
            let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
                maxHeaderFieldSize: limits.head, maxHeaderListSize: limits.head, maxHeaderFieldCount: limits.headerLines + 1)
            let configuration = HTTP1Channel.Configuration(
                additionalChannelHandlers: [observer.value], idleTimeout: TimeAmount(limits.timeout), httpDecoderConfiguration: decoder)
            return HTTP1Channel(responder: responder, configuration: configuration).setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await HTTP1Channel(responder: responder).handle(value: value, logger: logger)
    }
}

/// Hands a channel handler into the (Sendable) closure that builds a connection's pipeline,
/// on that connection's event loop.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
