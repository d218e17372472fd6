/// A Mustache template compiled once: its text split into nodes, names split at their dots,
/// standalone lines removed, sections matched. Rendering (Render.swift) only walks the nodes.
public struct MustacheTemplate: Sendable {
    let nodes: [Node]
    /// The text it was compiled from (for locations, and for a partial's indented copies).
    let source: [UInt8]

    /// Compiles `text`; a syntax error is thrown with its line and column.
    public init(_ text: String) throws(MustacheError) {
        source = Array(text.utf8)
        var parser = Parser(source: source)
        nodes = try parser.parse()
    }

    /// The line and column (1-based; the column in UTF-16 code units) of a byte offset of the source.
    public func location(of offset: Int) -> (line: Int, column: Int) { MustacheEngine.location(of: offset, in: source) }

    /// Every tag that names a value or a partial, in order, with where it stands.
    public var tags: [Tag] {
        var found: [Tag] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text: break
                case let .variable(name, escaped, offset):
                    found.append(Tag(kind: escaped ? .variable : .unescaped, name: name.text, offset: offset))
                case let .section(name, children, inverted, offset):
                    found.append(Tag(kind: inverted ? .inverted : .section, name: name.text, offset: offset))
                    walk(children)
                case let .partial(name, _, offset):
                    found.append(Tag(kind: .partial, name: name, offset: offset))
                }
            }
        }
        walk(nodes)
        return found
    }

    /// A tag of the template: `{{name}}`, `{{{name}}}`, `{{#name}}`, `{{^name}}`, `{{> name}}`.
    public struct Tag: Sendable, Equatable {
        public enum Kind: Sendable { case variable, unescaped, section, inverted, partial }
        public var kind: Kind
        public var name: String
        /// Byte offset of the tag's opening delimiter (`location(of:)` makes it a line and column).
        public var offset: Int
    }
}

/// A syntax error, with where it is.
public struct MustacheError: Error, Sendable, Equatable {
    public var message: String
    public var fix: String?
    /// 1-based; the column in UTF-16 code units, as editors count.
    public var line: Int
    public var column: Int
}

