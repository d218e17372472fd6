/// What each template is rendered with, declared once, as Swift types: every name its context
/// offers and what kind of value it is. The same types are what the builders (Render/…) set
/// values through and what ContextCheck.swift checks the templates against when they load, so
/// a name cannot be set that the templates' check does not know, nor be misspelt in Swift.
///
/// - A **key enum** (`enum ChapterKey: String, ContextKey`, ContextKeys.swift and
///   ContextKeys+Items.swift) is one set of names: each case is a name (its raw value, as the
///   templates write it) and states its kind (`entry`: text, markup, flag, a list of items of
///   another key enum …). A list's items and an object section (`toc`, `previous`) are scopes
///   of their own key enum.
/// - A **context** (`ScopeContext`) is what a scope is the context of: its own key enum
///   (`Key`) and the parts around it, said by the protocols it conforms to: `InLanguage` (the
///   language's shared names, `LanguageKey`, in the parent scope), `PageContext` (also what
///   every page has, `CommonPageKey`), `WithChart` (a chart's names, `ChartKey`), `InLayout`
///   (rendered into `base`, which adds `body`, `LayoutKey`). A key enum is itself the context of
///   a list item or an object section.
/// - A **scope** (`TemplateScope<Context>`, TemplateContext.swift) has a subscript for each of
///   these parts and for nothing else: `scope[.title] = .text(…)` compiles only when `title` is
///   a name of the context. `t_<key>` (the UI strings) are set by `setUIStrings`, only in
///   scopes whose key enum is `WithUIStrings`.
/// - A context's `shape` (`ContextShape`, what ContextCheck reads) is made from the same
///   types: the key enums' cases of every part (`ContextShape(LanguageKey.self) + …`).
/// - `TemplateContexts` lists the templates Rapport renders by name, each a `ContextTemplate`
///   typed by its context: `templates.render(TemplateContexts.figure, scope)` takes only a
///   scope of that context.
///
/// What the compiler cannot see, ContextDeclarationTests checks on the study and the starter:
/// that each value set is of its name's kind (and a list's items of its item's context), and
/// that every name declared is set by some render.
protocol ScopeContext {
    /// The context's own names (those of its other parts come from the protocols above).
    associatedtype Key: ContextKey
    /// Every name of the context, with its kind (what ContextCheck checks a template against).
    static var shape: ContextShape { get }
    /// Whether its template is rendered into the layout (`base`, with `body`).
    static var inLayout: Bool { get }
}

/// One set of names of a context: each case a name, its raw value as the templates write it.
protocol ContextKey: ScopeContext, RawRepresentable<String>, CaseIterable, Hashable, Sendable where Key == Self {
    /// What the name holds.
    var entry: ContextEntry { get }
    /// Whether `t_<key>` (every UI string) is a name here too: `WithUIStrings`.
    static var uiStrings: Bool { get }
}

/// A set of names that all hold text (a link's `url` and `title` …).
protocol TextKey: ContextKey {}

extension TextKey {
    var entry: ContextEntry { .text }
}

/// With the language's shared names around it (`LanguageKey`, the parent scope): a figure.
protocol InLanguage: ScopeContext {}
/// A page: the language's names, those of every page (`CommonPageKey`) and its own.
protocol PageContext: InLanguage {}
/// A page rendered into the layout (`base`), which adds `body` (`LayoutKey`).
protocol InLayout: PageContext {}
/// A page with a chart's names (`ChartKey`) besides its own: the chart page.
protocol WithChart: PageContext {}
/// A set of names with `t_<key>` for every UI string.
protocol WithUIStrings: ContextKey {}

extension ScopeContext {
    static var shape: ContextShape { ContextShape(Key.self) }
    static var inLayout: Bool { false }
}

extension ContextKey {
    static var uiStrings: Bool { false }
}

extension WithUIStrings {
    static var uiStrings: Bool { true }
}

extension InLanguage {
    static var shape: ContextShape { ContextShape(LanguageKey.self) + ContextShape(Key.self) }
}

extension PageContext {
    static var shape: ContextShape { ContextShape(LanguageKey.self) + ContextShape(CommonPageKey.self) + ContextShape(Key.self) }
}

extension WithChart {
    static var shape: ContextShape {
        ContextShape(LanguageKey.self) + ContextShape(CommonPageKey.self) + ContextShape(ChartKey.self) + ContextShape(Key.self)
    }
}

extension InLayout {
    static var inLayout: Bool { true }
}

/// A context as ContextCheck reads it: names and what each holds. A list's items and an object
/// section add their own names inside `{{#name}}…{{/name}}`; outside, a name is looked up in
/// the enclosing contexts (Mustache's context stack), so an item's names are unknown there.
/// Made only from key enums: `ContextShape(ChartKey.self)`, and parts put together with `+`.
struct ContextShape: Sendable {
    let names: [String: ContextEntry]
    /// `t_<key>` for every key of the loaded UI strings (Content/i18n/*.yml and the study's
    /// texts of site.yml): known when the templates load, not here.
    let uiStrings: Bool

    init<Key: ContextKey>(_: Key.Type) {
        var names: [String: ContextEntry] = [:]
        for key in Key.allCases { names[key.rawValue] = key.entry }
        self.init(names: names, uiStrings: Key.uiStrings)
    }

