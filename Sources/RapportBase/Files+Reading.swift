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

/// Every file Rapport reads is read here, and only if it is a regular file no larger than its
/// kind may be: checked with `stat` (`lstat` where no link may be followed) before it is
/// opened, opened with `O_NONBLOCK` (a FIFO put there in between cannot block) and
/// `O_NOFOLLOW` where no link may be followed, checked again with `fstat` once open, and read
/// to at most its limit. A FIFO, a device or a socket is never read (one could block the build
/// forever, another never ends), and a file over its limit is refused from its size, before a
/// byte of it is read.
extension Files {
    /// The most bytes Rapport reads of one file, by what the file is for.
    public struct Limit: Sendable, Equatable {
        public var bytes: Int
        /// "reads of a text file": how the message names the limit.
        public var role: String
        /// What to do about a file over it.
        public var fix: String

        public init(bytes: Int, role: String, fix: String) {
            self.bytes = bytes
            self.role = role
            self.fix = fix
        }

        /// Chapters, YAML, CSV, templates, SVG images (parsed), Rapport's own values file.
        public static let text = Limit(bytes: 64_000_000, role: "reads of a text file", fix: "split it into smaller files")
        /// Images, documents and assets copied into the site, the printed whole report.
        public static let published = Limit(
            bytes: 256_000_000, role: "publishes of a file",
            fix: "make it smaller (compress it, or split it), or publish it elsewhere and link to its address")
    }

    /// Whether a symbolic link at the path itself is followed (the content rules decide where
    /// it may lead), or refused (Rapport's own files beside the output).
    public enum Links: Sendable {
        case follow
        case refuse
    }

    /// Why a file was not read.
    public enum Refusal: Error, Equatable, Sendable {
        case missing
        case folder
        /// A FIFO, a device or a socket, as a message names it ("a FIFO (named pipe)").
        case special(String)
        /// A symbolic link where none is followed.
        case link
        case tooLarge(size: Int, limit: Limit)
        /// What the system said (`errno`): no permission, out of file descriptors …
        case system(Int32)

        /// What the file is, said in one clause ("this is a FIFO (named pipe), not a regular
        /// file"; "file is 300,000,000 bytes (300 MB), more than the 64 MB Rapport reads of a
        /// text file"; "cannot read file: Too many open files").
        public var reason: String {
            switch self {
            case .missing: "file does not exist"
            case .folder: "this is a folder, not a file"
            case let .special(what): "this is \(what), not a regular file"
            case .link: "this is a symbolic link, not a regular file"
            case let .tooLarge(size, limit): "file is \(Files.overLimit(size, limit))"
            case let .system(code): "cannot read file: \(String(cString: strerror(code)))"
            }
        }

        /// What to do about it.
        public var fix: String? {
            switch self {
            case .missing, .folder: nil
            case .special, .link: "replace it with the file itself; Rapport reads only regular files"
            case let .tooLarge(_, limit): limit.fix
            case let .system(code):
                code == EMFILE || code == ENFILE
                    ? "too many files are open: close other programs or raise the limit (ulimit -n), then build again" : nil
            }
        }

        /// True when the system ran out of file descriptors: not the file's fault.
        public var isDescriptorShortage: Bool {
            if case let .system(code) = self { return code == EMFILE || code == ENFILE }
            return false
        }
    }

