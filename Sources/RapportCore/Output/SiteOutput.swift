import Diagnostics
import Foundation
import RapportBase

/// A file of the built site, by its path relative to the output folder.
public struct OutputFile: Sendable {
    public var path: String
    /// UTF-8.
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, contents: String) {
        self.init(path: path, bytes: Array(contents.utf8))
    }

    public var contents: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where the rendered files go, as each page is rendered (from several threads at once): the
/// open form of `Pipeline.Destination`.
/// - `.memory`: kept, for `rapport serve` and the tests;
/// - `.counting`: only counted (`rapport check`);
/// - `.folder`: written straight into a staging folder beside the output folder
///   (`rapport build`), so a big site is never held in memory. The staging folder replaces
///   the output folder only when the whole build succeeded (`SiteWriter.commit`).
///
/// A path given twice (a dataset's CSV file when two chapters place it) is written once.
final class SiteOutput: @unchecked Sendable {
    enum Target {
        case memory
        case counting
        case folder(SiteWriter)

        var isFolder: Bool { if case .folder = self { true } else { false } }
    }

    let target: Target
    private let lock = NSLock()
    private var paths: Set<String> = []
    private var kept: [OutputFile] = []
    private(set) var fileCount = 0
    private(set) var byteCount = 0
    private(set) var failure: BuildFailure?

    init(_ target: Target) { self.target = target }

    func add(_ file: OutputFile) { add(file.path, FileContents(file.bytes), file: file) }

    /// A file whose contents come in pieces (the whole report): written piece by piece into a
    /// folder, put together only for an output that keeps its files.
    func add(_ path: String, _ contents: FileContents) { add(path, contents, file: nil) }

    private func add(_ path: String, _ contents: FileContents, file: OutputFile?) {
        lock.lock()
        let isNew = paths.insert(path).inserted
        if isNew {
            fileCount += 1
            byteCount += contents.count
            if case .memory = target { kept.append(file ?? OutputFile(path: path, bytes: contents.bytes)) }
        }
        lock.unlock()
        guard isNew, case let .folder(writer) = target else { return }
        do {
            try writer.write(path, contents)
        } catch {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }
    }

    /// A file that is the file at `source` (a stored picture): linked into a folder, read for
    /// an output that keeps its files.
    func add(_ path: String, linkedTo source: String, count: Int) {
        lock.lock()
        let isNew = paths.insert(path).inserted
        if isNew {
            fileCount += 1
            byteCount += count
            if case .memory = target, case let .success(bytes) = Files.read(source, limit: .published, links: .refuse) {
                kept.append(OutputFile(path: path, bytes: bytes))
            }
        }
        lock.unlock()
        guard isNew, case let .folder(writer) = target else { return }
        do {
            try writer.link(path, to: source)
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

/// A file's bytes as the writer takes them: in one piece, or handed over in several without
/// ever being put together (the whole report: its skeleton and each chapter's body).
struct FileContents {
    /// The number of bytes.
    let count: Int
    /// Hands over the bytes in order.
    let pieces: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void

    init(_ bytes: [UInt8]) {
        count = bytes.count
        pieces = { take in bytes.withUnsafeBufferPointer(take) }
    }

    init(count: Int, pieces: @escaping ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        self.count = count
        self.pieces = pieces
    }

    /// The bytes in one array.
    var bytes: [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(count)
        pieces { all.append(contentsOf: $0) }
        return all
    }
}
