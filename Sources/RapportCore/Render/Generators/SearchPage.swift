import Diagnostics
import Foundation
import RapportBase

/// Search (`/nl/zoeken/`, `/fr/recherche/`): a page listing every chapter, section and chart
/// as links (all a reader without JavaScript needs), and beside it `search-index.json`, the
/// index `assets/search.js` searches: chapters, sections (heading and paragraphs), charts
/// (title, finding, question, category and series labels). Template `search.mustache`.
extension RenderContext {
    func renderSearch(_ chapters: [RenderedChapter], _ language: Language, into output: SiteOutput) -> [Diagnostic] {
        let path = ReaderPages.searchPath(language, site: site)
        let folder = language.code + "/" + ReaderPages.searchSlug(language) + "/"
        let depth = Self.depth(ofFile: folder + "index.html")
        // Each chapter's entries were made with its page (ReaderPages.swift): put together here.
        var listed: [TemplateScope<SearchChapterKey>] = []
        for chapter in chapters {
            let items = chapter.search.items.map { item in
                TemplateScope<SearchItemKey>([
                    .title: .text(item.title), .url: .text(item.url), .isChart: .bool(item.kind == .chart),
                    .kind: .text(item.kind.rawValue),
                ])
            }
            listed.append(
                TemplateScope([
                    .title: .text(chapter.page.title), .url: .text(link(to: chapter.page, from: depth)),
                    .items: .list(items), .hasItems: .bool(!items.isEmpty),
                ]))
        }
        output.add(
            OutputFile(
                path: folder + "search-index.json",
                bytes: SearchIndex.json(chapters.map(\.search.json), chapters: chapters.map { ($0.page.title, link(to: $0.page, from: depth)) })))
        let scope = pageScope(
            SearchContext.self, language: language, title: strings[language]?[.searchTitle] ?? "",
            description: site.description[language], path: path,
            alternates: readerAlternates(ReaderPages.searchPath), current: nil, from: depth)
        scope[.searchChapters] = .list(listed)
        scope[.indexURL] = .text(relative(path + "search-index.json", from: depth))
        let (document, problems) = renderInLayout(TemplateContexts.search, scope)
        output.add(OutputFile(path: folder + "index.html", bytes: document))
        return problems
    }
}
