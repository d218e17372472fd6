import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// One text a translator translates (a heading, paragraph, list item, table cell, a page's
/// title or description, a dataset's label, a UI string): its source, its translation now, and
/// where a new translation goes. The id names it in the XLIFF: `fr/finances.md#2.1` (a page's
/// section 2, its first block; `#0.t` the title, `#0.d` the description),
/// `data/money/income.yml#row.fees` (a dataset's label, `fr` in the XLIFF's target language),
/// `i18n/fr.yml#toc_title`.
struct TranslationSegment: Sendable {
    enum Format: Sendable, Equatable {
        case markdown
        case yaml(flow: Bool)
        case csv(delimiter: UInt8)
    }

    enum Place: Sendable {
        /// The translation's own text, in place.
        case replace(URL, Range<Int>, Format)
        /// A new line (a page's description), after this offset.
        case insert(URL, Int, prefix: String, Format)
        /// Inside a section written whole from its source (`SectionRewrite`), at these bytes of it.
        case rewrite(Int, Range<Int>)
        /// No place: why (and what to do).
        case none(TranslationProblem.Unplaceable)
    }

    var id: String
    var unit: Int
    var what: String
    var source: InlineText
    var target: InlineText?
    var mode: InlineScan.Mode
    var sourceAt: SourceLocation
    var targetAt: SourceLocation?
    /// New or behind its source: exported.
    var behind: Bool
    var place: Place
}

/// A section of a page whose translation is missing (new in the source) or no longer has the
/// source's blocks: written whole, as the source's section with each segment's translation in
/// its place.
struct SectionRewrite: Sendable {
    var file: URL
    var source: [UInt8]
    /// What it replaces in the translated file (empty: it is inserted there).
    var replacing: Range<Int>
}

/// Every segment of the translations into one language.
struct TranslationSegments: Sendable {
    var segments: [TranslationSegment] = []
    var rewrites: [SectionRewrite] = []
    /// Per unit, why it cannot be marked done after an import (a section its source lost).
    var leftovers: [Int: [String]] = [:]

    init(_ units: [TranslationUnit], loaded: LoadedSite, content: URL) {
        for (index, unit) in units.enumerated() {
            let status = TranslationStatus(unit, record: loaded.translations)
            let behindKeys = Set(status.changes.compactMap { $0.current.map { "\($0.key)\n\($0.lines)" } })
            func behind(_ section: SourceSection) -> Bool { !status.isMarked || behindKeys.contains("\(section.key)\n\(section.lines)") }
            switch unit.kind {
            case .page: addPage(index, unit, loaded: loaded, content: content, behind: behind)
            case .dataset: addDataset(index, unit, loaded: loaded, behind: behind)
            case .strings: addStrings(index, unit, loaded: loaded, behind: behind)
            }
        }
    }

    private mutating func addDataset(_ index: Int, _ unit: TranslationUnit, loaded: LoadedSite, behind: (SourceSection) -> Bool) {
        guard let dataset = loaded.datasets.values.first(where: { $0.metadataFile == unit.file }) else { return }
        let texts = Dictionary(TranslationUnit.labelTexts(dataset), uniquingKeysWith: { first, _ in first })
        let rows = Dictionary(dataset.rows.map { ("row.\($0.key)", $0.location) }, uniquingKeysWith: { first, _ in first })
        for section in unit.sections {
            guard let label = texts[section.key], let source = label.texts[unit.sourceLanguage] else { continue }
            let current = label.texts[unit.language]
            var place = TranslationSegment.Place.none(.label(key: section.key, language: unit.language.named))
            let at = label.locations[unit.language] ?? rows[section.key]
            if let at, let current, let file = FileBytes.read(URL(fileURLWithPath: at.file)) {
                if at.file.lowercased().hasSuffix(".csv") {
                    if let (range, delimiter) = CSVPlace.find(in: file, line: at.line, column: unit.language.code, value: current) {
                        place = .replace(file.url, range, .csv(delimiter: delimiter))
                    }
                } else if let (range, flow) = YAMLPlace.find(in: file, at: at, value: current) {
                    place = .replace(file.url, range, .yaml(flow: flow))
                }
            }
            segments.append(
                TranslationSegment(
                    id: "\(unit.key)#\(section.key)", unit: index, what: Self.labelName(section.key),
                    source: InlineScan.scan(source, mode: .plain), target: current.map { InlineScan.scan($0, mode: .plain).aligned(to: InlineScan.scan(source, mode: .plain)) },
                    mode: .plain, sourceAt: SourceLocation(file: section.file, line: section.lines.lowerBound), targetAt: at,
                    behind: behind(section), place: place))
        }
    }

    static func labelName(_ key: String) -> String {
        if key.hasPrefix("row.") { return "category label" }
        if key.hasPrefix("series.") { return "series label" }
        if key.hasPrefix("notes.") { return "chart note" }
        return "chart \(key)"
    }

    private mutating func addStrings(_ index: Int, _ unit: TranslationUnit, loaded: LoadedSite, behind: (SourceSection) -> Bool) {
        guard let source = loaded.strings[unit.sourceLanguage], let strings = loaded.strings[unit.language] else { return }
        let file = FileBytes.read(URL(fileURLWithPath: strings.file))
        for section in unit.sections {
            guard let text = source.values[section.key] else { continue }
            let current = strings.values[section.key]
            var place = TranslationSegment.Place.none(.string(key: section.key, file: strings.file))
            if let file, let at = strings.locations[section.key], at.file == strings.file, let current,
                let (range, flow) = YAMLPlace.find(in: file, at: at, key: section.key, value: current)
            {
                place = .replace(file.url, range, .yaml(flow: flow))
            }
            segments.append(
                TranslationSegment(
                    id: "\(unit.key)#\(section.key)", unit: index, what: "interface text", source: InlineScan.scan(text, mode: .plain),
                    target: current.map { InlineScan.scan($0, mode: .plain).aligned(to: InlineScan.scan(text, mode: .plain)) }, mode: .plain,
                    sourceAt: SourceLocation(file: section.file, line: section.lines.lowerBound), targetAt: strings.locations[section.key],
                    behind: behind(section), place: place))
        }
    }
}
