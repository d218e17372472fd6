import Diagnostics
import Foundation
import RapportBase

extension RenderContext {
    /// The theme's logo (copied like a chapter's image, with its size) and colours, for every
    /// page: `hasLogo`, `logo`, `logoWidth`, `logoHeight`, `hasThemeStyle`, `themeStyle`, put
    /// into the languages' shared scopes once, when the context is made. Returns the logo's file
    /// (to publish) and what was wrong with it.
    static func themeValues(
        _ site: SiteConfig, contentFiles: ContentFiles?, scopes: [LinkDepth: [Language: TemplateScope]]
    ) -> (files: [String: String], diagnostics: [Diagnostic]) {
        var values: [String: TemplateValue] = [
            "hasLogo": .bool(false), "themeStyle": .text(site.theme.style),
            "hasThemeStyle": .bool(!site.theme.style.isEmpty),
        ]
        var files: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var logoPath: String?
        if let logo = site.theme.logo, let contentFiles {
            switch contentFiles.resolve(logo.path, from: "", at: logo.location) {
            case let .success(resolved):
                switch ContentFiles.imageSize(resolved, path: logo.path, at: logo.location) {
                case let .success(size):
                    files[resolved.outputPath] = resolved.source
                    values["hasLogo"] = .bool(true)
                    logoPath = site.basePath + ContentFiles.urlPath(resolved.outputPath)
                    values["logoWidth"] = .text(String(size.width))
                    values["logoHeight"] = .text(String(size.height))
                case let .failure(diagnostic): diagnostics.append(diagnostic)
                }
            case let .failure(diagnostic): diagnostics.append(diagnostic)
            }
        }
        // The logo's link is relative to each page's depth.
        for (depth, languageScopes) in scopes {
            for scope in languageScopes.values {
                for (key, value) in values { scope[key] = value }
                if let logoPath { scope["logo"] = .text(relative(logoPath, site: site, from: depth)) }
            }
        }
        return (files, diagnostics)
    }
}
