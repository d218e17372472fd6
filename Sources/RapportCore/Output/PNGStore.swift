import Diagnostics
import Foundation
import RapportBase
import SVGCharts

/// The PNG pictures of the charts (and the title cards), kept by the digest of the SVG they are
/// drawn from (Digest.swift, as the build cache), so a picture is made only when its SVG changed:
///
///     .Public.cache/png/<digest of the SVG>.png      (beside Public/; hidden, git-ignored)
///
/// A stored file is used only when it is a whole PNG of the size expected (PNGCheck: every
/// chunk's checksum, the size in its header, its end); any other file there (truncated,
/// corrupt, the wrong size) is absent, and made again. A file found whole is not checked again
/// while its stamp (FileStamp: inode, size, change time) stays the same: the stamps are kept
/// in `png/checked` (checking the study's 28 MB of pictures took a fifth of a rebuild). After a build
/// that succeeded, the pictures it did not use are removed: only files named like the store's
/// own (32 hexadecimal digits, `.png`), only in `png/`. The preview and the tests keep their
/// pictures in memory instead, for as long as the process runs.
final class PNGStore: @unchecked Sendable {
    /// How a picture is drawn: twice its size in pixels, for sharp screens and social sites.
    static let scale = 2

    enum Place {
        case folder(String)
        case memory
    }

    let place: Place
    private let lock = NSLock()
    private var used: Set<String> = []
    private var problems: [Diagnostic] = []
    private(set) var made = 0
    private(set) var reused = 0
    /// Stored files checked whole this build (the others had the stamp they had when checked).
    private(set) var checks = 0
    /// The stamps of files found whole by an earlier build (`png/checked`), read once.
    private var checked: [String: FileStamp]?
    /// The pictures this build found whole (by check or by stamp) or wrote: their stamps are
    /// kept after the build.
    private var trusted: Set<String> = []
    static let checkedName = "checked"

    private init(_ place: Place) { self.place = place }

