import Diagnostics
import Foundation
import RapportBase

/// The values the templates see: what every page of a language shares, what every layout
/// needs (head tags, navigation, language switch), and a chapter page's own.
extension RenderContext {
    /// The values every page of `language` shares.
    static func languageScope(
        _ language: Language, site: SiteConfig, strings: Strings?, chapters: [Page], from depth: LinkDepth, pictures: Bool
    ) -> TemplateScope<LanguageKey> {
        func link(_ path: String) -> String { relative(path, site: site, from: depth) }
        let scope = TemplateScope<LanguageKey>()
        scope.setUIStrings(strings?.values ?? [:])
        for (key, value) in ReaderPages.scopeValues(language, site: site) { scope[key] = value }
        let others = site.others(than: language)
        scope[.reportURL] = .text(link(ReaderPages.reportPath(language, site: site)))
        scope[.searchURL] = .text(link(ReaderPages.searchPath(language, site: site)))
        scope[.lang] = .text(language.htmlLang)
        scope[.langCode] = .text(language.code)
        scope[.siteTitle] = .text(site.title[language])
        scope[.ogLocale] = .text(language.ogLocale)
        scope[.ogLocaleAlternates] = .list(others.map { TemplateScope<OGLocaleKey>(texts: [.locale: $0.ogLocale]) })
        // The first other language, for templates written for two languages (before `languageSwitch`).
        scope[.otherLang] = .text(others.first?.htmlLang ?? language.htmlLang)
        scope[.ogLocaleAlternate] = .text(others.first?.ogLocale ?? language.ogLocale)
        scope[.xDefault] = .text(absolute(site.basePath, site: site))
        scope[.assets] = .text(depth.map { String(repeating: "../", count: $0) + "assets/" } ?? site.basePath + "assets/")
        scope[.homeURL] = .text(link(site.basePath + language.code + "/"))
        scope[.dataURL] = .text(link(site.basePath + language.code + "/data/"))
        scope[.isHome] = .bool(false)
        scope[.isDraft] = .bool(false)
        // Highwire `citation_*` tags (chapters and the whole report set theirs) and the DOI (Citations.swift).
        scope[.citationMeta] = .list([TemplateScope<CitationMetaKey>]())
        scope[.doi] = doiValue(site)
        for (key, value) in jsonLDValues(nil) { scope[key] = value }
        // The picture a shared link shows: the language's title card unless the page has its own.
        scope[.ogImage] = socialImageValue(pictures ? titleCardImage(language, site: site) : nil, site: site)
        scope[.updated] = .maybe(site.updated.map { TemplateScope<UpdatedKey>(texts: [.text: $0.text(language), .iso: $0.iso]) })
        scope[.chapters] = .list(
            chapters.map { chapter in
                TemplateScope<ChapterListKey>(texts: [
                    .title: chapter.title, .url: link(url(of: chapter, site: site)), .description: chapter.description ?? "",
                ])
            })
        return scope
    }

    func link(_ page: Page?, from depth: LinkDepth) -> TemplateValue {
        .maybe(page.map { TemplateScope<LinkKey>(texts: [.title: $0.title, .url: link(to: $0, from: depth)]) })
    }

    /// The values every page of `language` shares, for a page at `depth`.
    func languageScope(_ language: Language, from depth: LinkDepth) -> TemplateScope<LanguageKey>? { languageScopes[depth]?[language] }

    /// What every layout needs beyond the language's shared values: head tags, the navigation
    /// with the current page marked, the language switch. `path` and `alternates` are site
    /// paths (SiteURLs.swift); the page's own links are relative to its `depth`.
    func pageScope<Context: PageContext>(
        _ context: Context.Type, language: Language, title: String, description: String, path: String?,
        alternates: [Language: String], current: Int?, from depth: LinkDepth
    ) -> TemplateScope<Context> {
        let switches = languageSwitch(language, alternates: alternates, from: depth)
        // Room for what most pages set (a chapter page 17 names, the whole report 23).
        let scope = TemplateScope<Context>(language: languageScope(language, from: depth), room: 24)
        scope[.pageTitle] = .text(title)
        scope[.description] = .text(description)
        scope[.canonical] = .maybe(path.map(absolute))
        scope[.alternates] = .list(
            site.languages.compactMap { lang -> TemplateScope<AlternateKey>? in
                alternates[lang].map { TemplateScope(texts: [.hreflang: lang.htmlLang, .href: absolute($0)]) }
            })
        scope[.languageSwitch] = .list(switches.map(\.scope))
        scope[.switchURL] = .text(switches.first?.url ?? relative(site.basePath + language.code + "/", from: depth))
        scope[.nav] = .list(NavigationList(entries: navEntries[depth]?[language] ?? [], current: current))
        return scope
    }

    func renderPage(_ page: Page, html: [UInt8], headings: [Markdown.Heading], image: SocialImage? = nil) -> (OutputFile?, [Diagnostic]) {
        let language = page.language
        var alternates: [Language: String] = [:]
        for lang in site.languages {
            if let translation = self.page(named: page.name, lang) { alternates[lang] = url(of: translation) }
        }
        let chapterList = chapterLists[language] ?? []
        let index = chapterPositions[page.key]
        let previous = index.flatMap { $0 > 0 ? chapterList[$0 - 1] : nil }
        let next = index.flatMap { $0 + 1 < chapterList.count ? chapterList[$0 + 1] : nil }
        let toc = headings.filter { $0.level == 2 }
        let description = page.description ?? site.description[language]
        let scope = pageScope(
            ChapterPageContext.self, language: language, title: page.isHome ? site.title[language] : page.title,
            description: description, path: url(of: page), alternates: alternates, current: index, from: depth(of: page))
        scope[.title] = .text(page.title)
        scope[.content] = .markup(html)
        scope[.isHome] = .bool(page.isHome)
        scope[.isDraft] = .bool(page.isDraft)
        if !page.isHome { scope[.citationMeta] = chapterCitationMeta(page) }
        if let image { scope[.ogImage] = socialImageValue(image) }
        // The table of contents from three sections on.
        scope[.toc] = .maybe(
            toc.count < 3
                ? nil
                : TemplateScope<TocKey>([
                    .entries: .list(toc.map { TemplateScope<HeadingKey>(texts: [.id: $0.id, .text: $0.text]) })
                ]))
        scope[.previous] = link(previous, from: depth(of: page))
        scope[.next] = link(next, from: depth(of: page))
        guard templates.has(page.template) else {
            // A required template that is missing was reported once, when the templates were read.
            if TemplateSet.required.contains(page.template) { return (nil, []) }
            let suggestion = closestMatch(to: page.template, in: templates.names)
            return (
                nil,
                [
                    .error(
                        page.templateLocation ?? SourceLocation(file: page.file),
                        .template(.unknownTemplate(page.template, suggestion: suggestion, templates: templates.names)))
                ]
            )
        }
        let (document, problems) = renderInLayout(TemplateContexts.chapter(page.template), scope)
        return (OutputFile(path: filePath(of: page), bytes: document), problems)
    }
}
