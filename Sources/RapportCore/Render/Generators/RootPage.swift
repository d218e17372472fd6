import Diagnostics
import SurveyData

/// `index.html` at the site's root: the language chooser (`Templates/root.mustache`), one
/// entry per language with its title, description and UI strings.
extension RenderContext {
    func rootPage() -> (OutputFile, [Diagnostic]) {
        let root = TemplateScope<RootContext>([
            .languages: .list(
                site.languages.map { language in
                    let entry = TemplateScope<RootLanguageKey>(texts: [
                        .lang: language.htmlLang, .url: relative(site.basePath + language.code + "/", from: 0),
                        .siteTitle: site.title[language], .siteDescription: site.description[language],
                    ])
                    entry.setUIStrings(strings[language]?.values ?? [:])
                    return entry
                }),
            .canonical: .text(absolute(site.basePath)),
            .assets: .text("assets/"),
            .favicon: .text(favicon.map { relative($0.path, from: 0) } ?? "assets/favicon.svg"),
            .faviconType: .text(favicon?.type ?? "image/svg+xml"),
            // The theme's colours (the chooser's buttons are in the accent colour).
            .themeStyle: .text(site.theme.style), .hasThemeStyle: .bool(!site.theme.style.isEmpty),
            .alternates: .list(
                site.languages.map {
                    TemplateScope<AlternateKey>(texts: [.hreflang: $0.htmlLang, .href: absolute(site.basePath + $0.code + "/")])
                }),
            .lang: .text(site.defaultLanguage.htmlLang),
            .ogLocale: .text(site.defaultLanguage.ogLocale),
            .ogLocaleAlternates: .list(
                site.others(than: site.defaultLanguage).map { TemplateScope<OGLocaleKey>(texts: [.locale: $0.ogLocale]) }),
            .xDefault: .text(absolute(site.basePath)),
            // The default language's title card (SocialImages.swift).
            .ogImage: socialImageValue(pngStore == nil ? nil : Self.titleCardImage(site.defaultLanguage, site: site)),
            .title: .text(site.languages.map { site.title[$0] }.joined(separator: " · ")),
        ])
        let (index, problems) = templates.render(TemplateContexts.root, root)
        return (OutputFile(path: "index.html", bytes: index), problems)
    }
}
