import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `RAPPORT_SERIAL=1` runs everything on one thread (for profiling: a profiler counting
/// instructions then sees no idle spinning of worker threads).
private let runSerially: Bool = getenv("RAPPORT_SERIAL") != nil

extension Array {
    /// `transform` applied to every element on all cores, results in input order (so whatever
    /// is built from them stays deterministic). For independent, CPU-bound work: parsing
    /// datasets, rendering pages.
    public func parallelMap<Result>(_ transform: (Element) -> Result) -> [Result] {
        guard count > 1, !runSerially else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            var results = [Result?](repeating: nil, count: count)
            results.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                nonisolated(unsafe) let items = self
                nonisolated(unsafe) let work = transform
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    slots[index] = work(items[index])
                }
            }
            return results.map { $0! }
        }
    }
}
