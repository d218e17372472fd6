import Diagnostics
import Foundation
import SVGCharts
import SurveyData

/// A file of the built site, by its path relative to the output folder.
public struct OutputFile: Sendable {
    public var path: String
    /// UTF-8.
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, contents: String) {
        self.init(path: path, bytes: Array(contents.utf8))
    }

    public var contents: String { String(decoding: bytes, as: UTF8.self) }
}

/// Renders the loaded content into the files of the site: every page in both languages, the
/// chart figures and their CSV files, the language chooser, 404 page, sitemap and robots.txt.
struct SiteRenderer {
    let site: SiteConfig
    let strings: [Language: Strings]
    let pages: [Page]
    let datasets: [String: Dataset]
    /// Datasets that exist but have errors (already reported): using them is not an error again.
    let invalidDatasets: Set<String>
    let templates: TemplateSet
    /// `{{…}}` in chapters and dataset texts.
    let references: DataReferences

    /// What rendering found (SiteChecks.swift adds the site-wide checks).
    var diagnostics = DiagnosticBag()
    /// Images and files linked from chapters (nil: such links are not resolved).
    var contentFiles: ContentFiles?
    /// Those the pages use: source on disk by path in the site, each once.
    private(set) var usedFiles: [String: String] = [:]
    /// Charts drawn (one per placement per language).
    private(set) var chartCount = 0
    /// Where `make pdf` leaves the printed whole reports (FullReport.swift); nil: none.
    var printedReports: URL?

    /// A relative link or anchor to check once every page's headings are known.
    struct LinkCheck {
        var page: String
        var language: Language
        var anchor: String
        var location: SourceLocation
    }

    /// What rendering one page's Markdown produced; pages render in parallel and their
    /// results are merged in page order, so the output stays deterministic.
    private struct PageWork {
        var headingIds: [String] = []
        var reading: [Markdown.Reading] = []
        var diagnostics: [Diagnostic] = []
        var linkChecks: [LinkCheck] = []
        var datasetsUsed: Set<String> = []
        var charts: [String] = []
        var csvFiles: [OutputFile] = []
        var placed: [String: Int] = [:]
        var files: [String: String] = [:]
        var chapter: RenderedChapter?
        /// Every chart block, drawn or not, and whether a data reference of the page failed.
        var placements: [ChartPlacement] = []
        var dataErrors = false
    }

    /// Pages by "language/name", and each language's chapters in order: looked up for every page.
    private let pageIndex: [String: Page]
    private let chapterLists: [Language: [Page]]
    /// Each chapter's position in its language's list, by "language/name".
    private let chapterPositions: [String: Int]
    /// What every page of a language shares, built once: UI strings (`t_<key>`), site title,
    /// language, the chapter list (`chapters`) and the navigation entries.
    let languageScopes: [Language: TemplateScope]
    private let navEntries: [Language: [TemplateScope]]

    var linkChecks: [LinkCheck] = []
    var anchors: [Language: [String: Set<String>]] = [:]
    /// Each page's heading ids in document order, by language and page name.
    var headingOrder: [Language: [String: [String]]] = [:]
    var datasetUse: [String: Set<Language>] = [:]
    /// The datasets each page uses, and the pages whose data references had errors.
    var pageDatasets: [Language: [String: Set<String>]] = [:]
    var pagesWithDataErrors: [Language: Set<String>] = [:]
    var chartOrder: [Language: [String: [ChartPlacement]]] = [:]

