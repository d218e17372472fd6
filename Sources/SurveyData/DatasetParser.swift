import Diagnostics
import RapportBase
import SVGCharts

/// Turns the text of a dataset's two files into a validated `Dataset`, reporting every problem
/// with its file, line and column. Pure: no file access (the loader reads the files), so it can
/// be tested and fuzzed on strings.
public enum DatasetParser {
    /// The keys a dataset's YAML file may hold.
    public static let metadataKeys = [
        "kind", "title", "question", "finding", "base", "unit", "decimals", "scale", "series",
        "notes", "significance", "source", "inferred", "acknowledge", "category",
    ]
    /// The CSV columns that are not series: the key, one label column per language, the rest.
    public static func fixedColumns(_ languages: [Language]) -> [String] {
        ["key"] + languages.map(\.code) + ["n", "mark", "unit", "decimals"]
    }

    /// Parses one dataset. The dataset is nil when an error makes it unusable; it is returned
    /// with warnings (and possibly errors the caller must still honour) otherwise.
    public static func parse(
        id: String, metadata: String, metadataFile: String,
        data: String, dataFile: String, languages: [Language] = Language.fallback
    ) -> (dataset: Dataset?, diagnostics: [Diagnostic]) {
        var yaml = YAMLReader(file: metadataFile, languages: languages)
        let meta = parseMetadata(metadata, reader: &yaml)
        var diagnostics = yaml.diagnostics
        guard let meta else {
            // The YAML file is unusable, but the CSV file's own mistakes are still all reported:
            // checked as a figures dataset whose every other column is a series of numbers.
            var table = CSVTable(file: dataFile)
            table.read(data)
            diagnostics += table.diagnostics
            if let header = table.header {
                var builder = RowBuilder(
                    meta: .assumed(from: header, languages: languages), header: header, table: table, languages: languages)
                builder.build()
                diagnostics += builder.diagnostics
            }
            return (nil, diagnostics)
        }

        var table = CSVTable(file: dataFile)
        table.read(data)
        diagnostics += table.diagnostics
        guard let header = table.header else { return (nil, diagnostics) }

        var builder = RowBuilder(meta: meta, header: header, table: table, languages: languages)
        builder.build()
        diagnostics += builder.diagnostics
        if builder.diagnostics.contains(where: { $0.severity == .error }) || yaml.diagnostics.contains(where: { $0.severity == .error }) {
            return (nil, diagnostics)
        }

        var dataset = Dataset(
            id: id, kind: meta.kind, title: meta.title, question: meta.question, finding: meta.finding,
            source: meta.source, significance: meta.significance, base: meta.base, unit: meta.unit,
            decimals: meta.decimals, scale: meta.scale, series: meta.series, rows: builder.rows,
            notes: meta.notes, inferred: meta.inferred.map(\.value), needsRoundingNote: false,
            metadataFile: metadataFile, dataFile: dataFile, links: meta.links + builder.links, acknowledged: meta.acknowledged,
            acknowledgedAt: meta.acknowledgedAt, category: meta.category)
        for (index, series) in dataset.series.enumerated() {
            dataset.series[index].location =
                header.index(of: series.key).map { header.cells[$0].location }
                ?? yaml.location(of: meta.seriesNodes.indices.contains(index) ? meta.seriesNodes[index] : nil)
        }
        diagnostics += crossCheck(&dataset, meta: meta, reader: yaml, header: header)
        diagnostics += missingBase(dataset, question: meta.questionWithoutBase)
        // Values taken from elsewhere are checked once the loader has filled them in.
        if dataset.links.isEmpty { diagnostics += checkStacks(&dataset) }
        let failed = diagnostics.contains { $0.severity == .error }
        return (failed ? nil : dataset, diagnostics)
    }

    // MARK: - Metadata (YAML)

    struct Metadata {
        var kind: ChartKind
        var title: Localized
        var question: Localized?
        var finding: Localized?
        var source: Localized?
        var significance: Localized?
        /// What the rows are: the heading of the table's first column (`Stelling`, `Provincie`).
        var category: Localized?
        var base: Int?
        var unit: ValueUnit = .percent
        var decimals = 0
        var scale: ColorScale = .categorical
        var series: [Dataset.Series] = []
        var seriesNodes: [YAMLNode] = []
        var notes: [Localized] = []
        var inferred: [(value: Dataset.Inferred, node: YAMLNode)] = []
        var links: [ValueLink] = []
        var acknowledged: Set<Dataset.Acknowledgement> = []
        var acknowledgedAt: SourceLocation?
        /// The `question` key of a survey chart that has no `base`.
        var questionWithoutBase: SourceLocation?
        var root: YAMLNode

