import Foundation
import RapportBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// What the watcher remembers of one file: its stamp (RapportBase's FileStamp: inode, size,
/// change and modification times), enough to notice any save, including an editor that writes
/// a new file and renames it over the old one (new inode); and whether it is a folder.
struct WatchedFile: Equatable, Sendable {
    var stamp: FileStamp
    var isDirectory: Bool
}

/// A polling watcher: `stat` of every file under the watched folders. About 150 files for the
/// study, a fraction of a millisecond per scan, portable, and immune to the editor-specific
/// quirks of inotify (atomic saves, swap files, folders replaced as a whole).
struct Snapshot: Equatable, Sendable {
    var files: [String: WatchedFile] = [:]

    /// nil when a folder could not be listed because the process ran out of file descriptors:
    /// a scan missing its files is no change (taking it for one made the preview rebuild into
    /// "missing template" errors).
    static func scan(_ roots: [URL]) -> Snapshot? {
        var snapshot = Snapshot()
        var complete = true
        for root in roots { snapshot.walk(root.path, depth: 0, complete: &complete) }
        return complete ? snapshot : nil
    }

    private mutating func walk(_ path: String, depth: Int, complete: inout Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let isDirectory = info.st_mode & S_IFMT == S_IFDIR
        files[path] = WatchedFile(stamp: FileStamp(info), isDirectory: isDirectory)
        guard isDirectory, depth < 24 else { return }
        guard let directory = opendir(path) else {
            if errno == EMFILE || errno == ENFILE { complete = false }
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            // Editors' swap, lock and backup files (`.x.swp`, `.#x`, `x~`) change as you type;
            // they are not input, so they do not trigger builds.
            if name.hasPrefix(".") || name.hasSuffix("~") { continue }
            walk(path + "/" + name, depth: depth + 1, complete: &complete)
        }
    }

    /// The files that differ between two scans (added, removed or changed), sorted; folders
    /// only when nothing inside them changed.
    func changes(since old: Snapshot) -> [String] {
        var changed: [String] = []
        for (path, file) in files where old.files[path] != file { changed.append(path) }
        for path in old.files.keys where files[path] == nil { changed.append(path) }
        let plain = changed.filter { files[$0]?.isDirectory != true && old.files[$0]?.isDirectory != true }
        return (plain.isEmpty ? changed : plain).sorted()
    }
}

/// Wakes the watcher early. The watcher scans every `pollInterval`; on Linux, inotify (when
/// available) also wakes it the moment a file in a watched folder changes, which saves the wait
/// for the next scan, and while every folder is watched the scans between events are only a
/// safety net, one every `quietPollInterval` (scanning 12,000 files every 100 ms kept 15 % of a
/// core busy in an idle preview at N = 1,000). The scan stays the only judge of what changed,
/// so a missed or spurious event costs nothing but a scan.
final class Wakeup: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: CheckedContinuation<Bool, Never>?
    private var pending = false
    private var generation = 0

    /// Returns after `timeout` (false), or earlier when `signal()` is called, or was since
    /// last time (true).
    @discardableResult
    func wait(timeout: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let mine: Int? = lock.withLock {
                if pending { pending = false; return nil }
                waiting = continuation
                generation += 1
                return generation
            }
            guard let mine else { continuation.resume(returning: true); return }
            Task {
                try? await Task.sleep(for: timeout)
                self.resume(ifGeneration: mine)
            }
        }
    }

    func signal() {
        let continuation: CheckedContinuation<Bool, Never>? = lock.withLock {
            defer { waiting = nil }
            if waiting == nil { pending = true }
            return waiting
        }
        continuation?.resume(returning: true)
    }

    private func resume(ifGeneration mine: Int) {
        let continuation: CheckedContinuation<Bool, Never>? = lock.withLock {
            guard generation == mine, let waiting else { return nil }
            self.waiting = nil
            return waiting
        }
        continuation?.resume(returning: false)
    }

    /// Forgets a signal that arrived while the caller was busy (it is about to scan anyway).
    func drain() { lock.withLock { pending = false } }
}

#if canImport(Glibc)
/// inotify watches on every folder of a snapshot, signalling `wakeup` on any change.
final class FolderEvents: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var watched: Set<String> = []
    private var missed = false
    private var stopped = false

    init?(wakeup: Wakeup) {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let fd = fd
        Thread { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 8192)
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while let self, !self.isStopped {
                guard poll(&poller, 1, 250) > 0 else { continue }
                guard read(fd, &buffer, buffer.count) > 0 else { continue }
                wakeup.signal()
            }
            close(fd)
        }.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Adds a watch on every folder of `snapshot` not watched yet (new folders appear in scans).
    func watch(_ snapshot: Snapshot) {
        let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE)
        for (path, file) in snapshot.files where file.isDirectory {
            guard lock.withLock({ watched.insert(path).inserted }) else { continue }
            if inotify_add_watch(fd, path, mask) < 0 { lock.withLock { missed = true } }
        }
    }

    /// Whether every folder seen so far is watched (none refused: the system's limit of
    /// watches, a folder gone in between): then an event comes for every change.
    var watchesAll: Bool { lock.withLock { !missed } }

    func stop() { lock.withLock { stopped = true } }
}
#else
final class FolderEvents: @unchecked Sendable {
    init?(wakeup: Wakeup) { return nil }
    func watch(_ snapshot: Snapshot) {}
    var watchesAll: Bool { false }
    func stop() {}
}
#endif
