import Diagnostics
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

/// Writes the built site into a staging folder beside the output folder and swaps the two
/// only when everything was written: a failed build never leaves a half-built site, and
/// readers of the output folder never see a mix.
///
/// The staging folder is the build before last, kept as `.<output>.previous` (hidden, beside
/// the output folder): a rebuild compares each file with what is there and writes only those
/// that changed, then removes the files the site no longer has. After a data update most of a
/// site is unchanged, and creating thousands of files (then deleting the old ones) would cost
/// more than rendering them.
struct SiteWriter: Sendable {
    /// A file in every output folder, so that Rapport never replaces a folder it did not build.
    static let marker = ".rapport-build"
    /// Files a folder may hold and still count as empty; never removed.
    static let ignorable: Set<String> = [".gitkeep", ".DS_Store"]

    let output: URL
    let staging: URL
    let stagingPath: String  // made once: `URL.path` cost thousands of instructions a file
    let outputDisplay: String
    /// Held from before the staging folder is touched until the swap is done.
    private let lock: BuildLock
    /// What the staging folder held when the build began (paths relative to it): its files,
    /// and its folders deepest first. Whatever the build does not write again is removed.
    private let previousFiles: [String]
    private let previousFolders: [String]

    /// Checks that `output` may be replaced, creates the folders it is in when they are missing,
    /// takes the build lock beside it (waiting, with a message to `waiting`, while another build
    /// holds it, at most `waitLimit`) and prepares the staging folder. Refuses, and touches nothing, when the output
    /// path or the staging path holds anything Rapport did not make: a file, a symbolic link, a
    /// folder that is not a Rapport build.
    init(
        output: URL, display: (URL) -> String, waiting: ((String) -> Void)? = nil, waitLimit: Duration? = nil
    ) throws(BuildFailure) {
        self.output = output
        staging = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
        stagingPath = staging.path
        outputDisplay = display(output)
        try Self.checkReplaceable(output.path, shown: outputDisplay, role: "--output")
        try Self.makeParents(of: output, display: display)
        lock = try BuildLock(beside: output, waiting: waiting, limit: waitLimit)
        // Checked again under the lock: a build that held it may have just created them.
        try Self.checkReplaceable(output.path, shown: outputDisplay, role: "--output")
        try Self.checkReplaceable(stagingPath, shown: display(staging), role: "the staging folder")
        if mkdir(stagingPath, 0o755) != 0, errno != EEXIST {
            throw BuildFailure(message: "cannot write the site to \(outputDisplay): \(String(cString: strerror(errno)))")
        }
        // Marked at once, so that even a build that fails half-way leaves a folder known as ours.
        guard Self.replaceFile(stagingPath + "/" + Self.marker, FileContents(Self.markerText)) else {
            throw BuildFailure(message: "cannot write the site to \(outputDisplay): \(String(cString: strerror(errno)))")
        }
        // One walk, before anything is written: symbolic links (and anything else that is not a
        // plain file or folder) are removed, so no write can follow one out of the folder.
        var files: [String] = [], folders: [String] = []
        for entry in Files.list(stagingPath) {
            switch entry.kind {
            case .file: if entry.path != Self.marker, !Self.ignorable.contains(String(entry.name)) { files.append(entry.path) }
            case .folder: folders.append(entry.path)
            case .symbolicLink, .refusedLink, .other: unlink(stagingPath + "/" + entry.path)
            }
        }
        previousFiles = files
        previousFolders = folders.sorted { $0.utf8.count > $1.utf8.count }
    }

    private static let markerText = Array("Built by rapport. This folder is replaced by every build: do not edit it.\n".utf8)

    /// Puts one file into the staging folder unless it already holds these very bytes. A file
    /// that changed is written under a temporary name and renamed over the old one: never
    /// rewritten in place, so a hard-link snapshot of an earlier build (`cp -al`,
    /// `rsync --link-dest`) keeps its own copy.
    func write(_ file: OutputFile) throws(BuildFailure) { try write(file.path, FileContents(file.bytes)) }

