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

extension Pipeline {
    /// Why there is nothing to build when the content folder does not exist: where Rapport
    /// looked, and what `rapport new` does.
    static func noStudy(content: URL) -> BuildFailure? {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: content.path, isDirectory: &isFolder), isFolder.boolValue { return nil }
        let name = content.lastPathComponent
        let parent = content.deletingLastPathComponent().standardizedFileURL.path
        return BuildFailure(
            message:
                "no study here: there is no \(name)/ folder in \(parent) (Rapport reads Content/ and Templates/ of the folder it runs in: cd into the study's folder, or start a study with rapport new <folder>, which writes one that builds at once)",
            summary: "no study here")
    }
}
