import Diagnostics
import Foundation
import SVGCharts
import SurveyData

/// A file of the built site, by its path relative to the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: String
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

    private(set) var diagnostics = DiagnosticBag()
    private(set) var files: [OutputFile] = []
    /// Charts drawn (one per placement per language).
    private(set) var chartCount = 0

    /// A relative link or anchor to check once every page's headings are known.
    private struct LinkCheck {
        var page: String
        var language: Language
        var anchor: String
        var location: SourceLocation
    }

    /// What rendering one page's Markdown produced; pages render in parallel and their
    /// results are merged in page order, so the output stays deterministic.
    private struct PageWork {
        var html = ""
        var headings: [Markdown.Heading] = []
        var diagnostics: [Diagnostic] = []
        var linkChecks: [LinkCheck] = []
        var datasetsUsed: Set<String> = []
        var charts: [String] = []
        var csvFiles: [OutputFile] = []
        var placed: [String: Int] = [:]
    }

    /// Pages by "language/name", and each language's chapters in order: looked up for every page.
    private let pageIndex: [String: Page]
    private let chapterLists: [Language: [Page]]
    private let templateStrings: [Language: [String: Any]]

    private var linkChecks: [LinkCheck] = []
    private var anchors: [Language: [String: Set<String>]] = [:]
    private var datasetUse: [String: Set<Language>] = [:]
    private var chartOrder: [Language: [String: [String]]] = [:]

    init(site: SiteConfig, strings: [Language: Strings], pages: [Page], datasets: [String: Dataset],
         invalidDatasets: Set<String> = [], templates: TemplateSet) {
        self.site = site
        self.strings = strings
        self.pages = pages
        self.datasets = datasets
        self.invalidDatasets = invalidDatasets
        var index: [String: Page] = [:]
        for page in pages { index["\(page.language.rawValue)/\(page.name)"] = index["\(page.language.rawValue)/\(page.name)"] ?? page }
        pageIndex = index
        var lists: [Language: [Page]] = [:]
        for language in Language.allCases {
            lists[language] = pages.filter { $0.language == language && !$0.isHome }.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
        }
        chapterLists = lists
        templateStrings = strings.mapValues { table in
            Dictionary(uniqueKeysWithValues: table.values.map { ("t_" + $0.key, $0.value as Any) })
        }
        self.templates = templates
    }

    // MARK: URLs

    func url(of page: Page) -> String {
        site.basePath + page.language.rawValue + "/" + (page.isHome ? "" : page.slug + "/")
    }

    func filePath(of page: Page) -> String {
        page.language.rawValue + "/" + (page.isHome ? "" : page.slug + "/") + "index.html"
    }

    func absolute(_ path: String) -> String {
        // baseURL ends in basePath; join without doubling it.
        let origin = site.baseURL.hasSuffix(site.basePath)
            ? String(site.baseURL.dropLast(site.basePath.count)) : site.baseURL
        return origin + path
    }

    func csvURL(_ id: String, _ language: Language) -> String {
        site.basePath + "\(language.rawValue)/data/\(id).csv"
    }

    func page(named name: String, _ language: Language) -> Page? {
        pageIndex["\(language.rawValue)/\(name)"]
    }

    static func htmlLang(_ language: Language) -> String { language == .nl ? "nl-BE" : "fr-BE" }

    // MARK: Render

    mutating func render() {
        let works = pages.parallelMap { page in self.renderMarkdown(page) }
        var csvPaths: Set<String> = []
        for (page, work) in zip(pages, works) {
            diagnostics.append(contentsOf: work.diagnostics)
            linkChecks += work.linkChecks
            for id in work.datasetsUsed { datasetUse[id, default: []].insert(page.language) }
            chartOrder[page.language, default: [:]][page.name] = work.charts
            chartCount += work.charts.count
            for file in work.csvFiles where csvPaths.insert(file.path).inserted { files.append(file) }
            anchors[page.language, default: [:]][page.name] = Set(work.headings.map(\.id))
                .union(work.charts.map { "chart-\($0)" })
        }
        checkLinks()
        checkDatasetUse()
        let rendered = Array(zip(pages, works)).parallelMap { page, work in
            self.renderPage(page, html: work.html, headings: work.headings)
        }
        for (file, problems) in rendered {
            diagnostics.append(contentsOf: problems)
            if let file { files.append(file) }
        }
        renderSiteFiles()
        files.sort { $0.path < $1.path }
    }

    private func renderMarkdown(_ page: Page) -> PageWork {
        var work = PageWork()
        guard let strings = strings[page.language] else { return work }
        let file = page.file
        func at(_ position: Markdown.Position) -> SourceLocation {
            SourceLocation(file: file, line: position.line, column: position.column)
        }
        let document = Markdown.render(
            page.body, lineOffset: page.bodyLineOffset, footnoteBackLabel: strings["footnote_back"],
            footnotesTitle: strings["footnotes_title"],
            hooks: Markdown.Hooks(
                chart: { info, position in self.chartFigure(info, page: page, at: at(position), work: &work) },
                placeholder: { expression, position in self.placeholder(expression, page: page, at: at(position), work: &work) },
                link: { url, position in self.link(url, page: page, at: at(position), work: &work) }))
        work.html = document.html
        work.headings = document.headings
        return work
    }

    // MARK: Charts in chapters

    private func dataset(_ id: String, at location: SourceLocation, what: String, work: inout PageWork) -> Dataset? {
        if id.isEmpty {
            work.diagnostics.append(.error(location, "\(what) names no dataset", fix: "write the dataset id, e.g. ```chart volunteer-tasks"))
            return nil
        }
        guard DatasetParser.isValidKey(id) else {
            work.diagnostics.append(.error(location, "\"\(id)\" is not a valid dataset id", fix: "ids use a-z, 0-9 and - only, and name a file in Content/data"))
            return nil
        }
        guard let dataset = datasets[id] else {
            if invalidDatasets.contains(id) { return nil }
            let suggestion = closestMatch(to: id, in: datasets.keys)
            work.diagnostics.append(.error(location, "unknown dataset \"\(id)\"",
                                           fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "add Content/data/<chapter>/\(id).yml and .csv"))
            return nil
        }
        return dataset
    }

    private func chartFigure(_ info: String, page: Page, at location: SourceLocation, work: inout PageWork) -> String {
        let id = info.split(separator: " ").first.map(String.init) ?? ""
        guard let dataset = dataset(id, at: location, what: "chart block", work: &work),
              let strings = strings[page.language] else { return "" }
        work.datasetsUsed.insert(id)
        work.charts.append(id)
        work.placed[id, default: 0] += 1
        let count = work.placed[id] ?? 1
        let elementId = "chart-\(id)" + (count > 1 ? "-\(count)" : "")
        let figure = ChartFigure(dataset: dataset, language: page.language, strings: strings, elementId: elementId,
                                 csvURL: csvURL(id, page.language))
        let svg: String
        do {
            svg = try figure.chart().svg()
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
            return ""
        }
        if dataset.kind != .figures, count == 1 {
            work.csvFiles.append(OutputFile(path: "\(page.language.rawValue)/data/\(id).csv", contents: figure.csv()))
        }
        var context = figure.context(svg: svg)
        context.merge(uiStrings(page.language)) { current, _ in current }
        let (html, problems) = templates.render("figure", context)
        work.diagnostics.append(contentsOf: problems)
        return html
    }

    /// `{{dataset:row}}` or `{{dataset:row:series}}` → the value in the page's locale.
    private func placeholder(_ expression: String, page: Page, at location: SourceLocation, work: inout PageWork) -> String {
        // `{{lang fr: La situation financière …}}`: text in the other language, marked for screen readers.
        if expression.hasPrefix("lang ") {
            let rest = expression.dropFirst(5)
            guard let colon = rest.firstIndex(of: ":"),
                  let language = Language(rawValue: String(rest[..<colon]).trimmingWhitespace) else {
                work.diagnostics.append(.error(location, "\"{{\(expression)}}\" does not name a language",
                                               fix: "write {{lang fr: texte}} or {{lang nl: tekst}}"))
                return escapeHTML(String(rest))
            }
            let text = String(rest[rest.index(after: colon)...]).trimmingWhitespace
            return "<span lang=\"\(Self.htmlLang(language))\">\(escapeHTML(text))</span>"
        }
        let parts = expression.split(separator: ":", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace
        }
        guard parts.count == 2 || parts.count == 3 else {
            work.diagnostics.append(.error(location, "\"{{\(expression)}}\" is not a data reference",
                                           fix: "write {{dataset:row}} or {{dataset:row:series}}"))
            return escapeHTML("{{\(expression)}}")
        }
        guard let dataset = dataset(parts[0], at: location, what: "data reference", work: &work),
              let strings = strings[page.language] else {
            return ""
        }
        work.datasetsUsed.insert(dataset.id)
        guard let rowIndex = dataset.rows.firstIndex(where: { $0.key == parts[1] }) else {
            let suggestion = closestMatch(to: parts[1], in: dataset.rows.map(\.key))
            work.diagnostics.append(.error(location, "dataset \"\(dataset.id)\" has no row \"\(parts[1])\"",
                                           fix: suggestion.map { "did you mean \"\($0)\"?" }))
            return ""
        }
        var seriesIndex = 0
        if parts.count == 3 {
            guard let index = dataset.series.firstIndex(where: { $0.key == parts[2] }) else {
                let suggestion = closestMatch(to: parts[2], in: dataset.series.map(\.key))
                work.diagnostics.append(.error(location, "dataset \"\(dataset.id)\" has no series \"\(parts[2])\"",
                                               fix: suggestion.map { "did you mean \"\($0)\"?" }))
                return ""
            }
            seriesIndex = index
        }
        guard let value = dataset.rows[rowIndex].values[seriesIndex] else {
            work.diagnostics.append(.error(location, "\(dataset.id):\(parts[1]) has no value (the cell is empty)",
                                           fix: "fill in \(dataset.rows[rowIndex].valueLocations[seriesIndex])"))
            return ""
        }
        let figure = ChartFigure(dataset: dataset, language: page.language, strings: strings, elementId: "", csvURL: "")
        let text = figure.formatted(row: rowIndex, series: seriesIndex)
        return "<data value=\"\(DatasetParser.formatNumber(value))\">\(escapeHTML(text))</data>"
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
        guard path.hasSuffix(".md") else { return url }
        let name = String(path.dropLast(3)).replacingOccurrences(of: "./", with: "")
        guard !name.contains("/"), let target = self.page(named: name, page.language) else {
            let known = pages.filter { $0.language == page.language }.map { $0.name + ".md" }
            let suggestion = closestMatch(to: path, in: known)
            work.diagnostics.append(.error(location, "link to a page that does not exist: \"\(path)\"",
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

    private mutating func checkLinks() {
        let placeholders = Set(pages.filter(\.isPlaceholder).map { "\($0.language)/\($0.name)" })
        for check in linkChecks where !(anchors[check.language]?[check.page]?.contains(check.anchor) ?? false)
            && !placeholders.contains("\(check.language)/\(check.page)") {
            let known = anchors[check.language]?[check.page] ?? []
            let suggestion = closestMatch(to: check.anchor, in: known)
            diagnostics.error(check.location, "link to a heading that does not exist: \"#\(check.anchor)\" in \(check.page).md",
                              fix: suggestion.map { "did you mean \"#\($0)\"?" })
        }
    }

    /// Datasets never placed are a warning; a dataset placed in one language only, or chapters
    /// whose Dutch and French versions place different charts, are errors.
    private mutating func checkDatasetUse() {
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id] else { continue }
            let use = datasetUse[id] ?? []
            if use.isEmpty {
                diagnostics.warning(SourceLocation(file: dataset.metadataFile), "dataset \"\(id)\" is not used by any chapter",
                                    fix: "place it with ```chart \(id) or quote it with {{\(id):row}}")
            } else if use.count < Language.allCases.count, let missing = Language.allCases.first(where: { !use.contains($0) }) {
                diagnostics.error(SourceLocation(file: dataset.metadataFile), "dataset \"\(id)\" is used in \(missing == .nl ? "French" : "Dutch") only",
                                  fix: "use it in the \(missing.englishName) chapter too")
            }
        }
        for page in pages where page.language == .fr {
            let nl = chartOrder[.nl]?[page.name] ?? []
            let fr = chartOrder[.fr]?[page.name] ?? []
            if nl != fr {
                diagnostics.error(SourceLocation(file: page.file),
                                  "the Dutch and French versions of \(page.name).md place different charts (nl: \(nl.joined(separator: ", ")); fr: \(fr.joined(separator: ", ")))",
                                  fix: "place the same charts in the same order in both languages")
            }
        }
    }

    // MARK: Pages

    /// The UI strings as template values (`t_<key>`), built once per language.
    private func uiStrings(_ language: Language) -> [String: Any] {
        templateStrings[language] ?? [:]
    }

    private func chapters(_ language: Language) -> [Page] {
        chapterLists[language] ?? []
    }

    private func link(_ page: Page?) -> [String: Any] {
        guard let page else { return ["title": "", "url": ""] }
        return ["title": page.title, "url": url(of: page)]
    }

    /// What every layout needs: language, head tags, navigation, language switch, footer strings.
    private func baseContext(language: Language, title: String, description: String, path: String?,
                             alternates: [Language: String], current: String?) -> [String: Any] {
        let other = language == .nl ? Language.fr : .nl
        var context = uiStrings(language)
        context["lang"] = Self.htmlLang(language)
        context["langCode"] = language.rawValue
        context["otherLang"] = Self.htmlLang(other)
        context["siteTitle"] = site.title[language]
        context["pageTitle"] = title
        context["description"] = description
        context["canonical"] = path.map(absolute) ?? ""
        context["hasCanonical"] = path != nil
        context["ogLocale"] = language == .nl ? "nl_BE" : "fr_BE"
        context["ogLocaleAlternate"] = other == .nl ? "nl_BE" : "fr_BE"
        context["alternates"] = Language.allCases.compactMap { lang -> [String: Any]? in
            alternates[lang].map { ["hreflang": Self.htmlLang(lang), "href": absolute($0)] }
        }
        context["xDefault"] = absolute(site.basePath)
        context["assets"] = site.basePath + "assets/"
        context["homeURL"] = site.basePath + language.rawValue + "/"
        context["isHome"] = false
        context["switchURL"] = alternates[other] ?? (site.basePath + other.rawValue + "/")
        context["nav"] = chapters(language).map { chapter -> [String: Any] in
            ["title": chapter.title, "url": url(of: chapter), "current": chapter.name == current]
        }
        return context
    }

    private func renderPage(_ page: Page, html: String, headings: [Markdown.Heading]) -> (OutputFile?, [Diagnostic]) {
        let language = page.language
        var alternates: [Language: String] = [:]
        for lang in Language.allCases {
            if let translation = self.page(named: page.name, lang) { alternates[lang] = url(of: translation) }
        }
        let chapterList = chapters(language)
        let index = chapterList.firstIndex { $0.name == page.name }
        let previous = index.flatMap { $0 > 0 ? chapterList[$0 - 1] : nil }
        let next = index.flatMap { $0 + 1 < chapterList.count ? chapterList[$0 + 1] : nil }
        let toc = headings.filter { $0.level == 2 }
        let description = page.description ?? site.description[language]
        var context = baseContext(language: language, title: page.isHome ? site.title[language] : page.title,
                                  description: description, path: url(of: page), alternates: alternates, current: page.name)
        context["title"] = page.title
        context["content"] = RawHTML(html: html)
        context["isHome"] = page.isHome
        context["toc"] = toc.map { ["id": $0.id, "text": $0.text] }
        context["hasToc"] = toc.count >= 3
        context["previous"] = link(previous)
        context["hasPrevious"] = previous != nil
        context["next"] = link(next)
        context["hasNext"] = next != nil
        context["chapters"] = chapterList.map { chapter -> [String: Any] in
            ["title": chapter.title, "url": url(of: chapter), "description": chapter.description ?? ""]
        }
        guard templates.has(page.template) else {
            let suggestion = closestMatch(to: page.template, in: templates.names)
            return (nil, [.error(page.templateLocation ?? SourceLocation(file: page.file), "unknown template \"\(page.template)\"",
                                 fix: suggestion.map { "did you mean \"\($0)\"?" } ?? "templates: \(templates.names.joined(separator: ", "))")])
        }
        let (body, problems) = templates.render(page.template, context)
        context["body"] = RawHTML(html: body)
        let (document, layoutProblems) = templates.render("base", context)
        return (OutputFile(path: filePath(of: page), contents: document), problems + layoutProblems)
    }

    /// The language chooser at the root, the 404 page, the sitemap and robots.txt.
    private mutating func renderSiteFiles() {
        var root: [String: Any] = [
            "languages": Language.allCases.map { language -> [String: Any] in
                var entry = uiStrings(language)
                entry["lang"] = Self.htmlLang(language)
                entry["url"] = site.basePath + language.rawValue + "/"
                entry["siteTitle"] = site.title[language]
                entry["siteDescription"] = site.description[language]
                return entry
            },
            "canonical": absolute(site.basePath),
            "assets": site.basePath + "assets/",
            "alternates": Language.allCases.map { ["hreflang": Self.htmlLang($0), "href": absolute(site.basePath + $0.rawValue + "/")] },
            "xDefault": absolute(site.basePath),
        ]
        root["title"] = Language.allCases.map { site.title[$0] }.joined(separator: " · ")
        let (index, problems) = templates.render("root", root)
        diagnostics.append(contentsOf: problems)
        files.append(OutputFile(path: "index.html", contents: index))

        let language = site.defaultLanguage
        var context = baseContext(language: language, title: strings[language]?["not_found_title"] ?? "",
                                  description: site.description[language], path: nil, alternates: [:], current: nil)
        context["otherLanguages"] = Language.allCases.filter { $0 != language }.map { lang -> [String: Any] in
            var entry = uiStrings(lang)
            entry["lang"] = Self.htmlLang(lang)
            entry["url"] = site.basePath + lang.rawValue + "/"
            return entry
        }
        let (body, bodyProblems) = templates.render("404", context)
        diagnostics.append(contentsOf: bodyProblems)
        context["body"] = RawHTML(html: body)
        let (notFound, layoutProblems) = templates.render("base", context)
        diagnostics.append(contentsOf: layoutProblems)
        files.append(OutputFile(path: "404.html", contents: notFound))

        var sitemap = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        sitemap += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in pages {
            sitemap += "  <url>\n    <loc>\(escapeHTML(absolute(url(of: page))))</loc>\n"
            for language in Language.allCases {
                if let translation = self.page(named: page.name, language) {
                    sitemap += "    <xhtml:link rel=\"alternate\" hreflang=\"\(Self.htmlLang(language))\" href=\"\(escapeHTML(absolute(url(of: translation))))\"/>\n"
                }
            }
            sitemap += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(escapeHTML(absolute(site.basePath)))\"/>\n  </url>\n"
        }
        sitemap += "</urlset>\n"
        files.append(OutputFile(path: "sitemap.xml", contents: sitemap))
        files.append(OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\n\nSitemap: \(absolute(site.basePath + "sitemap.xml"))\n"))
    }
}
