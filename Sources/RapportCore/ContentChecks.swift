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

    /// `order` places a chapter in the navigation: every chapter has one, the same in both
    /// languages, and no two chapters of a language share one.
    mutating func checkOrders(_ pages: [Page]) {
        let chapters = pages.filter { !$0.isHome && !$0.isPlaceholder }
        var byName: [Language: [String: Page]] = [:]
        for page in chapters { byName[page.language, default: [:]][page.name] = page }
        func translation(of page: Page) -> Page? { byName[page.language == .nl ? .fr : .nl]?[page.name] }

        for page in chapters where page.orderLocation == nil {
            let example = translation(of: page).flatMap { other in other.declaredOrder.map { ($0, other.file) } }
            diagnostics.error(
                page.frontMatterLocation ?? SourceLocation(file: page.file), "missing order",
                fix: example.map { "add order: \($0.0) to the front matter, as in \($0.1)" }
                    ?? "add order: … to the front matter (the chapter's place in the navigation: 1, 2, 3 …)")
        }
        // A page whose languages disagree is one error, in the French file; it is left out of
        // the search for duplicates (which of its two numbers is meant is not known).
        var disagreeing: Set<String> = []
        for page in chapters where page.language == .fr {
            guard let order = page.declaredOrder, let dutch = translation(of: page), let other = dutch.declaredOrder,
                order != other
            else { continue }
            disagreeing.insert(page.name)
            diagnostics.error(
                page.orderLocation ?? SourceLocation(file: page.file),
                "order \(order) is not the order of the Dutch version (\(other), at \(dutch.orderLocation.map { "\($0)" } ?? dutch.file))",
                fix: "give the page the same order in both languages")
        }
        for language in Language.allCases {
            var first: [Int: Page] = [:]
            let ordered = chapters.filter { $0.language == language && $0.declaredOrder != nil && !disagreeing.contains($0.name) }
                .sorted { $0.name < $1.name }
            for page in ordered {
                guard let order = page.declaredOrder else { continue }
                if let earlier = first[order] {
                    diagnostics.error(
                        page.orderLocation ?? SourceLocation(file: page.file),
                        "two chapters with order \(order) in \(language.englishName)",
                        fix: "\(earlier.file) has it too; give each chapter its own place")
                } else {
                    first[order] = page
                }
            }
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
