/// What a template renders from: typed values, looked up by name through a protocol. No `Any`,
/// no dynamic casts: a lookup is a call on the object's witness table and a switch on the case.
public enum MustacheValue: Sendable {
    /// Text: escaped by `{{name}}`, written as it is by `{{{name}}}` and `{{& name}}`. Always
    /// true in a section (even when empty), and the section's context inside it (`{{.}}`).
    case text(String)
    /// Markup already made (a page's body, an SVG): like `text`, but false in a section when empty.
    case markup([UInt8])
    /// `{{#flag}}` shows its section when true, `{{^flag}}` when false; it writes `true`/`false`.
    case bool(Bool)
    /// A section's context: its names are looked up first, then the enclosing contexts'.
    case object(any MustacheObject)
    /// A section repeats once per item, with the item as context; false when empty.
    case list(any MustacheList)
    /// Declared without a value: writes nothing, false in a section, and (unlike a name no
    /// context declares) not a miss.
    case absent

    /// Whether `{{#name}}` shows its section (and `{{^name}}` hides its own).
    public var isTruthy: Bool {
        switch self {
        case .text, .object: true
        case let .markup(bytes): !bytes.isEmpty
        case let .bool(flag): flag
        case let .list(list): list.count > 0
        case .absent: false
        }
    }
}

/// Names in, values out. `nil` means "not declared here": the lookup goes on to the enclosing
/// contexts, and past the outermost one the name is reported as missing.
public protocol MustacheObject: Sendable {
    func value(named name: String) -> MustacheValue?
}

/// A section's items, read by index (no iterator, no copy).
public protocol MustacheList: Sendable {
    var count: Int { get }
    func item(_ index: Int) -> MustacheValue
}

/// A type whose values can be the items of an array a section repeats over.
public protocol MustacheItem: Sendable {
    var mustacheValue: MustacheValue { get }
}

extension MustacheValue: MustacheItem {
    public var mustacheValue: MustacheValue { self }
}

extension Array: MustacheList where Element: MustacheItem {
    public func item(_ index: Int) -> MustacheValue { self[index].mustacheValue }
}

/// An object of fixed values (the specification's test data, small contexts).
public struct MustacheDictionary: MustacheObject {
    public var values: [String: MustacheValue]
    public init(_ values: [String: MustacheValue]) { self.values = values }
    public func value(named name: String) -> MustacheValue? { values[name] }
}

/// How `{{name}}` escapes text into the output. The default is HTML's: `& < > " '`.
public protocol MustacheEscaper: Sendable {
    func append(_ text: String, to output: inout [UInt8])
}

public struct HTMLEscaper: MustacheEscaper {
    public init() {}
    public func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() {
                let entity: StaticString
                switch byte {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = i + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}
