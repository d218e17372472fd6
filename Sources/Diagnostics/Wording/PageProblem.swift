/// A chapter as a file among the others: its name, front matter, slug, order, its versions in
/// the site's languages, drafts.
///
/// `page` is the chapter's file name without `.md` (`finances`); languages by English name.
public enum PageProblem: Hashable, Sendable {
    /// A file of a language's folder that is not `.md`: `name` is `stem` + `ending`.
    case notMarkdown(name: String, stem: String, ending: String)
    case missingFrontMatter
    case unclosedFrontMatter
    case missingTitle
    case homeDraft
    case draftNotTrueOrFalse(written: String?)
    case sourceNotALanguage(String, languages: [String])
    case slugWithPath(String)
    case invalidSlug(String)
    case homeSlug
    case invalidFileName(page: String)
    /// `language`'s version of `page` is a draft (at `draftAt`, in `draftFile`): this one waits too.
    case draftElsewhere(page: String, language: String, draftAt: String, draftFile: String)

    // The versions in each language
    /// `page` (in `language`) and `other` (in `otherLanguage`) look like one chapter under two
    /// names: rename `file` to `renamed`; `slugWritten`: the page has its own `slug`.
    case unpaired(page: String, language: String, other: String, otherLanguage: String, file: String, renamed: String, slug: String, slugWritten: Bool)
    /// `page` exists in `present` only (one or more), not in `missing`.
    case missingTranslation(page: String, present: [String], missing: [LanguageName])
    case slugOfDataPage(String, language: String, slugWritten: Bool)
    /// The slug of the whole report (`report`) or of the search page.
    case slugOfReaderPage(String, report: Bool)
    case duplicateSlug(String, language: String, otherFile: String)
    /// No `order`; `example` is another version's order and file.
    case missingOrder(exampleOrder: Int?, exampleFile: String?)
    /// `order` differs from the `firstLanguage` version's `other` (at `otherAt`).
    case orderDiffers(order: Int, firstLanguage: String, other: Int, otherAt: String, languageCount: Int)
    case duplicateOrder(Int, language: String, otherFile: String)

    public var message: String {
        switch self {
        case let .notMarkdown(name, _, ending): "chapter file \"\(name)\" ends in \"\(ending)\", not \".md\""
        case .missingFrontMatter: "missing front matter"
        case .unclosedFrontMatter: "front matter is not closed"
        case .missingTitle: "missing title"
        case .homeDraft: "the home page (index.md) cannot be a draft"
        case let .draftNotTrueOrFalse(written): "draft must be true or false, not \"\(written ?? "…")\""
        case let .sourceNotALanguage(code, _): "source \"\(code)\" is not one of the site's languages"
        case let .slugWithPath(slug): "slug \"\(slug)\" must not contain \"/\" or \"..\""
        case let .invalidSlug(slug): "slug \"\(slug)\" may only use a-z, 0-9 and -"
        case .homeSlug: "the home page (index.md) has no slug"
        case let .invalidFileName(page): "file name \"\(page).md\" is not a valid URL segment"
        case let .draftElsewhere(page, language, draftAt, _):
            "\(page).md is a draft in \(language) (draft: true at \(draftAt)), so this translation is left out of the build too"
        case let .unpaired(page, language, other, otherLanguage, _, _, _, _):
            "page \"\(page).md\" has no \(otherLanguage) version, and \"\(other).md\" has no \(language) version"
        case let .missingTranslation(page, present, missing):
            present.count == 1
                ? "page \"\(page).md\" exists in \(present[0]) only" : "page \"\(page).md\" is missing in \(list(missing.map(\.english)))"
        case let .slugOfDataPage(slug, language, _): "the slug \"\(slug)\" is taken by the data page (/\(language)/\(slug)/)"
        case let .slugOfReaderPage(slug, report):
            "the slug \"\(slug)\" is the address of the site's \(report ? "whole report" : "search page")"
        case let .duplicateSlug(slug, language, _): "two pages with the slug \"\(slug)\" in \(language)"
        case .missingOrder: "missing order"
        case let .orderDiffers(order, firstLanguage, other, otherAt, _):
            "order \(order) is not the order of the \(firstLanguage) version (\(other), at \(otherAt))"
        case let .duplicateOrder(order, language, _): "two chapters with order \(order) in \(language)"
        }
    }

    public var fix: String? {
        switch self {
        case let .notMarkdown(_, stem, _): "rename it to \(stem).md"
        case .missingFrontMatter: "start the file with ---, then title: …, order: …, then ---"
        case .unclosedFrontMatter: "add a line --- after the last key"
        case .missingTitle: "add title: … to the front matter"
        case .homeDraft: "remove draft: true; the site needs its home page"
        case .draftNotTrueOrFalse: "write draft: true, or remove the line"
        case let .sourceNotALanguage(_, languages):
            "write the language the page was first written in: \(languages.joined(separator: ", "))"
        case .slugWithPath: "use one path segment, e.g. vrijwilligers"
        case .invalidSlug, .homeSlug: nil
        case .invalidFileName: "add slug: … or rename the file (a-z, 0-9, -)"
        case let .draftElsewhere(_, _, _, draftFile): "add draft: true here as well, or remove it from \(draftFile) when the page is ready"
        case let .unpaired(_, _, _, _, file, renamed, slug, slugWritten):
            "pages pair by file name across languages: rename \(file) to \(renamed)"
                + (slugWritten ? " (its slug: \(slug) keeps its address)" : ", and keep its address with slug: \(slug)")
        case let .missingTranslation(page, _, missing): "add its translation as " + list(missing.map { "Content/\($0.code)/\(page).md" })
        case let .slugOfDataPage(_, _, slugWritten): slugWritten ? "give the page another slug" : "add slug: … with another address"
        case .slugOfReaderPage: "choose another slug"
        case let .duplicateSlug(_, _, otherFile): "\(otherFile) has it too; give one of them another slug"
        case let .missingOrder(order?, file?): "add order: \(order) to the front matter, as in \(file)"
        case .missingOrder: "add order: … to the front matter (the chapter's place in the navigation: 1, 2, 3 …)"
        case let .orderDiffers(_, _, _, _, count): "give the page the same order in \(count == 2 ? "both" : "all") languages"
        case let .duplicateOrder(_, _, otherFile): "\(otherFile) has it too; give each chapter its own place"
        }
    }
}
