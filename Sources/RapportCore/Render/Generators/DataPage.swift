import Diagnostics
import RapportBase

/// The open data of each language, in its data folder beside the CSV files (`/nl/data/`):
///
/// - `index.html`, the data page (`Templates/data.mustache`): every dataset a chapter shows as
///   a chart, by chapter, with its title, question, base, a link to the chart and its CSV file;
/// - `data-nl.zip`, every CSV file of the language and the `datapackage.json` (ZipArchive);
/// - `datapackage.json`, the files described as a Frictionless Data Package (DataPackage).
///
/// Not a chapter: it is not in the chapter navigation. Linked from the footer and the home page.
extension RenderContext {
    /// One dataset on the data page: where it is shown first, and the chapters that show it.
    struct PublishedDataset {
        var id: String
        var chapters: [Page]
    }

    static let dataFolder = "data"

    func dataURL(_ language: Language) -> String { site.basePath + language.code + "/\(Self.dataFolder)/" }

    func zipFileName(_ language: Language) -> String { "data-\(language.code).zip" }

    /// The datasets of every chart and every set of key figures, in the order the chapters show
    /// them, each with the chapters that show it (the first one groups it on the data page).
    func publishedDatasets(_ language: Language, chartOrder: [Language: [String: [ChartPlacement]]]) -> [PublishedDataset] {
        var result: [PublishedDataset] = []
        var positions: [String: Int] = [:]
        for page in pages where page.language == language && !page.isPlaceholder {
            for id in (chartOrder[language]?[page.name] ?? []).compactMap(\.id) {
                guard datasets[id] != nil else { continue }
                if let position = positions[id] {
                    if result[position].chapters.last?.name != page.name { result[position].chapters.append(page) }
                } else {
                    positions[id] = result.count
                    result.append(PublishedDataset(id: id, chapters: [page]))
                }
            }
        }
        return result
    }

    /// Renders the data page, the ZIP and the datapackage.json of both languages.
    func renderDataPages(
        chartOrder: [Language: [String: [ChartPlacement]]], csvFiles: [String: [UInt8]], into output: SiteOutput,
        cache: PageCache? = nil
    ) -> [Diagnostic] {
        // One language after the other: side by side they took 12 MB more at 2,000 pages for 0.16 s.
        site.languages.map { renderDataPages($0, chartOrder: chartOrder, csvFiles: csvFiles, into: output, cache: cache) }.flatMap { $0 }
    }

