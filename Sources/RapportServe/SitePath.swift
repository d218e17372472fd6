import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// Turns a request target into a file of a folder on disk, or refuses it. Pure apart from
/// `stat`/`realpath` on the folder, so every rule is tested on its own.
///
/// The raw (still percent-encoded) path is split on literal `/` first and each segment decoded
/// afterwards, so `%2f` can never become a separator and `%2e%2e` is seen as `..`. What is left
/// is joined under the folder and resolved with `realpath`: a symbolic link that leads
/// outside the folder is refused like `..`. (The pages themselves are served from memory;
/// only `Templates/assets` is served from disk.)
struct SitePath: Sendable {
    enum Resolution: Equatable, Sendable {
        /// A regular file inside the folder (its real path).
        case file(String)
        /// A folder asked for without its trailing slash: send the browser to `location`.
        case redirect(String)
        case notFound
        /// An attempt to leave the folder (`..`, an encoded separator, an absolute path, a
        /// link pointing outside): answered 403 and never looked up.
        case forbidden(String)
        case badRequest(String)
    }

    /// The folder on disk (e.g. `Templates/assets`).
    let root: String

    /// The decoded segments of a raw request path, or the reason it is refused.
    static func segments(ofRawPath raw: String) -> Result<[String], Refusal> {
        guard raw.hasPrefix("/") else { return .failure(.forbidden("not an absolute path: the request target must start with /")) }
        var pieces = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if pieces.last == "" { pieces.removeLast() }  // the trailing slash of a folder
        var result: [String] = []
        for piece in pieces {
            guard !piece.isEmpty else { return .failure(.forbidden("empty path segment (//)")) }
            guard let decoded = percentDecode(piece) else { return .failure(.badRequest("invalid percent-encoding")) }
            if decoded == "." || decoded == ".." { return .failure(.forbidden("dot segment in the path")) }
            if decoded.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }) {
                return .failure(.forbidden("encoded separator or NUL in the path"))
            }
            result.append(decoded)
        }
        return .success(result)
    }

    enum Refusal: Error, Equatable { case forbidden(String), badRequest(String) }

    func resolve(rawPath raw: String, query: String = "") -> Resolution {
        let segments: [String]
        switch Self.segments(ofRawPath: raw) {
        case let .success(s): segments = s
        case let .failure(.forbidden(why)): return .forbidden(why)
        case let .failure(.badRequest(why)): return .badRequest(why)
        }
        return resolve(inside: segments, rawPath: raw, query: query)
    }

    /// The file for decoded, checked `segments` relative to the root; `rawPath` (the whole
    /// request path) is only used to send a folder asked for without `/` to its slashed form.
    func resolve(inside: [String], rawPath raw: String, query: String) -> Resolution {
        // Hidden files (the build marker, editor droppings) are not part of the site.
        if inside.contains(where: { $0.hasPrefix(".") }) { return .notFound }

        guard let realRoot = Self.realPath(root) else { return .notFound }
        let candidate = ([root] + inside).joined(separator: "/")
        guard let real = Self.realPath(candidate) else { return .notFound }
        guard Self.isInside(real, realRoot) else { return .forbidden("symbolic link pointing outside the site folder") }
        switch Self.kind(real) {
        case .directory:
            guard raw.hasSuffix("/") else {
                return .redirect(raw + "/" + (query.isEmpty ? "" : "?" + query))
            }
            guard let index = Self.realPath(real + "/index.html") else { return .notFound }
            guard Self.isInside(index, realRoot) else { return .forbidden("symbolic link pointing outside the site folder") }
            return Self.kind(index) == .file ? .file(index) : .notFound
        case .file:
            return .file(real)
        case .other:
            return .notFound
        }
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    enum Kind { case file, directory, other }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// `%XX` decoding of one path segment; nil when an escape is malformed or the result is
    /// not UTF-8. `+` stays `+` (it means a space only in query strings).
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A URL path (and query) made safe for a header value such as `Location`: every byte
    /// outside the characters a URL may carry as they are is percent-encoded (CR, LF, space,
    /// quotes, non-ASCII …); an existing valid `%XX` escape is kept, a stray `%` encoded.
    static func headerSafe(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var result = ""
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil
            {
                result.unicodeScalars.append(UnicodeScalar(byte))
            } else if byte != UInt8(ascii: "%"), urlSafe.contains(byte) {
                result.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
            index += 1
        }
        return result
    }

    /// RFC 3986 unreserved and sub-delimiters, `:@/?` (and `%`, handled above).
    private static let urlSafe: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?".utf8))

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The media type of a site file, by extension.
enum MediaType {
    static func of(_ path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        return types[ext] ?? "application/octet-stream"
    }

    static let types: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "webmanifest": "application/manifest+json",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "pdf": "application/pdf",
        "zip": "application/zip",
        "woff2": "font/woff2",
        "woff": "font/woff",
    ]

    static func isHTML(_ type: String) -> Bool { type.hasPrefix("text/html") }
}
