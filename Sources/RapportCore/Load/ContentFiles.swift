import Diagnostics
import Foundation
import RapportBase

/// Images and other files (a PDF of the report …) that chapters link to, relative to the
/// chapter (`img/chart.png` for `Content/nl/img/chart.png`) or to a shared folder of `Content/`
/// (`../files/report.pdf`). Each is copied into the site once, at `files/<its path in Content/>`,
/// however many pages and languages use it.
struct ContentFiles {
    /// The content folder, as given and after following links (files are named by the latter).
    let root: URL
    let realRoot: String
    let display: @Sendable (URL) -> String

    init?(root: URL, display: @escaping @Sendable (URL) -> String) {
        guard let real = Files.realPath(root.path) else { return nil }
        self.root = root
        realRoot = real
        self.display = display
    }

    /// Alt text that marks an image as decoration only: `![-](img/line.svg)` (written as `alt=""`).
    static let decorativeAlt = "-"

    struct Resolved {
        /// In the site, e.g. `files/nl/img/chart.png`.
        var outputPath: String
        /// On disk, every link followed.
        var source: String
        /// As diagnostics name it, e.g. `Content/nl/img/chart.svg`.
        var shown: String
    }

    /// The file `path` (a link as written, without `#…` or `?…`) of a page in `folder`
    /// (`nl`, `fr`; empty for a path relative to `Content/` itself, as in site.yml), or the one
    /// diagnostic saying why it cannot be used.
    func resolve(_ path: String, from folder: String, at location: SourceLocation) -> Result<Resolved, Diagnostic> {
        let decoded = path.removingPercentEncoding ?? path
        let contentName = display(root) + "/"
        let url = root.appendingPathComponent(folder).appendingPathComponent(decoded).standardizedFileURL
        let rootPath = root.standardizedFileURL.path
        guard url.path.hasPrefix(rootPath + "/") else {
            return .failure(
                .error(location, .link(.outsideContent(path: path, content: contentName))))
        }
        let shown = display(url)
        // What is at the path itself (a link is followed below, if it stays inside).
        switch Files.refusal(url.path, limit: .published, links: .refuse) {
        case nil, .link?:
            break
        case .missing?:
            let parent = url.deletingLastPathComponent().path
            let names = Files.list(parent, recursive: false).map(\.path)
            // Written relative to Content/ (`files/x.svg`, as site.yml's logo is), from a chapter.
            var contentRelative: String?, chapterFolder: String?
            let fromContent = root.appendingPathComponent(decoded).standardizedFileURL
            if !folder.isEmpty, fromContent.path.hasPrefix(rootPath + "/"), Files.kind(ofPath: fromContent.path) == .file {
                contentRelative = String(repeating: "../", count: folder.split(separator: "/").count) + path
                chapterFolder = display(root.appendingPathComponent(folder))
            }
            return .failure(
                .error(
                    location,
                    .link(
                        .missingFile(
                            path: path, expected: shown, inChapter: !folder.isEmpty, content: contentName,
                            suggestion: closestMatch(to: url.lastPathComponent, in: names), contentRelative: contentRelative,
                            chapterFolder: chapterFolder))))
        case let refusal?:
            return .failure(Self.refused(refusal, path: path, shown: shown, at: location))
        }
        guard Files.resolves(url.path, inside: root.path), let real = Files.realPath(url.path) else {
            return .failure(
                .error(location, .link(.linkOutside(path: path, content: contentName))))
        }
        if let refusal = Files.refusal(real, limit: .published) {
            return .failure(Self.refused(refusal, path: path, shown: shown, at: location))
        }
        let relative = String(real.dropFirst(realRoot.count).drop { $0 == "/" })
        return .success(Resolved(outputPath: "files/" + relative, source: real, shown: contentName + relative))
    }

    /// A link to something that is not a regular file Rapport may publish: a folder, a FIFO or
    /// a device (never read: it could block or never end), a file too large.
    private static func refused(_ refusal: Files.Refusal, path: String, shown: String, at location: SourceLocation) -> Diagnostic {
        switch refusal {
        case .folder: return .error(location, .link(.folder(path: path, shown: shown)))
        case let .special(kind): return .error(location, .link(.special(path: path, kind, shown: shown)))
        case let .tooLarge(size, limit): return .error(location, .link(.tooLarge(path: path, size: size, limit: limit)))
        default: return .error(location, .link(.refused(path: path, refusal)))
        }
    }

    /// How diagnostics name a file of the site by its source on disk (`Content/files/map.svg`).
    func shown(source: String) -> String {
        display(root) + "/" + source.dropFirst(realRoot.count).drop { $0 == "/" }
    }

    /// A site path as a URL path: each segment percent-encoded.
    static func urlPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: segment) ?? String($0) }
            .joined(separator: "/")
    }

    private static let segment = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$'()*+,;=:@")

    /// The width and height of the image `file` (linked as `path` at `location`), or why there
    /// are none: a size the file gives that no image can have is an error at its place in the
    /// file (an SVG's attribute), else at the link.
    static func imageSize(_ file: Resolved, path: String, at location: SourceLocation) -> Result<ImageSize, Diagnostic> {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ImageSize.formats.contains(ext) else {
            return .failure(
                .error(location, .link(.imageFormat(path: path))))
        }
        let bytes: [UInt8]
        switch Files.read(file.source, limit: .published) {
        case let .success(read): bytes = read
        case let .failure(refusal): return .failure(refused(refusal, path: path, shown: file.shown, at: location))
        }
        let size: ImageSize?
        do throws(ImageSize.Problem) {
            size = try ImageSize.read(bytes)
        } catch {
            return .failure(diagnostic(error, file: file.shown, path: path, at: location))
        }
        guard let size else {
            return .failure(
                .error(location, .link(.imageSizeUnreadable(path: path, ending: ext))))
        }
        return .success(size)
    }

    private static func diagnostic(_ problem: ImageSize.Problem, file: String, path: String, at location: SourceLocation) -> Diagnostic {
        switch problem {
        case let .tooLarge(width, height):
            return .error(location, .link(.imageTooLarge(path: path, width: width, height: height, maximum: ImageSize.maximumSide)))
        case let .length(attribute, value, outOfRange, place):
            return .error(
                SourceLocation(file: file, line: place.line, column: place.column),
                .link(.svgLength(attribute: attribute, value: value, outOfRange: outOfRange, maximum: ImageSize.maximumSide)))
        case let .viewBox(value, notNumbers, place):
            return .error(SourceLocation(file: file, line: place.line, column: place.column), .link(.viewBox(value, notNumbers: notNumbers)))
        }
    }
}
