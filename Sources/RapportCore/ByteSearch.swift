#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding bytes in bytes, for the passes over rendered HTML (the whole report, its assembly).
extension UnsafeBufferPointer<UInt8> {
    /// The first index of `byte` in `from..<before` (the C library's vectorised `memchr`).
    func first(_ byte: Unicode.Scalar, from: Int, before: Int) -> Int? {
        guard let base = baseAddress, from < before,
            let found = memchr(base + from, Int32(byte.value), before - from)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The first place `needle` occurs wholly inside `from..<before` (`memchr` for its first
    /// byte, `memcmp` for the rest).
    func find<S: Sequence<UInt8>>(_ needle: S, from: Int, before: Int) -> Range<Int>? {
        let needle = Array(needle)
        guard let base = baseAddress, let head = needle.first else { return nil }
        var start = from
        while start + needle.count <= before,
            let found = memchr(base + start, Int32(head), before - start - needle.count + 1)
        {
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if needle.withUnsafeBufferPointer({ memcmp(base + offset, $0.baseAddress!, needle.count) }) == 0 {
                return offset..<(offset + needle.count)
            }
            start = offset + 1
        }
        return nil
    }

    func find(_ needle: String, from: Int, before: Int) -> Range<Int>? { find(needle.utf8, from: from, before: before) }

    func hasPrefix<S: Sequence<UInt8>>(_ prefix: S, at i: Int, before: Int? = nil) -> Bool {
        let limit = before ?? count
        var k = i
        for byte in prefix {
            guard k < limit, self[k] == byte else { return false }
            k += 1
        }
        return true
    }

    func hasPrefix(_ prefix: String, at i: Int, before: Int? = nil) -> Bool { hasPrefix(prefix.utf8, at: i, before: before) }
}
