import Diagnostics
import Foundation
import RapportBase

/// The translation record through the build cache: parsing its YAML and checking every
/// section's fingerprint took a tenth of a rebuild of the study, for a file that changes only
/// when a translation is marked done. A record read without a diagnostic is kept under the
/// digest of its bytes; one with a diagnostic is read anew each time, so its diagnostics are
/// never lost.
extension TranslationRecord {
    static func read(content: URL, display: (URL) -> String, cache: BuildCache?) -> (TranslationRecord?, [Diagnostic]) {
        let url = content.appendingPathComponent(fileName)
        guard let cache, case let .success(bytes) = Files.read(url.path) else { return read(content: content, display: display) }
        var key = Digest()
        key.add("translation record")
        key.add(bytes)
        if var reader = cache.reader(.translations, key), let record = decoded(&reader), reader.atEnd {
            return (record, [])
        }
        guard case let .success(text) = decodeUTF8(bytes, file: display(url)) else { return read(content: content, display: display) }
        let (record, problems) = parse(text, file: display(url))
        if let record, problems.isEmpty { cache.write(.translations, key, record.encoded()) }
        return (record, problems)
    }

    /// Every entry, sorted by id, with its sections in order.
    func encoded() -> [UInt8] {
        var writer = CacheWriter()
        writer.list(entries.keys.sorted()) { writer, id in
            let entry = entries[id]!
            writer.strings([entry.file, entry.language, entry.source])
            writer.list(entry.sections) { writer, section in writer.strings([section.key, section.hash, section.text]) }
        }
        return writer.bytes
    }

    static func decoded(_ reader: inout CacheReader) -> TranslationRecord? {
        let entries = reader.list { reader -> Entry? in
            guard let names = reader.strings(), names.count == 3,
                let sections = reader.list({ reader -> Section? in
                    guard let fields = reader.strings(), fields.count == 3 else { return nil }
                    return Section(key: fields[0], hash: fields[1], text: fields[2])
                })
            else { return nil }
            return Entry(file: names[0], language: names[1], source: names[2], sections: sections)
        }
        guard let entries else { return nil }
        var record = TranslationRecord()
        for entry in entries { record.entries[entry.id] = entry }
        return record
    }
}
