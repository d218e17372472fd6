import SurveyData

/// `sitemap.xml`: every page with its translations (and `x-default`), the data pages, the
/// whole reports and the search pages, all as absolute URLs from `baseURL`.
extension RenderContext {
    func sitemap() -> OutputFile {
        var sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        sitemap += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages {
            sitemap += "  <url>\n    <loc>\(escapeHTML(absolute(url(of: page))))</loc>\n"
            for language in site.languages {
                if let translation = self.page(named: page.name, language) {
                    sitemap +=
                        "    <xhtml:link rel=\"alternate\" hreflang=\"\(language.htmlLang)\" href=\"\(escapeHTML(absolute(url(of: translation))))\"/>\n"
                }
            }
            sitemap +=
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(escapeHTML(absolute(site.basePath)))\"/>\n  </url>\n"
        }
        sitemap += dataPageSitemapEntries()
        sitemap += readerSitemapEntries()
        sitemap += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: sitemap)
    }
}
