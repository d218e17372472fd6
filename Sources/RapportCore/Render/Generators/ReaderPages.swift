import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// One chapter as rendered for its own page: what the whole report and the search page reuse,
/// so neither renders Markdown or charts again.
struct RenderedChapter {
    var page: Page
    /// The chapter's part of the whole report: its body as the report embeds it, its figures
    /// and its part of the annex; empty without a report template.
    var report = ReportPiece()
    /// The chapter's part of the search index; empty without a search template.
    var search = SearchPiece()
    var headings: [Markdown.Heading]
    /// The charts' anchors (their datasets), in the order they appear.
    var charts: [ChartAnchor]
    /// The body's text as it reads (the search index's).
    var reading: [Markdown.Reading] = []
}

/// A chapter's part of the whole report, made with the chapter's page (on all cores, and kept
/// with it in the build cache): the report only puts the parts together.
struct ReportPiece {
    /// The body as embedded (`ReportHTML.embed`), footnotes at the foot of the chapter, long
    /// tables replaced by a link to the annex (`ReportFootnotes`, `ReportAnnex`).
    var body: [UInt8] = []
    var figures: [ReportAnnex.Figure] = []
    var annex: [UInt8] = []
}

/// A chapter's part of the search index: its entries as JSON (written with commas between
/// them) and the links the search page lists.
struct SearchPiece {
    var json: [UInt8] = []
    var items: [(kind: SearchIndex.Kind, title: String, url: String)] = []
}

/// The pages for readers beyond the chapters (issue 17): the whole report on one page
/// (FullReport.swift) and search (SearchPage.swift), one of each per language.
enum ReaderPages {
    static func reportSlug(_ language: Language) -> String { language.reportSlug }
    static func searchSlug(_ language: Language) -> String { language.searchSlug }

    static func reportPath(_ language: Language, site: SiteConfig) -> String {
        site.basePath + language.code + "/" + reportSlug(language) + "/"
    }

    static func searchPath(_ language: Language, site: SiteConfig) -> String {
        site.basePath + language.code + "/" + searchSlug(language) + "/"
    }

    /// What every page of a language may link to (header, footer, home page).
    static func scopeValues(_ language: Language, site: SiteConfig) -> [LanguageKey: TemplateValue] {
        [.reportURL: .text(reportPath(language, site: site)), .searchURL: .text(searchPath(language, site: site)), .isReport: .bool(false)]
    }
}

extension RenderContext {
    /// The whole report and the search page of `language`, from its chapters as rendered. A
    /// template set without `report` or `search` simply has no such page.
    func renderReaderPages(_ chapters: [RenderedChapter], _ language: Language, into output: SiteOutput) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        // The home page comes first: the report's summary, and searched like a chapter.
        let list = chapters.filter { $0.page.language == language && !$0.page.isPlaceholder }
            .sorted { ($0.page.isHome ? 0 : 1, $0.page.order, $0.page.name) < ($1.page.isHome ? 0 : 1, $1.page.order, $1.page.name) }
        for chapter in list where [ReaderPages.reportSlug(language), ReaderPages.searchSlug(language)].contains(chapter.page.slug) {
            problems.append(
                .error(
                    chapter.page.slugLocation ?? SourceLocation(file: chapter.page.file),
                    .page(.slugOfReaderPage(chapter.page.slug, report: chapter.page.slug == ReaderPages.reportSlug(language)))))
        }
        // The two pages are made at the same time (each its own core).
        let pages = ["report", "search"].filter { templates.has($0) }
        problems += pages.parallelMap { page in
            page == "report" ? renderFullReport(list, language, into: output) : renderSearch(list, language, into: output)
        }.flatMap { $0 }
        return problems
    }

    /// The sitemap's entries for the whole report and search pages.
    func readerSitemapEntries() -> String {
        var entries = ""
        for (template, path) in [("report", ReaderPages.reportPath), ("search", ReaderPages.searchPath)] where templates.has(template) {
            for language in site.languages {
                entries += sitemapEntry(path(language, site), alternates: site.languages.map { ($0, path($0, site)) })
            }
        }
        return entries
    }

    /// Alternates of a reader page: the same page in every language.
    func readerAlternates(_ path: (Language, SiteConfig) -> String) -> [Language: String] {
        Dictionary(uniqueKeysWithValues: site.languages.map { ($0, path($0, site)) })
    }

    /// A body template rendered into the layout.
    func renderInLayout<Context: InLayout>(
        _ template: ContextTemplate<Context>, _ scope: TemplateScope<Context>
    ) -> ([UInt8], [Diagnostic]) {
        let (body, problems) = templates.render(template, scope)
        scope[.body] = .markup(body)
        let (document, layoutProblems) = templates.renderLayout(scope)
        return (document, problems + layoutProblems)
    }
}

extension RenderContext {
    /// The chapter's parts of the whole report and of the search index (`html`: the page's body).
    func readerParts(_ page: Page, html: [UInt8], headings: [Markdown.Heading], work: PageWork, reportLinks: [String: String]?)
        -> RenderedChapter
    {
        var chapter = RenderedChapter(page: page, headings: headings, charts: work.charts, reading: work.reading)
        guard !page.isPlaceholder else { return chapter }
        if let reportLinks {
            // The home page opens the report as its summary: its links, written from one
            // folder up, are first made relative to the report's folder.
            let embedded = ReportHTML.embed(page.isHome ? ReportHTML.oneFolderDown(html) : html, prefix: page.reportId, chapterURLs: reportLinks)
            var annex = ReportAnnex()
            let body = annex.take(ReportFootnotes.atPageFoot(embedded), linkText: strings[page.language]?[.reportTableInAnnex] ?? "")
            chapter.report = ReportPiece(body: body, figures: annex.figures, annex: annex.annex)
        }
        if templates.has("search"), let number = readerNumbers[page.key] {
            let depth = Self.depth(ofFile: page.language.code + "/" + ReaderPages.searchSlug(page.language) + "/index.html")
            let entries = SearchIndex.entries(
                of: chapter, number: number, url: link(to: page, from: depth), language: page.language,
                shownDatasets: shownDatasets[page.language] ?? [:])
            chapter.search = SearchPiece(
                json: SearchIndex.json(entries), items: entries.filter { $0.kind != .chapter }.map { ($0.kind, $0.title, $0.url) })
        }
        return chapter
    }

    /// Each shown page's place in its language's whole report and search (the home page first,
    /// then the chapters in order).
    static func readerNumbers(_ pages: [Page]) -> [PageKey: Int] {
        var numbers: [PageKey: Int] = [:]
        for language in Set(pages.map(\.language)) {
            let list = pages.filter { $0.language == language && !$0.isPlaceholder }
                .sorted { ($0.isHome ? 0 : 1, $0.order, $0.name) < ($1.isHome ? 0 : 1, $1.order, $1.name) }
            for (number, page) in list.enumerated() where numbers[page.key] == nil { numbers[page.key] = number }
        }
        return numbers
    }
}
