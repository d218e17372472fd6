import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// One chapter as rendered for its own page: what the whole report and the search page reuse,
/// so neither renders Markdown or charts again.
struct RenderedChapter {
    var page: Page
    /// The chapter's body (Markdown with its charts) as the whole report embeds it
    /// (`ReportHTML.embed`); empty without a report template.
    var reportBody: [UInt8]
    var headings: [Markdown.Heading]
    /// The charts' anchors (their datasets), in the order they appear.
    var charts: [ChartAnchor]
    /// The body's text as it reads (the search index's).
    var reading: [Markdown.Reading] = []
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
    static func scopeValues(_ language: Language, site: SiteConfig) -> [String: TemplateValue] {
        [
            "reportURL": .text(reportPath(language, site: site)), "searchURL": .text(searchPath(language, site: site)),
            "isReport": .bool(false),
        ]
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
                    "the slug \"\(chapter.page.slug)\" is the address of the site's \(chapter.page.slug == ReaderPages.reportSlug(language) ? "whole report" : "search page")",
                    fix: "choose another slug"))
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
    func renderInLayout(_ template: String, _ scope: TemplateScope) -> ([UInt8], [Diagnostic]) {
        let (body, problems) = templates.render(template, scope)
        scope["body"] = .markup(body)
        let (document, layoutProblems) = templates.render("base", scope)
        return (document, problems + layoutProblems)
    }
}
