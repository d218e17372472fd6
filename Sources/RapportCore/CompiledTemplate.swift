import Mustache

/// swift-mustache parses the templates; this renders them.
///
/// swift-mustache's renderer looks every `{{name}}` up through a chain of dynamic casts on
/// `Any` (about 10,000 instructions a lookup), and a page has a hundred lookups: more than the
/// Markdown and the charts together. So each parsed template is compiled once into a small
/// tree — text as UTF-8 bytes, variables and sections with their names already split — that
/// is rendered into one byte buffer with the lookups Rapport's own values need.
///
/// The parsed tokens are internal to swift-mustache; they are read through `Mirror`, which
/// shows every stored property. Whatever this compiler does not know (transforms such as
/// `{{uppercased(x)}}`, template inheritance, dynamic partials, another content type, or a
/// change of the library's internals) makes `compile` return nil, and the whole set is then
/// rendered by swift-mustache itself: slower, never different. The tests render the real site
/// both ways and compare every byte.
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode], inverted: Bool)
    case partial(String, indentation: [UInt8])

    /// The names of the partials `nodes` use, sections included.
    static func partials(in nodes: [TemplateNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case let .partial(name, _): [name]
            case let .section(_, children, _): partials(in: children)
            case .text, .variable: []
            }
        }
    }

    /// The nodes of a parsed template, or nil when it uses what the compiler does not handle.
    static func compile(_ template: MustacheTemplate) -> [TemplateNode]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return nil
        }
        var nodes: [TemplateNode] = []
        for token in tokens {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
            let fields = Mirror(reflecting: payload.value).children.map { (label: $0.label, value: $0.value) }
            func field(_ label: String) -> Any? { fields.first { $0.label == label }?.value }
            func noTransforms() -> Bool { (field("transforms") as? [String])?.isEmpty == true }
            switch kind {
            case "text":
                guard let text = payload.value as? String else { return nil }
                nodes.append(.text(Array(text.utf8)))
            case "variable", "unescapedVariable":
                guard let name = field("name") as? String, noTransforms() else { return nil }
                nodes.append(.variable(TemplateName(name), escaped: kind == "variable"))
            case "section", "invertedSection":
                guard let name = field("name") as? String, noTransforms(),
                      let inner = field("template") as? MustacheTemplate, let children = compile(inner) else { return nil }
                nodes.append(.section(TemplateName(name), children, inverted: kind == "invertedSection"))
            case "partial":
                // (name, indentation: String?, inherits: [String: MustacheTemplate]?)
                guard fields.count == 3, let name = fields[0].value as? String,
                      Mirror(reflecting: fields[2].value).children.isEmpty else { return nil }
                let indentation = Mirror(reflecting: fields[1].value).children.first?.value as? String ?? ""
                nodes.append(.partial(name, indentation: Array(indentation.utf8)))
            case "contentType":
                // Only Rapport's own HTML escaping (the pragma every template is read with).
                guard payload.value is FastHTMLContentType else { return nil }
            default:
                return nil
            }
        }
        return nodes
    }
}

/// A variable or section name, split once: `previous.url` → ["previous", "url"]; `.` is the
/// current object; a leading `.` looks only at the current object.
struct TemplateName: Sendable {
    let parts: [String]
    let isCurrent: Bool
    let currentOnly: Bool

    init(_ name: String) {
        isCurrent = name == "."
        currentOnly = !isCurrent && name.hasPrefix(".")
        parts = name.split(separator: ".").map(String.init)
    }
}

/// Renders compiled templates with Mustache's rules as swift-mustache applies them: names are
/// looked up from the innermost section's object outwards; a section over a list repeats, over
/// `true` shows, over `false`, nothing or an empty value hides, over anything else shows once
/// with that value as the innermost object; `{{x}}` is escaped for HTML, `{{{x}}}` is not;
/// a standalone partial indents every line it writes.
struct CompiledTemplates: Sendable {
    let templates: [String: [TemplateNode]]

    /// One level of the context stack: the root, a value a section made current, or (only
    /// for what reflection found) anything.
    enum Level {
        case root(RootContext)
        case value(TemplateValue)
        case entry(NavigationList.Entry)
    }

