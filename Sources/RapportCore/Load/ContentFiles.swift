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
                .error(
                    location, "link to a file outside \(contentName): \"\(path)\"",
                    fix: "copy the file into \(contentName) (e.g. \(contentName)files/) and link to it from there"))
        }
        let shown = display(url)
        // What is at the path itself (a link is followed below, if it stays inside).
        switch Files.refusal(url.path, limit: .published, links: .refuse) {
        case nil, .link?:
            break
        case .missing?:
            let base = folder.isEmpty ? contentName : "the chapter's folder"
            var fix = "put the file at \(shown), or correct the link (it is relative to \(base))"
            let parent = url.deletingLastPathComponent().path
            let names = Files.list(parent, recursive: false).map(\.path)
            if let near = didYouMean(closestMatch(to: url.lastPathComponent, in: names)) { fix = near }
            // Written relative to Content/ (`files/x.svg`, as site.yml's logo is), from a chapter.
            let fromContent = root.appendingPathComponent(decoded).standardizedFileURL
            if !folder.isEmpty, fromContent.path.hasPrefix(rootPath + "/"), Files.kind(ofPath: fromContent.path) == .file {
                let up = String(repeating: "../", count: folder.split(separator: "/").count)
                fix = (didYouMean(up + path) ?? "") + " A link is relative to the chapter's folder, \(display(root.appendingPathComponent(folder)))/"
            }
            return .failure(.error(location, "link to a file that does not exist: \"\(path)\"", fix: fix))
        case let refusal?:
            return .failure(Self.refused(refusal, path: path, shown: shown, at: location))
        }
        guard Files.resolves(url.path, inside: root.path), let real = Files.realPath(url.path) else {
            return .failure(
                .error(
                    location, "symbolic link pointing outside \(contentName) is not read: \"\(path)\"",
                    fix: "copy the file into \(contentName) instead of linking to it"))
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
        case .folder:
            return .error(location, "link to a folder, not a file: \"\(path)\"", fix: "link to a file in \(shown)")
        case let .special(what):
            return .error(
                location, "link to \(what), not a file: \"\(path)\"",
                fix: "replace \(shown) with the file itself; Rapport publishes only regular files")
        case let .tooLarge(size, limit):
            return .error(
                location,
                "\"\(path)\" is \(Files.overLimit(size, limit))",
                fix: limit.fix)
        default:
            return .error(location, "\(refusal.reason): \"\(path)\"", fix: refusal.fix)
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
                .error(
                    location, "image \"\(path)\" is not a PNG, JPEG, SVG or WebP file",
                    fix: "convert it to one of those (Rapport writes each image's width and height from the file)"))
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
                .error(
                    location, "cannot read the width and height of image \"\(path)\"",
                    fix: ext == "svg"
                        ? "give its <svg> element width and height, or a viewBox"
                        : "the file is damaged or not really .\(ext): export it again"))
        }
        return .success(size)
    }

    private static func diagnostic(_ problem: ImageSize.Problem, file: String, path: String, at location: SourceLocation) -> Diagnostic {
        let range = "(1 to \(ImageSize.maximumSide) pixels)"
        switch problem {
        case let .tooLarge(width, height):
            return .error(
                location, "image \"\(path)\" is \(width) × \(height) pixels, more than \(ImageSize.maximumSide) on a side",
                fix: "export it smaller")
        case let .length(attribute, value, outOfRange, place):
            return .error(
                SourceLocation(file: file, line: place.line, column: place.column),
                "image \(attribute) \"\(value)\" is \(outOfRange ? "out of range \(range)" : "not a length")",
                fix:
                    "give the <svg> element its size in pixels, e.g. width=\"640\" height=\"480\", or remove width and height to size it by its viewBox"
            )
        case let .viewBox(value, notNumbers, place):
            return .error(
                SourceLocation(file: file, line: place.line, column: place.column),
                "viewBox \"\(value)\" \(notNumbers ? "is not four numbers" : "has a width or height that is not a finite number above 0")",
                fix: "write it as four numbers, min-x min-y width height, e.g. viewBox=\"0 0 640 480\"")
        }
    }
}
