import Diagnostics
import Foundation

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

    func add(_ file: OutputFile) {
        lock.lock()
        let isNew = paths.insert(file.path).inserted
        if isNew {
            fileCount += 1
            byteCount += file.bytes.count
            if case .memory = target { kept.append(file) }
        }
        lock.unlock()
        guard isNew, case let .folder(writer) = target else { return }
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
