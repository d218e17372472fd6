import Diagnostics
import RapportBase

/// Drafts: a chapter whose front matter says `draft: true` waits in the repository without
/// going public. `rapport build` leaves it out in every language (no HTML, navigation, sitemap,
/// search, whole report or data page lists it; a link to it is an error, SiteURLs' `draft`);
/// `rapport serve` shows it with a "draft" band. A draft may lack its translations.
struct Drafts {
    /// The pages a build publishes (all of them, drafts marked, when drafts are shown).
    var pages: [Page]
    /// The pages held back, by "language/name" (none when drafts are shown).
    var heldBack: [PageKey: Page]
    var diagnostics: [Diagnostic]

    init(_ loaded: [Page], languages: [Language], show: Bool) {
        let draftNames = Set(loaded.filter(\.isDraft).map(\.name))
        var problems: [Diagnostic] = []
        var kept: [Page] = [], held: [PageKey: Page] = [:]
        for var page in loaded {
            if draftNames.contains(page.name) {
                if !page.isDraft, !page.isPlaceholder,
                    let draft = languages.lazy.compactMap({ language in loaded.first { $0.name == page.name && $0.language == language && $0.isDraft } }).first
                {
                    // One version is a draft, this one is not: the page waits in every language.
                    problems.append(
                        .warning(
                            page.frontMatterLocation ?? SourceLocation(file: page.file),
                            .page(
                                .draftElsewhere(
                                    page: page.name, language: draft.language.englishName,
                                    draftAt: draft.draftLocation.map { "\($0)" } ?? draft.file, draftFile: draft.file))))
                }
                page.isDraft = true
                if !show {
                    held[page.key] = page
                    continue
                }
            }
            kept.append(page)
        }
        pages = kept
        heldBack = held
        diagnostics = problems
    }

    /// The draft a link to `name` from a page in `language` points at: in that language, else
    /// in any (a draft not yet translated).
    static func draft(named name: String, _ language: Language, in heldBack: [PageKey: Page], languages: [Language]) -> Page? {
        heldBack[PageKey(language: language, name: name)] ?? languages.lazy.compactMap { heldBack[PageKey(language: $0, name: name)] }.first
    }

    /// The datasets the held-back drafts place or quote (```chart id, {{id:…}}): not "unused"
    /// while their chapter waits.
    static func datasets(usedBy heldBack: [PageKey: Page], among ids: some Sequence<String>) -> Set<String> {
        guard !heldBack.isEmpty else { return [] }
        let bodies = heldBack.values.map { String(decoding: $0.body, as: UTF8.self) }
        return Set(
            ids.filter { id in
                bodies.contains { $0.contains("```chart \(id)") || $0.contains("{{\(id):") || $0.contains("{{\(id)}}") }
            })
    }
}
