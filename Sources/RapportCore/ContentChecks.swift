import Diagnostics
import SurveyData

/// Checks of the chapters that need every language, each reported once, where
/// the editor makes the change.
extension ContentLoader {
    /// `order` places a chapter in the navigation: every chapter has one, the same in both
    /// languages, and no two chapters of a language share one.
    mutating func checkOrders(_ pages: [Page]) {
        let chapters = pages.filter { !$0.isHome && !$0.isPlaceholder }
        var byName: [Language: [String: Page]] = [:]
        for page in chapters { byName[page.language, default: [:]][page.name] = page }
        /// The page in the first language of the site that has it (the reference for the others).
        func reference(for page: Page) -> Page? {
            languages.lazy.compactMap { byName[$0]?[page.name] }.first
        }
        func translations(of page: Page) -> [Page] {
            languages.filter { $0 != page.language }.compactMap { byName[$0]?[page.name] }
        }

        for page in chapters where page.orderLocation == nil {
            let example = translations(of: page).lazy.compactMap { other in other.declaredOrder.map { ($0, other.file) } }.first
            diagnostics.error(
                page.frontMatterLocation ?? SourceLocation(file: page.file), "missing order",
                fix: example.map { "add order: \($0.0) to the front matter, as in \($0.1)" }
                    ?? "add order: … to the front matter (the chapter's place in the navigation: 1, 2, 3 …)")
        }
        // A page whose languages disagree is one error, in the file of each language that differs
        // from the first language's; it is left out of the search for duplicates (which of its
        // numbers is meant is not known).
        var disagreeing: Set<String> = []
        for page in chapters {
            guard let order = page.declaredOrder, let first = reference(for: page), first.language != page.language,
                let other = first.declaredOrder, order != other
            else { continue }
            disagreeing.insert(page.name)
            diagnostics.error(
                page.orderLocation ?? SourceLocation(file: page.file),
                "order \(order) is not the order of the \(first.language.englishName) version (\(other), at \(first.orderLocation.map { "\($0)" } ?? first.file))",
                fix: "give the page the same order in \(languages.count == 2 ? "both" : "all") languages")
        }
        for language in languages {
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
