import Mustache

/// What the templates are rendered with, through swift-mustache's public API only: the objects
/// are `MustacheParent`s (a name in, a value out), lists are `MustacheSequence`s, markup is a
/// `MustacheCustomRenderable`, and escaping is a registered `MustacheContentType`.

/// HTML escaping of `&`, `<`, `>`, `"`, `'` as swift-mustache's own, on UTF-8 bytes.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// Markup that goes into a template as it is (`{{{content}}}`, `{{{svg}}}`). Kept as the
/// `String` swift-mustache asks for, made once: a page's body goes into the layout as it came
/// out of its template, and bytes (Markdown's, the SVG) are read as UTF-8 only once.
struct RawHTML: MustacheCustomRenderable, Sendable {
    let renderText: String
    init(_ html: String) { renderText = html }
    init(bytes: [UInt8]) { renderText = String(decoding: bytes, as: UTF8.self) }
    var isNull: Bool { renderText.isEmpty }
}

/// A text value (`{{title}}`), escaped by the content type as a `String` would be. Handed to
/// swift-mustache as a renderable rather than a `String`: it then takes the text as it is,
/// where a `String` is first tried as a template, a lambda and an optional, and then copied
/// through `String(describing:)` (a fifth of the time templates take).
struct TemplateText: MustacheCustomRenderable, Sendable {
    let renderText: String
    var isNull: Bool { false }
}

/// A value a template can show or test.
enum TemplateValue: Sendable {
    case text(String)
    case html(RawHTML)
    case flag(Bool)
    case scope(TemplateScope)
    case list([TemplateScope])
    case navigation(NavigationList)
    /// Declared, without a value (a page without a previous chapter, a site without a date):
    /// `{{x}}` writes nothing, `{{#x}}` hides, `{{^x}}` shows, and none of it is an error. A name
    /// a scope does not declare at all is one (`TemplateSet.render`).
    case absent

    /// `text`, or `absent` when there is none.
    static func maybe(_ text: String?) -> TemplateValue { text.map { .text($0) } ?? .absent }
    /// `scope`, or `absent` when there is none.
    static func maybe(_ scope: TemplateScope?) -> TemplateValue { scope.map { .scope($0) } ?? .absent }

    /// The value as swift-mustache expects it.
    var any: Any {
        switch self {
        case let .text(text): TemplateText(renderText: text)
        case let .html(html): html
        case let .flag(flag): flag
        case let .scope(scope): scope
        case let .list(list): list
        case let .navigation(navigation): navigation
        // A null renderable, not nil: nil would send swift-mustache on to the outer objects,
        // and to the root, which would count the name as missing.
        case .absent: RawHTML(bytes: [])
        }
    }
}

/// Records the names a template looked up that no context level had.
final class MissingRecorder: @unchecked Sendable {
    var missing: Set<String> = []
}

/// Values a template can look up: its own, then its parent's. A page's scope has the
/// language's shared scope (UI strings, site title, chapter list …) as parent, so what every
/// page of a language shares is built once, not copied into each page.
final class TemplateScope: MustacheParent, @unchecked Sendable {
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

    func child(named name: String) -> Any? { self[name]?.any }

    /// Every name visible from here (for "did you mean" suggestions).
    var allKeys: Set<String> { Set(values.keys).union(parent?.allKeys ?? []) }
}

/// The object a render starts from. Only the root records misses: Mustache asks the innermost
/// section's object first and falls back outwards, so a name is really missing only when the
/// root does not have it either.
final class RootContext: MustacheParent {
    let scope: TemplateScope
    let recorder = MissingRecorder()

    init(_ scope: TemplateScope) { self.scope = scope }

    func child(named name: String) -> Any? {
        guard let value = scope[name] else {
            recorder.missing.insert(name)
            return nil
        }
        return value.any
    }
}

/// The chapter list of a language as a section (`{{#nav}}`), marked `current` for the page being
/// rendered: the entries are built once per language and only wrapped per page, as they are read.
struct NavigationList: MustacheSequence, Sendable {
    let entries: [TemplateScope]
    let current: Int?

    func makeIterator() -> Iterator { Iterator(entries: entries, current: current) }

    struct Iterator: IteratorProtocol {
        let entries: [TemplateScope]
        let current: Int?
        var index = 0

        mutating func next() -> Entry? {
            guard index < entries.count else { return nil }
            defer { index += 1 }
            return Entry(scope: entries[index], isCurrent: index == current)
        }
    }

    struct Entry: MustacheParent {
        let scope: TemplateScope
        let isCurrent: Bool
        func child(named name: String) -> Any? { name == "current" ? isCurrent : scope[name]?.any }
    }
}
