import Testing

@testable import RapportCore

/// `firstRange(of:)` on bytes (memmem) finds what a byte-by-byte search finds, in slices that
/// do not start at 0 too.
@Suite struct ByteSearchTests {
    static func naive(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start..<(start + needle.count) }
            start += 1
        }
        return nil
    }

    /// One byte, by `memchr`, within a range: as a plain search of the same range.
    @Test func aByteIsFoundWithinARangeAsAPlainSearchFindsIt() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in [UInt8(0x0A), 0x7B, 0x61][Int.random(in: 0...2, using: &generator)] }
            let from = Int.random(in: 0...45, using: &generator), to = Int.random(in: 0...45, using: &generator)
            let plain = from < min(to, bytes.count) ? bytes[from..<min(to, bytes.count)].firstIndex(of: 0x7B) : nil
            #expect(bytes.firstIndex(of: 0x7B, from: from, to: to) == plain, "\(bytes) \(from) \(to)")
        }
    }

    @Test func findsWhatAByteByByteSearchFinds() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) }
            let from = Int.random(in: 0...bytes.count, using: &generator)
            let slice = bytes[from...]
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in UInt8.random(in: 0...3, using: &generator) }
            #expect(slice.firstRange(of: needle) == Self.naive(slice, needle), "\(bytes) from \(from), \(needle)")
        }
        #expect(Array("<figure class=\"x\">".utf8).firstRange(of: Array("class".utf8)) == 8..<13)
        #expect([UInt8]().firstRange(of: [1]) == nil)
    }
}
