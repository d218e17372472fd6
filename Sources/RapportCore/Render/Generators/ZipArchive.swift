/// A ZIP archive of small files, stored without compression (the CSV files of a language are a
/// few kilobytes each). Deterministic: the entries sorted by name, one fixed timestamp for all,
/// no extra fields, so the same files give the same bytes and a rebuild writes nothing new.
struct ZipArchive {
    struct Entry {
        var name: String
        var bytes: [UInt8]
    }

    /// A calendar date as MS-DOS stores it (1980 at the earliest); midnight.
    struct Timestamp {
        var year: Int
        var month: Int
        var day: Int

        static let epoch = Timestamp(year: 1980, month: 1, day: 1)

        var dosDate: UInt16 { UInt16(clamping: (max(year, 1980) - 1980) << 9 | month << 5 | day) }
    }

    var entries: [Entry]
    var timestamp: Timestamp = .epoch

    /// The archive's bytes: a local header and the data of each entry, then the central directory.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        let sorted = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for entry in sorted {
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.bytes)
            let offset = UInt32(out.count)
            // Local file header.
            Self.append32(0x0403_4B50, to: &out)
            Self.appendCommon(name: name, crc: crc, size: UInt32(entry.bytes.count), date: timestamp.dosDate, to: &out)
            Self.append16(0, to: &out)  // extra field length
            out += name
            out += entry.bytes
            // Central directory header: made by Unix (3), ZIP 2.0; the file readable by all.
            Self.append32(0x0201_4B50, to: &central)
            Self.append16(3 << 8 | 20, to: &central)
            Self.appendCommon(name: name, crc: crc, size: UInt32(entry.bytes.count), date: timestamp.dosDate, to: &central)
            Self.append16(0, to: &central)  // extra field length
            Self.append16(0, to: &central)  // comment length
            Self.append16(0, to: &central)  // disk number
            Self.append16(0, to: &central)  // internal attributes
            Self.append32(0o100644 << 16, to: &central)
            Self.append32(offset, to: &central)
            central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        // End of central directory.
        Self.append32(0x0605_4B50, to: &out)
        Self.append16(0, to: &out)
        Self.append16(0, to: &out)
        Self.append16(UInt16(sorted.count), to: &out)
        Self.append16(UInt16(sorted.count), to: &out)
        Self.append32(UInt32(central.count), to: &out)
        Self.append32(centralOffset, to: &out)
        Self.append16(0, to: &out)
        return out
    }

    /// From "version needed" to "file name length": the same in both headers.
    private static func appendCommon(name: [UInt8], crc: UInt32, size: UInt32, date: UInt16, to out: inout [UInt8]) {
        append16(20, to: &out)  // version needed: 2.0
        append16(0x0800, to: &out)  // flags: names in UTF-8
        append16(0, to: &out)  // method: stored
        append16(0, to: &out)  // time: 00:00
        append16(date, to: &out)
        append32(crc, to: &out)
        append32(size, to: &out)  // compressed size
        append32(size, to: &out)  // uncompressed size
        append16(UInt16(name.count), to: &out)
    }

    private static func append16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    private static func append32(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }
}
