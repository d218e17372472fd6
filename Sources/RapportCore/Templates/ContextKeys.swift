/// The names of the templates' contexts, one key enum per part (ContextDeclarations.swift says
/// how they fit together); the names of list items and object sections are in
/// ContextKeys+Items.swift. Each case is a name as the templates write it, and says what it holds.

/// What every page of a language shares (RenderContext.languageScope, ThemeValues.swift), and
/// `t_<key>` for every UI string.
enum LanguageKey: String, WithUIStrings {
    case reportURL, searchURL, isReport, lang, langCode, siteTitle, ogLocale, ogLocaleAlternates, otherLang, ogLocaleAlternate
    case xDefault, assets, homeURL, dataURL, isHome, isDraft, citationMeta, doi, ogImage, updated, chapters
    /// The page's JSON-LD (SchemaOrg.swift).
    case hasJSONLD, jsonLD
    /// The theme (ThemeValues.swift).
    case hasLogo, logo, logoWidth, logoHeight, themeStyle, hasThemeStyle, favicon, faviconType

    var entry: ContextEntry {
        switch self {
        case .reportURL, .searchURL, .lang, .langCode, .siteTitle, .ogLocale, .otherLang, .ogLocaleAlternate, .xDefault, .assets,
            .homeURL, .dataURL, .logo, .logoWidth, .logoHeight, .themeStyle, .favicon, .faviconType:
            .text
        case .isHome, .isDraft, .hasJSONLD, .hasLogo, .hasThemeStyle: .flag
        // The whole report's own flag (ReportKey.isReport): false on every other page.
        case .isReport: .alwaysFalse
        case .jsonLD: .markup
        case .ogLocaleAlternates: .list(of: OGLocaleKey.self)
        case .citationMeta: .list(of: CitationMetaKey.self)
        case .doi: .object(of: DOIKey.self)
        case .ogImage: .object(of: OGImageKey.self)
        case .updated: .object(of: UpdatedKey.self)
        case .chapters: .list(of: ChapterListKey.self)
        }
    }
}

/// What every page has beyond its language's (RenderContext.pageScope): head tags, the
/// language switch, the navigation.
enum CommonPageKey: String, ContextKey {
    case pageTitle, description, canonical, alternates, languageSwitch, switchURL, nav

    var entry: ContextEntry {
        switch self {
        case .pageTitle, .description, .canonical, .switchURL: .text
        case .alternates: .list(of: AlternateKey.self)
        case .languageSwitch: .list(of: LanguageSwitchKey.self)
        case .nav: .list(of: NavKey.self)
        }
    }
}

/// What the layout (`base`) has beyond its page's context: the page's template, rendered.
enum LayoutKey: String, ContextKey {
    case body

    var entry: ContextEntry { .markup }
}

/// A chapter or the home page (RenderContext.renderPage).
enum ChapterKey: String, ContextKey {
    case title, content, toc, previous, next

    var entry: ContextEntry {
        switch self {
        case .title: .text
        case .content: .markup
        case .toc: .object(of: TocKey.self)
        case .previous, .next: .object(of: LinkKey.self)
        }
    }
}

/// A chart as a chapter shows it (ChartFigure.context, ContentHooks.chartFigure): the figure's
/// names, also on its chart page and its embed.
enum ChartKey: String, ContextKey {
    case id, kind, isTiles, title, finding, hasFinding, question, hasQuestion, svg, base, hasBase, groupBases, hasGroupBases
    case notes, hasNotes, source, showTable, tableHead, tableBody, csvURL, csvFileName, hasCitation, citation, chartURL
    case citeFiles, hasChartPage, chartPageURL, figureLabel

    var entry: ContextEntry {
        switch self {
        case .id, .kind, .title, .finding, .question, .base, .groupBases, .source, .csvURL, .csvFileName, .citation, .chartURL,
            .chartPageURL, .figureLabel:
            .text
        case .isTiles, .hasFinding, .hasQuestion, .hasBase, .hasGroupBases, .hasNotes, .showTable, .hasCitation, .hasChartPage: .flag
        case .svg, .tableHead, .tableBody: .markup
        case .notes: .list(of: NoteKey.self)
        case .citeFiles: .list(of: CiteFileKey.self)
        }
    }
}

/// A chart's own page beyond the figure's names (ChartPage.swift).
enum ChartPageKey: String, ContextKey {
    case chapterURL, chapterTitle, svgURL, svgFileName, png, hasEmbed, embedCode

    var entry: ContextEntry {
        switch self {
        case .chapterURL, .chapterTitle, .svgURL, .svgFileName, .embedCode: .text
        case .hasEmbed: .flag
        case .png: .object(of: PNGKey.self)
        }
    }
}

/// The whole report (FullReport.swift).
enum ReportKey: String, ContextKey {
    case reportChapters, isReport, reportAuthor, runningTitle, pdfURL, hasPDF, printSource, studyCiteFiles, reportFigures
    case hasFigures, annex, hasAnnex

    var entry: ContextEntry {
        switch self {
        case .reportAuthor, .runningTitle, .pdfURL, .printSource: .text
        case .isReport, .hasPDF, .hasFigures, .hasAnnex: .flag
        case .annex: .markup
        case .reportChapters: .list(of: ReportChapterKey.self)
        case .studyCiteFiles: .list(of: CiteFileKey.self)
        case .reportFigures: .list(of: ReportFigureKey.self)
        }
    }
}

/// Search (SearchPage.swift).
enum SearchKey: String, ContextKey {
    case searchChapters, indexURL

    var entry: ContextEntry {
        switch self {
        case .searchChapters: .list(of: SearchChapterKey.self)
        case .indexURL: .text
        }
    }
}

/// The data page (DataPage.swift).
enum DataKey: String, ContextKey {
    case dataChapters, hasDatasets, datasetCount, zipURL, zipFileName, zipSize, packageURL

    var entry: ContextEntry {
        switch self {
        case .dataChapters: .list(of: DataChapterKey.self)
        case .hasDatasets: .flag
        case .datasetCount, .zipURL, .zipFileName, .zipSize, .packageURL: .text
        }
    }
}

/// `404.html` (NotFoundPage.swift): each other language with its UI strings.
enum NotFoundKey: String, ContextKey {
    case otherLanguages

    var entry: ContextEntry { .list(of: OtherLanguageKey.self) }
}

/// `index.html`, the language chooser (RootPage.swift): no language around it.
enum RootKey: String, ContextKey {
    case languages, canonical, assets, favicon, faviconType, themeStyle, hasThemeStyle, alternates, lang, ogLocale
    case ogLocaleAlternates, xDefault, ogImage, title

    var entry: ContextEntry {
        switch self {
        case .languages: .list(of: RootLanguageKey.self)
        case .canonical, .assets, .favicon, .faviconType, .themeStyle, .lang, .ogLocale, .xDefault, .title: .text
        case .hasThemeStyle: .flag
        case .alternates: .list(of: AlternateKey.self)
        case .ogLocaleAlternates: .list(of: OGLocaleKey.self)
        case .ogImage: .object(of: OGImageKey.self)
        }
    }
}
