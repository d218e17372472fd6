import Diagnostics
import Foundation

extension RenderContext {
    /// A link or image from the root of the host (`/nl/leden/`, not `//host/…`): kept as it is,
    /// with a warning, since it breaks when the site is published in a subfolder or opened from
    /// disk, and the link that works everywhere: the chapter's file for a page of the same
    /// language, the relative address for another language's page, the path from the chapter
    /// for a file of Content/.
    func rootAbsolute(_ url: String, page: Page, at location: SourceLocation) -> Diagnostic? {
        guard url.hasPrefix("/"), !url.hasPrefix("//") else { return nil }
        let cut = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let fragment = String(url[cut...])
        var path = String(url[..<cut])
        if site.basePath != "/", path.hasPrefix(site.basePath) { path = "/" + path.dropFirst(site.basePath.count) }
        let segments = path.split(separator: "/").map(String.init).filter { $0 != "index.html" }
        if let code = segments.first, segments.count <= 2,
            let target = pages.first(where: {
                $0.language.code == code && (segments.count == 1 ? $0.isHome : !$0.isHome && $0.slug == segments[1])
            })
        {
            let better =
                target.language == page.language ? target.name + ".md" + fragment : link(to: target, from: depth(of: page)) + fragment
            return .warning(location, .link(.rootAbsolute(url: url, chapter: better, file: nil)))
        }
        // `/files/…` is where the files of Content/ are published.
        if segments.first == "files", segments.count > 1, let root = contentFiles?.root {
            let inContent = segments.dropFirst().joined(separator: "/")
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(inContent).path) {
                return .warning(location, .link(.rootAbsolute(url: url, chapter: nil, file: inContent)))
            }
        }
        return .warning(location, .link(.rootAbsolute(url: url, chapter: nil, file: nil)))
    }
}
