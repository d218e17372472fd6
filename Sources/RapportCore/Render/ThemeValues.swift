import Diagnostics
import Foundation
import RapportBase
import SVGCharts

extension RenderContext {
    /// The theme's logo (copied like a chapter's image, with its size), colours and icon, for
    /// every page: `hasLogo`, `logo`, `logoWidth`, `logoHeight`, `hasThemeStyle`, `themeStyle`,
    /// `favicon`, `faviconType`, put into the languages' shared scopes once, when the context
    /// is made. Returns the files to publish, the icon's site path and type, and what was wrong.
    static func themeValues(
        _ site: SiteConfig, contentFiles: ContentFiles?, scopes: [LinkDepth: [Language: TemplateScope<LanguageKey>]]
    ) -> (files: [String: String], favicon: (path: String, type: String)?, logo: StandaloneLogo?, diagnostics: [Diagnostic]) {
        var values: [LanguageKey: TemplateValue] = [
            .hasLogo: .bool(false), .themeStyle: .text(site.theme.style), .hasThemeStyle: .bool(!site.theme.style.isEmpty),
        ]
        var files: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        var logoPath: String?
        var standaloneLogo: StandaloneLogo?
        if let logo = site.theme.logo, let contentFiles {
            switch contentFiles.resolve(logo.path, from: "", at: logo.location) {
            case let .success(resolved):
                switch ContentFiles.imageSize(resolved, path: logo.path, at: logo.location) {
                case let .success(size):
                    files[resolved.outputPath] = resolved.source
                    values[.hasLogo] = .bool(true)
                    logoPath = site.basePath + ContentFiles.urlPath(resolved.outputPath)
                    values[.logoWidth] = .text(String(size.width))
                    values[.logoHeight] = .text(String(size.height))
                    standaloneLogo = Self.standaloneLogo(source: resolved.source, width: size.width, height: size.height)
                case let .failure(diagnostic): diagnostics.append(diagnostic)
                }
            case let .failure(diagnostic): diagnostics.append(diagnostic)
            }
        }
        // The tab's icon: the theme's icon, else its logo, else Rapport's own (in the assets).
        var favicon: (path: String, type: String)?
        if let icon = site.theme.icon, let contentFiles {
            switch contentFiles.resolve(icon.path, from: "", at: icon.location) {
            case let .success(resolved):
                files[resolved.outputPath] = resolved.source
                favicon = (site.basePath + ContentFiles.urlPath(resolved.outputPath), icon.path.lowercased().hasSuffix(".png") ? "image/png" : "image/svg+xml")
            case let .failure(diagnostic): diagnostics.append(diagnostic)
            }
        } else if let logoPath {
            favicon = (logoPath, "image/svg+xml")
        }
        // Every link is relative to each page's depth.
        for (depth, languageScopes) in scopes {
            for scope in languageScopes.values {
                for (key, value) in values { scope[key] = value }
                if let logoPath { scope[.logo] = .text(relative(logoPath, site: site, from: depth)) }
                if let favicon {
                    scope[.favicon] = .text(relative(favicon.path, site: site, from: depth))
                } else if case let .text(assets)? = scope[.assets] {
                    scope[.favicon] = .text(assets + "favicon.svg")
                }
                scope[.faviconType] = .text(favicon?.type ?? "image/svg+xml")
            }
        }
        return (files, favicon, standaloneLogo, diagnostics)
    }
}