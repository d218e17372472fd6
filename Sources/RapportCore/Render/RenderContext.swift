import Diagnostics
import Foundation
import RapportBase
import SVGCharts
import SurveyData

/// What every generator of the render stage reads, built once from the load stage's result and
/// never changed after: the site, its languages' UI strings, pages, datasets (their texts
/// resolved and typeset), templates, the page index and what every page of a language shares.
/// Each output has its own generator, a function of this context and its own inputs that hands
/// its files to the output and returns its diagnostics: chapter pages (`renderPages`, with
/// their chart figures and CSV files), the whole report and search (`renderReaderPages`), the
/// data pages, the language chooser, 404, sitemap and robots.txt (`renderSiteFiles`).
struct RenderContext: Sendable {
    let site: SiteConfig
    let strings: [Language: Strings]
    let pages: [Page]
    let datasets: [String: Dataset]
    /// The datasets as each language shows them (typeset: Typography.swift), made once for the
    /// charts, the data pages and the search index.
    let shownDatasets: [Language: [String: Dataset]]
    /// Datasets that exist but have errors (already reported): using them is not an error again.
    let invalidDatasets: Set<String>
    let templates: TemplateSet
    /// `{{…}}` in chapters and dataset texts.
    let references: DataReferences

    /// What making the context found: `{{…}}` in site, page and dataset texts, the theme's logo.
    let diagnostics: [Diagnostic]
    /// Images and files linked from chapters (nil: such links are not resolved).
    let contentFiles: ContentFiles?
    /// The theme's files the pages use (its logo): source on disk by path in the site.
    let themeFiles: [String: String]
    /// The tab's icon from the theme (its site path and type); nil: Rapport's own.
    let favicon: (path: String, type: String)?
    /// Where `rapport pdf` leaves the printed whole reports (FullReport.swift); nil: none.
    let printedReports: URL?
    /// Where the charts' PNGs are kept (nil: none are made, `rapport check`), and the theme's
    /// logo as the charts' pictures draw it (SocialImages.swift).
    let pngStore: PNGStore?
    let standaloneLogo: StandaloneLogo?

    /// Drafts left out of the build, by "language/name": a link to one is reported as such.
    let drafts: [PageKey: Page]
    /// Pages by "language/name", and each language's chapters in order: looked up for every page.
    let pageIndex: [PageKey: Page]
    let chapterLists: [Language: [Page]]
    /// Each chapter's position in its language's list, by "language/name".
    let chapterPositions: [PageKey: Int]
    /// Each page's number in its language's whole report and search (ReaderPages.swift).
    let readerNumbers: [PageKey: Int]
    /// "Figuur 3": each chart block's number through the study (FigureNumbers.swift).
    let figureNumbers: FigureNumbers
    /// What every page of a language shares, built once for each depth a page can have (its
    /// links are relative, SiteURLs.swift): UI strings (`t_<key>`), site title, language, the
    /// chapter list (`chapters`) and the navigation entries.
    let languageScopes: [LinkDepth: [Language: TemplateScope<LanguageKey>]]
    let navEntries: [LinkDepth: [Language: [TemplateScope<NavKey>]]]
    /// The depths of the pages that use `languageScopes`: the home page, all others, the chart
    /// pages and their embeds (ChartPage.swift: 3 to 5), 404.html.
    static let pageDepths: [LinkDepth] = [1, 2, 3, 4, 5, nil]

