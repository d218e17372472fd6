import Foundation
import RapportBase
import SurveyData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The build cache (issue 22): what a build made that the next one can take again instead of
/// making it anew, each entry under a digest of exactly the inputs it was made from
/// (CacheKeys.swift). `rapport build` keeps it beside the output (`.Public.cache/`, hidden,
/// git-ignored, never published); the preview keeps it in memory.
///
/// A hint, never the truth: an entry is used only when its header names this very Rapport
/// (the executable's size and time), its kind and its key, and its contents decode to the end;
/// anything else (missing, half-written, corrupted, another version, a symbolic link) is a
/// miss, and the thing is made again. Entries are written under a temporary name and renamed.
/// After a successful build the entries it did not use are removed, so the cache holds one
/// build's worth (under the output's size). Rapport removes only files it names itself, in
/// the subfolders it made (`pages/`, `files/`, `datasets/`, `blocks/`, `translations/`, `sections/`); other subfolders (`png/`) are left alone.
final class BuildCache: @unchecked Sendable {
    /// The subfolders of the cache folder this cache writes, one per kind of entry.
    enum Kind: String, CaseIterable, Sendable {
        case pages
        case files
        /// A dataset as parsed (SurveyData's `Dataset+CacheCoding.swift`), by its two files.
        case datasets
        /// The chart blocks of a chapter's Markdown (FigureNumbers.swift), by its text alone.
        case blocks
        /// The translation record as read (TranslationRecord+Cache.swift), by its bytes.
        case translations
        /// The sections of a source page or of a dataset's labels that translations are checked
        /// against (TranslationUnit+Cache.swift).
        case sections
    }

    /// nil: in memory (the preview).
    let folder: URL?
    private let identity: Digest
    private let lock = NSLock()
    private var memory: [String: [UInt8]] = [:]
    /// In memory, pages kept as the values they are (`page`, `keep(page:)`): nothing encoded or
    /// decoded, and the files' bytes shared with the site the preview serves.
    private var pageEntries: [String: PageEntry] = [:]
    private var used: Set<String> = []
    /// Until `open()`: entries kept before the output folder was checked, not yet written.
    private var isOpen = false
    private var pending: [(Kind, Digest, [UInt8])] = []
    /// The subfolders checked (made when missing) this build, and whether each is a plain
    /// folder: entries are never written through a symbolic link.
    private var folders: [Kind: Bool] = [:]
    /// Entries found and used, and entries made, this build (tests and `--timings`).
    private(set) var hits = 0
    private(set) var misses = 0

    /// The cache folder of an output folder: `.<name>.cache` beside it.
    static func folder(beside output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache")
    }

    /// The cache of `output`, or nil when its place holds something that is not a plain folder
    /// (a file, a symbolic link): then the build runs without one and touches nothing there.
    ///
    /// Entries can be read at once (the datasets are loaded before the output folder is known
    /// to be Rapport's); the folder is made, and entries written, only once `open()` is called,
    /// after the output folder was checked and locked. What is kept before that waits in memory.
    init?(beside output: URL) {
        let folder = Self.folder(beside: output)
        var info = stat()
        if lstat(folder.path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        }
        self.folder = folder
        identity = Self.executableIdentity
    }

    /// Makes the cache folder when it is missing and writes what was kept before (false: it
    /// cannot be made; then nothing is written).
    @discardableResult
    func open() -> Bool {
        guard let folder else { return true }
        if mkdir(folder.path, 0o755) != 0, errno != EEXIST { return false }
        guard Files.kind(ofPath: folder.path) == .folder else { return false }
        lock.lock()
        isOpen = true
        let waiting = pending
        pending = []
        lock.unlock()
        for (kind, key, payload) in waiting { write(kind, key, payload) }
        return true
    }

    /// A cache held in memory, for the life of the preview.
    init() {
        folder = nil
        identity = Self.executableIdentity
    }

    /// The running Rapport: a format version, and the executable's path, size and modification
    /// time (a rebuilt `rapport` does not trust what the one before it wrote).
    static let executableIdentity: Digest = {
        var digest = Digest()
        digest.add("rapport-cache-1")
        if let path = runningExecutable() {
            digest.add(path)
            var info = stat()
            if stat(path, &info) == 0 {
                digest.add(Int(info.st_size))
                #if canImport(Darwin)
                digest.add(Int(info.st_mtimespec.tv_sec))
                digest.add(Int(info.st_mtimespec.tv_nsec))
                #else
                digest.add(Int(info.st_mtim.tv_sec))
                digest.add(Int(info.st_mtim.tv_nsec))
                #endif
            }
        }
        return digest
    }()

