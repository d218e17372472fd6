/// What each template is rendered with: every name its context offers, and what kind of value
/// it is. ContextCheck.swift checks every template of `Templates/` against these when the
/// templates load; ContextDeclarationTests checks that the builders (Render/…) set exactly
/// these names when the study and the starter are built.
///
/// A context is a `ContextShape`: names and what each holds. A list's items and an object
/// section add their own names inside `{{#name}}…{{/name}}`; outside, a name is looked up in
/// the enclosing contexts (Mustache's context stack), so an item's names are unknown there.
struct ContextShape: Sendable {
    var names: [String: ContextEntry]
    /// `t_<key>` for every key of the loaded UI strings (Content/i18n/*.yml and the study's
    /// texts of site.yml): known when the templates load, not here.
    var uiStrings = false

    init(uiStrings: Bool = false, _ names: [String: ContextEntry]) {
        self.names = names
        self.uiStrings = uiStrings
    }

    /// This shape with `more`'s names (theirs win) and UI strings if either has them.
    func adding(_ more: ContextShape) -> ContextShape {
        ContextShape(uiStrings: uiStrings || more.uiStrings, names.merging(more.names) { $1 })
    }

    static func + (lhs: ContextShape, rhs: ContextShape) -> ContextShape { lhs.adding(rhs) }
}

/// What a name of a context holds.
indirect enum ContextEntry: Sendable {
    /// Text: `{{name}}` escapes it, `{{{name}}}` writes it; `{{#name}}` shows when it is set.
    case text
    /// Markup already made (a page's body, an SVG): `{{{name}}}`.
    case markup
    /// A boolean: `{{#name}}` / `{{^name}}`.
    case flag
    /// A boolean that is always false in this context: what `{{#name}}…{{/name}}` holds is
    /// never rendered here, and not checked against this context (`isReport` outside the
    /// whole report, whose head adds names only the report has).
    case alwaysFalse
    /// A list: `{{#name}}…{{/name}}` once per item, with the item's names.
    case list(ContextShape)
    /// An object, or nothing: `{{#name}}…{{/name}}` once when it is there, with its names.
    case object(ContextShape)
}

/// The contexts of the templates Rapport renders, by template. `base` (the layout) is rendered
/// with the context of the page it lays out, plus `body`; partials are checked where they are
/// included. A template of `Templates/` that no other template includes and Rapport does not
/// render by name can only be a chapter's `template:` (front matter), so it is checked
/// against a chapter page's context (`other`).
enum TemplateContexts {
    /// A template Rapport renders by name, with its context (`name` says whose, in messages).
    /// `inLayout`: its output is then the `body` of `base`, rendered with the same context.
    struct Page {
        var template: String
        var name: String
        var shape: ContextShape
        var inLayout: Bool
    }

    static let pages: [Page] = [
        Page(template: "home", name: "the home page", shape: chapterPage, inLayout: true),
        Page(template: "page", name: "a chapter page", shape: chapterPage, inLayout: true),
        Page(template: "figure", name: "a chart figure", shape: figure, inLayout: false),
        Page(template: "chart", name: "a chart page", shape: chartPage, inLayout: true),
        Page(template: "embed", name: "a chart's embed", shape: embed, inLayout: false),
        Page(template: "report", name: "the whole report", shape: report, inLayout: true),
        Page(template: "search", name: "the search page", shape: search, inLayout: true),
        Page(template: "data", name: "the data page", shape: data, inLayout: true),
        Page(template: "404", name: "the 404 page", shape: notFound, inLayout: true),
        Page(template: "root", name: "the language chooser", shape: root, inLayout: false),
    ]

    /// A template of `Templates/` that is neither rendered by name nor included by another: it
    /// can only be a chapter's `template:` (front matter), rendered as a chapter page is.
    static func other(_ template: String) -> Page { Page(template: template, name: "a chapter page", shape: chapterPage, inLayout: true) }

    /// The layout's context around the body of `page`.
    static func layout(of page: Page) -> (name: String, shape: ContextShape) {
        (page.name + " (layout)", page.shape + ContextShape(["body": .markup]))
    }

    /// Every template to check, with the contexts it is rendered with: `base` with each page's.
    static var roots: [(template: String, contexts: [(name: String, shape: ContextShape)])] {
        [("base", pages.filter(\.inLayout).map(layout))] + pages.map { ($0.template, [($0.name, $0.shape)]) }
    }

    // MARK: Shared parts

    static let link = ContextShape(["title": .text, "url": .text])
    static let citeFiles = ContextEntry.list(
        ContextShape(["format": .text, "url": .text, "fileName": .text, "type": .text, "linkId": .text, "last": .flag]))
    static let jsonLD = ContextShape(["hasJSONLD": .flag, "jsonLD": .markup])
    static let ogImage = ContextEntry.object(ContextShape(["url": .text, "width": .text, "height": .text, "alt": .text]))
    static let alternates = ContextEntry.list(ContextShape(["hreflang": .text, "href": .text]))
    static let ogLocaleAlternates = ContextEntry.list(ContextShape(["locale": .text]))

