/// A 128-bit fingerprint of bytes, for the build cache's keys (RapportCore/Cache/): two
/// independent 64-bit lanes (FNV-1a, and a multiply–rotate lane), each field framed by its
/// length so that ("ab", "c") and ("a", "bc") differ. Not cryptographic: it tells the same
/// inputs from changed ones, it does not resist someone crafting collisions.
public struct Digest: Sendable, Hashable {
    public private(set) var high: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var low: UInt64 = 0x9e37_79b9_7f4a_7c15

    public init() {}

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Adds a field: its length, then its bytes.
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        addLength(bytes.count)
        var a = high, b = low
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = ((b ^ UInt64(byte)) &* 0xff51_afd7_ed55_8ccd)
            b = (b << 31) | (b >> 33)
        }
        high = a
        low = b
    }

    public mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add($0) } }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    public mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    public mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add($0.bindMemory(to: UInt8.self)) }
    }

    public mutating func add(_ flag: Bool) { add(flag ? 1 : 0) }

    public mutating func add(_ other: Digest) {
        add(other.high)
        add(other.low)
    }

    private mutating func addLength(_ count: Int) {
        var a = high, b = low
        var length = UInt64(count)
        for _ in 0..<8 {
            let byte = length & 0xff
            a = (a ^ byte) &* 0x100_0000_01b3
            b = ((b ^ byte) &* 0xc4ce_b9fe_1a85_ec53)
            b = (b << 29) | (b >> 35)
            length >>= 8
        }
        high = a
        low = b
    }

    /// 32 hexadecimal digits (a file name).
    public var hex: String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(high) + digits(low)
    }

    /// The digest of one field.
    public static func of(_ bytes: [UInt8]) -> Digest {
        var digest = Digest()
        digest.add(bytes)
        return digest
    }
}
