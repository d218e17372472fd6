import Diagnostics
import Foundation
import RapportBase

/// Where parsed datasets are kept between builds, by a digest of their files (the build cache).
public protocol DatasetCache: Sendable {
    func dataset(_ key: Digest) -> CacheReader?
    func keep(_ key: Digest, _ encoded: [UInt8])
}

/// Finds every dataset under a data folder (`Content/data`), reads its two files and parses
/// them. Symbolic links are followed only inside the content folder (`Files.listFollowingInside`),
/// and files whose names are not valid ids are rejected: data never comes from outside it.
public struct DatasetLoader {
    public let directory: URL
    /// How a path is shown in diagnostics (relative to where the user runs the command).
    public let display: @Sendable (URL) -> String

    /// The folder symbolic links may lead into (the content folder); by default `directory`.
    public let within: URL?

    /// The site's languages: a text or label in each (`site.yml`'s `languages`).
    public let languages: [Language]

    /// Where datasets parsed by an earlier build are kept (the build cache): a dataset whose two
    /// files are as they were then is taken from it instead of parsed again. Only datasets that
    /// parsed without a diagnostic are kept, so what a dataset reports is never lost.
    public var cache: (any DatasetCache)?

    public init(
        directory: URL, within: URL? = nil, languages: [Language] = Language.fallback,
        display: @escaping @Sendable (URL) -> String = { $0.path }
    ) {
        self.directory = directory
        self.within = within
        self.languages = languages
        self.display = display
    }

    /// The valid datasets, every diagnostic, and the ids of datasets that exist but have
    /// errors (so that chapters using them raise no second, misleading error).
    public func load() -> (datasets: [String: Dataset], diagnostics: [Diagnostic], invalid: Set<String>) {
        let all = loadWithFacts()
        return (all.datasets, all.diagnostics, all.invalid)
    }

