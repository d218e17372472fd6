import Diagnostics
import Foundation

extension SiteRenderer {
    /// The theme's logo (copied like a chapter's image, with its size) and colours, for every
    /// page: `hasLogo`, `logo`, `logoWidth`, `logoHeight`, `hasThemeStyle`, `themeStyle`.
    mutating func applyTheme() {
        var values: [String: TemplateValue] = [
            "hasLogo": .bool(false), "themeStyle": .text(site.theme.style),
            "hasThemeStyle": .bool(!site.theme.style.isEmpty),
        ]
        var logoPath: String?
        if let logo = site.theme.logo, let contentFiles {
            switch contentFiles.resolve(logo.path, from: "", at: logo.location) {
            case let .success(resolved):
                switch ContentFiles.imageSize(resolved, path: logo.path, at: logo.location) {
                case let .success(size):
                    addUsedFile(resolved.outputPath, resolved.source)
                    values["hasLogo"] = .bool(true)
                    logoPath = site.basePath + ContentFiles.urlPath(resolved.outputPath)
                    values["logoWidth"] = .text(String(size.width))
                    values["logoHeight"] = .text(String(size.height))
                case let .failure(diagnostic): appendDiagnostic(diagnostic)
                }
            case let .failure(diagnostic): appendDiagnostic(diagnostic)
            }
        }
        // The logo's link is relative to each page's depth.
        for (depth, scopes) in languageScopes {
            for scope in scopes.values {
                for (key, value) in values { scope[key] = value }
                if let logoPath { scope["logo"] = .text(relative(logoPath, from: depth)) }
            }
        }
    }
}
