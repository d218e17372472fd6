/// Templates that include each other by name (`{{> name}}`), rendered straight into bytes.
public struct MustacheLibrary: Sendable {
    private var templates: [String: MustacheTemplate] = [:]
    /// A partial included standalone on an indented line is its own template: the partial's
    /// text with the indentation before each line (the specification indents the template's
    /// lines, not the values written into them). Keyed by `name + "\0" + indent`.
    private var indented: [String: (template: MustacheTemplate, name: String, indent: Int)] = [:]

    public init(_ templates: [String: MustacheTemplate] = [:]) {
        self.templates = templates
        for (name, template) in templates { linkIndented(template.nodes, including: [name]) }
    }

    public subscript(name: String) -> MustacheTemplate? { templates[name] }

    /// Compiles the indented copies the nodes' partials need, and theirs. A partial that
    /// includes itself is indented once (its recursion is bounded by its data, not here).
    private mutating func linkIndented(_ nodes: [Node], including names: Set<String>) {
        for node in nodes {
            switch node {
            case let .section(_, children, _, _):
                linkIndented(children, including: names)
            case let .partial(name, indent, _) where !indent.isEmpty:
                let key = Self.key(name, indent)
                guard indented[key] == nil, let partial = templates[name] else { continue }
                var text: [UInt8] = indent
                for (i, byte) in partial.source.enumerated() {
                    text.append(byte)
                    if byte == UInt8(ascii: "\n"), i + 1 < partial.source.count { text += indent }
                }
                guard let template = try? MustacheTemplate(String(decoding: text, as: UTF8.self)) else { continue }
                indented[key] = (template, name, indent.count)
                if !names.contains(name) { linkIndented(template.nodes, including: names.union([name])) }
            default:
                break
            }
        }
    }

    private static func key(_ name: String, _ indent: [UInt8]) -> String { name + "\0" + String(decoding: indent, as: UTF8.self) }

    /// A name no context had, where the template used it.
    public struct Miss: Sendable, Hashable {
        public var template: String
        public var name: String
        public var line: Int
        public var column: Int
    }

    /// Renders template `name` with `context` as the outermost context, appending to `output`.
    /// Returns the names no context declared, each once per place. A name that is not a
    /// template renders nothing.
    @discardableResult
    public func render(
        _ name: String, context: MustacheValue, escaper: some MustacheEscaper = HTMLEscaper(), into output: inout [UInt8]
    ) -> [Miss] {
        guard let template = templates[name] else { return [] }
        var renderer = Renderer(library: self, escaper: escaper, stack: [context])
        renderer.render(template.nodes, of: .init(name: name, template: template, indent: 0), into: &output)
        return renderer.misses
    }

    /// `render`, into a new byte array.
    public func render(_ name: String, context: MustacheValue, escaper: some MustacheEscaper = HTMLEscaper()) -> (
        output: [UInt8], misses: [Miss]
    ) {
        var output: [UInt8] = []
        let misses = render(name, context: context, escaper: escaper, into: &output)
        return (output, misses)
    }

    struct Origin {
        let name: String
        let template: MustacheTemplate
        /// The indentation added to each line of this copy (taken off the columns of a miss).
        let indent: Int
    }

    struct Renderer<Escaper: MustacheEscaper> {
        let library: MustacheLibrary
        let escaper: Escaper
        var stack: [MustacheValue]
        var misses: [Miss] = []
        var reported: Set<Miss> = []

        mutating func render(_ nodes: [Node], of origin: Origin, into output: inout [UInt8]) {
            for node in nodes {
                switch node {
                case let .text(bytes):
                    output += bytes
                case let .variable(name, escaped, offset):
                    guard let value = resolve(name, at: offset, in: origin) else { continue }
                    write(value, escaped: escaped, into: &output)
                case let .section(name, children, inverted, offset):
                    let value = resolve(name, at: offset, in: origin) ?? .absent
                    if inverted {
                        if !value.isTruthy { render(children, of: origin, into: &output) }
                        continue
                    }
                    switch value {
                    case .absent, .bool(false): break
                    case .bool(true): render(children, of: origin, into: &output)
                    case let .list(list):
                        for index in 0..<list.count {
                            stack.append(list.item(index))
                            render(children, of: origin, into: &output)
                            stack.removeLast()
                        }
                    case let .markup(bytes) where bytes.isEmpty: break
                    default:
                        stack.append(value)
                        render(children, of: origin, into: &output)
                        stack.removeLast()
                    }
                case let .partial(name, indent, _):
                    if indent.isEmpty {
                        guard let partial = library.templates[name] else { continue }
                        render(partial.nodes, of: Origin(name: name, template: partial, indent: 0), into: &output)
                    } else if let copy = library.indented[MustacheLibrary.key(name, indent)] {
                        render(copy.template.nodes, of: Origin(name: copy.name, template: copy.template, indent: copy.indent), into: &output)
                    }
                }
            }
        }

        /// The value of a name: its first part from the innermost context that declares it,
        /// the rest inside that value. nil (and a miss) when nothing declares it.
        mutating func resolve(_ name: Name, at offset: Int, in origin: Origin) -> MustacheValue? {
            guard let first = name.parts.first else { return stack.last }
            var found: MustacheValue?
            for context in stack.reversed() {
                if case let .object(object) = context, let value = object.value(named: first) {
                    found = value
                    break
                }
            }
            if var value = found {
                // Inside the value found: a value without names (absent, text …) has nothing to
                // write; an object that does not declare the next part is a miss.
                for part in name.parts.dropFirst() {
                    guard case let .object(object) = value else { return nil }
                    guard let next = object.value(named: part) else {
                        found = nil
                        break
                    }
                    value = next
                }
                if found != nil { return value }
            }
            let (line, column) = origin.template.location(of: offset)
            let miss = Miss(template: origin.name, name: name.text, line: line, column: column - origin.indent)
            if reported.insert(miss).inserted { misses.append(miss) }
            return nil
        }

        func write(_ value: MustacheValue, escaped: Bool, into output: inout [UInt8]) {
            switch value {
            case let .text(text):
                if escaped { escaper.append(text, to: &output) } else { output += text.utf8 }
            case let .markup(bytes):
                if escaped { escaper.append(String(decoding: bytes, as: UTF8.self), to: &output) } else { output += bytes }
            case let .bool(flag):
                output += (flag ? "true" : "false").utf8
            case .object, .list, .absent:
                break
            }
        }
    }
}