    /// Why `path` would not be read, from `stat` (`lstat` with `.refuse`) alone; nil when it
    /// is a regular file within `limit`. Opens nothing.
    public static func refusal(_ path: String, limit: Limit = .text, links: Links = .follow) -> Refusal? {
        var info = stat()
        guard (links == .follow ? stat(path, &info) : lstat(path, &info)) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .system(errno)
        }
        return refusal(info, limit: limit)
    }

    private static func refusal(_ info: stat, limit: Limit) -> Refusal? {
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return Int(info.st_size) > limit.bytes ? .tooLarge(size: Int(info.st_size), limit: limit) : nil
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        case S_IFIFO: return .special("a FIFO (named pipe)")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a file")
        }
    }

    /// The bytes of the regular file at `path`, at most `limit.bytes` of them, or why not.
    public static func read(_ path: String, limit: Limit = .text, links: Links = .follow) -> Result<[UInt8], Refusal> {
        stamped(path, limit: limit, links: links).map(\.bytes)
    }

    /// `read`, with the stamp of the very file read (from `fstat` once it was open).
    public static func stamped(_ path: String, limit: Limit = .text, links: Links = .follow) -> Result<(bytes: [UInt8], stamp: FileStamp), Refusal> {
        if let refusal = refusal(path, limit: limit, links: links) { return .failure(noteShortage(refusal)) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (links == .refuse ? O_NOFOLLOW : 0))
        guard descriptor >= 0 else {
            let code = errno
            return .failure(noteShortage(code == ELOOP && links == .refuse ? .link : code == ENOENT ? .missing : .system(code)))
        }
        defer { close(descriptor) }
        // What was opened, which may not be what was looked at a moment before.
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.system(errno)) }
        if let refusal = refusal(info, limit: limit) { return .failure(refusal) }
        // + 1: the end seen without growing; a file that grew past the limit stops there.
        let capacity = min(max(Int(info.st_size), 0), limit.bytes) + 1
        // Read into memory that is not cleared first: a rebuild reads tens of MB of pictures.
        var bytes: [UInt8]
        switch fill(descriptor, capacity) {
        case let .success(read): bytes = read
        case let .failure(refusal): return .failure(refusal)
        }
        // The file grew while it was read: the rest, a piece at a time, up to the limit.
        var full = bytes.count == capacity
        while full {
            guard bytes.count <= limit.bytes else { return .failure(.tooLarge(size: bytes.count, limit: limit)) }
            let more = min(max(4096, bytes.count), limit.bytes + 1 - bytes.count)
            switch fill(descriptor, more) {
            case let .success(piece):
                full = piece.count == more
                bytes += piece
            case let .failure(refusal): return .failure(refusal)
            }
        }
        guard bytes.count <= limit.bytes else { return .failure(.tooLarge(size: bytes.count, limit: limit)) }
        return .success((bytes, FileStamp(info)))
    }

    /// Up to `count` bytes read from `descriptor` until the file ends, or why a read failed.
    private static func fill(_ descriptor: Int32, _ count: Int) -> Result<[UInt8], Refusal> {
        var code: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var total = 0
            while total < count {
                let read = systemRead(descriptor, buffer.baseAddress! + total, count - total)
                if read < 0, errno == EINTR { continue }
                if read < 0 { code = errno; break }
                if read == 0 { break }
                total += read
            }
            initialized = code == 0 ? total : 0
        }
        return code == 0 ? .success(bytes) : .failure(.system(code))
    }

    /// A file as UTF-8 text, or the one diagnostic saying why not (at the first invalid byte
    /// when it is not UTF-8).
    public static func readText(_ path: String, display: String, limit: Limit = .text) -> Result<String, Diagnostic> {
        switch read(path, limit: limit) {
        case let .success(bytes): return decodeUTF8(bytes, file: display)
        case let .failure(refusal): return .failure(diagnostic(refusal, file: display))
        }
    }

    /// The one diagnostic for a file that was not read, at the file (its lines are never shown:
    /// there are none to show).
    public static func diagnostic(_ refusal: Refusal, file: String, severity: Diagnostic.Severity = .error) -> Diagnostic {
        var diagnostic = Diagnostic(severity, SourceLocation(file: file), refusal.reason, fix: refusal.fix)
        diagnostic.quotesSource = false
        return diagnostic
    }

    /// "300,000,000 bytes (300 MB), more than the 64 MB Rapport reads of a text file".
    public static func overLimit(_ size: Int, _ limit: Limit) -> String {
        let shown = size < 1_000_000 ? "\(grouped(size)) bytes" : "\(grouped(size)) bytes (\(megabytes(size)))"
        let most = limit.bytes < 1_000_000 ? "\(grouped(limit.bytes)) bytes" : megabytes(limit.bytes)
        return "\(shown), more than the \(most) Rapport \(limit.role)"
    }

    /// `1,234,567`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number), result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }

    /// `64 MB`, `2.1 GB`, `0.3 MB` (decimal units, as file managers show sizes).
    static func megabytes(_ bytes: Int) -> String {
        func shown(_ value: Double, _ unit: String) -> String {
            let rounded = (value * 10).rounded() / 10
            return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + " " + unit
        }
        return bytes >= 1_000_000_000 ? shown(Double(bytes) / 1e9, "GB") : shown(Double(bytes) / 1e6, "MB")
    }
}
