/// `robots.txt`: everything may be crawled; where the sitemap is.
extension RenderContext {
    func robotsFile() -> OutputFile {
        OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\n\nSitemap: \(absolute(site.basePath + "sitemap.xml"))\n")
    }
}
