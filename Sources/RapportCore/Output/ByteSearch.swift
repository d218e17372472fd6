#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// Finding a byte in bytes, for the passes over rendered HTML (the whole report's assembly).
extension UnsafeBufferPointer<UInt8> {
    /// The first index of `byte` in `from..<before` (the C library's vectorised `memchr`).
    func first(_ byte: Unicode.Scalar, from: Int, before: Int) -> Int? {
        guard let base = baseAddress, from < before,
            let found = memchr(base + from, Int32(byte.value), before - from)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension [UInt8] {
    /// The first index of `byte` in `from..<to` (by default to the end), by `memchr`.
    func firstIndex(of byte: UInt8, from: Int, to: Int? = nil) -> Int? {
        let end = Swift.min(to ?? count, count)
        guard from < end else { return nil }
        return withUnsafeBufferPointer { $0.first(Unicode.Scalar(byte), from: from, before: end) }
    }
}

/// Finding bytes in bytes: `memchr` to each place the first byte occurs, `memcmp` there (the
/// C library's vectorised calls; Swift's Glibc module has no `memmem`). Named as Foundation's
/// `DataProtocol.firstRange(of:)`, which these overloads replace for byte arrays: Foundation's
/// generic one compared byte by byte through protocol witnesses, and took half of a build when
/// the whole report's annex and footnotes searched the report with it.
extension ArraySlice<UInt8> {
    func firstRange(of needle: [UInt8]) -> Range<Int>? {
        guard let first = needle.first else { return startIndex..<startIndex }
        return withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                guard let base = haystack.baseAddress else { return nil }
                var from = 0
                while haystack.count - from >= needle.count,
                    let found = memchr(base + from, Int32(first), haystack.count - from - needle.count + 1)
                {
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, needle.baseAddress!, needle.count) == 0 {
                        return (startIndex + at)..<(startIndex + at + needle.count)
                    }
                    from = at + 1
                }
                return nil
            }
        }
    }
}

extension Array<UInt8> {
    func firstRange(of needle: [UInt8]) -> Range<Int>? { self[...].firstRange(of: needle) }
}
