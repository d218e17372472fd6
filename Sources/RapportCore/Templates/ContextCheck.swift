import Diagnostics
import MustacheEngine

extension TemplateSet {
    /// Every template of `Templates/` checked, when the templates load, against the contexts it
    /// is rendered with (ContextDeclarations.swift), whether this build renders it or not: each
    /// variable or section no context declares is one error at its tag, with the closest
    /// declared name. A partial is checked in every context it is included in; a template
    /// neither rendered by name nor included is checked as a chapter's `template:`.
    /// `uiStrings`: the keys of the loaded UI strings (nil: not loaded, any `t_…` is accepted).
    /// The places reported are kept: rendering does not report them a second time.
    mutating func checkContexts(uiStrings: Set<String>?) -> [Diagnostic] {
        var included: Set<String> = []
        for includes in partials().values { included.formUnion(includes.map(\.name)) }
        var roots = TemplateContexts.roots.filter { compiled[$0.template] != nil }
        for name in compiled.keys.sorted() where !included.contains(name) && !roots.contains(where: { $0.template == name }) {
            let page = TemplateContexts.other(name)
            roots.append((name, [(page.name, page.shape)]))
        }
        var checker = ContextChecker(templates: self, uiStrings: uiStrings)
        for (template, contexts) in roots {
            for context in contexts { checker.check(template, in: context.shape, named: context.name) }
        }
        let unknown = checker.unknown.sorted { ($0.location, $0.name) < ($1.location, $1.name) }
        checkedAtLoad = Set(unknown.map { "\($0.template):\($0.location.line):\($0.location.column)" })
        return unknown.map { found in
            .error(
                found.location,
                .template(.unknownName(template: found.template, name: found.name, contexts: found.contexts, hint: found.hint)))
        }
    }
}

/// Walks the tags of a template and the partials it includes with the stack of contexts a
/// render would have there, and collects the names none of them declares.
struct ContextChecker {
    let templates: TemplateSet
    let uiStrings: Set<String>?

    /// An unknown name, once per place, with every context it is unknown in.
    struct Unknown {
        var template: String
        var name: String
        var location: SourceLocation
        var hint: TemplateProblem.NameHint?
        var contexts: [String]
    }

    private(set) var found: [String: Unknown] = [:]
    var unknown: [Unknown] { Array(found.values) }

    /// A context of the stack: the names it declares (none for a text, whose section only
    /// gives `.`), and the section that opened it (for the fix).
    struct Frame {
        var shape: ContextShape?
        var section: String
    }

    mutating func check(_ template: String, in shape: ContextShape, named context: String) {
        walk(template, stack: [Frame(shape: shape, section: "")], context: context, including: [template])
    }

    private mutating func walk(_ name: String, stack: [Frame], context: String, including: [String]) {
        guard let template = templates.compiled[name] else { return }
        walk(template.outline, of: name, template, stack: stack, context: context, including: including)
    }

    private mutating func walk(
        _ tags: [MustacheTemplate.OutlineTag], of name: String, _ template: MustacheTemplate, stack: [Frame], context: String,
        including: [String]
    ) {
        for element in tags {
            let tag = element.tag
            switch tag.kind {
            case .partial:
                // A cycle of includes is reported where the templates load.
                if !including.contains(tag.name) {
                    walk(tag.name, stack: stack, context: context, including: including + [tag.name])
                }
            case .variable, .unescaped:
                _ = resolve(tag, of: name, template, stack: stack, context: context)
            case .section, .inverted:
                let entry = resolve(tag, of: name, template, stack: stack, context: context)
                var inner = stack
                switch (tag.kind, entry) {
                case (.section, .alwaysFalse?): continue
                case let (.section, .list(shape)?), let (.section, .object(shape)?): inner.append(Frame(shape: shape, section: tag.name))
                case (.section, .text?), (.section, .markup?): inner.append(Frame(shape: nil, section: tag.name))
                default: break
                }
                walk(element.children, of: name, template, stack: inner, context: context, including: including)
            }
        }
    }

    /// What `name` holds in `shape`, nil when it does not declare it.
    func entry(_ name: String, in shape: ContextShape?) -> ContextEntry? {
        guard let shape else { return nil }
        if let entry = shape.names[name] { return entry }
        if shape.uiStrings, name.hasPrefix("t_"), uiStrings?.contains(String(name.dropFirst(2))) ?? true { return .text }
        return nil
    }

    /// The entry a tag's name finds: its first part in the innermost context that declares
    /// it, the rest inside that object. nil, and an unknown name, when there is none.
    private mutating func resolve(
        _ tag: MustacheTemplate.Tag, of name: String, _ template: MustacheTemplate, stack: [Frame], context: String
    ) -> ContextEntry? {
        if tag.name == "." { return .text }
        let parts = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var current: ContextEntry?
        for frame in stack.reversed() where current == nil { current = entry(parts[0], in: frame.shape) }
        var hint: TemplateProblem.NameHint?
        if current == nil {
            let names = stack.flatMap { frame in (frame.shape.map { Array($0.names.keys) } ?? []) + uiStringNames(frame.shape) }
            hint = sectionHint(parts[0], in: stack) ?? .closest(name: tag.name, names: names.sorted(), parent: nil)
        }
        for (index, part) in parts.enumerated().dropFirst() where current != nil {
            let before = parts[..<index].joined(separator: ".")
            guard case let .object(shape)? = current else {
                hint = .plainValue(parent: before)
                current = nil
                break
            }
            current = entry(part, in: shape)
            if current == nil {
                hint = .closest(name: tag.name, names: shape.names.keys.sorted().map { before + "." + $0 }, parent: before)
            }
        }
        if let current { return current }
        let key = "\(name):\(tag.offset):\(tag.name)"
        if found[key] != nil {
            if !found[key]!.contexts.contains(context) { found[key]!.contexts.append(context) }
            return nil
        }
        let (line, column) = template.location(of: tag.offset)
        found[key] = Unknown(
            template: name, name: tag.name, location: templates.location(name, line: line, column: column), hint: hint, contexts: [context])
        return nil
    }

    private func uiStringNames(_ shape: ContextShape?) -> [String] {
        guard shape?.uiStrings == true, let uiStrings else { return [] }
        return uiStrings.map { "t_" + $0 }
    }

    /// `"url" is set only inside {{#chapters}}…{{/chapters}}` when a section of the contexts
    /// around (or one of its sections) declares the name: used outside the section that has it.
    private func sectionHint(_ name: String, in stack: [Frame]) -> TemplateProblem.NameHint? {
        func search(_ shape: ContextShape, depth: Int) -> String? {
            for key in shape.names.keys.sorted() {
                switch shape.names[key] {
                case let .list(inner)?, let .object(inner)?:
                    if inner.names[name] != nil { return key }
                    if depth < 3, let found = search(inner, depth: depth + 1) { return found }
                default: continue
                }
            }
            return nil
        }
        for frame in stack.reversed() {
            guard let shape = frame.shape, let section = search(shape, depth: 0) else { continue }
            return .insideSection(name: name, section: section)
        }
        return nil
    }
}
