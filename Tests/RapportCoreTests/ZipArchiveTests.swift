import Foundation
import Testing

@testable import RapportCore

/// The open data's ZIP past its 16- and 32-bit fields (issue 24, finding 3): ZIP64 where a count,
/// size or offset does not fit, the classic format (byte for byte as before) where all do.
@Suite struct ZipArchiveTests {
    static func entries(_ count: Int) -> [ZipArchive.Entry] {
        (0..<count).map { ZipArchive.Entry(name: "d\($0).csv", bytes: Array("v\($0)\n".utf8)) }
    }

    @Test func seventyThousandEntriesAreWrittenAsZIP64() throws {
        let zip = ZipArchive(entries: Self.entries(70_000)).bytes()
        let read = try Self.read(zip)
        #expect(read.zip64)
        #expect(read.entries.count == 70_000)
        let byName = Dictionary(uniqueKeysWithValues: read.entries.map { ($0.name, $0.bytes) })
        #expect(byName["d0.csv"] == Array("v0\n".utf8))
        #expect(byName["d69999.csv"] == Array("v69999\n".utf8))
    }

    @Test func theEntryCountThatFillsTheFieldNeedsZIP64Too() throws {
        // 0xFFFF in the count means "see the ZIP64 record" to a reader.
        #expect(try Self.read(ZipArchive(entries: Self.entries(65_535)).bytes()).zip64)
        let classic = try Self.read(ZipArchive(entries: Self.entries(65_534)).bytes())
        #expect(!classic.zip64 && classic.entries.count == 65_534)
    }

    @Test func sizesAndOffsetsPastTheLimitGoInTheExtraField() throws {
        // The 32-bit limit lowered so that small entries cross it: every field ZIP64 has.
        let limits = ZipArchive.Limits(entries: 2, bytes: 8)
        let entries = [
            ZipArchive.Entry(name: "a.csv", bytes: Array("tiny\n".utf8)),
            ZipArchive.Entry(name: "b.csv", bytes: Array("more than eight bytes\n".utf8)),
            ZipArchive.Entry(name: "c.csv", bytes: []),
        ]
        let zip = ZipArchive(entries: entries).bytes(limits: limits)
        let read = try Self.read(zip)
        #expect(read.zip64)
        #expect(read.entries.map(\.name) == ["a.csv", "b.csv", "c.csv"])
        #expect(read.entries.map(\.bytes) == entries.map(\.bytes))
        if Self.hasPython { #expect(try Self.python(zip) == "a.csv 5\nb.csv 22\nc.csv 0\n") }
    }

    @Test(.enabled(if: Self.hasPython)) func pythonsZipfileReadsTheZIP64Archive() throws {
        let listing = try Self.python(ZipArchive(entries: Self.entries(70_000)).bytes())
        let lines = listing.split(separator: "\n")
        #expect(lines.count == 70_000)
        #expect(lines.first == "d0.csv 3" && lines.last == "d9999.csv 6")
    }

    @Test func aSmallArchiveIsTheClassicFormatAsBefore() throws {
        let zip = ZipArchive(entries: [ZipArchive.Entry(name: "a.csv", bytes: Array("1\n".utf8))]).bytes()
        // Local header (30 + 5 + 2), central header (46 + 5), end record (22): no ZIP64 record.
        #expect(zip.count == 37 + 51 + 22)
        #expect(Array(zip.suffix(22).prefix(4)) == [0x50, 0x4B, 0x05, 0x06])
        #expect(try Self.read(zip).entries.map(\.name) == ["a.csv"])
    }

    // MARK: Reading, ZIP64 included (APPNOTE 4.3.14–4.3.15, 4.5.3)

    struct ReadError: Error, CustomStringConvertible { var description: String }

    static func read(_ zip: [UInt8]) throws -> (zip64: Bool, entries: [OpenDataTests.ZipEntry]) {
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }
        let end = zip.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw ReadError(description: "no end of central directory") }
        var count = u16(end + 10), directory = u32(end + 16)
        let zip64 = end >= 20 && u32(end - 20) == 0x0706_4B50
        if zip64 {
            let record = u64(end - 20 + 8)
            guard u32(record) == 0x0606_4B50 else { throw ReadError(description: "no ZIP64 end record at \(record)") }
            count = u64(record + 32)
            directory = u64(record + 48)
        } else if count == 0xFFFF || directory == 0xFFFF_FFFF {
            throw ReadError(description: "a field says ZIP64 but there is no ZIP64 record")
        }
        var entries: [OpenDataTests.ZipEntry] = []
        var at = directory
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50 else { throw ReadError(description: "bad central header at \(at)") }
            var size = u32(at + 24), offset = u32(at + 42)
            let crc = u32(at + 16), nameLength = u16(at + 28), extraLength = u16(at + 30), comment = u16(at + 32)
            let name = String(decoding: zip[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // The ZIP64 extra field holds, in order, only the values whose field is 0xFFFFFFFF.
            var extra = at + 46 + nameLength
            while extra < at + 46 + nameLength + extraLength {
                var field = extra + 4
                if u16(extra) == 0x0001 {
                    if size == 0xFFFF_FFFF {
                        guard u64(field) == u64(field + 8) else { throw ReadError(description: "sizes differ for \(name)") }
                        size = u64(field)
                        field += 16
                    }
                    if offset == 0xFFFF_FFFF { offset = u64(field) }
                }
                extra += 4 + u16(extra + 2)
            }
            guard u16(at + 10) == 0, u32(offset) == 0x0403_4B50 else { throw ReadError(description: "bad local header for \(name)") }
            let start = offset + 30 + u16(offset + 26) + u16(offset + 28)
            let bytes = Array(zip[start..<(start + size)])
            guard OpenDataTests.crc32(bytes) == crc else { throw ReadError(description: "bad CRC for \(name)") }
            entries.append(OpenDataTests.ZipEntry(name: name, bytes: bytes))
            at = extra + comment
        }
        return (zip64, entries)
    }

    static let hasPython = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    /// Each entry's name and size as Python's zipfile reads them (after its CRC check).
    static func python(_ zip: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-zip-\(UUID().uuidString).zip")
        try Data(zip).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                for i in z.infolist(): print(i.filename, i.file_size)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3's zipfile refused the archive")
        return String(decoding: data, as: UTF8.self)
    }
}