    private func renderDataPages(
        _ language: Language, chartOrder: [Language: [String: [ChartPlacement]]], csvFiles: [String: [UInt8]],
        into output: SiteOutput, cache: PageCache?
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        guard let strings = strings[language] else { return problems }
        let published = publishedDatasets(language, chartOrder: chartOrder)
        let folder = language.code + "/" + Self.dataFolder + "/"
        let depth = Self.depth(ofFile: folder + "index.html")
        var entries: [ZipArchive.Entry] = []
        var writtenResources: [[UInt8]] = [], writtenGraph: [[UInt8]] = []
        var groups: [(page: Page, items: [TemplateScope<DatasetKey>])] = []
        // Each dataset's CSV, resource, citation files and entry on all cores (its files go to
        // the output from there), then put together in the page's order.
        let homepage = absolute(dataURL(language)), study = schemaOrgStudy(language)
        let made = published.parallelMap { item -> (page: Page, zip: ZipArchive.Entry, part: DataPart, entry: TemplateScope<DatasetKey>)? in
            guard let dataset = datasets[item.id], let page = item.chapters.first else { return nil }
            // As in a chapter: the CSV keeps the texts as written, the page shows them typeset.
            let asWritten = ChartFigure(dataset: dataset, language: language, strings: strings, elementId: "", csvURL: "")
            let shown = ChartFigure(
                dataset: shownDatasets[language]?[item.id] ?? Typography.apply(dataset, language), language: language, strings: strings,
                elementId: "", csvURL: "")
            // The file the chapter wrote (the same bytes), else made here.
            let csv = csvFiles["\(language.code)/data/\(item.id).csv"] ?? asWritten.csv()
            let shownDataset = shown.dataset
            // Its citation files, and its parts of datapackage.json and of the page's JSON-LD
            // (written here, on all cores): from the cache when made before from the same inputs.
            let stem = chartCitationStem(item.id, language)
            let makePart = {
                let resource = DataPackage.resource(asWritten: asWritten, shown: shown, bytes: csv.count)
                return DataPart(
                    files: citationFiles(chartCitation(shownDataset, language, shownIn: page), stem: stem),
                    resource: resource.json.written(indent: DataPackage.resourceIndent),
                    graph: SchemaOrg.dataset(
                        resource, homepage: homepage, packageTitle: site.title[language], packageDescription: site.description[language],
                        study: study
                    ).written(indent: SchemaOrg.graphIndent))
            }
            let part =
                cache?.memo(
                    ["data part", item.id, language.code, page.name, stem], datasets: [item.id], make: makePart,
                    write: { $0.dataPart($1) }, read: { $0.dataPart() }) ?? makePart()
            for file in part.files { output.add(file) }
            let entry = TemplateScope<DatasetKey>([
                .id: .text(item.id),
                .title: .text(shownDataset.title[language]),
                .question: .text(shownDataset.question?[language] ?? ""),
                .hasQuestion: .bool(shownDataset.question != nil),
                .base: .text(shown.baseText ?? ""),
                .hasBase: .bool(shown.baseText != nil),
                .shownIn: .list(
                    item.chapters.map { chapter in
                        TemplateScope<LinkKey>(texts: [
                            .title: chapter.title, .url: link(to: chapter, from: depth) + "#" + ChartAnchor(dataset: item.id).id,
                        ])
                    }),
                .csvURL: .text(csvURL(item.id, language, from: depth)),
                .csvFileName: .text("\(item.id)-\(language.code).csv"),
            ])
            return (page, ZipArchive.Entry(name: "\(item.id).csv", bytes: csv), part, entry)
        }
        for case let item? in made {
            entries.append(item.zip)
            writtenResources.append(item.part.resource)
            writtenGraph.append(item.part.graph)
            if groups.last?.page.name == item.page.name {
                groups[groups.count - 1].items.append(item.entry)
            } else {
                groups.append((item.page, [item.entry]))
            }
        }
        let package = DataPackage(
            name: DataPackage.name(of: site.title[language], language),
            id: absolute(dataURL(language) + "datapackage.json"),
            title: site.title[language], description: site.description[language],
            homepage: homepage,
            contributors: site.publisher.map { [DataPackage.Contributor(title: $0[language])] },
            licenses: site.license.map { [DataPackage.License(path: $0, title: site.study.texts["licence"]?[language])] },
            resources: [], writtenResources: writtenResources)
        let json = package.json()
        entries.append(ZipArchive.Entry(name: "datapackage.json", bytes: json))
        var timestamp = ZipArchive.Timestamp.epoch
        if let updated = site.updated { timestamp = .init(year: updated.year, month: updated.month, day: updated.day) }
        let zip = ZipArchive(entries: entries, timestamp: timestamp).bytes()
        output.add(OutputFile(path: folder + "datapackage.json", bytes: json))
        output.add(OutputFile(path: folder + zipFileName(language), bytes: zip))

        var alternates: [Language: String] = [:]
        for lang in site.languages { alternates[lang] = dataURL(lang) }
        let scope = pageScope(
            DataContext.self, language: language, title: strings[.dataTitle], description: strings[.dataDescription],
            path: dataURL(language), alternates: alternates, current: nil, from: depth)
        scope[.dataChapters] = .list(
            groups.map { group in
                TemplateScope<DataChapterKey>([
                    .title: .text(group.page.title), .url: .text(link(to: group.page, from: depth)), .datasets: .list(group.items),
                ])
            })
        scope[.hasDatasets] = .bool(!groups.isEmpty)
        for (key, value) in Self.jsonLDValues(writtenResources.isEmpty ? nil : SchemaOrg.datasets(package, study: study, written: writtenGraph)) {
            scope[key] = value
        }
        scope[.datasetCount] = .text(String(writtenResources.count))
        scope[.zipURL] = .text(relative(dataURL(language) + zipFileName(language), from: depth))
        scope[.zipFileName] = .text(zipFileName(language))
        scope[.zipSize] = .text(Self.kilobytes(zip.count, unit: strings[.unitKilobytes]))
        scope[.packageURL] = .text(relative(dataURL(language) + "datapackage.json", from: depth))
        let (document, pageProblems) = renderInLayout(TemplateContexts.data, scope)
        problems += pageProblems
        output.add(OutputFile(path: folder + "index.html", bytes: document))
        return problems
    }

    /// The data pages in the sitemap, each with its translation (as the chapters are).
    func dataPageSitemapEntries() -> String {
        var entries = ""
        for language in site.languages {
            entries += sitemapEntry(dataURL(language), alternates: site.languages.map { ($0, dataURL($0)) })
        }
        return entries
    }

    /// `12 kB` / `12 ko` (rounded up, at least 1).
    static func kilobytes(_ bytes: Int, unit: String) -> String {
        "\(max(1, (bytes + 1023) / 1024))\u{00A0}\(unit)"
    }
}

/// A dataset's part of its language's data page that does not depend on the other datasets: its
/// citation files, and its entries in `datapackage.json` and in the page's JSON-LD, written where
/// they stand (kept in the build cache).
struct DataPart {
    var files: [OutputFile]
    var resource: [UInt8]
    var graph: [UInt8]
}

extension CacheWriter {
    mutating func dataPart(_ part: DataPart) {
        PageCache.write(part.files, &self)
        data(part.resource)
        data(part.graph)
    }
}

extension CacheReader {
    mutating func dataPart() -> DataPart? {
        guard let files = PageCache.readFiles(&self), let resource = data(), let graph = data() else { return nil }
        return DataPart(files: files, resource: resource, graph: graph)
    }
}