    /// What every page of a language shares (RenderContext.languageScope, ThemeValues.swift).
    static let language =
        ContextShape(
            uiStrings: true,
            [
                "reportURL": .text, "searchURL": .text, "isReport": .alwaysFalse, "lang": .text, "langCode": .text,
                "siteTitle": .text, "ogLocale": .text, "ogLocaleAlternates": ogLocaleAlternates, "otherLang": .text,
                "ogLocaleAlternate": .text, "xDefault": .text, "assets": .text, "homeURL": .text, "dataURL": .text,
                "isHome": .flag, "isDraft": .flag, "citationMeta": .list(ContextShape(["name": .text, "content": .text])),
                "doi": .object(ContextShape(["url": .text])), "ogImage": ogImage,
                "updated": .object(ContextShape(["text": .text, "iso": .text])),
                "chapters": .list(link + ContextShape(["description": .text])),
                // The theme (ThemeValues.swift).
                "hasLogo": .flag, "logo": .text, "logoWidth": .text, "logoHeight": .text, "themeStyle": .text,
                "hasThemeStyle": .flag, "favicon": .text, "faviconType": .text,
            ]) + jsonLD

    /// What every page in the layout has beyond its language's (RenderContext.pageScope).
    static let page =
        language
        + ContextShape([
            "pageTitle": .text, "description": .text, "canonical": .text, "alternates": alternates,
            "languageSwitch": .list(ContextShape(["url": .text, "lang": .text, "name": .text, "label": .text])),
            "switchURL": .text, "nav": .list(link + ContextShape(["current": .flag])),
        ])

    // MARK: The pages

    /// A chapter or the home page (RenderContext.renderPage): `page`, `home`, a chapter's `template:`.
    static let chapterPage =
        page
        + ContextShape([
            "title": .text, "content": .markup,
            "toc": .object(ContextShape(["entries": .list(ContextShape(["id": .text, "text": .text]))])),
            "previous": .object(link), "next": .object(link),
        ])

    /// A chart as a chapter shows it (ChartFigure.context, ContentHooks.chartFigure).
    static let chartValues = ContextShape([
        "id": .text, "kind": .text, "isTiles": .flag, "title": .text, "finding": .text, "hasFinding": .flag,
        "question": .text, "hasQuestion": .flag, "svg": .markup, "base": .text, "hasBase": .flag, "groupBases": .text,
        "hasGroupBases": .flag, "notes": .list(ContextShape(["text": .text])), "hasNotes": .flag, "source": .text,
        "showTable": .flag, "tableHead": .markup, "tableBody": .markup, "csvURL": .text, "csvFileName": .text,
        "hasCitation": .flag, "citation": .text, "chartURL": .text, "citeFiles": citeFiles, "hasChartPage": .flag,
        "chartPageURL": .text, "figureLabel": .text,
    ])

    /// `figure`: rendered into a chapter's body, with its language's values around it.
    static let figure = language + chartValues

    /// A chart's own page (ChartPage.swift).
    static let chartPage =
        page + chartValues
        + ContextShape([
            "chapterURL": .text, "chapterTitle": .text, "svgURL": .text, "svgFileName": .text,
            "png": .object(ContextShape(["url": .text, "fileName": .text, "width": .text, "height": .text])),
            "hasEmbed": .flag, "embedCode": .text,
        ])

    /// A chart's embed (ChartPage.swift): not in the layout.
    static let embed = page + chartValues

    /// The whole report (FullReport.swift).
    static let report =
        page
        + ContextShape([
            "reportChapters": .list(
                ContextShape([
                    "id": .text, "title": .text, "body": .markup, "hasSections": .flag,
                    "sections": .list(ContextShape(["id": .text, "text": .text])),
                ])),
            "isReport": .flag, "reportAuthor": .text, "runningTitle": .text, "pdfURL": .text, "hasPDF": .flag,
            "printSource": .text, "studyCiteFiles": citeFiles,
            "reportFigures": .list(ContextShape(["id": .text, "label": .markup, "title": .markup])),
            "hasFigures": .flag, "annex": .markup, "hasAnnex": .flag,
        ])

    /// Search (SearchPage.swift).
    static let search =
        page
        + ContextShape([
            "searchChapters": .list(
                link
                    + ContextShape([
                        "hasItems": .flag,
                        "items": .list(link + ContextShape(["isChart": .flag, "kind": .text])),
                    ])),
            "indexURL": .text,
        ])

    /// The data page (DataPage.swift).
    static let data =
        page
        + ContextShape([
            "dataChapters": .list(
                link
                    + ContextShape([
                        "datasets": .list(
                            ContextShape([
                                "id": .text, "title": .text, "question": .text, "hasQuestion": .flag, "base": .text,
                                "hasBase": .flag, "shownIn": .list(link), "csvURL": .text, "csvFileName": .text,
                            ]))
                    ])),
            "hasDatasets": .flag, "datasetCount": .text, "zipURL": .text, "zipFileName": .text, "zipSize": .text,
            "packageURL": .text,
        ])

    /// `404.html` (NotFoundPage.swift): each other language with its UI strings.
    static let notFound =
        page + ContextShape(["otherLanguages": .list(ContextShape(uiStrings: true, ["lang": .text, "url": .text]))])

    /// `index.html`, the language chooser (RootPage.swift): no language around it.
    static let root = ContextShape([
        "languages": .list(
            ContextShape(uiStrings: true, ["lang": .text, "url": .text, "siteTitle": .text, "siteDescription": .text])),
        "canonical": .text, "assets": .text, "favicon": .text, "faviconType": .text, "themeStyle": .text,
        "hasThemeStyle": .flag, "alternates": alternates, "lang": .text, "ogLocale": .text,
        "ogLocaleAlternates": ogLocaleAlternates, "xDefault": .text, "ogImage": ogImage, "title": .text,
    ])
}
