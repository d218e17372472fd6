import Foundation
import HTTPTypes
import RapportBase

/// Answers every request: the reload long poll (for one page: answered when what that page
/// shows changed); the pages and files of the last good build (from memory, HTML with the
/// reload script of the page's version added to the response); the assets from `Templates/assets`; the error
/// page while the input has errors; the site's own 404 page; and refusals for every path that
/// tries to leave the site.
struct SiteHandler: Sendable {
    let state: SiteState
    /// `Templates/assets`, served as `/assets/` (absolute path).
    let assets: String
    /// When listening on loopback, requests must name a loopback host: a web page elsewhere
    /// cannot read the preview through a DNS name that points to 127.0.0.1 (DNS rebinding).
    let loopbackOnly: Bool
    let longPollTimeout: Duration

    /// A response head (with its `Content-Length`) and body.
    typealias Reply = (head: HTTPResponse, body: Data)

    func reply(to request: HTTPRequest) async -> Reply {
        var reply: Reply
        if !hostIsAllowed(request.authority) {
            reply = text(.forbidden, "403 Forbidden: this preview answers to localhost and 127.0.0.1 only\n")
        } else if request.method != .get && request.method != .head {
            reply = text(.methodNotAllowed, "405 Method Not Allowed\n")
            reply.head.headerFields[.allow] = "GET, HEAD"
        } else {
            reply = await respond(to: request.path ?? "")
        }
        reply.head.headerFields[.contentLength] = String(reply.body.count)
        // HEAD: the same headers, no body.
        if request.method == .head { reply.body = Data() }
        return reply
    }

    /// `target`: the request target as sent (path and query, still percent-encoded).
    private func respond(to target: String) async -> Reply {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let raw = String(parts.first ?? "")
        let query = parts.count > 1 ? String(parts[1]) : ""
        if raw == Pages.eventsPath {
            let version = Self.queryValue("build", in: query) ?? ""
            let page = Self.queryValue("page", in: query)
            return text(.ok, await state.nextVersion(of: page, after: version, timeout: longPollTimeout))
        }
        // 1. Refuse what could leave the site: `..`, encoded separators, `//`, not a path.
        let segments: [String]
        switch SitePath.segments(ofRawPath: raw) {
        case let .success(s): segments = s
        case let .failure(.forbidden(why)): return text(.forbidden, "403 Forbidden: \(why)\n")
        case let .failure(.badRequest(why)): return text(.badRequest, "400 Bad Request: \(why)\n")
        }
        var current = await state.current
        if current.token.isEmpty {  // the first build is still running
            _ = await state.nextToken(after: "", timeout: .seconds(60))
            current = await state.current
        }
        // 2. The site lives under its base path; any other path leads there (`/`, a page opened
        //    before `baseURL` got its subfolder, one under a base path the site had before).
        // (Compared decoded, like the request's segments: the base path may come escaped or not.)
        let base = Self.decodedSegments(current.site.basePath)
        guard segments.starts(with: base) else {
            if segments.isEmpty { return redirect(current.site.basePath) }
            return redirect(moved(raw, query: query, in: current) ?? current.site.basePath + raw.dropFirst() + Self.suffix(query))
        }
        let inside = Array(segments.dropFirst(base.count))
        if inside.contains(where: { $0.hasPrefix(".") }) { return notFound(current, raw) }

        // 3. A page or file of the build, from memory.
        switch current.site.lookup(inside, rawPath: raw, query: query) {
        case let .file(path, bytes):
            let type = MediaType.of(path)
            guard MediaType.isHTML(type) else { return (HTTPResponse(status: .ok, headerFields: headers(type)), Data(bytes)) }
            if let errorPage = current.errorPage { return html(.internalServerError, page(errorPage, raw, current)) }
            return (HTTPResponse(status: .ok, headerFields: headers(type)), page(bytes, raw, current))
        case let .redirect(location):
            return redirect(location)
        case .none:
            break
        }

        // 4. The stylesheet and icons, from Templates/assets; links pointing outside refused.
        guard inside.first == "assets" else {
            return moved(raw, query: query, in: current).map(redirect) ?? notFound(current, raw)
        }
        switch SitePath(root: assets).resolve(inside: Array(inside.dropFirst()), rawPath: raw, query: query) {
        case let .file(path):
            // A regular file only (a FIFO could hold this request forever), to its limit.
            guard case let .success(bytes) = Files.read(path, limit: .published) else { return notFound(current, raw) }
            return (HTTPResponse(status: .ok, headerFields: headers(MediaType.of(path))), Data(bytes))
        case let .redirect(location):
            return redirect(location)
        case .notFound:
            return notFound(current, raw)
        case let .forbidden(why):
            return text(.forbidden, "403 Forbidden: \(why)\n")
        case let .badRequest(why):
            return text(.badRequest, "400 Bad Request: \(why)\n")
        }
    }

