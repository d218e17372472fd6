import Diagnostics
import Foundation
import RapportBase
import SVGCharts

/// The PNG pictures of the charts (and the title cards), kept by the SHA-256 of the SVG they are
/// drawn from, so that a picture is made only when its SVG changed:
///
///     .Public.cache/png/<sha256 of the SVG>.png      (beside Public/; hidden, git-ignored)
///
/// A stored file is used only when cairo decodes it in full at the size expected; any other
/// file there (truncated, corrupt, the wrong size) is absent, and made again. After a build
/// that succeeded, the pictures it did not use are removed: only files named like the store's
/// own (64 hexadecimal digits, `.png`), only in `png/`. The preview and the tests keep their
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
                    .warning(
                        SourceLocation(file: display(url)),
                        "the pictures' store is not a folder Rapport can use: every PNG is made again in this build",
                        fix: "remove or rename \(display(url)); Rapport makes the folder itself"))
                return store
            }
        }
        return PNGStore(.folder(folder.path))
    }

    /// A store in memory, shared by every build of this process (the preview, the tests).
    static func inMemory() -> PNGStore { PNGStore(.memory) }

    /// What went wrong with the store itself (each a warning).
    var diagnostics: [Diagnostic] { lock.withLock { problems } }

    /// The PNG of `svg` at `scale` times its size: stored, or drawn now (and stored).
    func png(_ svg: StandaloneSVG) -> Result<[UInt8], SVGRaster.Failure> {
        let key = SHA256.hex(svg.bytes)
        let size = (width: svg.width * Self.scale, height: svg.height * Self.scale)
        lock.withLock { _ = used.insert(key) }
        if let stored = stored(key), SVGRaster.decodedSize(stored).map({ $0 == size }) == true {
            lock.withLock { reused += 1 }
            return .success(stored)
        }
        let drawn = SVGRaster.png(svg.bytes, width: size.width, height: size.height)
        if case let .success(bytes) = drawn {
            keep(bytes, key)
            lock.withLock { made += 1 }
        }
        return drawn
    }

    private func stored(_ key: String) -> [UInt8]? {
        switch place {
        case .memory: return Self.shared.withLock { $0[key] }
        case let .folder(folder): return try? Files.read(folder + "/" + key + ".png", limit: .published, links: .refuse).get()
        }
    }

    private func keep(_ bytes: [UInt8], _ key: String) {
        switch place {
        case .memory:
            Self.shared.withLock { pictures in
                // The preview draws a few hundred at most; a process that made more starts over.
                if pictures.count >= 4096 { pictures.removeAll() }
                pictures[key] = bytes
            }
        case let .folder(folder):
            let path = folder + "/" + key + ".png"
            // A symbolic link, a folder or a FIFO in the way is not the store's: left alone, not used.
            switch Files.refusal(path, limit: .published, links: .refuse) {
            case nil, .missing?, .tooLarge?: break
            default: return
            }
            if !SiteWriter.replaceFile(path, FileContents(bytes)) {
                lock.withLock {
                    if problems.isEmpty {
                        problems.append(
                            .warning(
                                SourceLocation(file: path), "cannot keep a chart's PNG in the pictures' store: it is made again in the next build",
                                fix: "check that the folder is writable"))
                    }
                }
            }
        }
    }

    /// Removes the store's pictures this build did not use (after a build that succeeded).
    func removeUnused() {
        guard case let .folder(folder) = place else { return }
        let keep = lock.withLock { used }
        for entry in Files.list(folder, recursive: false) where entry.kind == .file {
            let name = String(entry.name)
            guard name.hasSuffix(".png") else { continue }
            let key = String(name.dropLast(4))
            guard key.utf8.count == 64, key.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }), !keep.contains(key)
            else { continue }
            unlink(folder + "/" + name)
        }
    }

    private static let shared = LockedValue<[String: [UInt8]]>([:])
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
