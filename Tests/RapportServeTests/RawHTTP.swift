import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately dumb HTTP/1.1 client over a plain socket: it sends the request target
/// exactly as given (`/../`, `%2e%2e`, `//etc/passwd` …, which URLSession would normalize or
/// refuse) and reads the whole response. Blocking, so it runs on its own thread, never on the
/// threads the in-process server needs.
struct RawHTTP {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        var body: String
        var bytes: Int
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    let port: UInt16

    func get(_ target: String, method: String = "GET", host: String? = nil, timeout: Int = 40) async -> Response {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(
                    returning: self.blockingRequest(target, method: method, host: host ?? "127.0.0.1:\(port)", timeout: timeout))
            }.start()
        }
    }

    func blockingRequest(_ target: String, method: String, host: String, timeout: Int) -> Response {
        let failure = Response(status: 0, headers: [:], body: "", bytes: 0)
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return failure }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return failure }
        let request = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
        let sent = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
        guard sent == request.utf8.count else { return failure }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return Self.parse(data) ?? failure
    }

    static func parse(_ data: [UInt8]) -> Response? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, data.count - 4)).first(where: { data.count >= 4 && Array(data[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(data[(end + 4)...])
        return Response(status: status, headers: headers, body: String(decoding: body, as: UTF8.self), bytes: body.count)
    }
}

/// A hostile client: raw bytes in chunks (with pauses, for a slow client), then whatever the
/// server answers until it closes or `timeout` passes. Blocking, on its own thread.
extension RawHTTP {
    struct Exchange: Sendable {
        /// The response head the server sent (nil: none before the connection ended).
        var response: Response?
        /// The server closed the connection (rather than the client giving up after `timeout`).
        var closedByServer: Bool
        /// From connecting to the end (the server's close, or the timeout).
        var elapsed: Duration
        /// The chunks the server accepted before it closed.
        var chunksSent: Int
    }

    func exchange(_ chunks: [[UInt8]], pause: Duration = .zero, timeout: Int = 20) async -> Exchange {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.blockingExchange(chunks, pause: pause, timeout: timeout)) }.start()
        }
    }

    static func request(_ head: String, headerBytes: Int = 0) -> [UInt8] {
        var bytes = Array(head.utf8)
        if headerBytes > 0 { bytes += Array("X-Filler: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: headerBytes) + [13, 10] }
        return bytes + [13, 10]
    }

    private func blockingExchange(_ chunks: [[UInt8]], pause: Duration, timeout: Int) -> Exchange {
        let start = ContinuousClock.now
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let noSignal = Int32(MSG_NOSIGNAL)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        let noSignal: Int32 = 0
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return Exchange(response: nil, closedByServer: false, elapsed: .zero, chunksSent: 0) }
        var sent = 0
        sending: for (index, chunk) in chunks.enumerated() {
            if index > 0, pause > .zero {
                Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18 + Double(pause.components.seconds))
            }
            var offset = 0
            while offset < chunk.count {
                let count = chunk[offset...].withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, noSignal) }
                if count <= 0 { break sending }
                offset += count
            }
            sent += 1
            if ContinuousClock.now - start > .seconds(timeout) { break }
        }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var closedByServer = false
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            // 0: orderly close; ECONNRESET/EPIPE: the server closed while data was unread.
            closedByServer = count == 0 || errno == ECONNRESET || errno == EPIPE
            break
        }
        return Exchange(response: Self.parse(data), closedByServer: closedByServer, elapsed: ContinuousClock.now - start, chunksSent: sent)
    }
}
