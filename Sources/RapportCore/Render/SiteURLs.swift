import RapportBase


/// The site's URL scheme: where each page, CSV file and site path is.
///
/// Internal links, the stylesheet, scripts, images and downloads are relative to the page
/// that links (`../../nl/financien/index.html` from `nl/vrijwilligers/index.html`), so the built
/// site works opened from disk (`file://`) and served from any folder; a link to a folder names
/// its `index.html`, which a file browser does not add. Canonical, hreflang, Open Graph and
/// sitemap URLs are absolute, from `baseURL`. Only `404.html`, which a web server shows at any
/// address, links from the site's root path (`basePath`).
extension RenderContext {
    /// The depth of the folder a page's file is in, from the site's root (`index.html`: 0,
    /// `nl/index.html`: 1, `nl/vrijwilligers/index.html`: 2): what its relative links climb.
    /// nil: links from the site's root path (404.html).
    typealias LinkDepth = Int?

    /// The page's path from the site's root path: `/nl/vrijwilligers/` (`basePath` first).
    func url(of page: Page) -> String { Self.url(of: page, site: site) }

    static func url(of page: Page, site: SiteConfig) -> String {
        site.basePath + page.language.code + "/" + (page.isHome ? "" : page.slug + "/")
    }

    /// A link to `page` from a page at `depth`.
    func link(to page: Page, from depth: LinkDepth) -> String { relative(url(of: page), from: depth) }

    func filePath(of page: Page) -> String {
        page.language.code + "/" + (page.isHome ? "" : page.slug + "/") + "index.html"
    }

    /// The depth of a page's file (see `LinkDepth`).
    func depth(of page: Page) -> Int { Self.depth(ofFile: filePath(of: page)) }

    static func depth(ofFile path: String) -> Int { path.reduce(0) { $1 == "/" ? $0 + 1 : $0 } }

    /// A site path (starting with `basePath`) as a link from a page at `depth`: relative, a
    /// folder with its `index.html`; the path itself when `depth` is nil.
    func relative(_ path: String, from depth: LinkDepth) -> String { Self.relative(path, site: site, from: depth) }

    static func relative(_ path: String, site: SiteConfig, from depth: LinkDepth) -> String {
        // On UTF-8 bytes: this runs for every link of every page and figure.
        guard let depth, path.utf8.starts(with: site.basePath.utf8) else { return path }
        let inSite = path.utf8.dropFirst(site.basePath.utf8.count)
        let cut = inSite.firstIndex { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") } ?? inSite.endIndex
        let file = inSite[..<cut]
        var result = ""
        result.reserveCapacity(3 * depth + inSite.count + 10)
        for _ in 0..<depth { result += "../" }
        result += Substring(file)
        if file.isEmpty || file.last == UInt8(ascii: "/") { result += "index.html" }
        result += Substring(inSite[cut...])
        return result
    }

    func absolute(_ path: String) -> String { Self.absolute(path, site: site) }

    /// A site path (starting with `basePath`) as an absolute URL.
    static func absolute(_ path: String, site: SiteConfig) -> String { site.origin + path }

    /// A dataset's CSV file, from a page at `depth`.
    func csvURL(_ id: String, _ language: Language, from depth: LinkDepth) -> String {
        relative(site.basePath + "\(language.code)/data/\(id).csv", from: depth)
    }

    func page(named name: String, _ language: Language) -> Page? {
        pageIndex[PageKey(language: language, name: name)]
    }
}