    init(
        site: SiteConfig, strings: [Language: Strings], pages: [Page], datasets: [String: Dataset],
        invalidDatasets: Set<String> = [], facts: StudyFacts = StudyFacts(), templates: TemplateSet
    ) {
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
        self.invalidDatasets = invalidDatasets
        references = DataReferences(datasets: datasets, invalidDatasets: invalidDatasets, strings: strings, facts: facts)
        var index: [String: Page] = [:]
        for page in pages { index["\(page.language.rawValue)/\(page.name)"] = index["\(page.language.rawValue)/\(page.name)"] ?? page }
        pageIndex = index
        var lists: [Language: [Page]] = [:]
        var positions: [String: Int] = [:]
        for language in Language.allCases {
            let list = pages.filter { $0.language == language && !$0.isHome }.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
            lists[language] = list
            for (position, page) in list.enumerated() { positions["\(language.rawValue)/\(page.name)"] = position }
        }
        chapterLists = lists
        chapterPositions = positions
        self.templates = templates
        var scopes: [Language: TemplateScope] = [:]
        var nav: [Language: [TemplateScope]] = [:]
        for language in Language.allCases {
            let chapters = lists[language] ?? []
            nav[language] = chapters.map { TemplateScope(texts: ["title": $0.title, "url": Self.url(of: $0, site: site)]) }
            scopes[language] = Self.languageScope(language, site: site, strings: strings[language], chapters: chapters)
        }
        languageScopes = scopes
        navEntries = nav
        diagnostics.append(contentsOf: textProblems)
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

    /// The values every page of `language` shares.
    private static func languageScope(_ language: Language, site: SiteConfig, strings: Strings?, chapters: [Page]) -> TemplateScope {
        var values: [String: TemplateValue] = [:]
        for (key, value) in uiStrings(strings) { values[key] = .text(value) }
        values.merge(ReaderPages.scopeValues(language, site: site)) { _, reader in reader }
        values["lang"] = .text(language.htmlLang)
        values["langCode"] = .text(language.rawValue)
        values["otherLang"] = .text(language.other.htmlLang)
        values["siteTitle"] = .text(site.title[language])
        values["ogLocale"] = .text(language.ogLocale)
        values["ogLocaleAlternate"] = .text(language.other.ogLocale)
        values["xDefault"] = .text(absolute(site.basePath, site: site))
        values["assets"] = .text(site.basePath + "assets/")
        values["homeURL"] = .text(site.basePath + language.rawValue + "/")
        values["dataURL"] = .text(site.basePath + language.rawValue + "/data/")
        values["isHome"] = .flag(false)
        values["updated"] = .maybe(site.updated.map { TemplateScope(texts: ["text": $0.text(language), "iso": $0.iso]) })
        values["chapters"] = .list(
            chapters.map { chapter in
                TemplateScope(texts: [
                    "title": chapter.title, "url": url(of: chapter, site: site), "description": chapter.description ?? "",
                ])
            })
        return TemplateScope(values)
    }

    // MARK: URLs

    func url(of page: Page) -> String { Self.url(of: page, site: site) }

    static func url(of page: Page, site: SiteConfig) -> String {
        site.basePath + page.language.rawValue + "/" + (page.isHome ? "" : page.slug + "/")
    }

    func filePath(of page: Page) -> String {
        page.language.rawValue + "/" + (page.isHome ? "" : page.slug + "/") + "index.html"
    }

    func absolute(_ path: String) -> String { Self.absolute(path, site: site) }

    /// A site path (starting with `basePath`) as an absolute URL.
    static func absolute(_ path: String, site: SiteConfig) -> String { site.origin + path }

    func csvURL(_ id: String, _ language: Language) -> String {
        site.basePath + "\(language.rawValue)/data/\(id).csv"
    }

    func page(named name: String, _ language: Language) -> Page? {
        pageIndex["\(language.rawValue)/\(name)"]
    }

    // MARK: Render

    /// Renders every page (Markdown, charts, templates) in parallel and hands each file to
    /// `output` as soon as it is done; only what the site-wide checks need is kept. Those checks
    /// (links, dataset use, translations) run after, and only add diagnostics.
    mutating func render(into output: SiteOutput) {
        applyTheme()
        let works = pages.parallelMap { page -> PageWork in
            var (work, html, headings) = self.renderMarkdown(page)
            let (file, problems) = self.renderPage(page, html: html, headings: headings)
            work.diagnostics += problems
            if let file { output.add(file) }
            for csv in work.csvFiles { output.add(csv) }
            work.csvFiles = []
            work.chapter = RenderedChapter(page: page, html: html, headings: headings, charts: work.charts, reading: work.reading)
            return work
        }
        for (page, work) in zip(pages, works) {
            diagnostics.append(contentsOf: work.diagnostics)
            linkChecks += work.linkChecks
            usedFiles.merge(work.files) { first, _ in first }
            for id in work.datasetsUsed { datasetUse[id, default: []].insert(page.language) }
            chartOrder[page.language, default: [:]][page.name] = work.placements
            pageDatasets[page.language, default: [:]][page.name] = work.datasetsUsed
            if work.dataErrors { pagesWithDataErrors[page.language, default: []].insert(page.name) }
            chartCount += work.charts.count
            anchors[page.language, default: [:]][page.name] = Set(work.headingIds).union(work.charts.map { "chart-\($0)" })
            headingOrder[page.language, default: [:]][page.name] = work.headingIds
        }
        checkLinks()
        checkDatasetUse()
        diagnostics.append(contentsOf: renderReaderPages(works.compactMap(\.chapter), into: output))
        renderSiteFiles(into: output)
    }

    private func renderMarkdown(_ page: Page) -> (PageWork, [UInt8], [Markdown.Heading]) {
        var work = PageWork()
        guard let strings = strings[page.language] else { return (work, [], []) }
        let file = page.file
        func at(_ position: Markdown.Position) -> SourceLocation {
            SourceLocation(file: file, line: position.line, column: position.column)
        }
        let document = Markdown.render(
            page.body, lineOffset: page.bodyLineOffset, footnoteBackLabel: strings["footnote_back"],
            footnotesTitle: strings["footnotes_title"],
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
                error: { message, fix, position in work.diagnostics.append(.error(at(position), message, fix: fix)) },
                text: { text, afterInline in Typography.rewritten(text, page.language, afterInline: afterInline) }))
        work.headingIds = document.headings.map(\.id)
        work.reading = document.reading
        return (work, document.html, document.headings)
    }

