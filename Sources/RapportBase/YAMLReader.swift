import Diagnostics

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
    /// A text without a document (empty, or comments only) is nil without a diagnostic.
    public mutating func parse(_ text: String) -> YAMLNode? {
        // An invisible character is reported where it is, and left out: what is left is what
        // the editor sees, and is parsed as such.
        let (text, invisible) = InvisibleCharacters.removing(from: text, file: file, firstLine: 1 + lineOffset)
        diagnostics += invisible
        astralLines = text.containsByte(where: { $0 >= 0xF0 }) ? sourceLines(Substring(text)) : nil
        do {
            return try LibYAML.compose(text)
        } catch {
            switch error.kind {
            case .syntax:
                diagnostics.append(explain(context: error.context, problem: error.problem, at: error.mark, in: text))
            case let .repeatedKeys(keys):
                diagnostics.append(.error(location(error.mark), .yaml(.duplicateKeys(keys))))
            case let .character(offset, value):
                diagnostics.append(unreadable(offset: offset, value: value, problem: error.problem, in: text))
            }
            return nil
        }
    }

    /// The node tree of `text` as it is (no character left out), nil when it is not one valid
    /// YAML document; for checking what a value written reads back as.
    public static func node(of text: String) -> YAMLNode? { try? LibYAML.compose(text) }

    /// A character libyaml does not read (a control character), at its line and column.
    private func unreadable(offset: Int, value: Int, problem: String, in text: String) -> Diagnostic {
        let before = text.utf8.prefix(offset)
        let lineStart = before.lastIndex(of: 0x0A).map { before.index(after: $0) } ?? before.startIndex
        let line = 1 + before.count { $0 == 0x0A }
        // libyaml's column: Unicode scalars, counted as the bytes that do not continue one.
        let scalarColumn = 1 + before[lineStart...].count { $0 & 0xC0 != 0x80 }
        let at = SourceLocation(file: file, line: line + lineOffset, column: column(ofScalarColumn: scalarColumn, line: line))
        guard problem == "control characters are not allowed", let character = Unicode.Scalar(UInt32(clamping: value)) else {
            return .error(at, .yaml(.unreadable(libyaml: problem)))
        }
        return .error(at, .yaml(.controlCharacter(codePoint: character.codePoint)))
    }

    public func location(_ mark: YAMLNode.Mark?) -> SourceLocation {
        let line = mark?.line ?? 1
        return SourceLocation(file: file, line: line + lineOffset, column: column(ofScalarColumn: mark?.column ?? 1, line: line))
    }

    /// The column (`SourceColumn`) of libyaml's column `scalarColumn` on line `line` of the text.
    func column(ofScalarColumn scalarColumn: Int, line: Int) -> Int {
        guard let lines = astralLines, lines.indices.contains(line - 1) else { return scalarColumn }
        return SourceColumn.of(scalarColumn: scalarColumn, in: lines[line - 1])
    }

    public func location(of node: YAMLNode?) -> SourceLocation { location(node?.mark) }

    public mutating func error(_ node: YAMLNode?, _ problem: Problem) {
        diagnostics.append(.error(location(of: node), problem))
    }

    public mutating func warning(_ node: YAMLNode?, _ problem: Problem) {
        diagnostics.append(.warning(location(of: node), problem))
    }


    /// The pairs of a mapping with their key nodes, in file order; an error when `node` is not one.
    public mutating func mapping(_ node: YAMLNode?, what: @autoclosure () -> String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard let node else { return nil }
        guard let pairs = node.pairs else {
            error(node, .yaml(.notAMapping(field: what())))
            return nil
        }
        return pairs.map { (key: $0.key.description, keyNode: $0.key, value: $0.value) }
    }

    /// The values of `pairs` by key (the first of a key; the parser rejects duplicates).
    public static func index(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) -> [String: YAMLNode] {
        var values: [String: YAMLNode] = [:]
        values.reserveCapacity(pairs.count)
        for pair in pairs where values[pair.key] == nil { values[pair.key] = pair.value }
        return values
    }

    /// Reports every key of `pairs` that is not in `known`, with a suggestion; returns the keys
    /// suggested (a misspelled key is not also reported as missing).
    @discardableResult
    public mutating func rejectUnknownKeys(
        _ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)], known: [String], what: @autoclosure () -> String
    ) -> Set<String> {
        var suggested = Set<String>()
        let absent = known.filter { key in !pairs.contains { $0.key == key } }
        for pair in pairs where !known.contains(pair.key) {
            let match = closestMatch(to: pair.key, in: absent) ?? closestMatch(to: pair.key, in: known)
            if let match { suggested.insert(match) }
            error(pair.keyNode, .yaml(.unknownKey(field: what(), key: pair.key, suggestion: match, known: known)))
        }
        return suggested
    }

    /// A non-empty string scalar.
    public mutating func string(_ node: YAMLNode, what: @autoclosure () -> String) -> String? {
        guard let text = node.string?.trimmingWhitespace else {
            error(node, .yaml(.notAText(field: what())))
            return nil
        }
        if text.isEmpty {
            error(node, .yaml(.empty(field: what())))
            return nil
        }
        return text
    }

    /// A whole number within `range`.
    public mutating func integer(_ node: YAMLNode, what: @autoclosure () -> String, range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let value = node.string.flatMap({ Int($0.trimmingWhitespace) }) else {
            error(node, .yaml(.notAWholeNumber(field: what(), written: node.string)))
            return nil
        }
        guard range.contains(value) else {
            error(
                node,
                .yaml(.outOfRange(field: what(), value: value, lower: range.lowerBound, upper: range.upperBound == Int.max ? nil : range.upperBound)))
            return nil
        }
        return value
    }

    /// A `{nl: …, fr: …}` mapping with every language of the site present and non-empty.
    public mutating func localized(_ node: YAMLNode, what: @autoclosure () -> String) -> Localized? {
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
                error(node, .yaml(.missingLanguage(field: what(), language.named)))
            }
            complete = false
        }
        guard complete else { return nil }
        return Localized(texts, locations: locations)
    }

    /// Where a scalar's text begins: after its opening quote, on the line after `|` or `>`.
    public func textLocation(of node: YAMLNode) -> SourceLocation {
        var start = location(of: node)
        guard node.string != nil else { return start }
        switch node.style {
        case .singleQuoted, .doubleQuoted: start.column += 1
        case .literal, .folded: start.line += 1
        case .plain: break
        }
        return start
    }
}
