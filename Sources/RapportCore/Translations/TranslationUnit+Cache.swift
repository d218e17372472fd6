import Foundation
import RapportBase
import SurveyData

/// The source sections a translation is checked against, through the build cache: cutting
/// every source page into sections and fingerprinting each (Fingerprint.swift) took a tenth of
/// a rebuild of the study, for texts that rarely change. A page's sections are kept by the
/// fields they are made of (its file, title, description and Markdown); a dataset's labels by
/// its two files' digest and the two languages.
extension TranslationUnit {
    static func pageSections(_ page: Page, cache: BuildCache?) -> [SourceSection] {
        guard let cache else { return pageSections(page) }
        var key = Digest()
        key.add("page sections")
        key.add(page.file)
        key.add(page.title)
        key.add(page.description != nil)
        key.add(page.description ?? "")
        key.add(page.body)
        key.add(page.bodyLineOffset)
        return sections(key, cache) { pageSections(page) }
    }

    static func datasetLabels(_ dataset: Dataset, source: Language, translation: Language, cache: BuildCache?) -> [SourceSection] {
        guard let cache else { return datasetLabels(dataset, source: source, translation: translation) }
        var key = Digest()
        key.add("dataset labels")
        key.add(dataset.metadataFile)
        key.add(dataset.dataFile)
        key.add(dataset.sourceDigest)
        key.add(source.code)
        key.add(translation.code)
        return sections(key, cache) { datasetLabels(dataset, source: source, translation: translation) }
    }

    private static func sections(_ key: Digest, _ cache: BuildCache, make: () -> [SourceSection]) -> [SourceSection] {
        if var reader = cache.reader(.sections, key), let sections = decoded(&reader), reader.atEnd { return sections }
        let sections = make()
        var writer = CacheWriter()
        writer.list(sections) { writer, section in
            writer.strings([section.key, section.text, section.file])
            writer.int(section.lines.lowerBound)
            writer.int(section.lines.upperBound)
            writer.optional(section.translation) { $0.location($1) }
        }
        cache.write(.sections, key, writer.bytes)
        return sections
    }

    private static func decoded(_ reader: inout CacheReader) -> [SourceSection]? {
        reader.list { reader -> SourceSection? in
            guard let fields = reader.strings(), fields.count == 3, let first = reader.int(), let last = reader.int(), first <= last,
                case let .some(translation) = reader.optional({ $0.location() })
            else { return nil }
            return SourceSection(key: fields[0], text: fields[1], file: fields[2], lines: first...last, translation: translation)
        }
    }
}