        /// What a CSV file can be checked against when its YAML file cannot be read: nothing
        /// but that every column other than the fixed ones holds numbers.
        static func assumed(from header: CSVTable.Header, languages: [Language]) -> Metadata {
            let fixed = DatasetParser.fixedColumns(languages)
            let keys = header.cells.map(\.text).filter { !fixed.contains($0) && !$0.isEmpty }
            return Metadata(
                kind: .figures, title: Localized([:]), base: nil, unit: .number,
                series: keys.map { Dataset.Series(key: $0, label: Localized(same: $0, in: languages), base: nil, role: .normal) },
                root: YAMLNode(""))
        }
    }

    static func parseMetadata(_ text: String, reader: inout YAMLReader) -> Metadata? {
        if text.trimmingWhitespace.isEmpty {
            reader.error(nil, .dataset(.emptyMetadata))
            return nil
        }
        guard let root = reader.parse(text) else { return nil }
        guard let pairs = reader.mapping(root, what: "a dataset's metadata") else { return nil }
        let misspelled = reader.rejectUnknownKeys(pairs, known: metadataKeys, what: "metadata")
        let values = YAMLReader.index(pairs)
        func value(_ key: String) -> YAMLNode? { values[key] }

        var kind: ChartKind?
        if let node = value("kind") {
            kind = enumValue(node, ChartKind.self, what: "chart kind", reader: &reader)
        } else {
            if !misspelled.contains("kind") {
                reader.error(root, .dataset(.missingKind(kinds: ChartKind.allCases.map(\.rawValue))))
            }
        }
        var title: Localized?
        if let node = value("title") {
            title = reader.localized(node, what: "title")
        } else {
            if !misspelled.contains("title") { reader.error(root, .dataset(.missingTitle)) }
        }
        var meta = Metadata(kind: kind ?? .bars, title: title ?? Localized([:]), root: root)
        meta.question = value("question").flatMap { reader.localized($0, what: "question") }
        meta.finding = value("finding").flatMap { reader.localized($0, what: "finding") }
        meta.source = value("source").flatMap { reader.localized($0, what: "source") }
        meta.significance = value("significance").flatMap { reader.localized($0, what: "significance") }
        meta.category = value("category").flatMap { reader.localized($0, what: "category") }
        if kind != nil, kind != .figures, value("finding") == nil, !misspelled.contains("finding") {
            reader.error(root, .dataset(.missingFinding))
        }
        if let node = value("acknowledge") {
            meta.acknowledgedAt = reader.location(of: node)
            for item in sequence(node, what: "acknowledge", reader: &reader) {
                if let warning = enumValue(item, Dataset.Acknowledgement.self, what: "warning to acknowledge", reader: &reader) {
                    meta.acknowledged.insert(warning)
                }
            }
        }
        if let node = value("base") {
            if let reference = reference(node) {
                meta.links.append(ValueLink(slot: .base, reference: reference, location: reader.location(of: node)))
            } else {
                meta.base = reader.integer(node, what: "base", range: 1...1_000_000)
            }
        }
        if value("base") == nil, kind != .figures, let question = pairs.first(where: { $0.key == "question" }) {
            meta.questionWithoutBase = reader.location(of: question.keyNode)
        }
        if let node = value("unit"), let unit = enumValue(node, ValueUnit.self, what: "unit", reader: &reader) {
            meta.unit = unit
        }
        if let node = value("decimals"), let decimals = reader.integer(node, what: "decimals", range: 0...4) {
            meta.decimals = decimals
        }
        if let node = value("scale"), let scale = enumValue(node, ColorScale.self, what: "scale", reader: &reader) {
            meta.scale = scale
        }
        if let node = value("series") {
            parseSeries(node, into: &meta, reader: &reader)
        } else {
            if !misspelled.contains("series") {
                reader.error(root, .dataset(.missingSeries))
            }
        }
        if let node = value("notes") {
            for item in sequence(node, what: "notes", reader: &reader) {
                if let note = reader.localized(item, what: "note") { meta.notes.append(note) }
            }
        }
        if let node = value("inferred") {
            for item in sequence(node, what: "inferred", reader: &reader) {
                guard let fields = reader.mapping(item, what: "an inferred value") else { continue }
                reader.rejectUnknownKeys(fields, known: ["row", "series", "why"], what: "inferred")
                func get(_ key: String) -> String? {
                    guard let node = fields.first(where: { $0.key == key })?.value else {
                        reader.error(item, .dataset(.inferredMissing(field: key)))
                        return nil
                    }
                    return reader.string(node, what: "inferred \(key)")
                }
                if let row = get("row"), let series = get("series"), let why = get("why") {
                    meta.inferred.append((Dataset.Inferred(row: row, series: series, why: why), item))
                }
            }
        }
        guard kind != nil, title != nil else { return nil }
        return meta
    }