    // MARK: Charts in chapters

    private func chartFigure(_ info: String, page: Page, at location: SourceLocation, work: inout PageWork) -> [UInt8] {
        let id = info.split(separator: " ").first.map(String.init) ?? ""
        guard let dataset = references.dataset(id, at: location, what: "chart block", diagnostics: &work.diagnostics),
            let strings = strings[page.language]
        else {
            // Reported (or the dataset's own errors were): compared with the other language as
            // an unknown, so that it raises nothing more.
            work.placements.append(ChartPlacement(id: nil, location: location))
            work.dataErrors = true
            return []
        }
        work.placements.append(ChartPlacement(id: id, location: location))
        work.datasetsUsed.insert(id)
        work.charts.append(id)
        work.placed[id, default: 0] += 1
        let count = work.placed[id] ?? 1
        let elementId = "chart-\(id)" + (count > 1 ? "-\(count)" : "")
        let figure = ChartFigure(
            dataset: Typography.apply(dataset, page.language), language: page.language, strings: strings, elementId: elementId,
            csvURL: csvURL(id, page.language),
            citation: ChartCitation(site: site, language: page.language, pageURL: absolute(url(of: page)), elementId: elementId))
        let svg: [UInt8]
        do {
            var chart = figure.chart()
            chart.palette = site.theme.palette
            svg = try chart.svgUTF8()
        } catch {
            // `svg()` throws ChartError only: point at the CSV cell it names.
            var location = SourceLocation(file: dataset.metadataFile)
            if let row = error.category, dataset.rows.indices.contains(row) {
                location = dataset.rows[row].location
                if let series = error.series, dataset.rows[row].valueLocations.indices.contains(series) {
                    location = dataset.rows[row].valueLocations[series]
                }
            }
            work.diagnostics.append(.error(location, "cannot draw chart \"\(id)\": \(error.message)"))
            return []
        }
        if dataset.kind != .figures, count == 1 {
            // The CSV keeps the texts as written: a data file gets no typography.
            let asWritten = ChartFigure(
                dataset: dataset, language: page.language, strings: strings,
                elementId: elementId, csvURL: "")
            work.csvFiles.append(OutputFile(path: "\(page.language.rawValue)/data/\(id).csv", bytes: asWritten.csv()))
        }
        let scope = TemplateScope(figure.context(svg: svg), parent: languageScopes[page.language])
        let (html, problems) = templates.render("figure", scope)
        work.diagnostics.append(contentsOf: problems)
        return html
    }

    // MARK: Links