    /// `write` for contents handed over in pieces (the whole report), never put together in memory.
    func write(_ relativePath: String, _ contents: FileContents) throws(BuildFailure) {
        let path = stagingPath + "/" + relativePath
        // A file the build before last did not have is created in place (nothing to keep safe);
        // one it had with other bytes is replaced by a rename, never rewritten.
        let existing = Self.existing(path, contents)
        func put() -> Bool {
            existing == .missing ? Self.createFile(path, contents) : Self.replaceFile(path, contents)
        }
        if existing == .same || put() { return }
        if let slash = path.lastIndex(of: "/"),
            errno == ENOENT || errno == ENOTDIR || errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST
        {
            // A missing folder, or a file or folder in the way from the build before last (all
            // inside the staging folder, which is Rapport's own).
            if Files.kind(ofPath: path) == .folder { try? FileManager.default.removeItem(atPath: path) }
            Self.makeFolder(String(path[..<slash]), below: stagingPath)
            if put() { return }
        }
        throw BuildFailure(message: "cannot write \(outputDisplay)/\(relativePath): \(String(cString: strerror(errno)))")
    }

    /// Refuses a path that holds anything but nothing, an empty folder or a Rapport build.
    private static func checkReplaceable(_ path: String, shown: String, role: String) throws(BuildFailure) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let names = Files.list(path, recursive: false).map { String($0.name) }
            if names.contains(marker) || names.allSatisfy(ignorable.contains) { return }
            throw BuildFailure(
                message:
                    "\(shown) exists and was not built by rapport; refusing to replace it (\(role == "--output" ? "choose another --output or empty it" : "move it away; rapport keeps its build before last there"))"
            )
        case S_IFLNK:
            throw BuildFailure(
                message:
                    "\(shown) is a symbolic link; refusing to replace it (\(role == "--output" ? "give the folder it points to as --output" : "remove the link; rapport keeps its build before last there"))"
            )
        default:
            throw BuildFailure(
                message:
                    "\(shown) is a file, not a folder; refusing to replace it (\(role == "--output" ? "choose another --output" : "move it away; rapport keeps its build before last there"))"
            )
        }
    }

    /// Creates the folders `output` is in when they are missing, as `mkdir -p` would
    /// (`--output out/Public` where there is no `out/` yet); a file in the way is one error.
    private static func makeParents(of output: URL, display: (URL) -> String) throws(BuildFailure) {
        var missing: [URL] = []
        var folder = output.deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            if stat(folder.path, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw BuildFailure(
                        message: "cannot create \(display(output)): \(display(folder)) is a file, not a folder (choose another --output)")
                }
                break
            }
            guard errno == ENOENT || errno == ENOTDIR else {
                throw BuildFailure(message: "cannot create \(display(output)): \(display(folder)): \(String(cString: strerror(errno)))")
            }
            missing.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        for folder in missing.reversed() where mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
            throw BuildFailure(message: "cannot create \(display(output)): \(display(folder)): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes the assets, removes what the build before last had and this one does not, then
    /// swaps the staging folder and the output folder.
    func commit(paths: Set<String>, assets: [TemplateSet.Asset]) throws(BuildFailure) {
        var keep = paths
        for asset in assets {
            // Checked when it was found; read now, to its limit (it may have changed since).
            let bytes: [UInt8]
            switch Files.read(asset.source, limit: .published) {
            case let .success(read): bytes = read
            case let .failure(refusal): throw BuildFailure(message: "cannot publish \(asset.source): \(refusal.reason)")
            }
            try write(OutputFile(path: asset.path, bytes: bytes))
            keep.insert(asset.path)
        }
        try removeStale(keeping: keep)
        do {
            try swap()
        } catch {
            throw BuildFailure(message: "cannot write the site to \(outputDisplay): \(error.localizedDescription)")
        }
    }

    /// Deletes the files of the build before last that this build did not write, then the
    /// folders left empty (deepest first; rmdir leaves a folder that still has files). A file
    /// that cannot be deleted fails the build before the swap: a page the site no longer has
    /// is never published.
    private func removeStale(keeping: Set<String>) throws(BuildFailure) {
        for file in previousFiles where !keeping.contains(file) {
            // Gone already, or a folder this build made where the file was: nothing stale left.
            if unlink(stagingPath + "/" + file) != 0, errno != ENOENT, Files.kind(ofPath: stagingPath + "/" + file) != .folder {
                throw BuildFailure(
                    message: "cannot remove \(stagingPath)/\(file), which the site no longer has: \(String(cString: strerror(errno)))")
            }
        }
        for folder in previousFolders { rmdir(stagingPath + "/" + folder) }
    }

    /// Exchanges the two folders in one step where the system can (Linux's renameat2, macOS's
    /// renamex_np); else two renames, with the output folder missing for the instant between them.
    private func swap() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        if Self.exchange(stagingPath, output.path) { return }
        let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).swap-\(getpid())")
        try fm.moveItem(at: output, to: aside)
        try fm.moveItem(at: staging, to: output)
        try fm.moveItem(at: aside, to: staging)
    }

    /// Swaps the entries at `a` and `b` in one step; false where the system cannot.
    private static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let renameat2 = renameAt2 else { return false }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's renameat2 (since glibc 2.28), looked up at run time: Swift's Glibc module does not
    /// declare it, and an older C library or another one (musl) may lack it.
    private static let renameAt2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    /// True when the file at `path` holds exactly `text` (compared in one read).

    enum Existing { case same, other, missing }

    /// Whether `path` holds these very bytes, something else (another file, a link, a folder),
    /// or nothing at all.
    static func existing(_ path: String, _ contents: FileContents) -> Existing {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)  // a FIFO never blocks
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .other }
        defer { close(descriptor) }
        return compare(descriptor, contents) ? .same : .other
    }

    /// Whether the open file holds exactly `contents`: same size, then the same bytes, read
    /// piece by piece (a buffer the size of the largest piece, plus one byte to see the end).
    private static func compare(_ descriptor: Int32, _ contents: FileContents) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == contents.count else {
            return false
        }
        // Room for a one-piece file at once (most of them); grown for a larger piece.
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: min(contents.count, 1 << 20) + 1, alignment: 16)
        defer { buffer.deallocate() }
        func readFully(_ count: Int) -> Int {
            if buffer.count < count {
                buffer.deallocate()
                buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
            }
            var total = 0
            while total < count {
                let read = systemRead(descriptor, buffer.baseAddress! + total, count - total)
                if read < 0, errno == EINTR { continue }
                if read <= 0 { break }
                total += read
            }
            return total
        }
        var same = true
        contents.pieces { piece in
            guard same, !piece.isEmpty else { return }
            same = readFully(piece.count) == piece.count && memcmp(buffer.baseAddress!, piece.baseAddress!, piece.count) == 0
        }
        return same && readFully(1) == 0
    }

    /// Writes `contents` to a new file beside `path` and renames it over `path` (an old file at
    /// `path` is replaced, never modified). open/write/close: Foundation's `Data.write` and
    /// `createFile` fsync every file, which costs more than the whole build; durability comes
    /// from swapping the finished folder. False with `errno` set when it failed.
    static func replaceFile(_ path: String, _ contents: FileContents) -> Bool {
        guard let slash = path.lastIndex(of: "/") else { return false }
        let temporary = String(path[..<slash]) + "/.rapport-new." + String(path[path.index(after: slash)...])
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if descriptor < 0, errno == EEXIST {
            unlink(temporary)  // one left by a build that was killed
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard descriptor >= 0 else { return false }
        var ok = writeAll(descriptor, contents)
        var saved = errno
        if close(descriptor) != 0, ok { ok = false; saved = errno }
        if ok, rename(temporary, path) == 0 { return true }
        if ok { saved = errno }
        unlink(temporary)
        errno = saved
        return false
    }

    /// Writes `contents` to a new file at `path`, which must not exist. False with `errno` set
    /// when it failed (a file half written is removed).
    static func createFile(_ path: String, _ contents: FileContents) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return false }
        var ok = writeAll(descriptor, contents)
        var saved = errno
        if close(descriptor) != 0, ok { ok = false; saved = errno }
        if ok { return true }
        unlink(path)
        errno = saved
        return false
    }

    private static func writeAll(_ descriptor: Int32, _ contents: FileContents) -> Bool {
        var ok = true
        contents.pieces { bytes in
            var written = 0
            while ok, written < bytes.count {
                let result = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    ok = false
                } else {
                    written += result
                }
            }
        }
        return ok
    }

    /// Creates `folder` and its missing parents up to `root`, replacing a file in the way.
    static func makeFolder(_ folder: String, below root: String) {
        guard folder.count > root.count, mkdir(folder, 0o755) != 0 else { return }
        if errno == EEXIST {
            var info = stat()
            if lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                unlink(folder)
                mkdir(folder, 0o755)
            }
            return
        }
        if errno == ENOENT, let slash = folder.lastIndex(of: "/") {
            makeFolder(String(folder[..<slash]), below: root)
            mkdir(folder, 0o755)
        }
    }
}
