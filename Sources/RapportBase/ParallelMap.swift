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

/// Work started on another thread now, its result taken later (`value` waits for it): for a
/// stage that needs only what is already loaded, done while the stages before it keep the
/// other cores busy. Serial under `RAPPORT_SERIAL=1`: the work is done at once.
public final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        if runSerially {
            result = work()
            done.signal()
            return
        }
        DispatchQueue.global().async {
            self.result = work()  // written once, before the signal; read only after the wait
            self.done.signal()
        }
    }

    /// The work's result, once it is done.
    public var value: Value {
        done.wait()
        done.signal()  // for the next reader
        return result!
    }
}