/// A dotted name split once, at compile time (`.` alone is the current context).
struct Name: Sendable {
    let text: String
    let parts: [String]
    init(_ text: String) {
        self.text = text
        parts = text == "." ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

indirect enum Node: Sendable {
    case text([UInt8])
    case variable(Name, escaped: Bool, offset: Int)
    case section(Name, [Node], inverted: Bool, offset: Int)
    /// `indent`: the white space before a standalone partial tag, put before each of its lines.
    case partial(String, indent: [UInt8], offset: Int)
}

/// The Mustache syntax: tags between delimiters (`{{ }}`, changed with `{{=<% %>=}}`), and
/// "standalone" tags (sections, comments, partials, delimiter changes alone on their line),
/// whose line is removed from the output.
struct Parser {
    let source: [UInt8]

    enum Token {
        case text(Range<Int>)
        case tag(sigil: UInt8, name: String, at: Int)
        /// White space removed from a standalone line, or the indentation of a standalone partial.
        case removed
    }

    private static let sigils: Set<UInt8> = Set("#^/>!=&{<$".utf8)
    private static let standaloneSigils: Set<UInt8> = Set("#^/>!=<$".utf8)

    mutating func parse() throws(MustacheError) -> [Node] {
        var tokens = try tokenize()
        let indents = removeStandaloneLines(&tokens)
        return try tree(tokens, indents: indents)
    }

    func error(_ message: String, at offset: Int, fix: String? = nil) -> MustacheError {
        let (line, column) = MustacheEngine.location(of: offset, in: source)
        return MustacheError(message: message, fix: fix, line: line, column: column)
    }

    /// The text split into text runs (each ending at the end of a line at the latest) and tags.
    func tokenize() throws(MustacheError) -> [Token] {
        var tokens: [Token] = []
        var open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)
        var position = 0
        func appendText(_ range: Range<Int>) {
            var start = range.lowerBound
            for i in range where source[i] == UInt8(ascii: "\n") {
                tokens.append(.text(start..<(i + 1)))
                start = i + 1
            }
            if start < range.upperBound { tokens.append(.text(start..<range.upperBound)) }
        }
        while position < source.count {
            guard let tagStart = find(open, from: position) else {
                appendText(position..<source.count)
                break
            }
            appendText(position..<tagStart)
            var contentStart = tagStart + open.count
            var sigil: UInt8 = 0
            if contentStart < source.count, Self.sigils.contains(source[contentStart]) {
                sigil = source[contentStart]
                contentStart += 1
            }
            let closing: [UInt8] =
                switch sigil {
                case UInt8(ascii: "{"): [UInt8(ascii: "}")] + close
                case UInt8(ascii: "="): [UInt8(ascii: "=")] + close
                default: close
                }
            guard let contentEnd = find(closing, from: contentStart) else {
                throw error(
                    "tag is never closed", at: tagStart,
                    fix: "end it with \(String(decoding: closing, as: UTF8.self))")
            }
            let content = trimmed(contentStart..<contentEnd)
            position = contentEnd + closing.count
            switch sigil {
            case UInt8(ascii: "!"):
                tokens.append(.tag(sigil: sigil, name: "", at: tagStart))
            case UInt8(ascii: "="):
                let parts = source[content].split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
                guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
                    throw error("invalid delimiters", at: tagStart, fix: "write two delimiters with a space between: {{=<% %>=}}")
                }
                open = Array(parts[0])
                close = Array(parts[1])
                tokens.append(.tag(sigil: sigil, name: "", at: tagStart))
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw error(
                    "template inheritance ({{< parent}}, {{$ block}}) is not supported", at: tagStart,
                    fix: "include the parts with {{> partial}} instead")
            default:
                guard !content.isEmpty else { throw error("empty tag", at: tagStart, fix: "write a name between the delimiters") }
                let name = String(decoding: source[content], as: UTF8.self)
                if name.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                    throw error("invalid name \"\(name)\"", at: tagStart, fix: "a name has no spaces")
                }
                tokens.append(.tag(sigil: sigil == UInt8(ascii: "{") ? UInt8(ascii: "&") : sigil, name: name, at: tagStart))
            }
        }
        return tokens
    }

    /// Removes the white space and line end around each standalone tag; returns the
    /// indentation of each standalone partial, by its token index.
    func removeStandaloneLines(_ tokens: inout [Token]) -> [Int: [UInt8]] {
        var indents: [Int: [UInt8]] = [:]
        var lineStart = 0
        var index = 0
        while index < tokens.count {
            // A line: tokens up to a text run ending in a newline, or to the end.
            var end = index
            while end < tokens.count {
                if case let .text(range) = tokens[end], source[range.upperBound - 1] == UInt8(ascii: "\n") { break }
                end += 1
            }
            let line = lineStart..<min(end + 1, tokens.count)
            var tag: Int?
            var standalone = true
            for i in line {
                switch tokens[i] {
                case let .tag(sigil, _, _):
                    if tag == nil, Self.standaloneSigils.contains(sigil) { tag = i } else { standalone = false }
                case let .text(range):
                    // Only spaces and tabs, then the line's end (`\n` or `\r\n`), if any.
                    var body = source[range]
                    if body.last == 0x0A {
                        body = body.dropLast()
                        if body.last == 0x0D { body = body.dropLast() }
                    }
                    if !body.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { standalone = false }
                case .removed: break
                }
            }
            if standalone, let tag {
                if case let .tag(sigil, _, _) = tokens[tag], sigil == UInt8(ascii: ">") {
                    var indent: [UInt8] = []
                    for i in line.lowerBound..<tag { if case let .text(range) = tokens[i] { indent += source[range] } }
                    indents[tag] = indent
                }
                for i in line where i != tag { tokens[i] = .removed }
            }
            lineStart = line.upperBound
            index = line.upperBound
        }
        return indents
    }

    /// The tokens as nested nodes; a section closed by another name, or never closed, is an error.
    func tree(_ tokens: [Token], indents: [Int: [UInt8]]) throws(MustacheError) -> [Node] {
        var stack: [(name: String, at: Int, inverted: Bool, nodes: [Node])] = [("", 0, false, [])]
        for (index, token) in tokens.enumerated() {
            switch token {
            case .removed: break
            case let .text(range):
                if case let .text(previous)? = stack[stack.count - 1].nodes.last {
                    stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + source[range])
                } else {
                    stack[stack.count - 1].nodes.append(.text(Array(source[range])))
                }
            case let .tag(sigil, name, at):
                switch sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="): break
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    stack.append((name, at, sigil == UInt8(ascii: "^"), []))
                case UInt8(ascii: "/"):
                    guard stack.count > 1 else {
                        throw error("\"\(name)\" is closed but was never opened", at: at, fix: "remove {{/\(name)}} or open it with {{#\(name)}}")
                    }
                    let section = stack.removeLast()
                    guard section.name == name else {
                        throw error(
                            "section \"\(section.name)\" is closed by \"\(name)\"", at: at,
                            fix: "close it with {{/\(section.name)}}")
                    }
                    stack[stack.count - 1].nodes.append(.section(Name(name), section.nodes, inverted: section.inverted, offset: section.at))
                case UInt8(ascii: ">"):
                    stack[stack.count - 1].nodes.append(.partial(name, indent: indents[index] ?? [], offset: at))
                default:
                    stack[stack.count - 1].nodes.append(.variable(Name(name), escaped: sigil == 0, offset: at))
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw error("section \"\(open.name)\" is never closed", at: open.at, fix: "add {{/\(open.name)}}")
        }
        return stack[0].nodes
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= source.count else { return nil }
        var i = start
        let last = source.count - needle.count
        while i <= last {
            if source[i] == first {
                var j = 1
                while j < needle.count && source[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while lower < upper, isSpace(source[lower]) { lower += 1 }
        while upper > lower, isSpace(source[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

/// The line and column (1-based) of a byte offset of `source`. The column counts UTF-16 code
/// units, as editors do (VS Code's "Col"; Rapport's `SourceColumn`, which this module, having no
/// dependencies, repeats): an emoji is two.
func location(of offset: Int, in source: [UInt8]) -> (line: Int, column: Int) {
    let offset = min(offset, source.count)
    var line = 1, column = 1
    for byte in source[0..<offset] {
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += byte >= 0xF0 ? 2 : 1
        }
    }
    return (line, column)
}
