#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

extension Files {
    /// The process's limit on open files (`RLIMIT_NOFILE`, the soft limit `ulimit -n` shows)
    /// and how many are open now; nil where the system does not say.
    public static func descriptors() -> (open: Int, limit: Int)? {
        var limit = rlimit()
        #if canImport(Glibc)
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return nil }
        #endif
        #if os(Linux)
        let folder = "/proc/self/fd"
        #else
        let folder = "/dev/fd"
        #endif
        // The listing holds the folder's own descriptor, open while it is read.
        let open = list(folder, recursive: false).count - 1
        guard open >= 0 else { return nil }
        return (open, Int(clamping: limit.rlim_cur))  // RLIM_INFINITY: the largest value, clamped
    }
}
