import Diagnostics
import SurveyData

/// Checks of the chapters and UI strings that need both languages, each reported once, where
/// the editor makes the change.
extension ContentLoader {
    /// An empty UI string, with where the other language has it.
    mutating func reportEmpty(_ empty: [(Language, String)], in strings: [Language: Strings]) {
        for (language, key) in empty {
            guard let here = strings[language], let location = here.locations[key] else { continue }
            let other = language == .nl ? Language.fr : .nl
            let example = strings[other].flatMap { $0.values[key]?.isEmpty == false ? $0.locations[key] : nil }
            diagnostics.error(
                location, "UI string \"\(key)\" is empty",
                fix: "write its \(language.englishName) text" + (example.map { ", as in \($0)" } ?? ""))
        }
    }

    /// The Markdown body without its invisible characters, each reported at its place (the
    /// body's first line is line `firstLine` of the file).
    mutating func withoutInvisibleCharacters(_ body: [UInt8], file: String, firstLine: Int) -> [UInt8] {
        guard body.contains(where: { $0 == 0xE2 || $0 == 0xEF }) else { return body }
        let (text, found) = InvisibleCharacters.removing(from: String(decoding: body, as: UTF8.self), file: file, firstLine: firstLine)
        guard !found.isEmpty else { return body }
        diagnostics.append(contentsOf: found)
        return Array(text.utf8)
    }
}