    /// `load()`, and the study's facts (`study.yml`), with every reference resolved.
    public func loadWithFacts() -> (datasets: [String: Dataset], diagnostics: [Diagnostic], invalid: Set<String>, facts: StudyFacts) {
        var diagnostics: [Diagnostic] = []
        var facts = StudyFacts()
        var studyClashes: [String] = []
        var pairs: [String: (yml: String?, csv: String?)] = [:]
        var firstSeen: [String: Substring] = [:]
        var duplicatesReported = Set<String>()
        let root = directory.path
        guard Files.exists(root) || Files.kind(ofPath: root) == .symbolicLink else { return ([:], [], [], facts) }
        // Paths as the user sees them: the folder's display path once, then plain joins.
        let displayRoot = display(directory)
        @Sendable func shown(_ relative: String) -> String { displayRoot + "/" + relative }
        let within = self.within?.path ?? root
        if !Files.resolves(root, inside: within) {
            return ([:], [Files.refusedLink(displayRoot, root: display(URL(fileURLWithPath: within)) + "/")], [], facts)
        }
        for entry in Files.listFollowingInside(root, within: within) {
            if entry.kind == .refusedLink {
                diagnostics.append(Files.refusedLink(shown(entry.path), root: display(URL(fileURLWithPath: within)) + "/"))
                continue
            }
            // A FIFO or device is taken too, to be refused by name when it is read (`Files.read`).
            guard entry.kind == .file || entry.kind == .other else { continue }
            let name = entry.name
            guard let dot = name.lastIndex(of: ".") else { continue }
            let ext = name[name.index(after: dot)...].lowercased()
            guard ext == "yml" || ext == "yaml" || ext == "csv" else { continue }
            let id = String(name[..<dot])
            if id == Reference.study {
                if entry.path == StudyFacts.fileName {
                    switch Files.readText(root + "/" + entry.path, display: shown(entry.path)) {
                    case let .success(text):
                        let (read, problems) = StudyFacts.parse(text, file: shown(entry.path), languages: languages)
                        facts = read
                        diagnostics += problems
                    case let .failure(problem):
                        facts.file = shown(entry.path)
                        facts.isIncomplete = true
                        diagnostics.append(problem)
                    }
                } else {
                    studyClashes.append(entry.path)
                }
                continue
            }
            if !Keys.isValid(id) {
                diagnostics.append(
                    .error(SourceLocation(file: shown(entry.path)), .dataset(.invalidFileName(String(name)))))
                continue
            }
            var pair = pairs[id] ?? (nil, nil)
            let folder = entry.path.dropLast(name.count)
            if let first = firstSeen[id], first != folder {
                // Once per dataset (its .csv and .yml are one mistake).
                guard duplicatesReported.insert(id + "\u{0}" + folder).inserted else { continue }
                diagnostics.append(
                    .error(
                        SourceLocation(file: shown(entry.path)),
                        .dataset(.duplicateId(id, otherFolder: displayRoot + "/" + String(first.dropLast())))))
                continue
            }
            firstSeen[id] = folder
            if ext == "csv" {
                pair.csv = entry.path
            } else {
                if pair.yml != nil {
                    diagnostics.append(
                        .error(SourceLocation(file: shown(entry.path)), .dataset(.bothYMLAndYAML(id: id))))
                }
                pair.yml = entry.path
            }
            pairs[id] = pair
        }

        if let clash = studyClashes.min() {
            diagnostics.append(
                .error(SourceLocation(file: shown(clash)), .dataset(.studyIdReserved(factsFile: shown(StudyFacts.fileName)))))
        }
        var inputs: [(id: String, yml: String, csv: String)] = []
        for id in pairs.keys.sorted() {
            guard let pair = pairs[id] else { continue }
            guard let yml = pair.yml else {
                if let csv = pair.csv {
                    diagnostics.append(
                        .error(SourceLocation(file: shown(csv)), .dataset(.noMetadataFile(id: id))))
                }
                continue
            }
            guard let csv = pair.csv else {
                diagnostics.append(
                    .error(SourceLocation(file: shown(yml)), .dataset(.noCSVFile(id: id))))
                continue
            }
            inputs.append((id, yml, csv))
        }
        // Read and parse every pair on all cores.
        let languages = self.languages, cache = self.cache
        let parsed = inputs.parallelMap { input -> (dataset: Dataset?, diagnostics: [Diagnostic]) in
            let metadataFile = shown(input.yml), dataFile = shown(input.csv)
            let metadata = Files.readText(root + "/" + input.yml, display: metadataFile)
            let data = Files.readText(root + "/" + input.csv, display: dataFile)
            guard case let .success(metadataText) = metadata, case let .success(dataText) = data else {
                return (nil, [metadata, data].compactMap { if case let .failure(problem) = $0 { problem } else { nil } })
            }
            var digest = Digest()
            for field in [metadataFile, metadataText, dataFile, dataText] { digest.add(field) }
            // The cache's key: the two files as read, and the languages they are read in.
            var key = digest
            for language in languages { key.add(language.code) }
            if let reader = cache?.dataset(key), let dataset = Dataset.decoded(reader, languages: languages), dataset.id == input.id {
                return (dataset, [])
            }
            var result = DatasetParser.parse(
                id: input.id, metadata: metadataText, metadataFile: metadataFile,
                data: dataText, dataFile: dataFile, languages: languages)
            result.dataset?.sourceDigest = digest
            result.dataset?.quotesOthers = Self.hasPlaceholder(metadataText) || Self.hasPlaceholder(dataText)
            if let cache, let dataset = result.dataset, result.diagnostics.isEmpty { cache.keep(key, dataset.encoded()) }
            return result
        }
        var datasets: [String: Dataset] = [:]
        for (input, result) in zip(inputs, parsed) {
            diagnostics += result.diagnostics
            if let dataset = result.dataset { datasets[input.id] = dataset }
        }
        // Values taken from elsewhere, once everything is read.
        let resolver = ReferenceResolver(datasets: datasets, facts: facts, invalid: Set(pairs.keys).subtracting(datasets.keys))
        resolver.resolveAll()
        diagnostics += resolver.diagnostics
        datasets = resolver.datasets
        // What a chart would show without a word: a value rounded away, shares over 100.
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id] else { continue }
            diagnostics += ValueChecks.hiddenDecimals(dataset) + ValueChecks.sharesOverHundred(dataset)
        }
        // A value typed twice is a warning; an acknowledgement of none is one too.
        let (copies, found) = CopyCheck.warnings(datasets)
        diagnostics += copies
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id], dataset.acknowledged.contains(.sameValues), !found.contains(id) else { continue }
            diagnostics.append(
                .warning(dataset.acknowledgedAt ?? SourceLocation(file: dataset.metadataFile), .dataset(.staleSameValues(id: id))))
        }
        let invalid = Set(pairs.keys).subtracting(datasets.keys)
        return (datasets, diagnostics, invalid, facts)
    }

    /// Whether `text` holds `{{` (a reference to another dataset or a fact), byte by byte: run on
    /// every dataset's files, where Foundation's `contains` converted each to UTF-16 first.
    static func hasPlaceholder(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }
}
