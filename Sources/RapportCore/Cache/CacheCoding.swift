import RapportBase

/// The build cache's own binary encoding: little-endian integers, byte strings framed by their
/// length. Written by `CacheWriter`, read back by `CacheReader`, which checks every length
/// against what is left and returns nil on anything unexpected: a truncated, corrupted or
/// foreign entry is a miss, never a crash. (JSON through Codable took longer to decode than
/// rendering the page it held.)
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func digest(_ value: Digest) {
        for half in [value.high, value.low] { withUnsafeBytes(of: half.littleEndian) { bytes.append(contentsOf: $0) } }
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    /// Each element written by `write`, after their count.
    mutating func list<T>(_ values: [T], _ write: (inout CacheWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

struct CacheReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func skip(_ count: Int) { offset = min(bytes.count, offset + count) }

    mutating func int() -> Int? {
        guard bytes.count - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Int(Int64(bitPattern: value))
    }

    /// A count or length: not negative, and no more than what is left to read.
    mutating func count() -> Int? {
        guard let value = int(), value >= 0, value <= bytes.count - offset else { return nil }
        return value
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func data() -> [UInt8]? {
        guard let length = count() else { return nil }
        offset += length
        return Array(bytes[(offset - length)..<offset])
    }

    mutating func string() -> String? {
        guard let length = count() else { return nil }
        offset += length
        return String(validating: bytes[(offset - length)..<offset], as: UTF8.self)
    }

    mutating func digest() -> Digest? {
        guard let high = int(), let low = int() else { return nil }
        return Digest(high: UInt64(bitPattern: Int64(high)), low: UInt64(bitPattern: Int64(low)))
    }

    mutating func strings() -> [String]? { list { $0.string() } }

    /// Elements read by `read` after their count; nil as soon as one cannot be read.
    mutating func list<T>(_ read: (inout CacheReader) -> T?) -> [T]? {
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