    private init(names: [String: ContextEntry], uiStrings: Bool) {
        self.names = names
        self.uiStrings = uiStrings
    }

    /// This shape with `more`'s names (theirs win: `isReport` is the report's flag) and UI
    /// strings if either has them.
    static func + (lhs: ContextShape, rhs: ContextShape) -> ContextShape {
        ContextShape(names: lhs.names.merging(rhs.names) { $1 }, uiStrings: lhs.uiStrings || rhs.uiStrings)
    }
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

    /// A list whose items are scopes of `item`.
    static func list<Item: ScopeContext>(of item: Item.Type) -> ContextEntry { .list(Item.shape) }
    /// An object section: a scope of `object`, or nothing.
    static func object<Object: ScopeContext>(of object: Object.Type) -> ContextEntry { .object(Object.shape) }
}

// MARK: The contexts of the pages

/// A chapter or the home page (RenderContext.renderPage): `page`, `home`, a chapter's `template:`.
enum ChapterPageContext: InLayout { typealias Key = ChapterKey }
/// `figure`: a chart as a chapter shows it (ChartFigure.context, ContentHooks.chartFigure),
/// rendered into the chapter's body with its language's names around it.
enum FigureContext: InLanguage { typealias Key = ChartKey }
/// A chart's own page (ChartPage.swift): the figure's names and the page's.
enum ChartPageContext: InLayout, WithChart { typealias Key = ChartPageKey }
/// A chart's embed (ChartPage.swift): a page, not in the layout.
enum EmbedContext: PageContext { typealias Key = ChartKey }
/// The whole report (FullReport.swift).
enum ReportContext: InLayout { typealias Key = ReportKey }
/// Search (SearchPage.swift).
enum SearchContext: InLayout { typealias Key = SearchKey }
/// The data page (DataPage.swift).
enum DataContext: InLayout { typealias Key = DataKey }
/// `404.html` (NotFoundPage.swift).
enum NotFoundContext: InLayout { typealias Key = NotFoundKey }
/// `index.html`, the language chooser (RootPage.swift): no language around it.
enum RootContext: ScopeContext { typealias Key = RootKey }

/// A template Rapport renders by name, typed by its context: `TemplateSet.render` takes a
/// scope of that context only.
struct ContextTemplate<Context: ScopeContext>: Sendable {
    var template: String
    /// Whose context it is, in messages ("a chapter page").
    var name: String

    init(_ template: String, name: String) {
        self.template = template
        self.name = name
    }
}

/// The contexts of the templates Rapport renders, by template. `base` (the layout) is rendered
/// with the context of the page it lays out, plus `body`; partials are checked where they are
/// included. A template of `Templates/` that no other template includes and Rapport does not
/// render by name can only be a chapter's `template:` (front matter), so it is checked
/// against a chapter page's context (`other`).
enum TemplateContexts {
    static let home = ContextTemplate<ChapterPageContext>("home", name: "the home page")
    static let page = ContextTemplate<ChapterPageContext>("page", name: "a chapter page")
    static let figure = ContextTemplate<FigureContext>("figure", name: "a chart figure")
    static let chart = ContextTemplate<ChartPageContext>("chart", name: "a chart page")
    static let embed = ContextTemplate<EmbedContext>("embed", name: "a chart's embed")
    static let report = ContextTemplate<ReportContext>("report", name: "the whole report")
    static let search = ContextTemplate<SearchContext>("search", name: "the search page")
    static let data = ContextTemplate<DataContext>("data", name: "the data page")
    static let notFound = ContextTemplate<NotFoundContext>("404", name: "the 404 page")
    static let root = ContextTemplate<RootContext>("root", name: "the language chooser")

    /// A chapter's template (`home`, `page` or its `template:`).
    static func chapter(_ template: String) -> ContextTemplate<ChapterPageContext> {
        ContextTemplate(template, name: template == home.template ? home.name : page.name)
    }

    /// A template Rapport renders by name, with its context's shape.
    /// `inLayout`: its output is then the `body` of `base`, rendered with the same context.
    struct Page {
        var template: String
        var name: String
        var shape: ContextShape
        var inLayout: Bool

        init<Context>(_ template: ContextTemplate<Context>) {
            self.template = template.template
            name = template.name
            shape = Context.shape
            inLayout = Context.inLayout
        }
    }

    static let pages: [Page] = [
        Page(home), Page(page), Page(figure), Page(chart), Page(embed), Page(report), Page(search), Page(data), Page(notFound),
        Page(root),
    ]

    /// A template of `Templates/` that is neither rendered by name nor included by another: it
    /// can only be a chapter's `template:` (front matter), rendered as a chapter page is.
    static func other(_ template: String) -> Page { Page(ContextTemplate<ChapterPageContext>(template, name: page.name)) }

    /// The layout's context around the body of `page`.
    static func layout(of page: Page) -> (name: String, shape: ContextShape) {
        (page.name + " (layout)", page.shape + ContextShape(LayoutKey.self))
    }

    /// Every template to check, with the contexts it is rendered with: `base` with each page's.
    static var roots: [(template: String, contexts: [(name: String, shape: ContextShape)])] {
        [("base", pages.filter(\.inLayout).map(layout))] + pages.map { ($0.template, [($0.name, $0.shape)]) }
    }
}
