/// The names of the templates' list items and object sections (`{{#nav}}`, `{{#toc}}` …),
/// each a key enum that is also the context of its scopes (`TemplateScope<NavKey>`).

/// A link to a page: `previous`, `next`, a dataset's `shownIn`.
enum LinkKey: String, TextKey {
    case title, url
}

/// A chapter of the language's list (`chapters`).
enum ChapterListKey: String, TextKey {
    case title, url, description
}

/// A chapter of the navigation (`nav`): `current` is set as it is read (NavigationList).
enum NavKey: String, ContextKey {
    case title, url, current

    var entry: ContextEntry {
        switch self {
        case .title, .url: .text
        case .current: .flag
        }
    }
}

/// The table of contents (`toc`), from three sections on.
enum TocKey: String, ContextKey {
    case entries

    var entry: ContextEntry { .list(of: HeadingKey.self) }
}

/// A section heading: `toc.entries`, a report chapter's `sections`.
enum HeadingKey: String, TextKey {
    case id, text
}

/// The same page in another language (`languageSwitch`, LanguageSwitch.swift).
enum LanguageSwitchKey: String, TextKey {
    case url, lang, name, label
}

/// `<link rel="alternate" hreflang>` (`alternates`).
enum AlternateKey: String, TextKey {
    case hreflang, href
}

/// `og:locale:alternate` (`ogLocaleAlternates`).
enum OGLocaleKey: String, TextKey {
    case locale
}

/// A Highwire Press `citation_*` tag (`citationMeta`, Citations.swift).
enum CitationMetaKey: String, TextKey {
    case name, content
}

/// The study's DOI as a link (`doi`).
enum DOIKey: String, TextKey {
    case url
}

/// The picture a shared link shows (`ogImage`, SocialImages.swift).
enum OGImageKey: String, TextKey {
    case url, width, height, alt
}

/// When the study was last updated (`updated`).
enum UpdatedKey: String, TextKey {
    case text, iso
}

/// A citation file (`citeFiles`, `studyCiteFiles`, Citations.swift).
enum CiteFileKey: String, ContextKey {
    case format, url, fileName, type, linkId, last

    var entry: ContextEntry {
        switch self {
        case .format, .url, .fileName, .type, .linkId: .text
        case .last: .flag
        }
    }
}

/// A note under a chart (`notes`).
enum NoteKey: String, TextKey {
    case text
}

/// A chart page's PNG (`png`).
enum PNGKey: String, TextKey {
    case url, fileName, width, height
}

/// A chapter of the whole report (`reportChapters`).
enum ReportChapterKey: String, ContextKey {
    case id, title, body, hasSections, sections

    var entry: ContextEntry {
        switch self {
        case .id, .title: .text
        case .body: .markup
        case .hasSections: .flag
        case .sections: .list(of: HeadingKey.self)
        }
    }
}

/// A figure of the whole report's list of figures (`reportFigures`).
enum ReportFigureKey: String, ContextKey {
    case id, label, title

    var entry: ContextEntry {
        switch self {
        case .id: .text
        case .label, .title: .markup
        }
    }
}

/// A chapter of the search page (`searchChapters`).
enum SearchChapterKey: String, ContextKey {
    case title, url, hasItems, items

    var entry: ContextEntry {
        switch self {
        case .title, .url: .text
        case .hasItems: .flag
        case .items: .list(of: SearchItemKey.self)
        }
    }
}

/// A section or a chart of a chapter on the search page (`items`).
enum SearchItemKey: String, ContextKey {
    case title, url, isChart, kind

    var entry: ContextEntry {
        switch self {
        case .title, .url, .kind: .text
        case .isChart: .flag
        }
    }
}

/// A chapter of the data page (`dataChapters`).
enum DataChapterKey: String, ContextKey {
    case title, url, datasets

    var entry: ContextEntry {
        switch self {
        case .title, .url: .text
        case .datasets: .list(of: DatasetKey.self)
        }
    }
}

/// A dataset of the data page (`datasets`).
enum DatasetKey: String, ContextKey {
    case id, title, question, hasQuestion, base, hasBase, shownIn, csvURL, csvFileName

    var entry: ContextEntry {
        switch self {
        case .id, .title, .question, .base, .csvURL, .csvFileName: .text
        case .hasQuestion, .hasBase: .flag
        case .shownIn: .list(of: LinkKey.self)
        }
    }
}

/// Another language on the 404 page (`otherLanguages`), with its UI strings.
enum OtherLanguageKey: String, WithUIStrings {
    case lang, url

    var entry: ContextEntry { .text }
}

/// A language of the language chooser (`languages`), with its UI strings.
enum RootLanguageKey: String, WithUIStrings {
    case lang, url, siteTitle, siteDescription

    var entry: ContextEntry { .text }
}
