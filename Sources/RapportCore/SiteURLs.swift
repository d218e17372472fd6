import SurveyData

/// The site's URL scheme: where each page, CSV file and site path is, and a site path as an
/// absolute URL (canonical, hreflang, Open Graph, sitemap).
extension SiteRenderer {
    func url(of page: Page) -> String { Self.url(of: page, site: site) }

    static func url(of page: Page, site: SiteConfig) -> String {
        site.basePath + page.language.code + "/" + (page.isHome ? "" : page.slug + "/")
    }

    func filePath(of page: Page) -> String {
        page.language.code + "/" + (page.isHome ? "" : page.slug + "/") + "index.html"
    }

    func absolute(_ path: String) -> String { Self.absolute(path, site: site) }

    /// A site path (starting with `basePath`) as an absolute URL.
    static func absolute(_ path: String, site: SiteConfig) -> String { site.origin + path }

    func csvURL(_ id: String, _ language: Language) -> String {
        site.basePath + "\(language.code)/data/\(id).csv"
    }

    func page(named name: String, _ language: Language) -> Page? {
        pageIndex["\(language.code)/\(name)"]
    }
}
