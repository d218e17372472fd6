import Diagnostics
import RapportBase
import SurveyData

/// One part of a source that a translation translates: a page's section (a heading with its
/// text; the first, keyed "", is the title, description and what comes before the first
/// heading), a dataset's label, a UI string. `text` is normalised (Fingerprint.swift).
struct SourceSection: Sendable, Equatable {
    var key: String
    var text: String
    /// Where it is in the source: file, first and last line.
    var file: String
    var lines: ClosedRange<Int>
    /// Where its translation is, when known (a label's or string's text in the translated file).
    var translation: SourceLocation?

    var hash: String { Fingerprint.hash(text) }
    var name: String { key.isEmpty ? "(title and opening text)" : key }
    var place: String { lines.count > 1 ? "\(file):\(lines.lowerBound)-\(lines.upperBound)" : "\(file):\(lines.lowerBound)" }
}

/// A translated file in one language, with the current state of what it translates.
struct TranslationUnit: Sendable {
    enum Kind: String, Sendable { case page, dataset, strings = "UI strings" }
    var kind: Kind
    /// The translated file (as shown in diagnostics) and its key in the record (its path in Content/).
    var file: String
    var key: String
    var language: Language
    var sourceKey: String
    var sourceLanguage: Language
    var sections: [SourceSection]
    /// Where a note about the whole translation goes.
    var location: SourceLocation
    /// The other files of the same unit (a dataset's CSV file), as `done` accepts them.
    var aliases: [String] = []
}

extension TranslationUnit {
    /// Every translation of the loaded content: each page, dataset and UI file in each language
    /// but its source's. `root` is how the content folder is shown ("Content/").
    static func all(_ loaded: LoadedSite, root: String, cache: BuildCache? = nil) -> [TranslationUnit] {
        guard let site = loaded.site else { return [] }
        func key(_ file: String) -> String { file.hasPrefix(root) ? String(file.dropFirst(root.count)) : file }
        var units: [TranslationUnit] = []
        // Pages: the source is the site's default language, unless a version says `source:`.
        let pages = loaded.pages.filter { !$0.isPlaceholder && !$0.isDraft }
        for (_, versions) in Dictionary(grouping: pages, by: \.name).sorted(by: { $0.key < $1.key }) {
            let sourceLanguage = versions.lazy.compactMap(\.sourceLanguage).first ?? site.defaultLanguage
            guard let source = versions.first(where: { $0.language == sourceLanguage }) else { continue }
            let sections = pageSections(source, cache: cache)
            for page in versions where page.language != sourceLanguage {
                units.append(
                    TranslationUnit(
                        kind: .page, file: page.file, key: key(page.file), language: page.language, sourceKey: key(source.file),
                        sourceLanguage: sourceLanguage, sections: sections, location: SourceLocation(file: page.file, line: 1, column: 1)))
            }
        }
        for id in loaded.datasets.keys.sorted() {
            guard let dataset = loaded.datasets[id] else { continue }
            for language in site.languages where language != site.defaultLanguage {
                let sections = datasetLabels(dataset, source: site.defaultLanguage, translation: language, cache: cache)
                units.append(
                    TranslationUnit(
                        kind: .dataset, file: dataset.metadataFile, key: key(dataset.metadataFile), language: language,
                        sourceKey: key(dataset.metadataFile), sourceLanguage: site.defaultLanguage, sections: sections,
                        location: SourceLocation(file: dataset.metadataFile, line: 1, column: 1), aliases: [dataset.dataFile]))
            }
        }
        if let source = loaded.strings[site.defaultLanguage] {
            for language in site.languages where language != site.defaultLanguage {
                guard let strings = loaded.strings[language] else { continue }
                let sections = source.values.keys.sorted().compactMap { name -> SourceSection? in
                    // Only the file's own strings (the study's texts of site.yml are added to them).
                    guard let at = source.locations[name], at.file == source.file, let text = source.values[name] else { return nil }
                    return SourceSection(
                        key: name, text: Fingerprint.plain(text), file: source.file, lines: at.line...at.line,
                        translation: strings.locations[name])
                }
                units.append(
                    TranslationUnit(
                        kind: .strings, file: strings.file, key: key(strings.file), language: language, sourceKey: key(source.file),
                        sourceLanguage: site.defaultLanguage, sections: sections, location: SourceLocation(file: strings.file, line: 1, column: 1)))
            }
        }
        return units
    }

    /// A page's sections: the title and description with what precedes the first heading, then
    /// each ATX heading (outside code blocks) with the text up to the next.
    static func pageSections(_ page: Page) -> [SourceSection] {
        let lines = Fingerprint.lines(String(decoding: page.body, as: UTF8.self))
        let firstLine = page.bodyLineOffset + 1
        var sections: [(key: String, start: Int, lines: [Substring])] = [
            ("", 1, [Substring(page.title), "", Substring(page.description ?? ""), ""])
        ]
        var fence: Substring?
        for (index, line) in lines.enumerated() {
            let trimmed = Substring(String(line).trimmingWhitespace)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if trimmed.hasPrefix("#"), let heading = Optional(Fingerprint.normalise(markdown: trimmed)),
                !heading.isEmpty, trimmed.prefix(while: { $0 == "#" }).count <= 6,
                trimmed.dropFirst(trimmed.prefix(while: { $0 == "#" }).count).first == " "
            {
                sections.append((heading, firstLine + index, []))
            }
            sections[sections.count - 1].lines.append(line)
        }
        var result: [SourceSection] = []
        for (index, section) in sections.enumerated() {
            // The section's last line with text (blank lines before the next heading left out).
            let blanks = section.lines.reversed().prefix { $0.allSatisfy(\.isWhitespace) }.count
            let end = section.start + section.lines.count - 1 - blanks
            result.append(
                SourceSection(
                    key: section.key, text: Fingerprint.normalise(markdown: section.lines.joined(separator: "\n")), file: page.file,
                    lines: section.start...max(section.start, end)))
        }
        return result
    }

    /// A dataset's labels in the source language, keyed by what they are.
    static func datasetLabels(_ dataset: Dataset, source: Language, translation: Language) -> [SourceSection] {
        labelTexts(dataset).compactMap { key, text -> SourceSection? in
            var text = text
            // A CSV label's place is its row's.
            if key.hasPrefix("row."), let row = dataset.rows.first(where: { "row.\($0.key)" == key }) {
                for language in [source, translation] where text.locations[language] == nil { text.locations[language] = row.location }
            }
            guard let value = text.texts[source] else { return nil }
            let at = text.locations[source] ?? SourceLocation(file: dataset.metadataFile, line: 1)
            return SourceSection(
                key: key, text: Fingerprint.plain(value), file: at.file, lines: at.line...at.line, translation: text.locations[translation])
        }
    }

    /// A dataset's texts, keyed by what they are: title, question …, notes.N, series.K, row.K.
    static func labelTexts(_ dataset: Dataset) -> [(String, Localized)] {
        var labels: [(String, Localized?)] = [
            ("title", dataset.title), ("question", dataset.question), ("finding", dataset.finding), ("source", dataset.source),
            ("significance", dataset.significance), ("category", dataset.category),
        ]
        for (index, note) in dataset.notes.enumerated() { labels.append(("notes.\(index + 1)", note)) }
        for series in dataset.series { labels.append(("series.\(series.key)", series.label)) }
        for row in dataset.rows { labels.append(("row.\(row.key)", row.label)) }
        return labels.compactMap { key, text in text.map { (key, $0) } }
    }
}
