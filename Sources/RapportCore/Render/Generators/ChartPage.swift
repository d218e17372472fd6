import Diagnostics
import Foundation
import RapportBase
import SVGCharts
import SurveyData

/// A page for every chart (issue 26), in the folder of the chapter that shows it, under a path
/// word of the UI strings (`chart_pages_folder`):
///
///     nl/financien/grafieken/<chart>/index.html        the chart page (Templates/chart.mustache)
///     nl/financien/grafieken/<chart>/embed/index.html  the embed, without header and footer (embed.mustache)
///     nl/financien/grafieken/<chart>/<chart>-nl.svg    the chart as a picture of its own (StandaloneChart)
///     nl/financien/grafieken/<chart>/<chart>-nl.png    the same picture at twice its size (PNGStore, librsvg)
///
/// Made while the chapter renders, from what its figure already computed (the SVG is drawn
/// once). Key figures get none: their tiles are not one picture. A dataset placed twice in a
/// chapter has one page, for its first figure.
extension RenderContext {
    static let embedFolder = "embed"

    /// The word of a language's chart pages in addresses (`grafieken`).
    func chartPagesFolder(_ language: Language) -> String {
        let word = strings[language]?[.chartPagesFolder] ?? ""
        return ContentLoader.isPathWord(word) ? word : "charts"
    }

    /// The site path of the page of chart `id` in chapter `page`: `/nl/financien/grafieken/<id>/`.
    func chartPagePath(_ id: String, in page: Page) -> String {
        url(of: page) + chartPagesFolder(page.language) + "/" + id + "/"
    }

    /// Whether a figure of `dataset` gets a page.
    func hasChartPage(_ dataset: Dataset) -> Bool { dataset.kind != .figures && templates.has("chart") }

    /// The chart page, its embed, the standalone SVG and the PNG of the figure of `figure`,
    /// into `work.pageFiles`; `values` are the figure's, `svg` the chart it drew.
    func renderChartPage(_ figure: ChartFigure, values: [ChartKey: TemplateValue], svg: [UInt8], page: Page, work: inout PageWork) {
        let language = page.language
        let dataset = figure.dataset
        let id = dataset.id
        let sitePath = chartPagePath(id, in: page)
        let folder = String(sitePath.dropFirst(site.basePath.count))
        let depth = Self.depth(ofFile: folder + "index.html")
        let title = dataset.title[language]
        let finding = dataset.finding?[language]
        let fileStem = "\(id)-\(language.code)"

        // The picture: the chart with its texts around it, then its PNG.
        let picture = standalonePicture(figure, values: values, svg: svg, address: absolute(sitePath))
        var png: SocialImage?
        if let picture {
            work.pageFiles.append(OutputFile(path: folder + fileStem + ".svg", bytes: picture.bytes))
            // Drawn once every page of the language is rendered, all pictures at the same time.
            if pngStore != nil {
                png = socialImage(picture, path: sitePath + fileStem + ".png", alt: Self.imageAlt(title: title, finding: finding))
                work.pictures.append(
                    PendingPicture(
                        picture: picture, path: folder + fileStem + ".png", what: .chart(id),
                        location: SourceLocation(file: dataset.metadataFile)))
                if work.socialImage == nil { work.socialImage = png }
            }
        }

        var alternates: [Language: String] = [:]
        for other in site.languages {
            if let translation = self.page(named: page.name, other) { alternates[other] = chartPagePath(id, in: translation) }
        }
        let description = finding ?? dataset.question?[language] ?? site.description[language]
        let scope = pageScope(
            ChartPageContext.self, language: language, title: title, description: description, path: sitePath,
            alternates: alternates, current: nil, from: depth)
        for (key, value) in values { scope[key] = value }
        scope[.csvURL] = .text(csvURL(id, language, from: depth))
        scope[.citeFiles] = citationLinks(
            stem: chartCitationStem(id, language), fileStem: fileStem, idPrefix: figure.elementId + "-cite", from: depth)
        scope[.chapterURL] = .text(link(to: page, from: depth) + "#" + figure.elementId)
        scope[.chapterTitle] = .text(page.isHome ? site.title[language] : page.title)
        scope[.svgURL] = .text(relative(sitePath + fileStem + ".svg", from: depth))
        scope[.svgFileName] = .text(fileStem + ".svg")
        scope[.png] = .maybe(
            png.map { image in
                TemplateScope<PNGKey>(texts: [
                    .url: relative(image.path, from: depth), .fileName: fileStem + ".png", .width: String(image.width),
                    .height: String(image.height),
                ])
            })
        scope[.ogImage] = socialImageValue(png)
        let hasEmbed = templates.has("embed")
        scope[.hasEmbed] = .bool(hasEmbed)
        scope[.embedCode] = .text(
            Self.embedCode(url: absolute(sitePath + Self.embedFolder + "/"), title: title, height: (picture?.height ?? 480) + 40))
        let (document, problems) = renderInLayout(TemplateContexts.chart, scope)
        work.diagnostics += problems
        work.pageFiles.append(OutputFile(path: folder + "index.html", bytes: document))

        if hasEmbed {
            let embedDepth = depth + 1
            let embed = pageScope(
                EmbedContext.self, language: language, title: title, description: description, path: sitePath, alternates: [:],
                current: nil, from: embedDepth)
            for (key, value) in values { embed[key] = value }
            embed[.chartPageURL] = .text(relative(sitePath, from: embedDepth))
            let (html, embedProblems) = templates.render(TemplateContexts.embed, embed)
            work.diagnostics += embedProblems
            work.pageFiles.append(OutputFile(path: folder + Self.embedFolder + "/index.html", bytes: html))
        }
        work.chartPages.append(id)
    }

