import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// An exclusive lock beside an output folder (`.Public.lock`), held by a build from before it
/// touches the staging folder until the swap is done, so two builds into one folder (two
/// terminals, `make` during another `make`) never mix their files: the second one waits.
///
/// `flock` locks belong to the open file: the lock goes away when the process ends, even after
/// `kill -9`, so a stale lock file never blocks anyone. The file is removed when the build ends,
/// by the build that holds its lock and only while it holds it, if the path still names the file
/// it locked. A build that was waiting on the file, or opened it just before, then holds a lock
/// on a file no longer at the path, which excludes nobody: so every build, once it has the lock,
/// checks that the path still names its file, and else starts again with the file there now (or
/// a new one). Two builds that both follow this never hold the file at the path at once.
final class BuildLock: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// Takes the lock, waiting for it when another build holds it (`waiting` is told once), at
    /// most `limit` in all (nil: as long as it takes); past it, a failure saying so.
    init(beside output: URL, waiting: ((String) -> Void)?, limit: Duration? = nil) throws(BuildFailure) {
        path = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
        var told = false
        var deadline: ContinuousClock.Instant?
        while true {
            // O_NONBLOCK: a FIFO put at the lock file's name cannot block the open.
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
            guard descriptor >= 0 else {
                throw BuildFailure(message: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
            }
            if !Self.lock(descriptor, wait: false) {
                guard errno == EWOULDBLOCK else { throw Self.failure(path, closing: descriptor) }
                if !told { waiting?("another build is writing \(output.lastPathComponent); waiting for it to finish") }
                told = true
                if deadline == nil, let limit { deadline = .now + limit }
                switch Self.lock(descriptor, until: deadline) {
                case true?: break
                case false?: throw Self.failure(path, closing: descriptor)
                case nil:
                    close(descriptor)
                    let seconds = Int((limit ?? .zero).components.seconds)
                    throw BuildFailure(
                        message:
                            "gave up after waiting \(seconds) second\(seconds == 1 ? "" : "s"): another build is still writing \(output.lastPathComponent) (it holds \((path as NSString).lastPathComponent); let it finish or stop it, or wait longer with --wait SECONDS)"
                    )
                }
            }
            if Self.names(path, descriptor) {
                self.descriptor = descriptor
                return
            }
            // The build before removed the file as it let go: take the one at the path now.
            close(descriptor)
        }
    }

    private static func failure(_ path: String, closing descriptor: Int32) -> BuildFailure {
        let reason = String(cString: strerror(errno))
        close(descriptor)
        return BuildFailure(message: "cannot lock \(path): \(reason)")
    }

    /// Waits for the lock until `deadline` (nil: as long as it takes): true once taken, nil
    /// when the deadline passed first, false on an error. flock has no time limit of its own:
    /// with one, it is tried every 50 ms.
    private static func lock(_ descriptor: Int32, until deadline: ContinuousClock.Instant?) -> Bool? {
        guard let deadline else { return lock(descriptor, wait: true) }
        while true {
            if lock(descriptor, wait: false) { return true }
            guard errno == EWOULDBLOCK else { return false }
            let left = deadline - .now
            guard left > .zero else { return nil }
            let pause = min(left, .milliseconds(50)).components
            usleep(useconds_t(pause.seconds * 1_000_000 + pause.attoseconds / 1_000_000_000_000))
        }
    }

    private static func lock(_ descriptor: Int32, wait: Bool) -> Bool {
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Whether `path` still names the open file (the same device and inode); with `removable`,
    /// also a plain empty file, as Rapport's lock files are (anything else is not ours to remove).
    private static func names(_ path: String, _ descriptor: Int32, removable: Bool = false) -> Bool {
        var open = stat(), named = stat()
        guard fstat(descriptor, &open) == 0, lstat(path, &named) == 0 else { return false }
        guard open.st_dev == named.st_dev, open.st_ino == named.st_ino else { return false }
        return !removable || ((named.st_mode & S_IFMT) == S_IFREG && named.st_size == 0)
    }

    /// Removes the file while the lock is still held, if the path still names it, then lets go.
    deinit {
        if Self.names(path, descriptor, removable: true) { unlink(path) }
        close(descriptor)
    }
}
