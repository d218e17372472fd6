import Diagnostics
import Foundation

extension ContentLoader {
    /// `baseURL` parsed once: its origin and its percent-encoded path (ending in `/`), or why
    /// it cannot be used.
    static func parseBaseURL(_ text: String) -> Result<(origin: String, path: String), SiteProblem.BaseURLFault> {
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            let components = URLComponents(string: text)
        else {
            return .failure(.invalid)
        }
        // The scheme in any case (`HTTPS://`), written in lower case.
        guard let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.percentEncodedHost, !host.isEmpty
        else {
            return .failure(.notAbsolute)
        }
        guard !host.contains("%") else {
            return .failure(.percentEncodedHost)
        }
        if let port = components.port, !(1...65535).contains(port) {
            return .failure(.port)
        }
        guard components.query == nil, components.fragment == nil, components.user == nil, components.password == nil else {
            return .failure(.queryOrUser)
        }
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if !path.hasSuffix("/") { path += "/" }
        let decoded = components.path
        if decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            || decoded.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
        {
            return .failure(.pathSegments)
        }
        // Only what may stand in a URL path as it is; the rest percent-encoded.
        path = path.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? path
        return .success((scheme + "://" + host + (components.port.map { ":\($0)" } ?? ""), path))
    }

    /// RFC 3986 path characters, and `%` for escapes already there.
    private static let pathCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")
}

extension Pipeline {
    /// Why `text` cannot be the site's `baseURL`, worded as for site.yml but naming `name`
    /// (`--base-url`); nil when it can.
    public static func baseURLProblem(_ text: String, named name: String) -> Problem? {
        if case let .failure(problem) = parseBaseURL(text, named: name) { return problem }
        return nil
    }

    static func parseBaseURL(_ text: String, named name: String) -> Swift.Result<(origin: String, path: String), Problem> {
        ContentLoader.parseBaseURL(text).mapError { .site(.baseURL(name: name, written: text, $0)) }
    }
}