    init(
        site: SiteConfig, strings: [Language: Strings], pages: [Page], datasets: [String: Dataset],
        invalidDatasets: Set<String> = [], facts: StudyFacts = StudyFacts(), templates: TemplateSet,
        contentFiles: ContentFiles? = nil, printedReports: URL? = nil, drafts: [PageKey: Page] = [:], pngStore: PNGStore? = nil,
        chartBlocks: (@Sendable ([UInt8]) -> [String])? = nil
    ) {
        self.pngStore = pngStore
        self.drafts = drafts
        // `{{…}}` in the texts of site.yml, the front matter and the datasets, resolved once.
        let (resolvedSite, resolvedPages, datasets, textProblems) = Self.resolvingTexts(
            site: site, pages: pages, datasets: datasets,
            references: DataReferences(datasets: datasets, invalidDatasets: invalidDatasets, strings: strings, facts: facts))
        // Typography (Typography.swift) once, here, for the texts that are neither Markdown nor
        // a dataset's (those get it per chart, in the page's language, on all cores).
        let site = Typography.apply(resolvedSite)
        let strings = Dictionary(uniqueKeysWithValues: strings.map { ($0.key, Typography.apply($0.value, $0.key)) })
        let pages = resolvedPages.map(Typography.apply)
        self.site = site
        self.strings = strings
        self.pages = pages
        self.datasets = datasets
        let ids = datasets.keys.sorted()
        var shown: [Language: [String: Dataset]] = [:]
        for language in site.languages {
            let typeset = ids.parallelMap { Typography.apply(datasets[$0]!, language) }
            shown[language] = Dictionary(uniqueKeysWithValues: zip(ids, typeset))
        }
        shownDatasets = shown
        self.invalidDatasets = invalidDatasets
        references = DataReferences(datasets: datasets, invalidDatasets: invalidDatasets, strings: strings, facts: facts)
        var index: [PageKey: Page] = [:]
        for page in pages where index[page.key] == nil { index[page.key] = page }
        pageIndex = index
        var lists: [Language: [Page]] = [:]
        var positions: [PageKey: Int] = [:]
        for language in site.languages {
            let list = pages.filter { $0.language == language && !$0.isHome }.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
            lists[language] = list
            for (position, page) in list.enumerated() { positions[page.key] = position }
        }
        chapterLists = lists
        chapterPositions = positions
        readerNumbers = Self.readerNumbers(pages)
        figureNumbers = FigureNumbers(
            pages: pages, languages: site.languages, datasets: datasets, blocks: chartBlocks ?? Markdown.chartBlocks)
        self.templates = templates
        var scopes: [LinkDepth: [Language: TemplateScope<LanguageKey>]] = [:]
        var nav: [LinkDepth: [Language: [TemplateScope<NavKey>]]] = [:]
        for depth in Self.pageDepths {
            for language in site.languages {
                let chapters = lists[language] ?? []
                nav[depth, default: [:]][language] = chapters.map {
                    TemplateScope(texts: [.title: $0.title, .url: Self.relative(Self.url(of: $0, site: site), site: site, from: depth)])
                }
                scopes[depth, default: [:]][language] = Self.languageScope(
                    language, site: site, strings: strings[language], chapters: chapters, from: depth, pictures: pngStore != nil)
            }
        }
        languageScopes = scopes
        navEntries = nav
        self.contentFiles = contentFiles
        self.printedReports = printedReports
        let theme = Self.themeValues(site, contentFiles: contentFiles, scopes: scopes)
        themeFiles = theme.files
        favicon = theme.favicon
        standaloneLogo = theme.logo
        diagnostics = textProblems + theme.diagnostics
    }

    private static func resolvingTexts(
        site: SiteConfig, pages: [Page], datasets: [String: Dataset], references: DataReferences
    )
        -> (SiteConfig, [Page], [String: Dataset], [Diagnostic])
    {
        var problems: [Diagnostic] = []
        let site = references.resolvingTexts(of: site, diagnostics: &problems)
        let pages = pages.map { references.resolvingTexts(of: $0, diagnostics: &problems) }
        var shown: [String: Dataset] = [:]
        for (id, dataset) in datasets { shown[id] = references.resolvingTexts(of: dataset, diagnostics: &problems) }
        return (site, pages, shown, problems)
    }

    // MARK: Render

