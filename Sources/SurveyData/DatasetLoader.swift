import Diagnostics
import Foundation

/// Finds every dataset under a data folder (`Content/data`), reads its two files and parses
/// them. Files that are symbolic links, or whose names are not valid ids, are rejected: data
/// never comes from outside the content folder.
public struct DatasetLoader {
    public let directory: URL
    /// How a path is shown in diagnostics (relative to where the user runs the command).
    public let display: @Sendable (URL) -> String

    public init(directory: URL, display: @escaping @Sendable (URL) -> String = { $0.path }) {
        self.directory = directory
        self.display = display
    }

    /// The valid datasets, every diagnostic, and the ids of datasets that exist but have
    /// errors (so that chapters using them raise no second, misleading error).
    public func load() -> (datasets: [String: Dataset], diagnostics: [Diagnostic], invalid: Set<String>) {
        var diagnostics: [Diagnostic] = []
        var pairs: [String: (yml: URL?, csv: URL?)] = [:]
        var firstSeen: [String: URL] = [:]
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return ([:], [], []) }
        let files = (fm.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? [])
            .sorted { $0.path < $1.path }
        for url in files {
            // lstat: the file itself, not what a link points to (and far cheaper than resourceValues).
            var info = stat()
            guard lstat(url.path, &info) == 0 else { continue }
            let isSymbolicLink = (info.st_mode & S_IFMT) == S_IFLNK
            let isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
            if isSymbolicLink {
                diagnostics.append(.error(SourceLocation(file: display(url)), "symbolic links are not allowed in the data folder",
                                          fix: "copy the file into Content/data instead of linking to it"))
                continue
            }
            guard isRegularFile else { continue }
            let ext = url.pathExtension.lowercased()
            guard ext == "yml" || ext == "yaml" || ext == "csv" else { continue }
            let id = url.deletingPathExtension().lastPathComponent
            if !DatasetParser.isValidKey(id) {
                diagnostics.append(.error(SourceLocation(file: display(url)), "dataset file name \"\(url.lastPathComponent)\" is not a valid id",
                                          fix: "use lower-case letters, digits and - only"))
                continue
            }
            var pair = pairs[id] ?? (nil, nil)
            let folder = url.deletingLastPathComponent()
            if let first = firstSeen[id], first != folder {
                diagnostics.append(.error(SourceLocation(file: display(url)), "two datasets with the id \"\(id)\"",
                                          fix: "the other one is in \(display(first)); rename one of them"))
                continue
            }
            firstSeen[id] = folder
            if ext == "csv" { pair.csv = url } else {
                if pair.yml != nil {
                    diagnostics.append(.error(SourceLocation(file: display(url)), "dataset \"\(id)\" has both a .yml and a .yaml file"))
                }
                pair.yml = url
            }
            pairs[id] = pair
        }

        // Read every pair (cheap), then parse them on all cores.
        var inputs: [(id: String, yml: URL, csv: URL, metadata: String, data: String)] = []
        for id in pairs.keys.sorted() {
            guard let pair = pairs[id] else { continue }
            guard let yml = pair.yml else {
                if let csv = pair.csv {
                    diagnostics.append(.error(SourceLocation(file: display(csv)), "dataset \"\(id)\" has no metadata file",
                                              fix: "add \(id).yml beside it (see docs/datasets.md)"))
                }
                continue
            }
            guard let csv = pair.csv else {
                diagnostics.append(.error(SourceLocation(file: display(yml)), "dataset \"\(id)\" has no CSV file",
                                          fix: "add \(id).csv beside it with the numbers"))
                continue
            }
            let metadata = Self.readText(yml, display: display(yml))
            let data = Self.readText(csv, display: display(csv))
            for case let .failure(diagnostic) in [metadata, data] { diagnostics.append(diagnostic) }
            guard case let .success(metadataText) = metadata, case let .success(dataText) = data else { continue }
            inputs.append((id, yml, csv, metadataText, dataText))
        }
        let display = self.display
        let parsed = inputs.parallelMap { input in
            DatasetParser.parse(id: input.id, metadata: input.metadata, metadataFile: display(input.yml),
                                data: input.data, dataFile: display(input.csv))
        }
        var datasets: [String: Dataset] = [:]
        for (input, result) in zip(inputs, parsed) {
            diagnostics += result.diagnostics
            if let dataset = result.dataset { datasets[input.id] = dataset }
        }
        let invalid = Set(pairs.keys).subtracting(datasets.keys)
        return (datasets, diagnostics, invalid)
    }

    /// Reads a file as UTF-8 text, or a diagnostic pointing at the first invalid byte.
    public static func readText(_ url: URL, display: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.error(SourceLocation(file: display), "cannot read file"))
        }
        return decodeUTF8([UInt8](data), file: display)
    }
}
