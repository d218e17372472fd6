import Diagnostics
import Foundation
import RapportBase

/// UI strings of one language (`Content/i18n/<lang>.yml`): navigation, chart labels, footer …
struct Strings {
    var values: [String: String]
    var locations: [String: SourceLocation]
    var file: String

}

extension ContentLoader {
    /// The UI strings of every language of the site; a key in some languages only is an error
    /// in each of the others.
    mutating func loadStrings() -> [Language: Strings] {
        var result: [Language: Strings] = [:]
        var emptyStrings: [(Language, String)] = []
        var missingFiles: [(Language, String)] = []
        for language in languages {
            let url = contentDirectory.appendingPathComponent("i18n/\(language.code).yml")
            let file = display(url)
            guard FileManager.default.fileExists(atPath: url.path) else {
                missingFiles.append((language, file))
                continue
            }
            guard let text = readText(url) else { continue }
            var reader = YAMLReader(file: file, languages: languages)
            var strings = Strings(values: [:], locations: [:], file: file)
            if let root = reader.parse(text), let pairs = reader.mapping(root, what: "UI strings") {
                for pair in pairs {
                    if let moved = StudyTexts.keys.first(where: { $0.string == pair.key }) {
                        reader.error(
                            pair.keyNode,
                            .site(.studyTextInInterface(key: pair.key, studyKey: moved.key, languages: languages.map(\.code))))
                        continue
                    }
                    strings.locations[pair.key] = reader.location(of: pair.keyNode)
                    // A string with an error stands in as empty: a template that uses it raises
                    // no follow-up.
                    strings.values[pair.key] = ""
                    if let text = pair.value.string, text.trimmingWhitespace.isEmpty {
                        emptyStrings.append((language, pair.key))
                    } else if let value = reader.string(pair.value, what: "UI string \"\(pair.key)\"") {
                        strings.values[pair.key] = value
                    }
                }
            }
            diagnostics.append(contentsOf: reader.diagnostics)
            result[language] = strings
        }
        for (language, file) in missingFiles {
            let model = languages.compactMap { result[$0]?.file }.first
            diagnostics.error(
                SourceLocation(file: file),
                .site(
                    .missingStringsFile(
                        file: file, language: language.englishName, model: model,
                        folder: String(file[..<(file.lastIndex(of: "/") ?? file.startIndex)]))))
        }
        reportEmpty(emptyStrings, in: result)
        // A key in one language only is an error in each language that lacks it.
        let present = languages.compactMap { language in result[language].map { (language, $0) } }
        let keys = Set(present.flatMap(\.1.locations.keys)).sorted()
        for (language, lack) in present {
            for key in keys where lack.locations[key] == nil {
                let have = present.first { $0.1.locations[key] != nil }?.1
                diagnostics.error(
                    SourceLocation(file: lack.file),
                    .site(
                        .missingString(
                            key: key, language: language.englishName,
                            asIn: have.flatMap { $0.locations[key] }.map { "\($0)" } ?? have?.file)))
                // It stands in as empty: a template that uses it raises no follow-up.
                result[language]?.values[key] = ""
            }
        }
        checkSwitchLabels(result)
        fillMissingKeys(&result)
        checkPathWords(result)
        return result
    }

    /// With three languages or more, the language switch has one link per other language, so its
    /// label must say where the language's name goes: `{language}`.
    mutating func checkSwitchLabels(_ strings: [Language: Strings]) {
        guard languages.count > 2 else { return }
        for language in languages {
            guard let text = strings[language]?.values[Self.switchLabelKey], !text.isEmpty, !text.contains("{language}"),
                let location = strings[language]?.locations[Self.switchLabelKey]
            else { continue }
            let example = languages.first { $0 != language }.map { language.name(of: $0) } ?? ""
            diagnostics.error(
                location,
                .site(
                    .switchLabelNamesOne(
                        key: Self.switchLabelKey, count: languages.count,
                        suggested: text.replacingOccurrences(of: example, with: "{language}"))))
        }
    }

    static let switchLabelKey = "language_switch_label"

    /// An empty UI string, with where another language has it.
    mutating func reportEmpty(_ empty: [(Language, String)], in strings: [Language: Strings]) {
        for (language, key) in empty {
            guard let here = strings[language], let location = here.locations[key] else { continue }
            let example = languages.lazy.filter { $0 != language }
                .compactMap { strings[$0].flatMap { $0.values[key]?.isEmpty == false ? $0.locations[key] : nil } }.first
            diagnostics.error(location, .site(.emptyString(key: key, language: language.englishName, asIn: example.map { "\($0)" })))
        }
    }
}
