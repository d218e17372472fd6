import Foundation

extension Pipeline {
    /// The path part of the site's `baseURL` (`/`, or `/studie/` for a site published in a
    /// subfolder): absolute URLs and 404.html use it. `rapport serve` mounts the site there.
    /// `/` when `site.yml` is missing or wrong (the build reports that).
    public static func basePath(content: URL) -> String {
        var loader = ContentLoader(contentDirectory: content, display: displayPath)
        return loader.loadSite()?.basePath ?? "/"
    }
}