    /// The chart as a picture of its own: its title and finding above, its base, source and
    /// address below, the publisher and the theme's logo at the bottom.
    func standalonePicture(_ figure: ChartFigure, values: [ChartKey: TemplateValue], svg: [UInt8], address: String) -> StandaloneSVG? {
        let language = figure.language
        let strings = strings[language]
        func text(_ key: ChartKey) -> String { if case let .text(value)? = values[key] { value } else { "" } }
        var footer: [String] = []
        if let base = figure.baseText { footer.append("\(strings?[.chartBase] ?? "n:") \(base)") }
        if !text(.groupBases).isEmpty { footer.append(text(.groupBases)) }
        if !text(.source).isEmpty { footer.append("\(strings?[.chartSourceLabel] ?? "") \(text(.source))") }
        footer.append(address)
        return StandaloneChart(
            title: figure.dataset.title[language], finding: figure.dataset.finding?[language], footer: footer,
            credit: site.publisher?[language] ?? site.title[language], logo: standaloneLogo, lang: language.htmlLang
        ).svg(chart: svg)
    }

    /// The PNG of `picture` (stored, or drawn now); nil, with an error, when it cannot be made;
    /// nil without one when the build makes no pictures.
    func rasterize(_ picture: StandaloneSVG, what: OutputProblem.Picture, at location: SourceLocation, work: inout PageWork) -> PNGStore.Picture? {
        guard let pngStore else { return nil }
        switch pngStore.png(picture) {
        case let .success(png): return png
        case let .failure(failure):
            work.diagnostics.append(.error(location, .output(.cannotMakePNG(what, reason: failure.message))))
            return nil
        }
    }

    /// The `<iframe>` to copy, with the few lines that let it take the height the embed tells
    /// it; without them it keeps `height` (the picture's height, a sensible one at any width).
    static func embedCode(url: String, title: String, height: Int) -> String {
        """
        <iframe src="\(escapeHTML(url))" title="\(escapeHTML(title))" width="100%" height="\(height)" style="width: 100%; border: 0;" loading="lazy"></iframe>
        <script>window.addEventListener("message", function (e) { var h = e.data && e.data.rapportEmbedHeight; if (typeof h !== "number") return; document.querySelectorAll("iframe").forEach(function (f) { if (f.contentWindow === e.source) f.style.height = h + "px"; }); });</script>
        """
    }

    /// The sitemap's entries for the chart pages of `rendered`, each with its translations.
    func chartPageSitemapEntries(_ chartPages: [Language: [String: [String]]]) -> String {
        var entries = ""
        for page in pages {
            for id in chartPages[page.language]?[page.name] ?? [] {
                let alternates = site.languages.compactMap { other -> (Language, String)? in
                    guard let translation = self.page(named: page.name, other), chartPages[other]?[page.name]?.contains(id) == true
                    else { return nil }
                    return (other, chartPagePath(id, in: translation))
                }
                entries += sitemapEntry(chartPagePath(id, in: page), alternates: alternates)
            }
        }
        return entries
    }

    /// Chart pages of a home page sit in `/nl/grafieken/`: a chapter, the data or a reader page
    /// may not have that address.
    func checkChartPagesFolders(_ chartPages: [Language: [String: [String]]]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for language in site.languages {
            guard let home = pages.first(where: { $0.language == language && $0.isHome }),
                chartPages[language]?[home.name]?.isEmpty == false
            else { continue }
            let word = chartPagesFolder(language)
            let taken =
                (chapterLists[language] ?? []).contains { $0.slug == word }
                || [Self.dataFolder, ReaderPages.reportSlug(language), ReaderPages.searchSlug(language)].contains(word)
            guard taken, let strings = strings[language] else { continue }
            problems.append(
                .error(
                    strings.locations[UIKey.chartPagesFolder.rawValue] ?? SourceLocation(file: strings.file),
                    .site(.chartPagesFolderTaken(language: language.code, word: word))))
        }
        return problems
    }
}
