import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock beside an output folder (`.Public.lock`), held by a build from before it
/// touches the staging folder until the swap is done, so two builds into one folder (two
/// terminals, `make` during another `make`) never mix their files: the second one waits.
///
/// `flock` locks belong to the open file: the lock goes away when the process ends, even after
/// `kill -9`, so a stale lock file never blocks anyone. The file itself is kept (removing a lock
/// file opens a race between a waiter and a newcomer).
final class BuildLock: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting for it when another build holds it (`waiting` is told once).
    init(beside output: URL, waiting: ((String) -> Void)?) throws(BuildFailure) {
        path = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw BuildFailure(message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        if Self.lock(descriptor, wait: false) { return }
        guard errno == EWOULDBLOCK else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw BuildFailure(message: "cannot lock \(path): \(reason)")
        }
        waiting?("another build is writing \(output.lastPathComponent); waiting for it to finish")
        guard Self.lock(descriptor, wait: true) else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw BuildFailure(message: "cannot lock \(path): \(reason)")
        }
    }

    private static func lock(_ descriptor: Int32, wait: Bool) -> Bool {
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    deinit { close(descriptor) }
}
