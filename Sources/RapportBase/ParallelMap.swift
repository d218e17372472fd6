import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// `RAPPORT_SERIAL=1` runs everything on one thread (for profiling: a profiler counting
/// instructions then sees no idle spinning of worker threads).
private let runSerially: Bool = getenv("RAPPORT_SERIAL") != nil

extension Array where Element: Sendable {
    /// `transform` applied to every element on all cores, results in input order (so whatever
    /// is built from them stays deterministic). For independent, CPU-bound work: parsing
    /// datasets, rendering pages. The compiler checks that `transform` may run on any thread
    /// (`@Sendable`); each call writes only its own slot of the results.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1, !runSerially else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            var results = [Result?](repeating: nil, count: count)
            results.withUnsafeMutableBufferPointer { buffer in
                // Distinct indices, distinct slots: no two threads write the same memory.
                nonisolated(unsafe) let slots = buffer
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    slots[index] = transform(self[index])
                }
            }
            return results.map { $0! }
        }
    }
}
