import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the rendered files go, as each page is rendered (from several threads at once):
/// - `.memory`: kept, for `rapport serve` and the tests;
/// - `.counting`: only counted (`rapport check`);
/// - `.folder`: written straight into a staging folder beside the output folder
///   (`rapport build`), so a big site is never held in memory. The staging folder replaces
///   the output folder only when the whole build succeeded (`SiteWriter.commit`).
///
/// A path given twice (a dataset's CSV file when two chapters place it) is written once.
final class SiteOutput: @unchecked Sendable {
    enum Destination {
        case memory
        case counting
        case folder(SiteWriter)

        var isFolder: Bool { if case .folder = self { true } else { false } }
    }

    let destination: Destination
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var kept: [OutputFile] = []
    private(set) var fileCount = 0
    private(set) var byteCount = 0
    private(set) var failure: BuildFailure?

    init(_ destination: Destination) { self.destination = destination }

    func add(_ file: OutputFile) {
        lock.lock()
        let isNew = paths.insert(file.path).inserted
        if isNew {
            fileCount += 1
            byteCount += file.bytes.count
            if case .memory = destination { kept.append(file) }
        }
        lock.unlock()
        guard isNew, case let .folder(writer) = destination else { return }
        do {
            try writer.write(file)
        } catch {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }
    }

    /// Every path added so far.
    var allPaths: Set<String> { paths }

    /// The kept files, sorted by path (empty unless `.memory`).
    var files: [OutputFile] { kept.sorted { $0.path < $1.path } }
}

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

    let output: URL
    let staging: URL
    private let outputDisplay: String
    /// What the staging folder held when the build began (paths relative to it): its files,
    /// and its folders deepest first. Whatever the build does not write again is removed.
    private let previousFiles: [String]
    private let previousFolders: [String]

    /// Checks that `output` may be replaced and prepares the staging folder beside it.
    init(output: URL, display: (URL) -> String) throws(BuildFailure) {
        let fm = FileManager.default
        self.output = output
        staging = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).previous")
        outputDisplay = display(output)
        if fm.fileExists(atPath: output.path), !Self.isReplaceable(output) {
            throw BuildFailure(message: "\(outputDisplay) exists and was not built by rapport; refusing to replace it (choose another --output or empty it)")
        }
        // A staging folder that is not a previous build (or is a symbolic link) is not reused.
        if Files.kind(ofPath: staging.path) == .symbolicLink || (fm.fileExists(atPath: staging.path) && !fm.fileExists(atPath: staging.appendingPathComponent(Self.marker).path)) {
            try? fm.removeItem(at: staging)
        }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure(message: "cannot write the site to \(outputDisplay): \(error.localizedDescription)")
        }
        // One walk, before anything is written: symbolic links (and anything else that is not a
        // plain file or folder) are removed, so no write can follow one out of the folder.
        var files: [String] = [], folders: [String] = []
        for entry in Files.list(staging.path) {
            switch entry.kind {
            case .file: files.append(entry.path)
            case .folder: folders.append(entry.path)
            case .symbolicLink, .other: unlink(staging.path + "/" + entry.path)
            }
        }
        previousFiles = files
        previousFolders = folders.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// Puts one file into the staging folder unless it already holds these very bytes.
    func write(_ file: OutputFile) throws(BuildFailure) {
        let path = staging.path + "/" + file.path
        if Self.hasContents(path, file.bytes) { return }
        if Self.writeFile(path, file.bytes) { return }
        if errno == ELOOP {
            // A symbolic link put there since the build began: replaced, never followed.
            unlink(path)
            if Self.writeFile(path, file.bytes) { return }
        }
        if errno == ENOENT || errno == ENOTDIR || errno == EISDIR, let slash = path.lastIndex(of: "/") {
            // A missing folder, or a file or folder in the way from the build before last.
            let folder = String(path[..<slash])
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
                try? FileManager.default.removeItem(atPath: path)
            }
            Self.makeFolder(folder, below: staging.path)
            if Self.writeFile(path, file.bytes) { return }
        }
        throw BuildFailure(message: "cannot write \(outputDisplay)/\(file.path): \(String(cString: strerror(errno)))")
    }

    /// Removes what the build before last had and this one does not, adds the assets and the
    /// marker, then swaps the staging folder and the output folder.
    func commit(paths: Set<String>, assets: URL?) throws(BuildFailure) {
        let fm = FileManager.default
        do {
            let assetsFolder = staging.appendingPathComponent("assets")
            try? fm.removeItem(at: assetsFolder)
            removeStale(keeping: paths)
            if let assets, fm.fileExists(atPath: assets.path) {
                try fm.copyItem(at: assets, to: assetsFolder)
            }
            _ = Self.writeFile(staging.appendingPathComponent(Self.marker).path,
                               Array("Built by rapport. This folder is replaced by every build: do not edit it.\n".utf8))
            try swap()
        } catch {
            throw BuildFailure(message: "cannot write the site to \(outputDisplay): \(error.localizedDescription)")
        }
    }

    /// Deletes the files of the build before last that this build did not write, then the
    /// folders left empty (deepest first; rmdir leaves a folder that still has files).
    private func removeStale(keeping: Set<String>) {
        for file in previousFiles where !keeping.contains(file) {
            unlink(staging.path + "/" + file)
        }
        for folder in previousFolders { rmdir(staging.path + "/" + folder) }
    }

    /// Exchanges the two folders in one step where the system can (Linux's renameat2); else
    /// two renames, with the output folder missing for the instant between them.
    private func swap() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        if let exchange = Self.renameExchange, exchange(AT_FDCWD, staging.path, AT_FDCWD, output.path, 2 /* RENAME_EXCHANGE */) == 0 {
            return
        }
        let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).swap-\(getpid())")
        try fm.moveItem(at: output, to: aside)
        try fm.moveItem(at: staging, to: output)
        try fm.moveItem(at: aside, to: staging)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's renameat2, looked up at run time (Swift's Glibc module does not declare it).
    private static let renameExchange: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()

    /// True when the file at `path` holds exactly `text` (compared in one read).
    static func hasContents(_ path: String, _ bytes: [UInt8]) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBufferPointer { expected in
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == expected.count else { return false }
            if expected.isEmpty { return true }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: expected.count + 1, alignment: 16)
            defer { buffer.deallocate() }
            var total = 0
            while total <= expected.count {
                let count = read(descriptor, buffer.baseAddress! + total, expected.count + 1 - total)
                if count < 0, errno == EINTR { continue }
                if count <= 0 { break }
                total += count
            }
            return total == expected.count && memcmp(buffer.baseAddress!, expected.baseAddress!, expected.count) == 0
        }
    }

    /// open/write/close: Foundation's `Data.write` and `createFile` fsync every file, which
    /// costs more than the whole build; durability comes from swapping the finished folder.
    static func writeFile(_ path: String, _ contents: [UInt8]) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return false }
        let ok = contents.withUnsafeBufferPointer { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
            return true
        }
        let saved = errno
        close(descriptor)
        errno = saved
        return ok
    }

    /// Creates `folder` and its missing parents up to `root`, replacing a file in the way.
    private static func makeFolder(_ folder: String, below root: String) {
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

    private static func isReplaceable(_ folder: URL) -> Bool {
        let fm = FileManager.default
        let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let visible = contents.filter { $0 != ".gitkeep" && $0 != ".DS_Store" }
        return visible.isEmpty || contents.contains(Self.marker)
    }
}

/// A build that could not finish for a reason outside the content (I/O, a refused folder).
public struct BuildFailure: Error, Sendable {
    public var message: String
}
