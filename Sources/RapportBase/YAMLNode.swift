/// One value of a YAML text as `YAMLReader` reads it: a text, a mapping of keys to values in
/// file order, or a list; each with the line and column where it starts.
///
/// Every scalar stays text (`no`, `1.0` and `2024-01-01` included): the readers type values
/// themselves, where they can say what is wrong and where. A node is a plain value: copying one
/// copies a string or an array reference. An alias (`*name`) is a copy of the node its anchor
/// (`&name`) names, with that node's place.
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(String)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    /// How a scalar is written. Collections are `.plain`.
    public enum Style: UInt8, Sendable {
        case plain = 1, singleQuoted, doubleQuoted, literal, folded
    }

    /// Where a node starts: line and column from 1, the column counted in Unicode scalars (as
    /// libyaml counts; `YAMLReader.location` gives an editor's column).
    public struct Mark: Sendable, Equatable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public var value: Value
    public var style: Style
    public var mark: Mark
    /// A tag written before the value (`!x`, `!!int`), nil for none: it only tells keys apart
    /// (`!x a` and `a` are two keys), as a YAML composer does.
    public var tag: String?

    public init(_ value: Value, style: Style = .plain, mark: Mark = Mark(line: 1, column: 1), tag: String? = nil) {
        self.value = value
        self.style = style
        self.mark = mark
        self.tag = tag
    }

    /// A text (for writing YAML: the place is not written).
    public init(_ text: String, style: Style = .plain) {
        self.init(.scalar(text), style: style)
    }

    /// The node as a YAML document: block style, lines never folded, every character as itself
    /// (not escaped), a `.literal` text as a `|` block, no tags.
    public func yaml() -> String { LibYAML.emit(self) }

    /// The text of a scalar; nil for a mapping or a list.
    public var string: String? {
        if case let .scalar(text) = value { return text }
        return nil
    }

    /// The pairs of a mapping in file order; nil for a text or a list.
    public var pairs: [(key: YAMLNode, value: YAMLNode)]? {
        if case let .mapping(pairs) = value { return pairs }
        return nil
    }

    /// The items of a list; nil for a text or a mapping.
    public var items: [YAMLNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    /// The value of the first key that is the text `key`, in a mapping.
    public subscript(key: String) -> YAMLNode? {
        pairs?.first { $0.key.string == key }?.value
    }

    /// The same key of a mapping: the same text (or the same pairs, items) and tag; places and
    /// quoting aside (`'a'` and `a` are one key).
    func isSameKey(as other: YAMLNode) -> Bool {
        if case let .scalar(a) = value, case let .scalar(b) = other.value { return a == b && tag == other.tag }
        guard tag == other.tag else { return false }
        switch (value, other.value) {
        case let (.scalar(a), .scalar(b)): return a == b
        case let (.sequence(a), .sequence(b)): return a.count == b.count && zip(a, b).allSatisfy { $0.isSameKey(as: $1) }
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key.isSameKey(as: $1.key) && $0.value.isSameKey(as: $1.value) }
        default: return false
        }
    }

    /// The keys that occur more than once among `keys`, each at its first place, sorted by text.
    static func repeatedKeys(_ keys: [YAMLNode]) -> [YAMLNode] {
        guard keys.count > 1 else { return [] }
        var repeated: [YAMLNode] = []
        if keys.count > 16, keys.allSatisfy({ $0.tag == nil && $0.string != nil }) {
            var seen = Set<String>(minimumCapacity: keys.count)
            for key in keys where !seen.insert(key.string!).inserted && !repeated.contains(where: { $0.string == key.string }) {
                repeated.append(keys.first { $0.string == key.string }!)
            }
        } else {
            for (index, key) in keys.enumerated()
            where keys[..<index].contains(where: key.isSameKey) && !repeated.contains(where: key.isSameKey) {
                repeated.append(keys.first(where: key.isSameKey)!)
            }
        }
        return repeated.sorted { $0.description < $1.description }
    }
}

extension YAMLNode: CustomStringConvertible {
    /// A scalar's text; a collection in YAML's flow style (`[a, b]`, `{a: b}`), for messages.
    public var description: String {
        switch value {
        case let .scalar(text): return text
        case let .sequence(items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case let .mapping(pairs): return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}
