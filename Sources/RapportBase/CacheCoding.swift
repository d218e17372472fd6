import Diagnostics

/// The build cache's own binary encoding: little-endian integers, byte strings framed by their
/// length. Written by `CacheWriter`, read back by `CacheReader`, which checks every length
/// against what is left and returns nil on anything unexpected: a truncated, corrupted or
/// foreign entry is a miss, never a crash. (JSON through Codable took longer to decode than
/// rendering the page it held.)
public struct CacheWriter {
    public private(set) var bytes: [UInt8] = []

    /// File names a location names by their number in this list (the reader's `files`, the
    /// same list): a dataset's thousand locations name two files.
    public var files: [String] = []

    public init() {}

    public mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    public mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func digest(_ value: Digest) {
        for half in [value.high, value.low] { withUnsafeBytes(of: half.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    public mutating func double(_ value: Double) { int(Int(Int64(bitPattern: value.bitPattern))) }

    /// A flag, then the value when there is one.
    public mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    public mutating func location(_ value: SourceLocation) {
        if let index = files.firstIndex(of: value.file) {
            int(index)
        } else {
            int(-1)
            string(value.file)
        }
        int(value.line)
        int(value.column)
    }

    /// Its texts and their locations, by language code, in code order.
    public mutating func localized(_ value: Localized) {
        list(value.texts.keys.sorted { $0.code < $1.code }) { out, language in
            out.string(language.code)
            out.string(value.texts[language] ?? "")
        }
        list(value.locations.keys.sorted { $0.code < $1.code }) { out, language in
            out.string(language.code)
            out.location(value.locations[language] ?? SourceLocation(file: ""))
        }
    }

    public mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    /// Each element written by `write`, after their count.
    public mutating func list<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

public struct CacheReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// Languages read back by their code are looked up here first (`Language(code:)` checks
    /// the code against every language Rapport knows).
    public var languages: [Language] = []
    /// The file names a location may name by number (`CacheWriter.files`).
    public var files: [String] = []

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var atEnd: Bool { offset == bytes.count }

    /// The bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    public mutating func skip(_ count: Int) { offset = min(bytes.count, offset + count) }

    public mutating func int() -> Int? {
        guard bytes.count - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    /// A count or length: not negative, and no more than what is left to read.
    public mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - offset else { return nil }
        return value
    }

    public mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        offset += 1
        return bytes[offset - 1] == 1
    }

    public mutating func data() -> [UInt8]? {
        guard let length = count() else { return nil }
        offset += length
        return Array(bytes[(offset - length)..<offset])
    }

    public mutating func string() -> String? {
        guard let length = count() else { return nil }
        offset += length
        return String(validating: bytes[(offset - length)..<offset], as: UTF8.self)
    }

    public mutating func digest() -> Digest? {
        guard let high = int(), let low = int() else { return nil }
        return Digest(high: UInt64(bitPattern: Int64(high)), low: UInt64(bitPattern: Int64(low)))
    }

    public mutating func strings() -> [String]? { list { $0.string() } }

    public mutating func double() -> Double? { int().map { Double(bitPattern: UInt64(bitPattern: Int64($0))) } }

    /// What `CacheWriter.optional` wrote: nil when unreadable, `.some(nil)` for no value.
    public mutating func optional<T>(_ read: (inout CacheReader) -> T?) -> T?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = read(&self) else { return nil }
        return .some(value)
    }

    public mutating func location() -> SourceLocation? {
        guard let index = int() else { return nil }
        let file: String
        if index >= 0 {
            guard index < files.count else { return nil }
            file = files[index]
        } else {
            guard let named = string() else { return nil }
            file = named
        }
        guard let line = int(), let column = int() else { return nil }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// A language by its code: one of `languages` when it is, else any Rapport knows.
    public mutating func language() -> Language? {
        guard let length = count() else { return nil }
        let code = bytes[offset..<(offset + length)]
        offset += length
        if let known = languages.first(where: { $0.code.utf8.elementsEqual(code) }) { return known }
        return String(validating: code, as: UTF8.self).flatMap { Language(code: $0) }
    }

    public mutating func localized() -> Localized? {
        guard
            let texts = list({ input -> (Language, String)? in
                guard let language = input.language(), let text = input.string() else { return nil }
                return (language, text)
            }),
            let locations = list({ input -> (Language, SourceLocation)? in
                guard let language = input.language(), let location = input.location() else { return nil }
                return (language, location)
            })
        else { return nil }
        return Localized(
            Dictionary(texts, uniquingKeysWith: { first, _ in first }),
            locations: Dictionary(locations, uniquingKeysWith: { first, _ in first }))
    }

    /// Elements read by `read` after their count; nil as soon as one cannot be read.
    public mutating func list<T>(_ read: (inout CacheReader) -> T?) -> [T]? {
        guard let count = count() else { return nil }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = read(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}
