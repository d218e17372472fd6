import Foundation
import NIOCore
import RapportBase

/// How many connections the preview keeps open at once: as many as its file descriptors allow,
/// less a reserve for what builds and the watcher open. Each connection holds one descriptor;
/// without a bound, idle connections took them all (issue 24, item 10: 300 connections under
/// `ulimit -n 256`), and then the accept loop spun, the watcher saw folders it could not list
/// as changes, and builds that could not open a file reported "cannot read file" and "missing
/// template". A connection beyond the limit is closed as soon as it is accepted (the client
/// sees the connection end at once, and may try again); those already open are answered as
/// before.
final class ConnectionLimit: @unchecked Sendable {
    let maximum: Int
    /// For the terminal: `ulimit -n`, as the process found it.
    let descriptorLimit: Int?
    private let lock = NSLock()
    private var open = 0
    private var refusing = false
    private let log: @Sendable (String) -> Void

    init(maximum: Int, descriptorLimit: Int?, log: @escaping @Sendable (String) -> Void) {
        self.maximum = max(1, maximum)
        self.descriptorLimit = descriptorLimit
        self.log = log
    }

    /// From the descriptors free now (the server listening, before any connection): all but a
    /// reserve of 64 for builds (a few files at a time per core, the folders being walked, the
    /// watcher), or half of them when fewer than 128 are free; at most 1,024 (a preview has a
    /// few browsers, each with a handful of connections).
    static func fromDescriptors(log: @escaping @Sendable (String) -> Void) -> ConnectionLimit {
        guard let (open, limit) = Files.descriptors() else { return ConnectionLimit(maximum: 1024, descriptorLimit: nil, log: log) }
        let free = max(0, limit - open)
        let reserve = min(64, free / 2)
        return ConnectionLimit(maximum: min(1024, free - reserve), descriptorLimit: limit, log: log)
    }

    /// Counts a new connection in; false (and said once, until half the room is free again)
    /// when there is no room for it.
    func admit() -> Bool {
        let (admitted, tell): (Bool, Bool) = lock.withLock {
            guard open < maximum else {
                defer { refusing = true }
                return (false, !refusing)
            }
            open += 1
            return (true, false)
        }
        if tell {
            let limit = descriptorLimit.map { " (ulimit -n \($0))" } ?? ""
            log(
                "the preview has \(maximum) connections open, as many as its file descriptors allow\(limit): new connections are closed until some end (close tabs or programs that keep connections open, or raise the limit)"
            )
        }
        return admitted
    }

    func release() {
        lock.withLock {
            open -= 1
            if open <= maximum / 2 { refusing = false }
        }
    }

    var openConnections: Int { lock.withLock { open } }
}

/// First in every connection's pipeline: counts it in when it becomes active, and out when it
/// ends; one without room is closed there and then, before a byte of it is read.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let limit: ConnectionLimit
    private var counted = false

    init(_ limit: ConnectionLimit) { self.limit = limit }

    func channelActive(context: ChannelHandlerContext) {
        guard limit.admit() else {
            context.close(promise: nil)
            return
        }
        counted = true
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted {
            counted = false
            limit.release()
        }
        context.fireChannelInactive()
    }
}