    /// The running executable's path: from `/proc/self/exe` on Linux (Foundation's `Bundle`
    /// took 12 M instructions to set up: 1.7 % of the study's cached rebuild), else `Bundle`'s.
    private static func runningExecutable() -> String? {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 4097)
        let count = buffer.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/self/exe", $0.baseAddress!, $0.count - 1) }
        }
        if count > 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
        #endif
        return Bundle.main.executablePath
    }

    private static let magic = Array("rapport cache entry\n".utf8)

    /// A reader at the start of the payload of the entry `key` of `kind` (the payload is not
    /// copied out of the file's bytes), nil when there is none usable.
    func reader(_ kind: Kind, _ key: Digest) -> CacheReader? {
        let name = kind.rawValue + "/" + key.hex
        lock.lock()
        used.insert(name)
        let kept = folder == nil ? memory[name] : nil
        lock.unlock()
        if folder == nil { return kept.map { CacheReader($0) } }
        guard let folder, case let .success(bytes) = Files.read(folder.path + "/" + name, limit: .published, links: .refuse) else {
            return nil
        }
        var reader = CacheReader(bytes)
        let header = Self.magic.count
        guard bytes.count >= header, bytes[..<header].elementsEqual(Self.magic) else { return nil }
        reader.skip(header)
        guard reader.digest() == identity, reader.string() == kind.rawValue, reader.digest() == key,
            reader.count() == reader.remaining
        else { return nil }
        return reader
    }

    /// Keeps `payload` as the entry `key` of `kind` (a failure to write is no failure of the build).
    func write(_ kind: Kind, _ key: Digest, _ payload: [UInt8]) {
        let name = kind.rawValue + "/" + key.hex
        lock.lock()
        used.insert(name)
        if folder == nil { memory[name] = payload }
        if folder != nil, !isOpen {
            pending.append((kind, key, payload))
            lock.unlock()
            return
        }
        if let folder, folders[kind] == nil {
            mkdir(folder.path + "/" + kind.rawValue, 0o755)
            folders[kind] = Files.kind(ofPath: folder.path + "/" + kind.rawValue) == .folder
        }
        let usable = folders[kind] ?? false
        lock.unlock()
        guard let folder, usable else { return }
        var writer = CacheWriter()
        writer.digest(identity)
        writer.string(kind.rawValue)
        writer.digest(key)
        writer.data(payload)
        _ = SiteWriter.replaceFile(folder.path + "/" + name, FileContents(Self.magic + writer.bytes))
    }

    /// The dataset ids of the chart blocks of a chapter's Markdown, in order: found by cmark
    /// once for each text, then kept (parsing every chapter again to number the figures took a
    /// sixth of a rebuild that found every page in the cache).
    func chartBlocks(_ markdown: [UInt8]) -> [String] {
        var key = Digest()
        key.add("chart blocks")
        key.add(markdown)
        if var reader = reader(.blocks, key), let ids = reader.strings(), reader.atEnd { return ids }
        let ids = Markdown.chartBlocks(markdown)
        var writer = CacheWriter()
        writer.strings(ids)
        write(.blocks, key, writer.bytes)
        return ids
    }

    /// The page kept under `key` in memory (nil for a cache in a folder).
    func page(_ key: Digest) -> PageEntry? {
        guard folder == nil else { return nil }
        let name = Kind.pages.rawValue + "/" + key.hex
        return lock.withLock {
            used.insert(name)
            return pageEntries[name]
        }
    }

    /// Keeps `entry` as the page `key`, in memory only.
    func keep(page entry: PageEntry, _ key: Digest) {
        guard folder == nil else { return }
        let name = Kind.pages.rawValue + "/" + key.hex
        lock.withLock {
            used.insert(name)
            pageEntries[name] = entry
        }
    }

    /// Whether entries are kept in memory (as values) rather than in a folder.
    var inMemory: Bool { folder == nil }

    /// Entries found and made so far (a cache in memory lives through many builds).
    var counts: (hits: Int, misses: Int) { lock.withLock { (hits, misses) } }

    func count(hit: Bool) {
        lock.lock()
        if hit { hits += 1 } else { misses += 1 }
        lock.unlock()
    }

    /// After a successful build: every entry this build did not read or write is removed (with
    /// temporary files a killed build left), in the cache's own subfolders only, and only files
    /// with the names it gives.
    func removeUnused() {
        lock.lock()
        defer { lock.unlock() }
        guard let folder else {
            memory = memory.filter { used.contains($0.key) }
            pageEntries = pageEntries.filter { used.contains($0.key) }
            used = []
            return
        }
        for kind in Kind.allCases {
            let path = folder.path + "/" + kind.rawValue
            guard Files.kind(ofPath: path) == .folder else { continue }
            for entry in Files.list(path, recursive: false) where entry.kind == .file {
                let name = String(entry.name)
                let ours = Self.isEntryName(name) || name.hasPrefix(".rapport-new.") && Self.isEntryName(String(name.dropFirst(13)))
                if ours, !used.contains(kind.rawValue + "/" + name) || name.hasPrefix(".") { unlink(path + "/" + name) }
            }
        }
        used = []
    }

    /// 32 hexadecimal digits: the names this cache gives its entries.
    static func isEntryName(_ name: String) -> Bool {
        name.utf8.count == 32 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The bytes of every entry file (`--timings`, the bench).
    var size: Int {
        guard let folder else { return memory.values.reduce(0) { $0 + $1.count } }
        var total = 0
        for kind in Kind.allCases {
            for entry in Files.list(folder.path + "/" + kind.rawValue, recursive: false) where entry.kind == .file {
                var info = stat()
                if stat(folder.path + "/" + kind.rawValue + "/" + entry.path, &info) == 0 { total += Int(info.st_size) }
            }
        }
        return total
    }
}

extension BuildCache: DatasetCache {
    func dataset(_ key: Digest) -> CacheReader? { reader(.datasets, key) }
    func keep(_ key: Digest, _ encoded: [UInt8]) { write(.datasets, key, encoded) }
}
