import Diagnostics
import Foundation
import RapportBase

/// `Content/translations.yml`: for each translated file and language, the state of its source
/// when the translation was marked done (`rapport translations done`): the source file, and
/// each section's or label's key, fingerprint and normalised text (the text lets
/// `rapport translations diff` show what changed since, without git). Committed with the
/// content and reviewed like it; written sorted, so a new mark changes only its own lines.
struct TranslationRecord: Sendable {
    static let fileName = "translations.yml"

    struct Section: Sendable, Equatable {
        var key: String
        var hash: String
        var text: String
    }

    struct Entry: Sendable, Equatable {
        var file: String
        var language: String
        var source: String
        var sections: [Section]
        var id: String { "\(file) \(language)" }
    }

    var entries: [String: Entry] = [:]

    func entry(for unit: TranslationUnit) -> Entry? { entries["\(unit.key) \(unit.language.code)"] }

    mutating func mark(_ unit: TranslationUnit) {
        let entry = Entry(
            file: unit.key, language: unit.language.code, source: unit.sourceKey,
            sections: unit.sections.map { Section(key: $0.key, hash: $0.hash, text: $0.text) })
        entries[entry.id] = entry
    }

    /// The record as YAML, entries sorted by file and language, sections in the source's order.
    func yaml() -> String {
        var nodes: [YAMLNode] = []
        for entry in entries.values.sorted(by: { ($0.file, $0.language) < ($1.file, $1.language) }) {
            let sections = entry.sections.map { section -> YAMLNode in
                YAMLNode(
                    .mapping([
                        (YAMLNode("key"), YAMLNode(section.key)), (YAMLNode("hash"), YAMLNode(section.hash)),
                        (YAMLNode("text"), YAMLNode(section.text, style: section.text.contains("\n") ? .literal : .plain)),
                    ]))
            }
            nodes.append(
                YAMLNode(
                    .mapping([
                        (YAMLNode("file"), YAMLNode(entry.file)), (YAMLNode("language"), YAMLNode(entry.language)),
                        (YAMLNode("source"), YAMLNode(entry.source)), (YAMLNode("sections"), YAMLNode(.sequence(sections))),
                    ])))
        }
        let body = YAMLNode(.mapping([(YAMLNode("translations"), YAMLNode(.sequence(nodes)))])).yaml()
        return """
            # Which source text each translation was made from: written by `rapport translations done`,
            # read by every build (a translation whose source changed since is reported as behind).
            # Commit it with the translation; do not edit it by hand.

            """ + body
    }

    /// The record of the content folder; none (and nothing reported) when the file does not exist.
    static func read(content: URL, display: (URL) -> String) -> (TranslationRecord?, [Diagnostic]) {
        let url = content.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return (nil, []) }
        let file = display(url)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            return (nil, [.error(SourceLocation(file: file), .translation(.recordUnreadable))])
        }
        return parse(text, file: file)
    }

    /// The record in `text` (the file `file`), and what is wrong with it.
    static func parse(_ text: String, file: String) -> (TranslationRecord?, [Diagnostic]) {
        var reader = YAMLReader(file: file)
        var record = TranslationRecord()
        guard let root = reader.parse(text), let top = reader.mapping(root, what: "the translation record") else {
            return (nil, reader.diagnostics)
        }
        guard let items = YAMLReader.index(top)["translations"]?.items else {
            reader.error(root, .translation(.recordWithoutList))
            return (nil, reader.diagnostics)
        }
        for item in items {
            guard let pairs = reader.mapping(item, what: "a translation"), case let values = YAMLReader.index(pairs),
                let file = values["file"]?.string, let language = values["language"]?.string, let source = values["source"]?.string,
                let sectionNodes = values["sections"]?.items
            else {
                reader.error(item, .translation(.recordEntryIncomplete))
                continue
            }
            var sections: [Section] = []
            for node in sectionNodes {
                guard let key = node["key"]?.string, let hash = node["hash"]?.string, let text = node["text"]?.string
                else {
                    reader.error(node, .translation(.recordSectionIncomplete))
                    continue
                }
                if Fingerprint.hash(text) != hash {
                    reader.error(node, .translation(.fingerprintMismatch(section: key)))
                }
                sections.append(Section(key: key, hash: hash, text: text))
            }
            let entry = Entry(file: file, language: language, source: source, sections: sections)
            record.entries[entry.id] = entry
        }
        return (record, reader.diagnostics)
    }
}
