import Foundation
import RapportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 24, item 10: limited to 256 file descriptors, 300 idle connections made the preview
/// spin, stop answering, then rebuild into "cannot read file" and "missing template". Now it
/// closes the connections it has no room for, answers those it has, and rebuilds as usual.
/// `rapport serve` runs in a child process with its own limit (`ulimit -n 256`), on loopback,
/// with a bounded number of connections, all closed at the end.
@Suite(.timeLimit(.minutes(3))) struct DescriptorLimitTests {
    static let rapport = TestSite.repository.appendingPathComponent(".build/debug/rapport")

    @Test func withFewDescriptorsThePreviewClosesNewConnectionsAndServesItsOwn() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 256 && exec \"$0\" serve --port 0", Self.rapport.path]
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // SIGKILL: a child of the test runner inherits its blocked signals (SIGINT, SIGTERM).
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // "serving http://127.0.0.1:<port>/ — …"
        var said = read(out, until: "(Ctrl-C to stop)")
        let port = try #require(said.components(separatedBy: "http://127.0.0.1:").dropFirst().first?.prefix { $0.isNumber })
        let address = try #require(UInt16(port))

        var sockets: [Connection] = []
        defer { for socket in sockets { socket.close() } }
        for _ in 0..<300 { sockets.append(try #require(Connection(port: address))) }

        // The first ones are the preview's: they are answered.
        let page = try #require(sockets[0].get("/nl/"))
        #expect(page.status == 200 && page.body.contains("Welkom."))
        // The last one found no room: closed at once, not left hanging.
        #expect(sockets[299].endsWithoutAnswer(), "a connection beyond the limit is closed")

        // A change is built as usual while the connections stay open.
        let financien = try #require(sockets[0].get("/nl/financien/"))
        let token = try #require(financien.body.components(separatedBy: "var b=\"").dropFirst().first?.prefix { $0 != "\"" })
        try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nNieuw geld.\n"))
        let next = try #require(sockets[1].get("/_rapport/events?build=\(token)&page=/nl/financien/"))
        #expect(next.status == 200 && next.body != token, "the next build finished")
        let changed = try #require(sockets[0].get("/nl/financien/"))
        #expect(changed.status == 200 && changed.body.contains("Nieuw geld."), "\(changed.status)")

        for socket in sockets { socket.close() }
        sockets = []
        kill(process.processIdentifier, SIGKILL)
        let terminal = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        said += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(!terminal.contains("error"), "no build failed: \(terminal)")
        let refusing = (said + terminal).components(separatedBy: "\n").filter { $0.contains("new connections are closed") }
        #expect(refusing.count == 1, "said once: \(said)\(terminal)")
        #expect(refusing.first?.contains("(ulimit -n 256)") == true, "\(refusing)")
    }
    /// A build that runs out of file descriptors is not the site's fault: the preview keeps
    /// serving the last good build, says so once, and builds again when descriptors are free.
    /// The test lowers the running preview's limit (prlimit) to leave it a few descriptors.
    @Test func aBuildOutOfDescriptorsKeepsTheLastGoodSiteAndSaysSoOnce() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.rapport.path) else {
            Issue.record("build the tool first: swift build --build-tests")
            return
        }
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let process = Process()
        process.executableURL = Self.rapport
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = site.root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let said = read(out, until: "(Ctrl-C to stop)")
        let port = try #require(UInt16(said.components(separatedBy: "http://127.0.0.1:").dropFirst().first?.prefix { $0.isNumber } ?? ""))
        let first = try #require(Connection(port: port)), second = try #require(Connection(port: port))
        defer { first.close(); second.close() }
        let page = try #require(first.get("/nl/financien/"))
        #expect(page.status == 200 && page.body.contains("Geld."))
        let token = try #require(page.body.components(separatedBy: "var b=\"").dropFirst().first?.prefix { $0 != "\"" })

        // Four descriptors left: enough to see the change, too few to build.
        let pid = process.processIdentifier
        let limit = try #require(Self.limit(of: pid))
        #expect(Self.setLimit(of: pid, to: Self.leaving(4, in: pid), hard: limit.hard))
        try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nNieuw geld.\n"))
        var terminal = read(err, until: "out of file descriptors")
        let kept = try #require(first.get("/nl/financien/"))
        #expect(kept.status == 200 && kept.body.contains("Geld.") && !kept.body.contains("Nieuw"), "the last good build, not an error page")

        // Descriptors free again: the change is built.
        #expect(Self.setLimit(of: pid, to: limit.soft, hard: limit.hard))
        let next = try #require(second.get("/_rapport/events?build=\(token)&page=/nl/financien/"))
        #expect(next.body != token)
        #expect(first.get("/nl/financien/")?.body.contains("Nieuw geld.") == true)

        kill(pid, SIGKILL)
        terminal += String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = terminal.split(separator: "\n")
        #expect(lines.filter { $0.contains("out of file descriptors") }.count == 1, "said once: \(terminal)")
        #expect(lines.allSatisfy { !$0.contains("error") }, "no build errors: \(terminal)")
        #expect(lines.first?.hasPrefix("out of file descriptors (ulimit -n ") == true, "\(terminal)")
        #expect(lines.first?.hasSuffix(
            "still serving the last good build, and building again once some are free (close tabs or programs that keep connections open, or raise the limit with ulimit -n)"
        ) == true)
    }

    // MARK: Another process's limit (prlimit(2), looked up at run time: Glibc does not declare it)

    private typealias PRLimit = @convention(c) (pid_t, Int32, UnsafePointer<rlimit>?, UnsafeMutablePointer<rlimit>?) -> Int32
    private static let prlimit: PRLimit? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prlimit").map {
        unsafeBitCast($0, to: PRLimit.self)
    }

    static func limit(of pid: pid_t) -> (soft: Int, hard: Int)? {
        var current = rlimit()
        guard let prlimit, prlimit(pid, Int32(RLIMIT_NOFILE.rawValue), nil, &current) == 0 else { return nil }
        return (Int(clamping: current.rlim_cur), Int(clamping: current.rlim_max))
    }

    static func setLimit(of pid: pid_t, to soft: Int, hard: Int) -> Bool {
        var new = rlimit(rlim_cur: rlim_t(soft), rlim_max: rlim_t(hard))
        return prlimit?(pid, Int32(RLIMIT_NOFILE.rawValue), &new, nil) == 0
    }

    /// The limit that leaves `count` descriptor numbers free in process `pid`.
    static func leaving(_ count: Int, in pid: pid_t) -> Int {
        let open = Set(((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []).compactMap(Int.init))
        var free = 0, number = 0
        while true {
            if !open.contains(number) { free += 1 }
            if free == count { return number + 1 }
            number += 1
        }
    }
}

