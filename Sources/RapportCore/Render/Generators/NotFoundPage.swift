import Diagnostics
import SurveyData

/// `404.html`: the page a web server shows for an unknown address, in the default language's
/// layout (`Templates/404.mustache`), with links to the home page of every other language.
/// Shown at any address, it links from the site's root path (`basePath`), not relatively.
extension RenderContext {
    func notFoundPage() -> (OutputFile, [Diagnostic]) {
        let language = site.defaultLanguage
        let scope = pageScope(
            NotFoundContext.self, language: language, title: strings[language]?[.notFoundTitle] ?? "",
            description: site.description[language], path: nil, alternates: [:], current: nil, from: nil)
        scope[.otherLanguages] = .list(
            site.others(than: language).map { lang in
                let entry = TemplateScope<OtherLanguageKey>(texts: [.lang: lang.htmlLang, .url: site.basePath + lang.code + "/"])
                entry.setUIStrings(strings[lang]?.values ?? [:])
                return entry
            })
        let (notFound, problems) = renderInLayout(TemplateContexts.notFound, scope)
        return (OutputFile(path: "404.html", bytes: notFound), problems)
    }
}
