#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

import Diagnostics

/// The few file-system calls the loaders need, on plain paths: listing a content folder and
/// reading a file (`Files+Reading.swift`: the one way Rapport reads a file). Foundation's enumerator and `URL` resource values cost more per file than
/// parsing the file; a site with thousands of chapters and datasets lists and reads them here.
public enum Files {
    public enum Kind: String, Sendable {
        case file
        case folder
        case symbolicLink
        /// A symbolic link pointing outside the folder being read (`listFollowingInside`).
        case refusedLink
        case other
    }

    public struct Entry: Sendable {
        /// Relative to the folder that was listed, with `/` between segments.
        public var path: String
        public var kind: Kind

        /// The last segment.
        public var name: Substring {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return Substring(path) }
            return path[path.utf8.index(after: slash)...]
        }
    }

    /// Everything under `root` (recursively; symbolic links are listed, not followed), sorted by
    /// path. Empty when `root` cannot be read.
    public static func list(_ root: String, recursive: Bool = true) -> [Entry] {
        var entries: [Entry] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let folder = opendir(path) else {
                if errno == EMFILE || errno == ENFILE { shortages.add() }
                return
            }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var kind: Kind
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): kind = .file
                case Int32(DT_DIR): kind = .folder
                case Int32(DT_LNK): kind = .symbolicLink
                case Int32(DT_UNKNOWN): kind = Self.kind(ofPath: path + "/" + name)
                default: kind = .other
                }
                entries.append(Entry(path: child, kind: kind))
                if kind == .folder, recursive { walk(child) }
            }
        }
        walk("")
        return entries.sorted { $0.path < $1.path }
    }

    /// What is at `path`, without following a symbolic link; nil when nothing is.
    public static func kind(ofPath path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}

extension Files {
    /// How many times, since the process started, a file or folder could not be opened because
    /// the process or the system ran out of file descriptors (`EMFILE`, `ENFILE`). A build whose
    /// count went up read less than the study holds: its errors are not the study's (a folder
    /// that could not be listed looks empty).
    public static var descriptorShortages: Int { shortages.value }

    static func noteShortage(_ refusal: Refusal) -> Refusal {
        if refusal.isDescriptorShortage { shortages.add() }
        return refusal
    }

    fileprivate static let shortages = Counter()
}

/// A count shared by every thread (RapportBase does without Foundation's locks).
private final class Counter: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var count = 0

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    func add() {
        pthread_mutex_lock(mutex)
        count += 1
        pthread_mutex_unlock(mutex)
    }

    var value: Int {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return count
    }
}

/// The C library's read(2) and write(2), under names of their own: inside `Files.read` and
/// `SiteWriter.write` the plain names mean those methods.
@inline(__always)
package func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(descriptor, buffer, count)
    #elseif canImport(Darwin)
    Darwin.read(descriptor, buffer, count)
    #endif
}

@inline(__always)
package func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #elseif canImport(Darwin)
    Darwin.write(descriptor, buffer, count)
    #endif
}