    /// Renders every page (Markdown, charts, templates) in parallel and hands each file to
    /// `output` as soon as it is done; only what the site-wide checks and the site files need
    /// is kept, merged in page order so the output stays deterministic. One language after the
    /// other: a language's whole report and search page (ReaderPages.swift) are made as soon as
    /// its pages are, so only one language's chapters are held at a time.
    /// A page the cache holds (PageCache.swift) is taken from it as it was rendered then.
    func renderPages(into output: SiteOutput, cache: PageCache? = nil) -> RenderedPages {
        let reportLinks = reportChapterLinks()
        var languages: [Language] = []
        for page in pages where !languages.contains(page.language) { languages.append(page.language) }
        var rendered = RenderedPages()
        for language in languages {
            let these = pages.filter { $0.language == language }
            let works = these.parallelMap { page -> PageWork in
                if let entry = cache?.lookup(page) {
                    var work = entry.work
                    if let file = entry.file { output.add(file) }
                    for csv in work.csvFiles { output.add(csv) }
                    for chartFile in work.pageFiles { output.add(chartFile) }
                    work.pageFiles = []
                    return work
                }
                var (work, html, headings) = self.renderMarkdown(page)
                let (file, problems) = self.renderPage(page, html: html, headings: headings, image: work.socialImage)
                work.diagnostics += problems
                if let file { output.add(file) }
                for csv in work.csvFiles { output.add(csv) }
                // The chart pages, their embeds and pictures go out now, not kept.
                for chartFile in work.pageFiles { output.add(chartFile) }
                // What the whole report and search need of the chapter, made here in parallel
                // (ReaderPages.swift); the page's own HTML is not kept.
                work.chapter = self.readerParts(page, html: html, headings: headings, work: work, reportLinks: reportLinks[page.language])
                cache?.keep(page, work: work, file: file, problems: problems.count)
                work.pageFiles = []
                return work
            }
            // The charts' PNGs, all of the language's at the same time (a page's are most of its time).
            rendered.diagnostics.append(contentsOf: renderPictures(works.flatMap(\.pictures), into: output))
            var chapters: [RenderedChapter] = []
            for (page, var work) in zip(these, works) {
                rendered.diagnostics.append(contentsOf: work.diagnostics)
                rendered.usedFiles.merge(work.files) { first, _ in first }
                // Kept for the data pages' ZIP, which holds the same files.
                for csv in work.csvFiles { rendered.csvFiles[csv.path] = csv.bytes }
                if let chapter = work.chapter { chapters.append(chapter) }
                work.chapter = nil
                rendered.add(work, of: page)
            }
            if site.languages.contains(language) {
                rendered.diagnostics.append(contentsOf: renderReaderPages(chapters, language, into: output))
            }
        }
        return rendered
    }

    /// The files made from all the pages (the whole report and search come with each
    /// language's pages, above): the language chooser, the 404 page, the data pages (DataPage.swift), the sitemap and robots.txt.
    func renderSiteFiles(_ rendered: RenderedPages, into output: SiteOutput, cache: PageCache? = nil) -> [Diagnostic] {
        let (root, rootProblems) = rootPage()
        output.add(root)
        let (notFound, notFoundProblems) = notFoundPage()
        output.add(notFound)
        let dataProblems = renderDataPages(chartOrder: rendered.chartOrder, csvFiles: rendered.csvFiles, into: output, cache: cache)
        output.add(sitemap(chartPages: rendered.chartPages))
        output.add(robotsFile())
        renderStudyCitations(into: output)
        let cardProblems = renderTitleCards(into: output)
        return rootProblems + notFoundProblems + dataProblems + cardProblems + checkChartPagesFolders(rendered.chartPages)
    }

    func renderMarkdown(_ page: Page) -> (PageWork, [UInt8], [Markdown.Heading]) {
        var work = PageWork()
        guard let strings = strings[page.language] else { return (work, [], []) }
        let file = page.file
        func at(_ position: Markdown.Position) -> SourceLocation {
            SourceLocation(file: file, line: position.line, column: position.column)
        }
        let document = Markdown.render(
            page.body, lineOffset: page.bodyLineOffset, footnoteBackLabel: strings[.footnoteBack],
            footnotesTitle: strings[.footnotesTitle],
            ids: IdAllocator(reserved: templates.reservedIds.exact, reservedPrefixes: templates.reservedIds.prefixes),
            hooks: Markdown.Hooks(
                chart: { info, position in self.chartFigure(info, page: page, at: at(position), work: &work) },
                placeholder: { expression, position in
                    // One inout access at a time to the captured `work`.
                    var used: Set<String> = []
                    swap(&used, &work.datasetsUsed)
                    defer { swap(&used, &work.datasetsUsed) }
                    let before = work.diagnostics.count
                    defer { if work.diagnostics.count > before { work.dataErrors = true } }
                    return self.references.value(
                        expression, language: page.language, at: at(position),
                        diagnostics: &work.diagnostics, used: &used)
                },
                link: { url, position in self.link(url, page: page, at: at(position), work: &work) },
                image: { url, alt, position in self.image(url, alt: alt, page: page, at: at(position), work: &work) },
                error: { problem, position in work.diagnostics.append(.error(at(position), problem)) },
                singleBrace: { expression, position in
                    work.diagnostics.append(Placeholders.singleBraceWarning(expression, at: at(position)))
                },
                text: { text, afterInline in Typography.rewritten(text, page.language, afterInline: afterInline) }))
        work.headingIds = document.headings.map(\.id)
        work.reading = document.reading
        // Each heading's text typeset once, here, for the page's contents, the whole report's and
        // the search index (its id was made from the text as written).
        let headings = document.headings.map { heading in
            var heading = heading
            heading.text = Typography.apply(heading.text, page.language)
            return heading
        }
        return (work, document.html, headings)
    }

}
