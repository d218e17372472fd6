/// The Mustache templates of `Templates/`: their syntax, the templates and partials they name,
/// and the names they use against what each page's context has.
public enum TemplateProblem: Hashable, Sendable {
    /// What the template parser (MustacheEngine) says, in its words.
    case syntax(message: String, fix: String?)
    case missing(String)
    /// Templates that include each other, the first again at the end.
    case includeCycle([String])
    case unknownPartial(String, template: String, suggestion: String?)
    /// A chapter's `template:` that is not a template; `templates` are the names there are.
    case unknownTemplate(String, suggestion: String?, templates: [String])
    /// `template` uses `name`, which the contexts it is rendered with (`contexts`, by whose they
    /// are: `a chapter page`) do not have.
    case unknownName(template: String, name: String, contexts: [String], hint: NameHint?)
    /// At render time: `name` has no value on the page.
    case noSuchValue(String, suggestion: String?)

    /// What the template may have meant instead of an unknown name.
    public enum NameHint: Hashable, Sendable {
        /// `name` is set only inside the section `section`.
        case insideSection(name: String, section: String)
        /// Among the `names` in scope (of `parent`, for `parent.name`), the one closest to `name`.
        case closest(name: String, names: [String], parent: String?)
        /// `parent` is a plain value, with no names of its own.
        case plainValue(parent: String)
    }

    public var message: String {
        switch self {
        case let .syntax(message, _): "template syntax error: \(message)"
        case let .missing(name): "missing template \"\(name)\""
        case let .includeCycle(names): "templates include each other in a cycle: \(names.joined(separator: " → "))"
        case let .unknownPartial(partial, template, _): "unknown partial \"\(partial)\" in template \"\(template)\""
        case let .unknownTemplate(name, _, _): "unknown template \"\(name)\""
        case let .unknownName(template, name, contexts, _):
            "template \"\(template)\" uses \"\(name)\", which "
                + (contexts.count == 1 ? "the context of \(contexts[0]) does" : "the contexts of \(contexts.joined(separator: ", ")) do")
                + " not have"
        case let .noSuchValue(name, _): "template uses \"\(name)\" but the page has no such value"
        }
    }

    public var fix: String? {
        switch self {
        case let .syntax(_, fix): fix
        case .missing: nil
        case .includeCycle: "remove one of these {{> …}} includes"
        case let .unknownPartial(_, _, suggestion), let .noSuchValue(_, suggestion): didYouMean(suggestion)
        case let .unknownTemplate(_, suggestion, templates): didYouMean(suggestion) ?? "templates: \(templates.joined(separator: ", "))"
        case let .unknownName(_, _, _, hint): hint?.text
        }
    }
}

extension TemplateProblem.NameHint {
    var text: String {
        switch self {
        case let .insideSection(name, section): "\"\(name)\" is set only inside {{#\(section)}}…{{/\(section)}}"
        case let .closest(name, names, parent): choiceHint(for: name, among: names, what: parent.map { "the names of \($0)" } ?? "the names here")
        case let .plainValue(parent): "\"\(parent)\" has no names of its own: write {{\(parent)}}"
        }
    }
}
