import Diagnostics
import SurveyData

/// `index.html` at the site's root: the language chooser (`Templates/root.mustache`), one
/// entry per language with its title, description and UI strings.
extension SiteRenderer {
    func rootPage() -> (OutputFile, [Diagnostic]) {
        let root = TemplateScope([
            "languages": .list(
                Language.allCases.map { language in
                    var entry = uiStrings(language)
                    entry["lang"] = language.htmlLang
                    entry["url"] = relative(site.basePath + language.rawValue + "/", from: 0)
                    entry["siteTitle"] = site.title[language]
                    entry["siteDescription"] = site.description[language]
                    return TemplateScope(texts: entry)
                }),
            "canonical": .text(absolute(site.basePath)),
            "assets": .text("assets/"),
            "alternates": .list(
                Language.allCases.map {
                    TemplateScope(texts: ["hreflang": $0.htmlLang, "href": absolute(site.basePath + $0.rawValue + "/")])
                }),
            "xDefault": .text(absolute(site.basePath)),
            "title": .text(Language.allCases.map { site.title[$0] }.joined(separator: " · ")),
        ])
        let (index, problems) = templates.render("root", root)
        return (OutputFile(path: "index.html", bytes: index), problems)
    }
}
