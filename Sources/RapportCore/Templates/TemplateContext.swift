import MustacheEngine
import SVGCharts

/// What the templates are rendered with: MustacheEngine's typed values. Objects are
/// `TemplateScope`s (a name in, a value out, then the parent's), lists are arrays of them or the
/// navigation, markup (a page's body, an SVG) goes in as bytes.
typealias TemplateValue = MustacheValue

extension MustacheValue {
    /// `text`, or `absent` when there is none.
    static func maybe(_ text: String?) -> MustacheValue { text.map { .text($0) } ?? .absent }
    /// `object`, or `absent` when there is none.
    static func maybe(_ scope: TemplateScope?) -> MustacheValue { scope.map { .object($0) } ?? .absent }
}

/// HTML escaping as everywhere else in Rapport (`Markup`, on UTF-8 bytes).
struct HTMLMarkupEscaper: MustacheEscaper {
    func append(_ text: String, to output: inout [UInt8]) { Markup.appendEscaped(text, to: &output) }
}

/// Values a template can look up: its own, then its parent's. A page's scope has the
/// language's shared scope (UI strings, site title, chapter list …) as parent, so what every
/// page of a language shares is built once, not copied into each page.
final class TemplateScope: MustacheObject, MustacheItem, @unchecked Sendable {
    var values: [String: TemplateValue]
    let parent: TemplateScope?

    init(_ values: [String: TemplateValue], parent: TemplateScope? = nil) {
        self.values = values
        self.parent = parent
    }

    /// A scope of plain texts (`title`, `url` …).
    convenience init(texts: [String: String], parent: TemplateScope? = nil) {
        self.init(texts.mapValues { .text($0) }, parent: parent)
    }

    subscript(name: String) -> TemplateValue? {
        get { values[name] ?? parent?[name] }
        set { values[name] = newValue }
    }

    func value(named name: String) -> MustacheValue? { values[name] ?? parent?.value(named: name) }

    var mustacheValue: MustacheValue { .object(self) }

    /// Every name visible from here (for "did you mean" suggestions).
    var allKeys: Set<String> { Set(values.keys).union(parent?.allKeys ?? []) }
}

/// The chapter list of a language as a section (`{{#nav}}`), marked `current` for the page being
/// rendered: the entries are built once per language and only wrapped per page, as they are read.
struct NavigationList: MustacheList, @unchecked Sendable {
    let entries: [TemplateScope]
    let current: Int?

    var count: Int { entries.count }
    func item(_ index: Int) -> MustacheValue { .object(Entry(scope: entries[index], isCurrent: index == current)) }

    struct Entry: MustacheObject, @unchecked Sendable {
        let scope: TemplateScope
        let isCurrent: Bool
        func value(named name: String) -> MustacheValue? { name == "current" ? .bool(isCurrent) : scope.value(named: name) }
    }
}
