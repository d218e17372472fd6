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
    /// The most bytes Rapport reads of one file, by what the file is for (`FileLimit`).
    public typealias Limit = FileLimit

    /// Whether a symbolic link at the path itself is followed (the content rules decide where
    /// it may lead), or refused (Rapport's own files beside the output).
    public enum Links: Sendable {
        case follow
        case refuse
    }

    /// Why a file was not read (worded in Diagnostics' `Wording/FileProblem.swift`).
    public typealias Refusal = FileRefusal

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
        case S_IFIFO: return .special(.fifo)
        case S_IFCHR: return .special(.characterDevice)
        case S_IFBLK: return .special(.blockDevice)
        case S_IFSOCK: return .special(.socket)
        default: return .special(.other)
        }
    }

    /// The bytes of the regular file at `path`, at most `limit.bytes` of them, or why not.
    public static func read(_ path: String, limit: Limit = .text, links: Links = .follow) -> Result<[UInt8], Refusal> {
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
        return .success(bytes)
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
        var diagnostic = Diagnostic(severity, SourceLocation(file: file), .file(.refused(refusal)))
        diagnostic.quotesSource = false
        return diagnostic
    }
}

extension FileLimit {
    /// Chapters, YAML, CSV, templates, SVG images (parsed), Rapport's own values file.
    public static let text = FileLimit(bytes: 64_000_000, use: .text)
    /// Images, documents and assets copied into the site, the printed whole report.
    public static let published = FileLimit(bytes: 256_000_000, use: .published)
}
