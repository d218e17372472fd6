import Diagnostics
import Foundation
import RapportBase

/// What the Markdown of a chapter calls back for while it is rendered (`Markdown.Hooks`): a
/// chart block becomes its figure (and its CSV file), a link to a chapter or a file of
/// `Content/` its URL in the site, an image its file with its size. Every use is recorded in
/// the page's `PageWork` for the site-wide checks.
extension RenderContext {
    func chartFigure(_ info: String, page: Page, at location: SourceLocation, work: inout PageWork) -> [UInt8] {
        let id = info.split(separator: " ").first.map(String.init) ?? ""
        let block = work.placements.count
        guard let dataset = references.dataset(id, at: location, what: .chartBlock, diagnostics: &work.diagnostics),
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
        work.placed[id, default: 0] += 1
        let anchor = ChartAnchor(dataset: id, placement: work.placed[id] ?? 1)
        work.charts.append(anchor)
        let elementId = anchor.id
        let figure = ChartFigure(
            dataset: shownDatasets[page.language]?[id] ?? Typography.apply(dataset, page.language), language: page.language,
            strings: strings, elementId: elementId,
            csvURL: csvURL(id, page.language, from: depth(of: page)),
            citation: ChartCitation(site: site, language: page.language, pageURL: absolute(url(of: page)), elementId: elementId),
            citeFiles: citationLinks(
                stem: chartCitationStem(id, page.language), fileStem: "\(id)-\(page.language.code)", idPrefix: elementId + "-cite",
                from: depth(of: page)))
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
            work.diagnostics.append(.error(location, .output(.cannotDrawChart(id: id, reason: error.message))))
            return []
        }
        if anchor.placement == 1 {
            // The CSV keeps the texts as written: a data file gets no typography.
            let asWritten = ChartFigure(
                dataset: dataset, language: page.language, strings: strings,
                elementId: elementId, csvURL: "")
            work.csvFiles.append(OutputFile(path: "\(page.language.code)/data/\(id).csv", bytes: asWritten.csv()))
        }
        var values = figure.context(svg: svg)
        if let number = figureNumbers.number(of: page.key, block: block) {
            values[.figureLabel] = .text(strings[.figureLabel] + "\u{A0}" + String(number))
        }
        if anchor.placement == 1, hasChartPage(dataset) {
            values[.hasChartPage] = .bool(true)
            values[.chartPageURL] = .text(relative(chartPagePath(id, in: page), from: depth(of: page)))
            renderChartPage(figure, values: values, svg: svg, page: page, work: &work)
        }
        let scope = TemplateScope<FigureContext>(values: values, language: languageScope(page.language, from: depth(of: page)))
        let (html, problems) = templates.render(TemplateContexts.figure, scope)
        work.diagnostics.append(contentsOf: problems)
        return html
    }

    // MARK: Links

    func link(_ url: String, page: Page, at location: SourceLocation, work: inout PageWork) -> String {
        if url.hasPrefix("#") {
            work.linkChecks.append(LinkCheck(page: page.name, language: page.language, anchor: String(url.dropFirst()), location: location))
            return url
        }
        // Absolute URLs and mail links are left alone; so is a path from the root of the host,
        // with a warning (it breaks under a subfolder and from disk).
        if url.hasPrefix("/") {
            if let warning = rootAbsolute(url, page: page, at: location) { work.diagnostics.append(warning) }
            return url
        }
        if url.contains(":") || url.isEmpty { return url }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasSuffix(".md") else {
            return file(url, page: page, at: location, work: &work)?.url ?? url
        }
        let name = String(path.dropLast(3)).replacingOccurrences(of: "./", with: "")
        if !name.contains("/"), self.page(named: name, page.language) == nil,
            let draft = Drafts.draft(named: name, page.language, in: drafts, languages: site.languages)
        {
            work.diagnostics.append(
                .error(
                    location, .link(.toDraft(path: path, draftAt: draft.draftLocation.map { "\($0)" } ?? draft.file, draftFile: draft.file))))
            return url
        }
        // A page that exists in another language only is reported once, as a missing translation.
        if !name.contains("/"), self.page(named: name, page.language) == nil,
            site.others(than: page.language).contains(where: { self.page(named: name, $0) != nil })
        {
            return url
        }
        guard !name.contains("/"), let target = self.page(named: name, page.language) else {
            let known = pages.filter { $0.language == page.language }.map { $0.name + ".md" }
            work.diagnostics.append(
                .error(location, .link(.missingPage(path: path, suggestion: closestMatch(to: path, in: known), language: page.language.code))))
            return url
        }
        var result = link(to: target, from: depth(of: page))
        if parts.count == 2 {
            let anchor = String(parts[1])
            work.linkChecks.append(LinkCheck(page: target.name, language: page.language, anchor: anchor, location: location))
            result += "#" + anchor
        }
        return result
    }

    /// A link to a file of `Content/` (not a chapter): its URL in the site, and where it is.
    func file(
        _ url: String, page: Page, at location: SourceLocation, work: inout PageWork
    ) -> (url: String, file: ContentFiles.Resolved, path: String)? {
        guard let contentFiles else { return nil }
        let cut = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let path = String(url[..<cut])
        switch contentFiles.resolve(path, from: page.language.code, at: location) {
        case let .success(resolved):
            work.files[resolved.outputPath] = resolved.source
            let inSite = relative(site.basePath + ContentFiles.urlPath(resolved.outputPath), from: depth(of: page))
            return (inSite + url[cut...], resolved, path)
        case let .failure(diagnostic):
            work.diagnostics.append(diagnostic)
            return nil
        }
    }

    /// An image: alt text required (or `-` for decoration), a file of `Content/` with its size.
    func image(_ url: String, alt: String, page: Page, at location: SourceLocation, work: inout PageWork) -> Markdown.Image {
        let decorative = alt.trimmingWhitespace == ContentFiles.decorativeAlt
        if alt.trimmingWhitespace.isEmpty {
            work.diagnostics.append(
                .error(location, .link(.noAltText(url: url))))
        }
        if url.hasPrefix("/"), let warning = rootAbsolute(url, page: page, at: location) { work.diagnostics.append(warning) }
        if url.contains(":") || url.hasPrefix("/") || url.hasPrefix("#") || url.isEmpty {
            return Markdown.Image(url: url, size: nil, decorative: decorative)
        }
        guard let found = file(url, page: page, at: location, work: &work) else {
            return Markdown.Image(url: url, size: nil, decorative: decorative)
        }
        switch ContentFiles.imageSize(found.file, path: found.path, at: location) {
        case let .success(size): return Markdown.Image(url: found.url, size: size, decorative: decorative)
        case let .failure(diagnostic):
            work.diagnostics.append(diagnostic)
            return Markdown.Image(url: found.url, size: nil, decorative: decorative)
        }
    }

}