    private func link(_ url: String, page: Page, at location: SourceLocation, work: inout PageWork) -> String {
        if url.hasPrefix("#") {
            work.linkChecks.append(LinkCheck(page: page.name, language: page.language, anchor: String(url.dropFirst()), location: location))
            return url
        }
        // Absolute URLs, mail links and site-absolute paths are left alone.
        if url.contains(":") || url.hasPrefix("/") || url.isEmpty { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else {
            return file(url, page: page, at: location, work: &work)?.url ?? url
        }
        let name = String(path.dropLast(3)).replacingOccurrences(of: "./", with: "")
        // A page that exists in the other language only is reported once, as a missing translation.
        if !name.contains("/"), self.page(named: name, page.language) == nil,
            self.page(named: name, page.language == .nl ? .fr : .nl) != nil
        {
            return url
        }
        guard !name.contains("/"), let target = self.page(named: name, page.language) else {
            let known = pages.filter { $0.language == page.language }.map { $0.name + ".md" }
            let suggestion = closestMatch(to: path, in: known)
            work.diagnostics.append(
                .error(
                    location, "link to a page that does not exist: \"\(path)\"",
                    fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "link to a file of Content/\(page.language.rawValue)/"))
            return url
        }
        var result = self.url(of: target)
        if parts.count == 2 {
            let anchor = String(parts[1])
            work.linkChecks.append(LinkCheck(page: target.name, language: page.language, anchor: anchor, location: location))
            result += "#" + anchor
        }
        return result
    }

    /// A link to a file of `Content/` (not a chapter): its URL in the site, and where it is.
    private func file(
        _ url: String, page: Page, at location: SourceLocation, work: inout PageWork
    ) -> (url: String, source: String, path: String)? {
        guard let contentFiles else { return nil }
        let cut = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let path = String(url[..<cut])
        switch contentFiles.resolve(path, from: page.language.rawValue, at: location) {
        case let .success(resolved):
            work.files[resolved.outputPath] = resolved.source
            return (site.basePath + ContentFiles.urlPath(resolved.outputPath) + url[cut...], resolved.source, path)
        case let .failure(diagnostic):
            work.diagnostics.append(diagnostic)
            return nil
        }
    }

    /// An image: alt text required (or `-` for decoration), a file of `Content/` with its size.
    private func image(_ url: String, alt: String, page: Page, at location: SourceLocation, work: inout PageWork) -> Markdown.Image {
        let decorative = alt.trimmingWhitespace == ContentFiles.decorativeAlt
        if alt.trimmingWhitespace.isEmpty {
            work.diagnostics.append(
                .error(
                    location, "image without alt text: \"\(url)\"",
                    fix: "describe what it shows, ![…](\(url)), or mark it as decoration only: ![-](\(url))"))
        }
        if url.contains(":") || url.hasPrefix("/") || url.hasPrefix("#") || url.isEmpty {
            return Markdown.Image(url: url, size: nil, decorative: decorative)
        }
        guard let found = file(url, page: page, at: location, work: &work) else {
            return Markdown.Image(url: url, size: nil, decorative: decorative)
        }
        switch ContentFiles.imageSize(found.source, path: found.path, at: location) {
        case let .success(size): return Markdown.Image(url: found.url, size: size, decorative: decorative)
        case let .failure(diagnostic):
            work.diagnostics.append(diagnostic)
            return Markdown.Image(url: found.url, size: nil, decorative: decorative)
        }
    }

    mutating func addUsedFile(_ path: String, _ source: String) { usedFiles[path] = source }
    mutating func appendDiagnostic(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    // MARK: Pages

    /// The UI strings as template values (`t_<key>`).
    private func uiStrings(_ language: Language) -> [String: String] { Self.uiStrings(strings[language]) }

    private static func uiStrings(_ strings: Strings?) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in strings?.values ?? [:] { values["t_" + key] = value }
        return values
    }

    private func link(_ page: Page?) -> TemplateValue {
        .maybe(page.map { TemplateScope(texts: ["title": $0.title, "url": url(of: $0)]) })
    }

    /// What every layout needs beyond the language's shared values: head tags, the navigation
    /// with the current page marked, the language switch.
    func pageScope(
        language: Language, title: String, description: String, path: String?,
        alternates: [Language: String], current: Int?
    ) -> TemplateScope {
        let other = language.other
        return TemplateScope(
            [
                "pageTitle": .text(title),
                "description": .text(description),
                "canonical": .maybe(path.map(absolute)),
                "alternates": .list(
                    Language.allCases.compactMap { lang -> TemplateScope? in
                        alternates[lang].map { TemplateScope(texts: ["hreflang": lang.htmlLang, "href": absolute($0)]) }
                    }),
                "switchURL": .text(alternates[other] ?? (site.basePath + other.rawValue + "/")),
                "nav": .navigation(NavigationList(entries: navEntries[language] ?? [], current: current)),
            ], parent: languageScopes[language])
    }

    private func renderPage(_ page: Page, html: [UInt8], headings: [Markdown.Heading]) -> (OutputFile?, [Diagnostic]) {
        let language = page.language
        var alternates: [Language: String] = [:]
        for lang in Language.allCases {
            if let translation = self.page(named: page.name, lang) { alternates[lang] = url(of: translation) }
        }
        let chapterList = chapterLists[language] ?? []
        let index = chapterPositions["\(language.rawValue)/\(page.name)"]
        let previous = index.flatMap { $0 > 0 ? chapterList[$0 - 1] : nil }
        let next = index.flatMap { $0 + 1 < chapterList.count ? chapterList[$0 + 1] : nil }
        let toc = headings.filter { $0.level == 2 }
        let description = page.description ?? site.description[language]
        let scope = pageScope(
            language: language, title: page.isHome ? site.title[language] : page.title,
            description: description, path: url(of: page), alternates: alternates, current: index)
        scope["title"] = .text(page.title)
        scope["content"] = .html(RawHTML(bytes: html))
        scope["isHome"] = .flag(page.isHome)
        // The table of contents from three sections on.
        scope["toc"] = .maybe(
            toc.count < 3
                ? nil
                : TemplateScope([
                    "entries": .list(toc.map { TemplateScope(texts: ["id": $0.id, "text": Typography.apply($0.text, language)]) })
                ]))
        scope["previous"] = link(previous)
        scope["next"] = link(next)
        guard templates.has(page.template) else {
            // A required template that is missing was reported once, when the templates were read.
            if TemplateSet.required.contains(page.template) { return (nil, []) }
            let suggestion = closestMatch(to: page.template, in: templates.names)
            return (
                nil,
                [
                    .error(
                        page.templateLocation ?? SourceLocation(file: page.file), "unknown template \"\(page.template)\"",
                        fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "templates: \(templates.names.joined(separator: ", "))")
                ]
            )
        }
        let (body, problems) = templates.renderText(page.template, scope)
        scope["body"] = .html(RawHTML(body))
        let (document, layoutProblems) = templates.render("base", scope)
        return (OutputFile(path: filePath(of: page), bytes: document), problems + layoutProblems)
    }

    /// The language chooser at the root, the 404 page, the data pages (DataPage.swift), the sitemap and robots.txt.
    private mutating func renderSiteFiles(into output: SiteOutput) {
        let root = TemplateScope([
            "languages": .list(
                Language.allCases.map { language in
                    var entry = uiStrings(language)
                    entry["lang"] = language.htmlLang
                    entry["url"] = site.basePath + language.rawValue + "/"
                    entry["siteTitle"] = site.title[language]
                    entry["siteDescription"] = site.description[language]
                    return TemplateScope(texts: entry)
                }),
            "canonical": .text(absolute(site.basePath)),
            "assets": .text(site.basePath + "assets/"),
            "alternates": .list(
                Language.allCases.map {
                    TemplateScope(texts: ["hreflang": $0.htmlLang, "href": absolute(site.basePath + $0.rawValue + "/")])
                }),
            "xDefault": .text(absolute(site.basePath)),
            "title": .text(Language.allCases.map { site.title[$0] }.joined(separator: " · ")),
        ])
        let (index, problems) = templates.render("root", root)
        diagnostics.append(contentsOf: problems)
        output.add(OutputFile(path: "index.html", bytes: index))

        let language = site.defaultLanguage
        let scope = pageScope(
            language: language, title: strings[language]?["not_found_title"] ?? "",
            description: site.description[language], path: nil, alternates: [:], current: nil)
        scope["otherLanguages"] = .list(
            Language.allCases.filter { $0 != language }.map { lang in
                var entry = uiStrings(lang)
                entry["lang"] = lang.htmlLang
                entry["url"] = site.basePath + lang.rawValue + "/"
                return TemplateScope(texts: entry)
            })
        let (body, bodyProblems) = templates.renderText("404", scope)
        diagnostics.append(contentsOf: bodyProblems)
        scope["body"] = .html(RawHTML(body))
        let (notFound, layoutProblems) = templates.render("base", scope)
        diagnostics.append(contentsOf: layoutProblems)
        output.add(OutputFile(path: "404.html", bytes: notFound))
        diagnostics.append(contentsOf: renderDataPages(into: output))

        var sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        sitemap += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages {
            sitemap += "  <url>\n    <loc>\(escapeHTML(absolute(url(of: page))))</loc>\n"
            for language in Language.allCases {
                if let translation = self.page(named: page.name, language) {
                    sitemap +=
                        "    <xhtml:link rel=\"alternate\" hreflang=\"\(language.htmlLang)\" href=\"\(escapeHTML(absolute(url(of: translation))))\"/>\n"
                }
            }
            sitemap +=
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(escapeHTML(absolute(site.basePath)))\"/>\n  </url>\n"
        }
        sitemap += dataPageSitemapEntries()
        sitemap += readerSitemapEntries()
        sitemap += "</urlset>\n"
        output.add(OutputFile(path: "sitemap.xml", contents: sitemap))
        output.add(
            OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\n\nSitemap: \(absolute(site.basePath + "sitemap.xml"))\n"))
    }
}
