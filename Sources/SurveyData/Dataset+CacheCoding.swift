import Diagnostics
import RapportBase
import SVGCharts

/// A parsed dataset in the build cache's binary form (`CacheWriter`/`CacheReader`), so that a
/// rebuild takes the datasets whose files did not change as they were parsed, instead of
/// reading their YAML and CSV again (`DatasetLoader.cache`).
///
/// Every stored property is written, in declaration order. A property added to `Dataset` or one
/// of its parts must be added here too: `DatasetCodingTests` counts the properties and fails
/// until it is (a property left out would come back from the cache as its default).
extension Dataset {
    /// The number of stored properties each type has, as written here.
    public static let codedProperties = (dataset: 24, series: 5, row: 9, inferred: 3, link: 3, reference: 3)

    public func encoded() -> [UInt8] {
        var out = CacheWriter()
        // The two file names first: every location names one of them by number.
        out.string(metadataFile)
        out.string(dataFile)
        out.files = [metadataFile, dataFile]
        out.string(id)
        out.string(kind.rawValue)
        out.localized(title)
        for text in [question, finding, source, significance] { out.optional(text) { $0.localized($1) } }
        out.optional(base) { $0.int($1) }
        out.string(unit.rawValue)
        out.int(decimals)
        out.string(scale.rawValue)
        out.list(series) { out, series in
            out.string(series.key)
            out.localized(series.label)
            out.optional(series.base) { $0.int($1) }
            out.string(series.role.rawValue)
            out.optional(series.location) { $0.location($1) }
        }
        out.list(rows) { out, row in
            out.string(row.key)
            out.localized(row.label)
            out.optional(row.base) { $0.int($1) }
            out.optional(row.mark) { $0.string($1) }
            out.optional(row.unit) { $0.string($1.rawValue) }
            out.optional(row.decimals) { $0.int($1) }
            out.list(row.values) { out, value in out.optional(value) { $0.double($1) } }
            out.list(row.valueLocations) { $0.location($1) }
            out.location(row.location)
        }
        out.list(notes) { $0.localized($1) }
        out.list(inferred) { out, item in
            out.strings([item.row, item.series, item.why])
        }
        out.bool(needsRoundingNote)
        out.list(links) { out, link in
            switch link.slot {
            case .base: out.int(0)
            case let .seriesBase(series): out.int(1); out.int(series)
            case let .rowBase(row): out.int(2); out.int(row)
            case let .value(row, series): out.int(3); out.int(row); out.int(series)
            case let .series(series): out.int(4); out.int(series)
            }
            out.string(link.reference.source)
            out.string(link.reference.key)
            out.optional(link.reference.series) { $0.string($1) }
            out.location(link.location)
        }
        out.digest(sourceDigest)
        out.bool(quotesOthers)
        out.strings(acknowledged.map(\.rawValue).sorted())
        out.optional(acknowledgedAt) { $0.location($1) }
        out.optional(category) { $0.localized($1) }
        return out.bytes
    }

    /// The dataset `encoded()` wrote, nil for anything else (a damaged or foreign entry).
    public static func decoded(_ bytes: [UInt8], languages: [Language] = []) -> Dataset? {
        decoded(CacheReader(bytes), languages: languages)
    }

    /// The dataset `encoded()` wrote from where `reader` stands to its end.
    public static func decoded(_ reader: CacheReader, languages: [Language] = []) -> Dataset? {
        var input = reader
        input.languages = languages
        guard let metadataFile = input.string(), let dataFile = input.string() else { return nil }
        input.files = [metadataFile, dataFile]
        guard let id = input.string(), let kind = input.string().flatMap(ChartKind.init(rawValue:)),
            let title = input.localized()
        else { return nil }
        var texts: [Localized?] = []
        for _ in 0..<4 {
            guard let text = input.optional({ $0.localized() }) else { return nil }
            texts.append(text)
        }
        guard let base = input.optional({ $0.int() }), let unit = input.string().flatMap(ValueUnit.init(rawValue:)),
            let decimals = input.int(), let scale = input.string().flatMap(ColorScale.init(rawValue:)),
            let series = input.list({ input -> Series? in
                guard let key = input.string(), let label = input.localized(), let base = input.optional({ $0.int() }),
                    let role = input.string().flatMap(SeriesRole.init(rawValue:)), let location = input.optional({ $0.location() })
                else { return nil }
                return Series(key: key, label: label, base: base, role: role, location: location)
            }),
            let rows = input.list({ input -> Row? in
                guard let key = input.string(), let label = input.localized(), let base = input.optional({ $0.int() }),
                    let mark = input.optional({ $0.string() }),
                    let unit = input.optional({ input in input.string().flatMap { ValueUnit(rawValue: $0) } }),
                    let decimals = input.optional({ $0.int() }),
                    let values = input.list({ $0.optional { $0.double() } }),
                    let valueLocations = input.list({ $0.location() }), let location = input.location()
                else { return nil }
                return Row(
                    key: key, label: label, base: base, mark: mark, unit: unit, decimals: decimals, values: values,
                    valueLocations: valueLocations, location: location)
            }),
            let notes = input.list({ $0.localized() }),
            let inferred = input.list({ input -> Inferred? in
                guard let parts = input.strings(), parts.count == 3 else { return nil }
                return Inferred(row: parts[0], series: parts[1], why: parts[2])
            }),
            let needsRoundingNote = input.bool(),
            let links = input.list({ input -> ValueLink? in
                guard let slot = readSlot(&input), let source = input.string(), let key = input.string(),
                    let series = input.optional({ $0.string() }), let location = input.location()
                else { return nil }
                return ValueLink(slot: slot, reference: Reference(source: source, key: key, series: series), location: location)
            }),
            let sourceDigest = input.digest(), let quotesOthers = input.bool(),
            let acknowledged = input.strings().map({ $0.compactMap(Acknowledgement.init(rawValue:)) }),
            let acknowledgedAt = input.optional({ $0.location() }), let category = input.optional({ $0.localized() }),
            input.atEnd
        else { return nil }
        return Dataset(
            id: id, kind: kind, title: title, question: texts[0], finding: texts[1], source: texts[2], significance: texts[3],
            base: base, unit: unit, decimals: decimals, scale: scale, series: series, rows: rows, notes: notes,
            inferred: inferred, needsRoundingNote: needsRoundingNote, metadataFile: metadataFile, dataFile: dataFile,
            links: links, sourceDigest: sourceDigest, quotesOthers: quotesOthers, acknowledged: Set(acknowledged),
            acknowledgedAt: acknowledgedAt, category: category)
    }

    private static func readSlot(_ input: inout CacheReader) -> ValueLink.Slot? {
        switch input.int() {
        case 0: return .base
        case 1: return input.int().map { .seriesBase(series: $0) }
        case 2: return input.int().map { .rowBase(row: $0) }
        case 3:
            guard let row = input.int(), let series = input.int() else { return nil }
            return .value(row: row, series: series)
        case 4: return input.int().map { .series($0) }
        default: return nil
        }
    }
}
