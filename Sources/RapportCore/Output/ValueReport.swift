import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// Every number of a build, so that the next build can say what changed: each changed value
/// (`volunteer-tasks:board:share 87 → 85`), the charts it appears in and the sentences that quote
/// it, as `file:line`, for the editor to re-read. `rapport build` keeps the values in a hidden
/// file beside the output folder (`.Public.values`); the preview keeps them in memory.
public struct ValueSnapshot: Sendable {
    /// Every value by the reference that names it (`volunteer-tasks:board:share`,
    /// `volunteer-tasks:base`, `study:answered`), as an editor types it ("" for an empty cell).
    public private(set) var values: [String: String] = [:]
    /// The keys of `values` in a fixed order (facts, then datasets by id, each in its file's
    /// order): the order of the file, without sorting a hundred thousand keys.
    private var order: [String] = []
    /// Where a value taken by reference comes from (one step).
    private var origins: [String: String] = [:]
    /// The charts placed in the chapters.
    private var placed: Set<String> = []
    /// The sentences quoting each value: `file:line`, in file order.
    private var quotes: [String: [SourceLocation]] = [:]

    init(datasets: [String: Dataset], facts: StudyFacts, pages: [Page], site: SiteConfig?) {
        func set(_ key: String, _ value: String) {
            if values.updateValue(value, forKey: key) == nil { order.append(key) }
        }
        for key in facts.facts.keys.sorted() {
            set("study:\(key)", facts.machineValue(key) ?? facts.formatted(key, language: site?.languages.first ?? .nl) ?? "")
        }
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id] else { continue }
            func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
            set(id + ":base", number(dataset.base))
            for series in dataset.series { set(id + ":" + series.key + ":n", number(series.base)) }
            for row in dataset.rows {
                let prefix = id + ":" + row.key + ":"
                set(prefix + "n", number(row.base))
                for (index, series) in dataset.series.enumerated() {
                    set(prefix + series.key, row.values[index].map(DatasetParser.formatNumber) ?? "")
                }
            }
            for link in dataset.links {
                let target = Self.key(link.reference, datasets: datasets)
                switch link.slot {
                case .base: origins["\(id):base"] = target
                case let .seriesBase(series): origins["\(id):\(dataset.series[series].key):n"] = target
                case let .rowBase(row): origins["\(id):\(dataset.rows[row].key):n"] = target
                case let .value(row, series): origins["\(id):\(dataset.rows[row].key):\(dataset.series[series].key)"] = target
                case let .series(series):
                    for row in dataset.rows {
                        let reference = Reference(source: link.reference.source, key: row.key, series: link.reference.key)
                        origins["\(id):\(row.key):\(dataset.series[series].key)"] = Self.key(reference, datasets: datasets)
                    }
                }
            }
        }
        for page in pages { scan(page, datasets: datasets) }
        if let site {
            for language in site.languages {
                let location = site.description.locations[language] ?? SourceLocation(file: site.file)
                for expression in Self.placeholders(in: Substring(site.description[language])) {
                    if let reference = Reference(expression) {
                        quotes[Self.key(reference, datasets: datasets), default: []].append(location)
                    }
                }
            }
        }
    }

    /// The value a reference names, as a key of `values`.
    static func key(_ reference: Reference, datasets: [String: Dataset]) -> String {
        if reference.series == nil, !reference.isStudyFact, let dataset = datasets[reference.source] {
            if reference.key == "base", !dataset.rows.contains(where: { $0.key == "base" }) { return "\(reference.source):base" }
            if let first = dataset.series.first { return "\(reference.source):\(reference.key):\(first.key)" }
        }
        return reference.description
    }

    /// The chart blocks and `{{…}}` quotes of a chapter, by line. Line ends and braces are
    /// found with `memchr`: every chapter is scanned on every build.
    private mutating func scan(_ page: Page, datasets: [String: Dataset]) {
        let fence = Array("```chart ".utf8), tildes = Array("~~~chart ".utf8)
        let body = page.body
        var start = 0, number = 0
        while start <= body.count {
            let end = body.firstIndex(of: 0x0A, from: start) ?? body.count
            number += 1
            let line = body[start..<end]
            defer { start = end + 1 }
            if line.starts(with: fence) || line.starts(with: tildes) {
                if let id = line.dropFirst(fence.count).split(separator: 0x20).first { placed.insert(String(decoding: id, as: UTF8.self)) }
                continue
            }
            guard body.firstIndex(of: 0x7B, from: start, to: end) != nil else { continue }  // "{"
            for expression in Self.placeholders(in: Substring(String(decoding: line, as: UTF8.self))) {
                guard let reference = Reference(expression) else { continue }
                quotes[Self.key(reference, datasets: datasets), default: []].append(
                    SourceLocation(file: page.file, line: page.bodyLineOffset + number))
            }
        }
    }

    /// The expressions between `{{` and `}}` of one line.
    static func placeholders(in line: Substring) -> [String] {
        let bytes = Array(line.utf8)
        var found: [String] = [], index = 0, open: Int?
        while index + 1 < bytes.count {
            if open == nil, bytes[index] == 0x7B, bytes[index + 1] == 0x7B {
                open = index + 2
                index += 2
            } else if let start = open, bytes[index] == 0x7D, bytes[index + 1] == 0x7D {
                found.append(String(decoding: bytes[start..<index], as: UTF8.self))
                open = nil
                index += 2
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: The file

    /// Where `rapport build` keeps the values of its last build: beside the output folder,
    /// hidden, never published (`Public` → `.Public.values`).
    public static func file(beside output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).values")
    }

    /// One `key<TAB>value` line per value (facts, then datasets by id).
    public var serialized: [UInt8] {
        var bytes = Array("# rapport: the values of the last build, to report what the next one changes\n".utf8)
        bytes.reserveCapacity(order.count * 32)
        for key in order {
            bytes += key.utf8
            bytes.append(0x09)
            bytes += (values[key] ?? "").utf8
            bytes.append(0x0A)
        }
        return bytes
    }

    public static func parse(_ text: String) -> [String: String] { parse(Array(text.utf8)) }

    /// The values of a file `serialized` wrote (lines of `key<TAB>value`; `#` starts a comment),
    /// read byte by byte: Substring splitting took most of a rebuild after a data update.
    static func parse(_ bytes: [UInt8]) -> [String: String] {
        var values: [String: String] = [:]
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            if end > start, bytes[start] != UInt8(ascii: "#"), let tab = bytes[start..<end].firstIndex(of: 0x09) {
                values[String(decoding: bytes[start..<tab], as: UTF8.self)] = String(decoding: bytes[(tab + 1)..<end], as: UTF8.self)
            }
            start = end + 1
        }
        return values
    }

    // MARK: The report

    /// The report: nothing when no value changed.
    public func changes(since old: [String: String]) -> [String] {
        let changed = Set(values.keys.filter { key in old[key].map { $0 != values[key] } ?? false })
        guard !changed.isEmpty else { return [] }
        func root(_ key: String) -> String {
            var key = key, seen: Set<String> = []
            while let next = origins[key], seen.insert(key).inserted { key = next }
            return key
        }
        // A value taken from a changed value is reported under it.
        var groups: [String: [String]] = [:]
        for key in changed {
            let origin = root(key)
            groups[changed.contains(origin) ? origin : key, default: []].append(key)
        }
        var lines = ["what changed since the last build (\(groups.count) value\(groups.count == 1 ? "" : "s")):"]
        for key in groups.keys.sorted() {
            let members = groups[key] ?? []
            lines.append("  \(key) \(Self.shown(old[key] ?? "")) → \(Self.shown(values[key] ?? ""))")
            let charts = Set(members.map { String($0.prefix { $0 != ":" }) }).intersection(placed).sorted()
            if !charts.isEmpty { lines.append("    charts: \(charts.joined(separator: ", "))") }
            let sentences = Set(members.flatMap { quotes[$0] ?? [] }.map { SourceLocation(file: $0.file, line: $0.line) }).sorted()
            if !sentences.isEmpty {
                lines.append("    sentences: \(sentences.map { "\($0.file):\($0.line)" }.joined(separator: ", "))")
            }
        }
        return lines
    }

    private static func shown(_ value: String) -> String { value.isEmpty ? "–" : value }
}

extension Pipeline {
    /// After a successful build into a folder: the report against the values of the last one,
    /// and the new values kept for the next. Best effort: a file that cannot be written only
    /// means no report next time. The file is Rapport's own: anything else at its name (a
    /// symbolic link, never followed; a FIFO or a device, never opened) is replaced, with a
    /// warning instead of the report.
    static func recordValues(_ snapshot: ValueSnapshot, beside output: URL) -> (changes: [String], warnings: [Diagnostic]) {
        let file = ValueSnapshot.file(beside: output)
        let text = snapshot.serialized
        func keep() { _ = SiteWriter.replaceFile(file.path, FileContents(text)) }
        switch Files.read(file.path, links: .refuse) {
        case let .success(bytes):
            // Most rebuilds change no number: nothing to report, the file is left as it is.
            guard bytes != text else { return ([], []) }
            keep()
            return (snapshot.changes(since: ValueSnapshot.parse(bytes)), [])
        case .failure(.missing):
            keep()
            return ([], [])
        case let .failure(refusal):
            var warning = Files.diagnostic(refusal, file: displayPath(file), severity: .warning)
            warning.problem = .output(.valuesRefused(refusal))
            if case .system = refusal {} else { keep() }
            return ([], [warning])
        }
    }
}