/// What the process writes to `pipe` until it has written `text`, or the end, or nothing for 60 s
/// (a guard: a preview that never says it fails the test instead of hanging it).
private func read(_ pipe: Pipe, until text: String) -> String {
    var said = ""
    var waiting = pollfd(fd: pipe.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
    while !said.contains(text), poll(&waiting, 1, 60_000) > 0 {
        let more = pipe.fileHandleForReading.availableData
        if more.isEmpty { break }
        said += String(decoding: more, as: UTF8.self)
    }
    return said
}

/// One kept-alive HTTP/1.1 connection on loopback, blocking, with a 30 s guard on every read
/// (a server that never answers fails the test instead of hanging it).
private final class Connection {
    let fd: Int32

    init?(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var time = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            return nil
        }
    }

    func close() { Glibc.close(fd) }

    /// One request and its response (read to its Content-Length); nil when the connection ends first.
    func get(_ target: String) -> (status: Int, body: String)? {
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = data.indices.dropLast(3).first(where: { data[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) }) {
                let head = String(decoding: data[..<end], as: UTF8.self).lowercased()
                let length = head.components(separatedBy: "content-length: ").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
                if data.count >= end + 4 + length {
                    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                    return (status, String(decoding: data[(end + 4)..<(end + 4 + length)], as: UTF8.self))
                }
            }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { return nil }
            data += buffer[0..<count]
        }
    }

    /// True when the server closes the connection without a byte (an orderly close or a reset),
    /// false when it answers or the 30 s guard runs out.
    func endsWithoutAnswer() -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }
}
