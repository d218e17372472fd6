import Diagnostics
import Foundation
import RapportBase

/// The values the templates see: what every page of a language shares, what every layout
/// needs (head tags, navigation, language switch), and a chapter page's own.
extension RenderContext {
    /// The values every page of `language` shares.
    static func languageScope(
        _ language: Language, site: SiteConfig, strings: Strings?, chapters: [Page], from depth: LinkDepth, pictures: Bool
    ) -> TemplateScope {
        func link(_ path: String) -> String { relative(path, site: site, from: depth) }
        var values: [String: TemplateValue] = [:]
        for (key, value) in uiStrings(strings) { values[key] = .text(value) }
        values.merge(ReaderPages.scopeValues(language, site: site)) { _, reader in reader }
        let others = site.others(than: language)
        values["reportURL"] = .text(link(ReaderPages.reportPath(language, site: site)))
        values["searchURL"] = .text(link(ReaderPages.searchPath(language, site: site)))
        values["lang"] = .text(language.htmlLang)
        values["langCode"] = .text(language.code)
        values["siteTitle"] = .text(site.title[language])
        values["ogLocale"] = .text(language.ogLocale)
        values["ogLocaleAlternates"] = .list(others.map { TemplateScope(texts: ["locale": $0.ogLocale]) })
        // The first other language, for templates written for two languages (before `languageSwitch`).
        values["otherLang"] = .text(others.first?.htmlLang ?? language.htmlLang)
        values["ogLocaleAlternate"] = .text(others.first?.ogLocale ?? language.ogLocale)
        values["xDefault"] = .text(absolute(site.basePath, site: site))
        values["assets"] = .text(depth.map { String(repeating: "../", count: $0) + "assets/" } ?? site.basePath + "assets/")
        values["homeURL"] = .text(link(site.basePath + language.code + "/"))
        values["dataURL"] = .text(link(site.basePath + language.code + "/data/"))
        values["isHome"] = .bool(false)
        values["isDraft"] = .bool(false)
        // Highwire `citation_*` tags (chapters and the whole report set theirs) and the DOI (Citations.swift).
        values["citationMeta"] = .list([TemplateScope]())
        values["doi"] = doiValue(site)
        values.merge(jsonLDValues(nil)) { $1 }
        // The picture a shared link shows: the language's title card unless the page has its own.
        values["ogImage"] = socialImageValue(pictures ? titleCardImage(language, site: site) : nil, site: site)
        values["updated"] = .maybe(site.updated.map { TemplateScope(texts: ["text": $0.text(language), "iso": $0.iso]) })
        values["chapters"] = .list(
            chapters.map { chapter in
                TemplateScope(texts: [
                    "title": chapter.title, "url": link(url(of: chapter, site: site)), "description": chapter.description ?? "",
                ])
            })
        return TemplateScope(values)
    }

    /// The UI strings as template values (`t_<key>`).
    func uiStrings(_ language: Language) -> [String: String] { Self.uiStrings(strings[language]) }

    static func uiStrings(_ strings: Strings?) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in strings?.values ?? [:] { values["t_" + key] = value }
        return values
    }

    func link(_ page: Page?, from depth: LinkDepth) -> TemplateValue {
        .maybe(page.map { TemplateScope(texts: ["title": $0.title, "url": link(to: $0, from: depth)]) })
    }

    /// The values every page of `language` shares, for a page at `depth`.
    func languageScope(_ language: Language, from depth: LinkDepth) -> TemplateScope? { languageScopes[depth]?[language] }

    /// What every layout needs beyond the language's shared values: head tags, the navigation
    /// with the current page marked, the language switch. `path` and `alternates` are site
    /// paths (SiteURLs.swift); the page's own links are relative to its `depth`.
    func pageScope(
        language: Language, title: String, description: String, path: String?,
        alternates: [Language: String], current: Int?, from depth: LinkDepth
    ) -> TemplateScope {
        let switches = languageSwitch(language, alternates: alternates, from: depth)
        return TemplateScope(
            [
                "pageTitle": .text(title),
                "description": .text(description),
                "canonical": .maybe(path.map(absolute)),
                "alternates": .list(
                    site.languages.compactMap { lang -> TemplateScope? in
                        alternates[lang].map { TemplateScope(texts: ["hreflang": lang.htmlLang, "href": absolute($0)]) }
                    }),
                "languageSwitch": .list(switches.map { TemplateScope(texts: $0) }),
                "switchURL": .text(switches.first?["url"] ?? relative(site.basePath + language.code + "/", from: depth)),
                "nav": .list(NavigationList(entries: navEntries[depth]?[language] ?? [], current: current)),
            ], parent: languageScope(language, from: depth))
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
            language: language, title: page.isHome ? site.title[language] : page.title,
            description: description, path: url(of: page), alternates: alternates, current: index, from: depth(of: page))
        scope["title"] = .text(page.title)
        scope["content"] = .markup(html)
        scope["isHome"] = .bool(page.isHome)
        scope["isDraft"] = .bool(page.isDraft)
        if !page.isHome { scope["citationMeta"] = chapterCitationMeta(page) }
        if let image { scope["ogImage"] = socialImageValue(image) }
        // The table of contents from three sections on.
        scope["toc"] = .maybe(
            toc.count < 3
                ? nil
                : TemplateScope([
                    "entries": .list(toc.map { TemplateScope(texts: ["id": $0.id, "text": $0.text]) })
                ]))
        scope["previous"] = link(previous, from: depth(of: page))
        scope["next"] = link(next, from: depth(of: page))
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
        let (body, problems) = templates.render(page.template, scope)
        scope["body"] = .markup(body)
        let (document, layoutProblems) = templates.render("base", scope)
        return (OutputFile(path: filePath(of: page), bytes: document), problems + layoutProblems)
    }
}
