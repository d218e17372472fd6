import RapportBase
import SurveyData

/// `sitemap.xml`: every page with its translations (and `x-default`), the chart pages, the data pages, the
/// whole reports and the search pages, all as absolute URLs from `baseURL`.
extension RenderContext {
    func sitemap(chartPages: [Language: [String: [String]]] = [:]) -> OutputFile {
        var sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        sitemap += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages {
            var alternates: [(Language, String)] = []
            for language in site.languages {
                if let translation = self.page(named: page.name, language) { alternates.append((language, url(of: translation))) }
            }
            sitemap += sitemapEntry(url(of: page), alternates: alternates)
        }
        sitemap += chartPageSitemapEntries(chartPages)
        sitemap += dataPageSitemapEntries()
        sitemap += readerSitemapEntries()
        sitemap += "</urlset>\n"
        return OutputFile(path: "sitemap.xml", contents: sitemap)
    }

    /// The one writer of a sitemap entry: the page (a site path), each translation with its
    /// `hreflang` and `x-default` (the language chooser), all absolute.
    func sitemapEntry(_ path: String, alternates: [(Language, String)]) -> String {
        var entry = "  <url>\n    <loc>\(escapeHTML(absolute(path)))</loc>\n"
        for (language, other) in alternates {
            entry += "    <xhtml:link rel=\"alternate\" hreflang=\"\(language.htmlLang)\" href=\"\(escapeHTML(absolute(other)))\"/>\n"
        }
        entry += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(escapeHTML(absolute(site.basePath)))\"/>\n  </url>\n"
        return entry
    }
}