    func render(_ name: String, _ root: RootContext) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var stack: [Level] = [.root(root)]
        render(nodes, into: &output, stack: &stack, indentation: [])
        return output
    }

    private func render(_ nodes: [TemplateNode], into output: inout [UInt8], stack: inout [Level], indentation: [UInt8]) {
        let start = output.count
        for node in nodes {
            let before = output.count
            render(node, into: &output, stack: &stack, indentation: indentation)
            // swift-mustache indents a partial's output token by token: a token that writes
            // something right after a line break gets the indentation in front.
            if !indentation.isEmpty, output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n"),
               !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r")) {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    private func render(_ node: TemplateNode, into output: inout [UInt8], stack: inout [Level], indentation: [UInt8]) {
        switch node {
        case let .text(bytes):
            output.append(contentsOf: bytes)
        case let .variable(name, escaped):
            guard let value = lookup(name, in: stack) else { return }
            switch value {
            case let .text(text):
                if escaped { appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            case let .html(html):
                if escaped { appendEscaped(html.renderText, to: &output) } else { output.append(contentsOf: html.bytes) }
            default:
                let text = String(describing: value.any)
                if escaped { appendEscaped(text, to: &output) } else { output.append(contentsOf: text.utf8) }
            }
        case let .section(name, children, inverted):
            let value = lookup(name, in: stack)
            if inverted {
                guard isHidden(value) else { return }
                // swift-mustache makes an empty list the innermost object; false or nothing, not.
                switch value {
                case .list, .navigation:
                    renderPushing(.value(value!), children, into: &output, stack: &stack, indentation: indentation)
                case let .other(object) where object is any MustacheSequence:
                    renderPushing(.value(value!), children, into: &output, stack: &stack, indentation: indentation)
                default:
                    render(children, into: &output, stack: &stack, indentation: indentation)
                }
                return
            }
            guard let value, !isHidden(value) else { return }
            switch value {
            case let .flag(flag):
                if flag { render(children, into: &output, stack: &stack, indentation: indentation) }
            case let .list(list):
                for item in list { renderPushing(.value(.scope(item)), children, into: &output, stack: &stack, indentation: indentation) }
            case let .navigation(navigation):
                for entry in navigation { renderPushing(.entry(entry), children, into: &output, stack: &stack, indentation: indentation) }
            case let .other(object as any MustacheSequence):
                for item in object as any Sequence {
                    renderPushing(.value(.other(item)), children, into: &output, stack: &stack, indentation: indentation)
                }
            default:
                renderPushing(.value(value), children, into: &output, stack: &stack, indentation: indentation)
            }
        case let .partial(name, partialIndentation):
            guard let nodes = templates[name] else { return }
            render(nodes, into: &output, stack: &stack, indentation: indentation + partialIndentation)
        }
    }

    private func renderPushing(_ object: Level, _ nodes: [TemplateNode], into output: inout [UInt8], stack: inout [Level], indentation: [UInt8]) {
        stack.append(object)
        render(nodes, into: &output, stack: &stack, indentation: indentation)
        stack.removeLast()
    }

    /// What hides a section (and shows an inverted one): nothing, `false`, an empty list, empty
    /// raw HTML. An empty string does not (swift-mustache shows the section).
    private func isHidden(_ value: TemplateValue?) -> Bool {
        switch value {
        case .none: return true
        case let .flag(flag): return !flag
        case let .list(list): return list.isEmpty
        case let .navigation(navigation): return navigation.entries.isEmpty
        case let .html(html): return html.isNull
        case let .other(object):
            if let renderable = object as? MustacheCustomRenderable { return renderable.isNull }
            if let sequence = object as? any MustacheSequence {
                var iterator = (sequence as any Sequence).makeIterator()
                return iterator.next() == nil
            }
            return false
        default: return false
        }
    }

    private func lookup(_ name: TemplateName, in stack: [Level]) -> TemplateValue? {
        guard let top = stack.last else { return nil }
        if name.isCurrent || name.parts.isEmpty { return Self.value(of: top) }
        let first = name.parts[0]
        var found: TemplateValue?
        if name.currentOnly {
            found = Self.child(first, of: top)
        } else {
            for level in stack.reversed() {
                if let value = Self.child(first, of: level) { found = value; break }
            }
        }
        for part in name.parts.dropFirst() {
            guard let value = found else { return nil }
            found = Self.child(part, of: .value(value))
        }
        return found
    }

    private static func value(of level: Level) -> TemplateValue {
        switch level {
        case let .root(root): .other(root)
        case let .value(value): value
        case let .entry(entry): .other(entry)
        }
    }

    private static func child(_ name: String, of level: Level) -> TemplateValue? {
        switch level {
        case let .root(root): return root.value(named: name)
        case let .entry(entry): return entry.value(named: name)
        case let .value(.scope(scope)): return scope[name]
        case let .value(value):
            // As swift-mustache: a MustacheParent's child, else a stored property of that
            // name, through reflection (a list, a text or a flag has none).
            let object = value.any
            if let parent = object as? MustacheParent { return parent.child(named: name).map(Self.typed) }
            guard let child = Mirror(reflecting: object).children.first(where: { $0.label == name })?.value else { return nil }
            let optional = Mirror(reflecting: child)
            guard optional.displayStyle == .optional else { return Self.typed(child) }
            return optional.children.first.map { Self.typed($0.value) }
        }
    }

    /// A value found by reflection, typed where it can be.
    private static func typed(_ object: Any) -> TemplateValue {
        switch object {
        case let text as String: .text(text)
        case let flag as Bool: .flag(flag)
        case let html as RawHTML: .html(html)
        case let scope as TemplateScope: .scope(scope)
        case let list as [TemplateScope]: .list(list)
        case let navigation as NavigationList: .navigation(navigation)
        default: .other(object)
        }
    }
}

/// `escapeHTML`, appending straight to the output: runs without a special character are
/// copied in one go.
func appendEscaped(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        var start = 0
        for index in bytes.indices {
            let replacement: StaticString
            switch bytes[index] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            start = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