    /// The store beside an output folder (`.Public.cache/png/`); in memory, with a warning,
    /// when that folder cannot be made or is not a folder of its own.
    static func beside(output: URL, display: (URL) -> String) -> PNGStore {
        let output = output.standardizedFileURL
        let cache = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).cache")
        let folder = cache.appendingPathComponent("png")
        for url in [cache, folder] {
            switch Files.kind(ofPath: url.path) {
            case .folder: continue
            case .other where mkdir(url.path, 0o755) == 0 || errno == EEXIST && Files.kind(ofPath: url.path) == .folder: continue
            default:
                let store = PNGStore(.memory)
                store.problems.append(
                    .warning(SourceLocation(file: display(url)), .output(.pictureStoreUnusable(path: display(url)))))
                return store
            }
        }
        return PNGStore(.folder(folder.path))
    }

    /// A store in memory, shared by every build of this process (the preview, the tests).
    static func inMemory() -> PNGStore { PNGStore(.memory) }

    /// What went wrong with the store itself (each a warning).
    var diagnostics: [Diagnostic] { lock.withLock { problems } }

    /// A picture as the output takes it: its bytes, or the stored file (a store in a folder),
    /// linked into the output without being read when it has the stamp it had when checked.
    enum Picture {
        case bytes([UInt8])
        case file(path: String, size: Int)
    }

    /// The PNG of `svg` at `scale` times its size: stored, or drawn now (and stored).
    func png(_ svg: StandaloneSVG) -> Result<Picture, SVGRaster.Failure> {
        var digest = Digest()
        digest.add(svg.bytes)
        let key = digest.hex
        let size = (width: svg.width * Self.scale, height: svg.height * Self.scale)
        lock.withLock { _ = used.insert(key) }
        if let stored = stored(key, size) {
            lock.withLock { reused += 1 }
            return .success(stored)
        }
        switch SVGRaster.png(svg.bytes, width: size.width, height: size.height) {
        case let .success(bytes):
            let path = keep(bytes, key)
            lock.withLock { made += 1 }
            return .success(path.map { .file(path: $0, size: bytes.count) } ?? .bytes(bytes))
        case let .failure(failure): return .failure(failure)
        }
    }

    /// The picture stored under `key`: what this process keeps in memory is its own; a file is
    /// checked whole (PNGCheck) unless it has the stamp it had when an earlier build checked it,
    /// and is then not even read.
    private func stored(_ key: String, _ size: (width: Int, height: Int)) -> Picture? {
        switch place {
        case .memory: return Self.shared.withLock { $0.pictures[key] }.map { .bytes($0) }
        case let .folder(folder):
            let path = folder + "/" + key + ".png"
            if let stamp = FileStamp(path: path), lock.withLock({ checkedStamps(folder)[key] == stamp }) {
                lock.withLock { _ = trusted.insert(key) }
                return .file(path: path, size: Int(stamp.size))
            }
            guard case let .success(bytes) = Files.read(path, limit: .published, links: .refuse) else { return nil }
            lock.withLock { checks += 1 }
            guard PNGCheck.isWhole(bytes, width: size.width, height: size.height) else { return nil }
            lock.withLock { _ = trusted.insert(key) }
            return .file(path: path, size: bytes.count)
        }
    }

    /// `png/checked`: a line per picture, its key and then its stamp when it was found whole
    /// (`<device> <inode> <size>`, change and modification times in seconds and nanoseconds).
    /// Read under the lock, once; a line of another form is left out (that picture is checked).
    private func checkedStamps(_ folder: String) -> [String: FileStamp] {
        if let checked { return checked }
        var read: [String: FileStamp] = [:]
        if case let .success(bytes) = Files.read(folder + "/" + Self.checkedName, limit: .text, links: .refuse) {
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
                let numbers = fields.dropFirst().compactMap { Int64($0) }
                guard fields.count == 8, numbers.count == 7, let device = UInt64(fields[1]), let inode = UInt64(fields[2]) else { continue }
                read[fields[0]] = FileStamp(
                    device: device, inode: inode, size: numbers[2], changed: numbers[3], changedNanoseconds: numbers[4],
                    modified: numbers[5], modifiedNanoseconds: numbers[6])
            }
        }
        checked = read
        return read
    }

    /// Keeps a picture just drawn; the stored file's path when it is in a folder.
    @discardableResult
    private func keep(_ bytes: [UInt8], _ key: String) -> String? {
        switch place {
        case .memory:
            Self.shared.withLock { kept in
                // The preview's pictures take a few tens of MB; a process that made more starts over.
                if kept.bytes + bytes.count > Self.memoryLimit {
                    kept.pictures.removeAll()
                    kept.bytes = 0
                }
                if kept.pictures.updateValue(bytes, forKey: key) == nil { kept.bytes += bytes.count }
            }
            return nil
        case let .folder(folder):
            let path = folder + "/" + key + ".png"
            // A symbolic link, a folder or a FIFO in the way is not the store's: left alone, not used.
            switch Files.refusal(path, limit: .published, links: .refuse) {
            case nil, .missing?, .tooLarge?: break
            default: return nil
            }
            if SiteWriter.replaceFile(path, FileContents(bytes)) {
                lock.withLock { _ = trusted.insert(key) }
                return path
            } else {
                lock.withLock {
                    if problems.isEmpty {
                        problems.append(
                            .warning(SourceLocation(file: path), .output(.pictureNotKept)))
                    }
                }
                return nil
            }
        }
    }

    /// Removes the store's pictures this build did not use (after a build that succeeded), and
    /// keeps the stamps of those it checked or drew (`png/checked`). They are taken now, after
    /// the output was swapped: a hard link made or removed (SiteWriter+Links.swift) moves a
    /// file's change time, and the next build must find the stamp the file has then.
    func removeUnused() {
        guard case let .folder(folder) = place else { return }
        let (keep, trusted, checked) = lock.withLock { (used, self.trusted, self.checked) }
        for entry in Files.list(folder, recursive: false) where entry.kind == .file {
            let name = String(entry.name)
            guard name.hasSuffix(".png") else { continue }
            let key = String(name.dropLast(4))
            guard key.utf8.count == 32, key.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), !keep.contains(key)
            else { continue }
            unlink(folder + "/" + name)
        }
        var stamps: [String: FileStamp] = [:]
        for key in trusted { stamps[key] = FileStamp(path: folder + "/" + key + ".png") }
        guard stamps != checked else { return }
        var text = ""
        for key in stamps.keys.sorted() {
            let stamp = stamps[key]!
            text += "\(key) \(stamp.device) \(stamp.inode) \(stamp.size) \(stamp.changed) \(stamp.changedNanoseconds)"
            text += " \(stamp.modified) \(stamp.modifiedNanoseconds)\n"
        }
        _ = SiteWriter.replaceFile(folder + "/" + Self.checkedName, FileContents(Array(text.utf8)))
    }

    private static let shared = LockedValue<(pictures: [String: [UInt8]], bytes: Int)>(([:], 0))
    static let memoryLimit = 256 << 20
}

/// A value behind a lock.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// Whether a PNG file is whole, without decoding its pixels (a rebuild checks every stored
/// picture: decoding each took 40 ms, this a fraction of one): the signature, the header
/// chunk first with the size expected, every chunk's CRC-32, at least one data chunk, and the
/// end chunk last, with nothing after it.
enum PNGCheck {
    static func isWhole(_ png: [UInt8], width: Int, height: Int) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count >= 8 + 25 + 12, png.starts(with: signature) else { return false }
        return png.withUnsafeBufferPointer { bytes -> Bool in
            func word(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
            var offset = 8
            var first = true
            var hasData = false
            while offset + 12 <= bytes.count {
                let length = word(offset)
                let end = offset + 12 + length
                guard length >= 0, end <= bytes.count else { return false }
                let type = (bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7])
                let body = UnsafeBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 8 + length)])
                guard UInt32(word(offset + 8 + length)) == crc32(body) else { return false }
                let isHeader = type == (0x49, 0x48, 0x44, 0x52)
                guard isHeader == first else { return false }
                if isHeader, length < 8 || word(offset + 8) != width || word(offset + 12) != height { return false }
                if type == (0x49, 0x44, 0x41, 0x54) { hasData = true }
                if type == (0x49, 0x45, 0x4E, 0x44) { return hasData && end == bytes.count }
                first = false
                offset = end
            }
            return false
        }
    }

    static func crc32(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 { SVGRaster.crc32(bytes) }
}