    /// Where a path under a base path the site had earlier in this session is now (nil for
    /// any other path).
    private func moved(_ raw: String, query: String, in current: SiteState.Current) -> String? {
        // The raw pieces are kept (still encoded) for the new address; compared decoded.
        let pieces = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for former in current.formerBasePaths where former != "/" && former != current.site.basePath {
            let base = Self.decodedSegments(former)
            guard !base.isEmpty, pieces.count > base.count,
                zip(pieces, base).allSatisfy({ (SitePath.percentDecode($0) ?? $0) == $1 })
            else { continue }
            return current.site.basePath + pieces.dropFirst(base.count).joined(separator: "/") + Self.suffix(query)
        }
        return nil
    }

    static func decodedSegments(_ basePath: String) -> [String] {
        basePath.split(separator: "/").map { SitePath.percentDecode(String($0)) ?? String($0) }
    }

    static func suffix(_ query: String) -> String { query.isEmpty ? "" : "?" + query }

    /// The site's own 404 page (or the error page while the build fails).
    private func notFound(_ current: SiteState.Current, _ raw: String) -> Reply {
        if let errorPage = current.errorPage { return html(.internalServerError, page(errorPage, raw, current)) }
        if let notFound = current.site.files["404.html"] { return html(.notFound, page(notFound, raw, current)) }
        return text(.notFound, "404 Not Found\n")
    }

    /// An HTML page as served at `raw`: with the reload script of what is shown there now.
    private func page(_ html: [UInt8], _ raw: String, _ current: SiteState.Current) -> Data {
        Pages.inject(Pages.reloadScript(version: current.version(ofPage: raw)), into: html)
    }

    /// `location` is built from the request path and the site's base path: it is escaped
    /// (`SitePath.headerSafe`) so that no input can end the header line.
    private func redirect(_ location: String) -> Reply {
        let safe = SitePath.headerSafe(location)
        var reply = text(.movedPermanently, "Moved to \(safe)\n")
        reply.head.headerFields[.location] = safe
        return reply
    }

    private func html(_ status: HTTPResponse.Status, _ page: Data) -> Reply {
        (HTTPResponse(status: status, headerFields: headers("text/html; charset=utf-8")), page)
    }

    private func text(_ status: HTTPResponse.Status, _ body: String) -> Reply {
        (HTTPResponse(status: status, headerFields: headers("text/plain; charset=utf-8")), Data(body.utf8))
    }

    /// A preview must never be cached: every reload shows the latest build.
    private func headers(_ type: String) -> HTTPFields {
        [.contentType: type, .cacheControl: "no-store", .xContentTypeOptions: "nosniff"]
    }

    /// The percent-decoded value of `name` in a query string (`a=1&build=x`).
    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init) == name else { continue }
            let value = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            return SitePath.percentDecode(value) ?? value
        }
        return nil
    }

    func hostIsAllowed(_ header: String?) -> Bool {
        guard loopbackOnly, let header, !header.isEmpty else { return true }
        var host = header.lowercased()
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1"
            || (host.hasPrefix("127.") && host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}
