import MustacheEngine
import SVGCharts

/// What the templates are rendered with: MustacheEngine's typed values. Objects are scopes (a
/// name in, a value out, then the parent's), lists are arrays of them or the navigation, markup
/// (a page's body, an SVG) goes in as bytes.
typealias TemplateValue = MustacheValue

extension MustacheValue {
    /// `text`, or `absent` when there is none.
    static func maybe(_ text: String?) -> MustacheValue { text.map { .text($0) } ?? .absent }
}

/// HTML escaping as everywhere else in Rapport (`Markup`, on UTF-8 bytes).
struct HTMLMarkupEscaper: MustacheEscaper {
    func append(_ text: String, to output: inout [UInt8]) { Markup.appendEscaped(text, to: &output) }
}

/// Values a template can look up: its own, then its parent's. A page's scope has the
/// language's shared scope (UI strings, site title, chapter list …) as parent, so what every
/// page of a language shares is built once, not copied into each page.
///
/// What the renderer reads, by the names the templates write: one dictionary lookup per scope.
/// Only `TemplateScope<Context>` (below, this file) sets values, and only by the typed names
/// of its context (ContextDeclarations.swift): no other code can set a name by its text.
final class AnyTemplateScope: MustacheObject, MustacheItem, @unchecked Sendable {
    fileprivate var values: [String: TemplateValue]
    let parent: AnyTemplateScope?

    fileprivate init(_ values: [String: TemplateValue], parent: AnyTemplateScope?) {
        self.values = values
        self.parent = parent
    }

    func value(named name: String) -> MustacheValue? { values[name] ?? parent?.value(named: name) }

    var mustacheValue: MustacheValue { .object(self) }

    /// Every name visible from here (for "did you mean" suggestions).
    var allKeys: Set<String> { Set(values.keys).union(parent?.allKeys ?? []) }
}

/// A scope whose names are those of `Context` (a `ScopeContext`): set by `scope[.title] = …`,
/// where `.title` is a case of one of the key enums the context is made of
/// (ContextDeclarations.swift). A name the context does not have does not compile.
///
/// A typed view of its `scope`, which the renderer reads: a struct, so that making one costs
/// no more than making the scope (a generic class would be looked up in the runtime's
/// metadata at each one made).
struct TemplateScope<Context>: MustacheItem, Sendable {
    let scope: AnyTemplateScope

    var mustacheValue: MustacheValue { .object(scope) }
}

extension TemplateScope where Context: ScopeContext {
    /// A scope with `values`.
    init(_ values: KeyValuePairs<Context.Key, TemplateValue> = [:]) { scope = AnyTemplateScope(Self.raw(values), parent: nil) }

    /// A scope of plain texts (`title`, `url` …).
    init(texts: KeyValuePairs<Context.Key, String>) {
        var raw = [String: TemplateValue](minimumCapacity: texts.count)
        for (key, text) in texts { raw[key.rawValue] = .text(text) }
        scope = AnyTemplateScope(raw, parent: nil)
    }

    fileprivate static func raw(_ values: KeyValuePairs<Context.Key, TemplateValue>, room: Int = 0) -> [String: TemplateValue] {
        var raw = [String: TemplateValue](minimumCapacity: values.count + room)
        for (key, value) in values { raw[key.rawValue] = value }
        return raw
    }

    /// The value of `key` here, else in the parent.
    subscript(key: Context.Key) -> TemplateValue? {
        get { scope.value(named: key.rawValue) }
        nonmutating set { scope.values[key.rawValue] = newValue }
    }
}

extension TemplateScope where Context: InLanguage {
    /// A scope with `values` and, around them, `language`'s shared scope; with room for
    /// `room` more names (a page sets about 20: one storage, not grown name by name).
    init(_ values: KeyValuePairs<Context.Key, TemplateValue> = [:], language: TemplateScope<LanguageKey>?, room: Int = 0) {
        scope = AnyTemplateScope(Self.raw(values, room: room), parent: language?.scope)
    }

    /// A scope with `values` (a figure's, ChartFigure.context) and `language`'s shared scope
    /// around them; with room for `room` more names.
    init(values: [Context.Key: TemplateValue], language: TemplateScope<LanguageKey>?, room: Int = 0) {
        var raw = [String: TemplateValue](minimumCapacity: values.count + room)
        for (key, value) in values { raw[key.rawValue] = value }
        scope = AnyTemplateScope(raw, parent: language?.scope)
    }

    /// The language's names, set here for this page only (`isHome`, `ogImage` …).
    subscript(key: LanguageKey) -> TemplateValue? {
        get { scope.value(named: key.rawValue) }
        nonmutating set { scope.values[key.rawValue] = newValue }
    }
}

extension TemplateScope where Context: PageContext {
    subscript(key: CommonPageKey) -> TemplateValue? {
        get { scope.value(named: key.rawValue) }
        nonmutating set { scope.values[key.rawValue] = newValue }
    }
}

extension TemplateScope where Context: InLayout {
    subscript(key: LayoutKey) -> TemplateValue? {
        get { scope.value(named: key.rawValue) }
        nonmutating set { scope.values[key.rawValue] = newValue }
    }
}

extension TemplateScope where Context: WithChart {
    subscript(key: ChartKey) -> TemplateValue? {
        get { scope.value(named: key.rawValue) }
        nonmutating set { scope.values[key.rawValue] = newValue }
    }
}

extension TemplateScope where Context: WithUIStrings {
    /// `t_<key>` for each UI string (`strings`: by their keys in Content/i18n/*.yml): the
    /// names `ContextShape.uiStrings` declares.
    func setUIStrings(_ strings: [String: String]) {
        for (key, text) in strings { scope.values["t_" + key] = .text(text) }
    }
}

extension MustacheValue {
    /// `scope`, or `absent` when there is none.
    static func maybe<Context>(_ scope: TemplateScope<Context>?) -> MustacheValue { scope.map { .object($0.scope) } ?? .absent }
}

/// The chapter list of a language as a section (`{{#nav}}`), marked `current` for the page being
/// rendered: the entries are built once per language and only wrapped per page, as they are read.
struct NavigationList: MustacheList, @unchecked Sendable {
    let entries: [TemplateScope<NavKey>]
    let current: Int?

    var count: Int { entries.count }
    func item(_ index: Int) -> MustacheValue { .object(Entry(scope: entries[index].scope, isCurrent: index == current)) }

    struct Entry: MustacheObject, @unchecked Sendable {
        let scope: AnyTemplateScope
        let isCurrent: Bool
        func value(named name: String) -> MustacheValue? {
            name == NavKey.current.rawValue ? .bool(isCurrent) : scope.value(named: name)
        }
    }
}
