#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Diagnostics

/// The few file-system calls the loaders need, on plain paths: listing a content folder and
/// reading a file. Foundation's enumerator and `URL` resource values cost more per file than
/// parsing the file; a site with thousands of chapters and datasets lists and reads them here.
public enum Files {
    public enum Kind: Sendable {
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
            guard let folder = opendir(path) else { return }
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

    /// The bytes of a file, or nil when it cannot be read.
    public static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)  // + 1: end of file seen without growing
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            total += count
        }
        bytes.removeLast(bytes.count - total)
        return bytes
    }

    /// A file as UTF-8 text, or a diagnostic (at the first invalid byte when it is not UTF-8).
    public static func readText(_ path: String, display: String) -> Result<String, Diagnostic> {
        guard let bytes = read(path) else {
            return .failure(.error(SourceLocation(file: display), "cannot read file"))
        }
        return decodeUTF8(bytes, file: display)
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
