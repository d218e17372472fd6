import FlyingFox
import Foundation

/// Answers every request: the reload long poll; the pages and files of the last good build
/// (from memory, HTML with the reload script); the assets from `Templates/assets`; the error
/// page while the input has errors; the site's own 404 page; and refusals for every path that
/// tries to leave the site.
struct SiteHandler: HTTPHandler {
    let state: SiteState
    /// `Templates/assets`, served as `/assets/` (absolute path).
    let assets: String
    /// When listening on loopback, requests must name a loopback host: a web page elsewhere
    /// cannot read the preview through a DNS name that points to 127.0.0.1 (DNS rebinding).
    let loopbackOnly: Bool
    let longPollTimeout: Duration

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard hostIsAllowed(request.headers[.host]) else {
            return text(.forbidden, "403 Forbidden: this preview answers to localhost and 127.0.0.1 only\n")
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = text(.methodNotAllowed, "405 Method Not Allowed\n")
            response.headers[HTTPHeader("Allow")] = "GET, HEAD"
            return response
        }
        let response = await respond(to: request)
        guard request.method == .HEAD else { return response }
        // HEAD: the same headers, no body.
        var head = HTTPResponse(statusCode: response.statusCode, headers: response.headers)
        head.headers[.contentLength] = String(try await response.bodyData.count)
        return head
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        let raw = request.target.path()
        let query = request.target.query()
        if raw == Pages.eventsPath {
            let token = request.query.first { $0.name == "build" }?.value ?? ""
            return text(.ok, await state.nextToken(after: token, timeout: longPollTimeout))
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
        // 2. The site lives under its base path; `/` leads there.
        let base = current.site.basePath.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }  // percent-encoded in site.yml
        guard segments.starts(with: base) else {
            return segments.isEmpty ? redirect(current.site.basePath) : notFound(current)
        }
        let inside = Array(segments.dropFirst(base.count))
        if inside.contains(where: { $0.hasPrefix(".") }) { return notFound(current) }

        // 3. A page or file of the build, from memory.
        switch current.site.lookup(inside, rawPath: raw, query: query) {
        case let .file(path, data):
            let type = MediaType.of(path)
            if MediaType.isHTML(type), let errorPage = current.errorPage { return html(.internalServerError, errorPage) }
            return HTTPResponse(statusCode: .ok, headers: headers(type), body: data)
        case let .redirect(location):
            return redirect(location)
        case .none:
            break
        }

        // 4. The stylesheet and icons, from Templates/assets; links pointing outside refused.
        guard inside.first == "assets" else { return notFound(current) }
        switch SitePath(root: assets).resolve(inside: Array(inside.dropFirst()), rawPath: raw, query: query) {
        case let .file(path):
            guard let data = FileManager.default.contents(atPath: path) else { return notFound(current) }
            return HTTPResponse(statusCode: .ok, headers: headers(MediaType.of(path)), body: data)
        case let .redirect(location):
            return redirect(location)
        case .notFound:
            return notFound(current)
        case let .forbidden(why):
            return text(.forbidden, "403 Forbidden: \(why)\n")
        case let .badRequest(why):
            return text(.badRequest, "400 Bad Request: \(why)\n")
        }
    }

    /// The site's own 404 page (or the error page while the build fails).
    private func notFound(_ current: SiteState.Current) -> HTTPResponse {
        if let errorPage = current.errorPage { return html(.internalServerError, errorPage) }
        if let page = current.site.files["404.html"] { return html(.notFound, page) }
        return text(.notFound, "404 Not Found\n")
    }

    private func redirect(_ location: String) -> HTTPResponse {
        var response = text(.movedPermanently, "Moved to \(location)\n")
        response.headers[.location] = location
        return response
    }

    private func html(_ status: HTTPStatusCode, _ page: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/html; charset=utf-8"), body: page)
    }

    private func text(_ status: HTTPStatusCode, _ body: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: headers("text/plain; charset=utf-8"), body: Data(body.utf8))
    }

    /// A preview must never be cached: every reload shows the latest build.
    private func headers(_ type: String) -> HTTPHeaders {
        [.contentType: type, .cacheControl: "no-store", HTTPHeader("X-Content-Type-Options"): "nosniff"]
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
