#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

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
                continuation.resume(returning: self.blockingRequest(target, method: method, host: host ?? "127.0.0.1:\(port)", timeout: timeout))
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
        guard let end = (0...max(0, data.count - 4)).first(where: { data.count >= 4 && Array(data[$0..<$0 + 4]) == separator }) else { return nil }
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
