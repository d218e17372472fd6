import Foundation

extension ContentLoader {
    /// `baseURL` parsed once: its origin and its percent-encoded path (ending in `/`), or why
    /// it cannot be used.
    static func parseBaseURL(_ text: String) -> Result<(origin: String, path: String), BaseURLProblem> {
        let example = "e.g. https://example.org/ or https://example.org/studie/"
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            let components = URLComponents(string: text)
        else {
            return .failure(BaseURLProblem(message: "baseURL \"\(text)\" is not a valid URL", fix: example))
        }
        // The scheme in any case (`HTTPS://`), written in lower case.
        guard let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.percentEncodedHost, !host.isEmpty
        else {
            return .failure(BaseURLProblem(message: "baseURL \"\(text)\" is not an absolute http(s) URL", fix: example))
        }
        guard !host.contains("%") else {
            return .failure(
                BaseURLProblem(message: "baseURL \"\(text)\" has a percent-encoded host", fix: "write the host as it is, e.g. example.org"))
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(BaseURLProblem(message: "baseURL \"\(text)\" has a port outside 1–65535", fix: example))
        }
        guard components.query == nil, components.fragment == nil, components.user == nil, components.password == nil else {
            return .failure(
                BaseURLProblem(
                    message: "baseURL \"\(text)\" has a query, fragment or user name",
                    fix: "give only the address of the site's folder, \(example)"))
        }
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if !path.hasSuffix("/") { path += "/" }
        let decoded = components.path
        if decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            || decoded.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
        {
            return .failure(BaseURLProblem(message: "baseURL \"\(text)\" has a path with control characters or dot segments", fix: example))
        }
        // Only what may stand in a URL path as it is; the rest percent-encoded.
        path = path.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? path
        return .success((scheme + "://" + host + (components.port.map { ":\($0)" } ?? ""), path))
    }

    struct BaseURLProblem: Error {
        var message: String
        var fix: String
    }

    /// RFC 3986 path characters, and `%` for escapes already there.
    private static let pathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")
}

extension Pipeline {
    /// Why `text` cannot be the site's `baseURL`, worded as for site.yml but naming `name`
    /// (`--base-url`); nil when it can.
    public static func baseURLProblem(_ text: String, named name: String) -> String? {
        if case let .failure(problem) = parseBaseURL(text, named: name) { return "\(problem.message) (\(problem.fix))" }
        return nil
    }

    static func parseBaseURL(
        _ text: String, named name: String
    ) -> Swift.Result<(origin: String, path: String), ContentLoader.BaseURLProblem> {
        ContentLoader.parseBaseURL(text).mapError { problem in
            var problem = problem
            if problem.message.hasPrefix("baseURL ") { problem.message = name + problem.message.dropFirst("baseURL".count) }
            return problem
        }
    }
}
