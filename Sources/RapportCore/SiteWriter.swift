import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif


/// Writes the built site into a temporary folder beside the output folder and swaps it into
/// place only when everything was written: a failed build never leaves a half-built site, and
/// readers of the old folder never see a mix.
struct SiteWriter {
    /// A file in every output folder, so that Rapport never replaces a folder it did not build.
    static let marker = ".rapport-build"

    let output: URL
    let display: (URL) -> String

    func write(_ files: [OutputFile], assets: URL?) throws(BuildFailure) {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-\(getpid())")
        let old = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        if fm.fileExists(atPath: output.path), !isReplaceable(output) {
            throw BuildFailure(message: "\(display(output)) exists and was not built by rapport; refusing to replace it (choose another --output or empty it)")
        }
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            var createdFolders: Set<String> = []
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                let folder = url.deletingLastPathComponent().path
                if createdFolders.insert(folder).inserted {
                    try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                }
                // A plain write (no fsync per file): the swap of the whole folder is what makes the
                // build all-or-nothing.
                guard Self.writeFile(url.path, file.contents) else {
                    throw BuildFailure(message: "cannot write \(display(output.appendingPathComponent(file.path))): \(String(cString: strerror(errno)))")
                }
            }
            if let assets, fm.fileExists(atPath: assets.path) {
                try fm.copyItem(at: assets, to: staging.appendingPathComponent("assets"))
            }
            _ = Self.writeFile(staging.appendingPathComponent(Self.marker).path,
                               "Built by rapport. This folder is replaced by every build: do not edit it.\n")
            try swap(staging: staging, old: old)
        } catch let failure as BuildFailure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw BuildFailure(message: "cannot write the site to \(display(output)): \(error.localizedDescription)")
        }
    }

    /// open/write/close: Foundation's `Data.write` and `createFile` fsync every file, which
    /// costs more than the whole build; durability comes from swapping the finished folder.
    static func writeFile(_ path: String, _ text: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var text = text
        return text.withUTF8 { bytes in
            var written = 0
            while written < bytes.count {
                let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
            return true
        }
    }

    private func isReplaceable(_ folder: URL) -> Bool {
        let fm = FileManager.default
        let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let visible = contents.filter { $0 != ".gitkeep" && $0 != ".DS_Store" }
        return visible.isEmpty || contents.contains(Self.marker)
    }

    /// Puts `staging` in the place of `output` with two renames (the old build is out of the
    /// way only for the instant between them), then removes the previous build.
    private func swap(staging: URL, old: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: output.path) else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        try? fm.removeItem(at: old)
        try fm.moveItem(at: output, to: old)
        try fm.moveItem(at: staging, to: output)
        try? fm.removeItem(at: old)
    }
}

/// A build that could not finish for a reason outside the content (I/O, a refused folder).
public struct BuildFailure: Error, Sendable {
    public var message: String
}
