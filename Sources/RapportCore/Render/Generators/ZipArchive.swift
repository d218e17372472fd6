/// A ZIP archive of small files, stored without compression (the CSV files of a language are a
/// few kilobytes each). Deterministic: the entries sorted by name, one fixed timestamp for all,
/// no extra fields but ZIP64's where needed, so the same files give the same bytes and a rebuild
/// writes nothing new.
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

    /// The largest entry count, and size or offset, the classic fields hold; from these on, the
    /// value goes in a ZIP64 field instead (lower in tests, to reach those fields with small files).
    struct Limits {
        var entries = 0xFFFF
        var bytes = 0xFFFF_FFFF
    }

    /// The archive's bytes: a local header and the data of each entry, then the central directory.
    /// ZIP64 (APPNOTE 4.3.14, 4.3.15, 4.5.3) only where a count, size or offset does not fit its
    /// classic field (65,535 entries or more, 4 GiB): every other archive is the classic format,
    /// byte for byte.
    func bytes(limits: Limits = Limits()) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        let sorted = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for entry in sorted {
            let name = Array(entry.name.utf8)
            let crc = Self.crc32(entry.bytes)
            let size = entry.bytes.count, offset = out.count
            let bigSize = size >= limits.bytes, bigOffset = offset >= limits.bytes
            let shownSize = bigSize ? 0xFFFF_FFFF : UInt32(size)
            // Local file header; sizes that do not fit go in its ZIP64 extra field.
            let localExtra = Self.zip64Extra(bigSize ? [size, size] : [])
            Self.append32(0x0403_4B50, to: &out)
            Self.appendCommon(name: name, crc: crc, size: shownSize, date: timestamp.dosDate, zip64: bigSize, to: &out)
            Self.append16(UInt16(localExtra.count), to: &out)
            out += name
            out += localExtra
            out += entry.bytes
            // Central directory header: made by Unix (3); the file readable by all.
            let centralExtra = Self.zip64Extra((bigSize ? [size, size] : []) + (bigOffset ? [offset] : []))
            let zip64 = bigSize || bigOffset
            Self.append32(0x0201_4B50, to: &central)
            Self.append16(3 << 8 | (zip64 ? 45 : 20), to: &central)
            Self.appendCommon(name: name, crc: crc, size: shownSize, date: timestamp.dosDate, zip64: zip64, to: &central)
            Self.append16(UInt16(centralExtra.count), to: &central)
            Self.append16(0, to: &central)  // comment length
            Self.append16(0, to: &central)  // disk number
            Self.append16(0, to: &central)  // internal attributes
            Self.append32(0o100644 << 16, to: &central)
            Self.append32(bigOffset ? 0xFFFF_FFFF : UInt32(offset), to: &central)
            central += name
            central += centralExtra
        }
        let centralOffset = out.count
        out += central
        let manyEntries = sorted.count >= limits.entries
        let bigDirectory = central.count >= limits.bytes, farDirectory = centralOffset >= limits.bytes
        if manyEntries || bigDirectory || farDirectory {
            // ZIP64 end of central directory record, then its locator.
            let record = out.count
            Self.append32(0x0606_4B50, to: &out)
            Self.append64(44, to: &out)  // the size of the rest of the record
            Self.append16(3 << 8 | 45, to: &out)
            Self.append16(45, to: &out)  // version needed: 4.5
            Self.append32(0, to: &out)  // this disk
            Self.append32(0, to: &out)  // the disk with the central directory
            Self.append64(sorted.count, to: &out)
            Self.append64(sorted.count, to: &out)
            Self.append64(central.count, to: &out)
            Self.append64(centralOffset, to: &out)
            Self.append32(0x0706_4B50, to: &out)
            Self.append32(0, to: &out)  // the disk with the ZIP64 record
            Self.append64(record, to: &out)
            Self.append32(1, to: &out)  // disks in all
        }
        // End of central directory: a value that does not fit says "in the ZIP64 record".
        Self.append32(0x0605_4B50, to: &out)
        Self.append16(0, to: &out)
        Self.append16(0, to: &out)
        Self.append16(manyEntries ? 0xFFFF : UInt16(sorted.count), to: &out)
        Self.append16(manyEntries ? 0xFFFF : UInt16(sorted.count), to: &out)
        Self.append32(bigDirectory ? 0xFFFF_FFFF : UInt32(central.count), to: &out)
        Self.append32(farDirectory ? 0xFFFF_FFFF : UInt32(centralOffset), to: &out)
        Self.append16(0, to: &out)
        return out
    }

    /// The ZIP64 extended information extra field holding `values` (8 bytes each), or nothing.
    private static func zip64Extra(_ values: [Int]) -> [UInt8] {
        guard !values.isEmpty else { return [] }
        var field: [UInt8] = []
        append16(0x0001, to: &field)
        append16(UInt16(8 * values.count), to: &field)
        for value in values { append64(value, to: &field) }
        return field
    }

    /// From "version needed" to "file name length": the same in both headers.
    private static func appendCommon(
        name: [UInt8], crc: UInt32, size: UInt32, date: UInt16, zip64: Bool, to out: inout [UInt8]
    ) {
        append16(zip64 ? 45 : 20, to: &out)  // version needed: 2.0, or 4.5 for ZIP64
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

    private static func append64(_ value: Int, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8((UInt64(value) >> UInt64(shift)) & 0xFF)) }
    }

    /// zlib's CRC-32 (SVGRaster.swift), as the PNG store checks its pictures with.
    static func crc32(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBufferPointer { SVGRaster.crc32($0) } }
}
