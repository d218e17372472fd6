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
