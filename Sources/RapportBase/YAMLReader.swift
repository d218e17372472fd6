import Diagnostics
import Yams

/// Reads a YAML text into a node tree that keeps every value's line and column, so that each
/// mistake can be reported where it is. Used for datasets, front matter, site.yml and UI strings.
public struct YAMLReader {
    public let file: String
    /// Line offset added to every mark (front matter starts after the opening `---`).
    public let lineOffset: Int
    public private(set) var diagnostics: [Diagnostic] = []
    /// The site's languages: the keys a text in every language (`localized`) must have.
    public var languages: [Language]
    /// Keys of a text per language that are not reported as unknown: the entries of a list of
    /// languages that has an error (reported there once).
    public var toleratedLanguageKeys: [String] = []
    /// The lines of the text parsed, when one holds a character above U+FFFF: libyaml counts
    /// columns in Unicode scalars, where such a character is one column and in an editor two.
    private var astralLines: [Substring]?

    public init(file: String, lineOffset: Int = 0, languages: [Language] = Language.fallback) {
        self.file = file
        self.lineOffset = lineOffset
        self.languages = languages
    }

    /// Parses `text`; a syntax error becomes a diagnostic at its position and the result is nil.
    public mutating func parse(_ text: String) -> Node? {
        // An invisible character is reported where it is, and left out: what is left is what
        // the editor sees, and is parsed as such.
        let (text, invisible) = InvisibleCharacters.removing(from: text, file: file, firstLine: 1 + lineOffset)
        diagnostics += invisible
        astralLines = text.utf8.contains(where: { $0 >= 0xF0 }) ? sourceLines(Substring(text)) : nil
        do {
            // The basic resolver keeps every scalar a string (no regex matching of ints, floats,
            // dates per scalar): values are typed by the readers below, with their locations.
            // UTF-8 named explicitly: Yams' default reads the process environment on every call.
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
                let .composer(context, problem, mark, _):
                diagnostics.append(explain(context: context, problem: problem, at: mark, in: text))
            case let .duplicatedKeysInMapping(duplicates, context):
                let mark = context.mark
                diagnostics.append(.error(location(mark), "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))"))
            default:
                diagnostics.append(.error(SourceLocation(file: file, line: 1 + lineOffset), "invalid YAML: \(error)"))
            }
            return nil
        } catch {
            diagnostics.append(.error(SourceLocation(file: file, line: 1 + lineOffset), "invalid YAML: \(error)"))
            return nil
        }
    }

    public func location(_ mark: Mark?) -> SourceLocation {
        let line = mark?.line ?? 1
        return SourceLocation(file: file, line: line + lineOffset, column: column(ofScalarColumn: mark?.column ?? 1, line: line))
    }

    /// The column (`SourceColumn`) of libyaml's column `scalarColumn` on line `line` of the text.
    func column(ofScalarColumn scalarColumn: Int, line: Int) -> Int {
        guard let lines = astralLines, lines.indices.contains(line - 1) else { return scalarColumn }
        return SourceColumn.of(scalarColumn: scalarColumn, in: lines[line - 1])
    }

    public func location(of node: Node?) -> SourceLocation { location(node?.mark) }

    public mutating func error(_ node: Node?, _ message: String, fix: String? = nil) {
        diagnostics.append(.error(location(of: node), message, fix: fix))
    }

    public mutating func warning(_ node: Node?, _ message: String, fix: String? = nil) {
        diagnostics.append(.warning(location(of: node), message, fix: fix))
    }

    /// The pairs of a mapping with their key nodes, in file order; an error when `node` is not one.
    public mutating func mapping(_ node: Node?, what: @autoclosure () -> String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let node else { return nil }
        guard case let .mapping(mapping) = node else {
            error(node, "\(what()) must be a mapping of keys to values")
            return nil
        }
        return mapping.map { (key: $0.key.string ?? "\($0.key)", keyNode: $0.key, value: $0.value) }
    }

    /// The values of `pairs` by key (the first of a key; the parser rejects duplicates).
    public static func index(_ pairs: [(key: String, keyNode: Node, value: Node)]) -> [String: Node] {
        var values: [String: Node] = [:]
        values.reserveCapacity(pairs.count)
        for pair in pairs where values[pair.key] == nil { values[pair.key] = pair.value }
        return values
    }

    /// Reports every key of `pairs` that is not in `known`, with a suggestion; returns the keys
    /// suggested (a misspelled key is not also reported as missing).
    @discardableResult
    public mutating func rejectUnknownKeys(
        _ pairs: [(key: String, keyNode: Node, value: Node)], known: [String], what: @autoclosure () -> String
    ) -> Set<String> {
        var suggested = Set<String>()
        let absent = known.filter { key in !pairs.contains { $0.key == key } }
        for pair in pairs where !known.contains(pair.key) {
            let match = closestMatch(to: pair.key, in: absent) ?? closestMatch(to: pair.key, in: known)
            if let match { suggested.insert(match) }
            error(
                pair.keyNode, "unknown \(what()) key \"\(pair.key)\"",
                fix: didYouMean(match) ?? "known keys: \(known.joined(separator: ", "))")
        }
        return suggested
    }

    /// A non-empty string scalar.
    public mutating func string(_ node: Node, what: @autoclosure () -> String) -> String? {
        guard case let .scalar(scalar) = node else {
            error(node, "\(what()) must be a text")
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        if text.isEmpty {
            error(node, "\(what()) is empty")
            return nil
        }
        return text
    }

    /// A whole number within `range`.
    public mutating func integer(_ node: Node, what: @autoclosure () -> String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string.trimmingWhitespace) else {
            error(node, "\(what()) must be a whole number, not \"\(node.string ?? "…")\"")
            return nil
        }
        guard range.contains(value) else {
            error(
                node,
                "\(what()) \(value) is out of range \(range.lowerBound)…\(range.upperBound == Int.max ? "" : String(range.upperBound))")
            return nil
        }
        return value
    }

    /// A `{nl: …, fr: …}` mapping with every language of the site present and non-empty.
    public mutating func localized(_ node: Node, what: @autoclosure () -> String) -> Localized? {
        guard let pairs = mapping(node, what: what()) else { return nil }
        let misspelled = rejectUnknownKeys(pairs, known: languages.map(\.code) + toleratedLanguageKeys, what: "language")
        var texts: [Language: String] = [:]
        var locations: [Language: SourceLocation] = [:]
        for pair in pairs {
            guard let language = languages.first(where: { $0.code == pair.key }) else { continue }
            texts[language] = string(pair.value, what: "\(what()) (\(language.code))")
            locations[language] = textLocation(of: pair.value)
        }
        var complete = true
        for language in languages where texts[language] == nil {
            if !pairs.contains(where: { $0.key == language.code }), !misspelled.contains(language.code) {
                error(
                    node, "\(what()) is missing its \(language.englishName) text",
                    fix: "add \(language.code): …")
            }
            complete = false
        }
        guard complete else { return nil }
        return Localized(texts, locations: locations)
    }

    /// Where a scalar's text begins: after its opening quote, on the line after `|` or `>`.
    public func textLocation(of node: Node) -> SourceLocation {
        var start = location(of: node)
        guard case let .scalar(scalar) = node else { return start }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: start.column += 1
        case .literal, .folded: start.line += 1
        default: break
        }
        return start
    }
}
