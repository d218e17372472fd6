import Foundation
import Diagnostics
import RapportBase

/// The UI strings Rapport's own code writes (the templates' `{{t_…}}` are checked where the
/// templates use them). Each is looked up through this enum, never by a string typed in place,
/// and checked when the strings load: none ever renders as empty text without a word.
enum UIKey: String, CaseIterable, Sendable {
    case chartCategory = "chart_category"
    case chartBase = "chart_base"
    case chartSourceLabel = "chart_source_label"
    case chartLowN = "chart_low_n"
    case chartLowNNote = "chart_low_n_note"
    case chartInferred = "chart_inferred"
    case chartInferredNote = "chart_inferred_note"
    case chartRounding = "chart_rounding"
    case chartCiteNoDate = "chart_cite_no_date"
    case chartCiteIn = "chart_cite_in"
    case dataFieldN = "data_field_n"
    case dataFieldUnit = "data_field_unit"
    case dataFieldInferred = "data_field_inferred"
    case dataTitle = "data_title"
    case dataDescription = "data_description"
    case unitFTE = "unit_fte"
    case unitHours = "unit_hours"
    case unitYears = "unit_years"
    case unitKilobytes = "unit_kilobytes"
    case reportTitle = "report_title"
    case reportSummary = "report_summary"
    case searchTitle = "search_title"
    case notFoundTitle = "not_found_title"
    case footnotesTitle = "footnotes_title"
    case footnoteBack = "footnote_back"
    case languageName = "language_name"
    /// "Figuur" before a figure's number ("Figuur 3"), in its caption and the report's list of figures.
    case figureLabel = "figure_label"
    /// In the whole report, under a figure whose table of numbers is in the annex: the link to it.
    case reportTableInAnnex = "report_table_in_annex"
    /// The folder of a chapter's chart pages (`/nl/financien/grafieken/<chart>/`): a path word.
    case chartPagesFolder = "chart_pages_folder"
}

extension Strings {
    subscript(key: UIKey) -> String { values[key.rawValue] ?? "" }
}

extension ContentLoader {
    /// A UI string that is a word of the site's addresses must be one: lowercase letters,
    /// digits and hyphens (no space, slash or accent, which an address would have to encode).
    mutating func checkPathWords(_ strings: [Language: Strings]) {
        for language in languages {
            let key = UIKey.chartPagesFolder.rawValue
            guard let text = strings[language]?.values[key], !text.isEmpty, !Self.isPathWord(text),
                let location = strings[language]?.locations[key]
            else { continue }
            diagnostics.error(location, .site(.notAFolderWord(key: key, written: text, suggested: Self.pathWord(from: text))))
        }
    }

    static func isPathWord(_ text: String) -> Bool {
        !text.hasPrefix("-") && !text.hasSuffix("-") && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    /// `text` made into a path word (for the fix): accents dropped, lowercase, hyphens between words.
    static func pathWord(from text: String) -> String {
        let plain = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = plain.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "charts" : words.joined(separator: "-")
    }

    /// A key Rapport writes that no language's file has (a study made before the key existed):
    /// Rapport's own text of that language stands in, with a warning saying how to write one's
    /// own; a language Rapport has no text for makes it an error. A key that some languages
    /// have and others lack is already an error in those (`loadStrings`).
    mutating func fillMissingKeys(_ strings: inout [Language: Strings]) {
        for key in UIKey.allCases where !strings.values.contains(where: { $0.locations[key.rawValue] != nil }) {
            for language in languages {
                guard var these = strings[language] else { continue }
                if let text = Self.builtIn(key, language, in: languages) {
                    these.values[key.rawValue] = text
                    diagnostics.warning(
                        SourceLocation(file: these.file),
                        .site(.builtInStringUsed(key: key.rawValue, language: language.englishName, text: text, file: these.file)))
                } else {
                    diagnostics.error(
                        SourceLocation(file: these.file),
                        .site(.requiredStringMissing(key: key.rawValue, language: language.englishName, file: these.file)))
                }
                strings[language] = these
            }
        }
    }

    /// Rapport's own text of `key` in `language` (the strings `rapport new` writes), if any.
    static func builtIn(_ key: UIKey, _ language: Language, in languages: [Language]) -> String? {
        guard let text = StarterFiles.uiStrings(for: language, in: languages) else { return nil }
        var reader = YAMLReader(file: "", languages: languages)
        guard let root = reader.parse(text), let pairs = reader.mapping(root, what: "UI strings"),
            let pair = pairs.first(where: { $0.key == key.rawValue })
        else { return nil }
        return reader.string(pair.value, what: key.rawValue)
    }
}