    static func parseSeries(_ node: YAMLNode, into meta: inout Metadata, reader: inout YAMLReader) {
        let items = sequence(node, what: "series", reader: &reader)
        if items.isEmpty, node.items != nil {
            reader.error(node, .dataset(.emptySeries))
        }
        var keys = Set<String>()
        for item in items {
            guard let fields = reader.mapping(item, what: "a series") else { continue }
            let misspelled = reader.rejectUnknownKeys(
                fields, known: ["key"] + reader.languages.map(\.code) + ["n", "role", "from"], what: "series")
            let values = YAMLReader.index(fields)
            func field(_ key: String) -> YAMLNode? { values[key] }
            guard let keyNode = field("key") else {
                if !misspelled.contains("key") { reader.error(item, .dataset(.seriesWithoutKey)) }
                continue
            }
            guard let key = reader.string(keyNode, what: "series key") else { continue }
            if !Keys.isValid(key) {
                reader.error(keyNode, .dataset(.invalidSeriesKey(key)))
            }
            if !keys.insert(key).inserted {
                reader.error(keyNode, .dataset(.duplicateSeriesKey(key)))
            }
            var texts: [Language: String] = [:], places: [Language: SourceLocation] = [:]
            for language in reader.languages {
                if let node = field(language.code) {
                    texts[language] = reader.string(node, what: "series \"\(key)\" label (\(language.code))")
                    places[language] = reader.textLocation(of: node)
                } else if !misspelled.contains(language.code) {
                    reader.error(item, .dataset(.seriesWithoutLabel(key: key, language.named)))
                }
            }
            var base: Int?
            if let node = field("n") {
                if let reference = reference(node) {
                    meta.links.append(
                        ValueLink(slot: .seriesBase(series: meta.series.count), reference: reference, location: reader.location(of: node)))
                } else {
                    base = reader.integer(node, what: "series n", range: 0...1_000_000)
                }
            }
            var from: ValueLink?
            if let node = field("from"), let text = reader.string(node, what: "series \"\(key)\" from") {
                if let reference = Reference(text), reference.series == nil, !reference.isStudyFact {
                    from = ValueLink(slot: .series(meta.series.count), reference: reference, location: reader.location(of: node))
                } else {
                    reader.error(node, .dataset(.badFrom(key: key, written: text)))
                }
            }
            var role = SeriesRole.normal
            if let roleNode = field("role"), let value = enumValue(roleNode, SeriesRole.self, what: "series role", reader: &reader) {
                role = value
            }
            if let base, base < Dataset.smallBaseLimit, !meta.acknowledged.contains(.smallBase) {
                reader.warning(field("n"), .dataset(.smallBase(base, of: .series(key), low: base < Dataset.lowBaseLimit)))
            }
            // A series whose label is missing in a language (reported) still takes its column.
            meta.series.append(Dataset.Series(key: key, label: Localized(texts, locations: places), base: base, role: role))
            meta.seriesNodes.append(item)
            if let from { meta.links.append(from) }
        }
    }

    // MARK: - Cross checks (YAML against CSV)

    static func crossCheck(_ dataset: inout Dataset, meta: Metadata, reader: YAMLReader, header: CSVTable.Header) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func at(_ node: YAMLNode?) -> SourceLocation { reader.location(of: node) }
        let rowKeys = Set(dataset.rows.map(\.key))
        let seriesKeys = dataset.series.map(\.key)
        for (item, node) in meta.inferred {
            if !rowKeys.contains(item.row) {
                out.append(.error(at(node), .dataset(.inferredUnknownRow(item.row, suggestion: closestMatch(to: item.row, in: rowKeys)))))
            }
            if !seriesKeys.contains(item.series) {
                out.append(
                    .error(at(node), .dataset(.inferredUnknownSeries(item.series, suggestion: closestMatch(to: item.series, in: seriesKeys)))))
            }
        }
        switch dataset.kind {
        case .donut:
            if dataset.series.count != 1 {
                out.append(.error(at(meta.root), .dataset(.donutSeries(count: dataset.series.count))))
            }
            if dataset.rows.count > 5 {
                out.append(.error(dataset.rows[5].location, .dataset(.donutSlices(count: dataset.rows.count))))
            }
        case .figures:
            if dataset.series.count != 1 {
                out.append(.error(at(meta.root), .dataset(.figuresSeries(count: dataset.series.count))))
            }
        default: break
        }
        if dataset.rows.contains(where: { $0.mark != nil }), dataset.significance == nil {
            let row = dataset.rows.first { $0.mark != nil }
            out.append(.error(row?.location ?? at(meta.root), .dataset(.markWithoutSignificance)))
        }
        return out
    }
}
