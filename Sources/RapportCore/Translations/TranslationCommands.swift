import Diagnostics
import Foundation
import RapportBase

/// `rapport translations`: the status of every translation, `done` to mark translations as made
/// from the source as it is now, `diff` for what changed in the source since the mark; `export`
/// and `import` (TranslationExchange.swift) for translation agencies.
public struct Translations {
    public struct Problem: Error, Sendable { public var message: String }

    let content: URL
    let templates: URL
    let loaded: LoadedSite
    let units: [TranslationUnit]

    /// Reads the content (and the templates, as a build does) once.
    public init(content: URL, templates: URL) {
        var clock = StageClock()
        self.content = content
        self.templates = templates
        loaded = LoadStage(content: content, templates: templates, baseURL: nil, display: Pipeline.displayPath).run(&clock)
        units = TranslationUnit.all(loaded, root: loaded.contentRoot)
    }

    /// What loading found wrong with the record itself.
    public var recordProblems: [Diagnostic] {
        let record = Pipeline.displayPath(content.appendingPathComponent(TranslationRecord.fileName))
        return loaded.diagnostics.filter { $0.location.file == record }
    }

    /// One line per translated file and language: up to date, behind in N sections, never marked.
    public func status() -> [String] {
        guard !units.isEmpty else { return ["no translations: the site has one language"] }
        var lines: [String] = []
        for language in loaded.languages {
            let these = units.filter { $0.language == language }
            guard !these.isEmpty else { continue }
            lines.append("\(language.englishName) (\(language.code)), from \(these[0].sourceLanguage.englishName):")
            let width = these.map(\.file.count).max() ?? 0
            for unit in these {
                let status = TranslationStatus(unit, record: loaded.translations)
                lines.append("  " + unit.file.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + status.summary)
            }
        }
        return lines
    }

    /// The units a file named on the command line stands for: a translated page, a dataset's
    /// YAML or CSV file (in `language`, else in every translated language), a UI file.
    func units(for file: String, language: String?) -> Result<[TranslationUnit], Problem> {
        let shown = Pipeline.displayPath(URL(fileURLWithPath: file))
        let found = units.filter { ($0.file == shown || $0.aliases.contains(shown)) && (language == nil || $0.language.code == language) }
        if !found.isEmpty { return .success(found) }
        if let source = units.first(where: { $0.kind != .dataset && loaded.contentRoot + $0.sourceKey == shown }) {
            return .failure(Problem(message: "\(shown) is the source; name its translation, e.g. rapport translations done \(source.file)"))
        }
        let examples = units.prefix(3).map(\.file).joined(separator: ", ")
        return .failure(Problem(message: "\(shown) is not a translated file of \(loaded.contentRoot) (e.g. \(examples))"))
    }

    /// Marks the translations of `files` (every one with `all`) as made from their source as it
    /// is now, and writes the record. Returns what it marked.
    public func done(_ files: [String], all: Bool = false, language: String? = nil) -> Result<[String], Problem> {
        var marked: [TranslationUnit] = []
        if all {
            marked = units.filter { language == nil || $0.language.code == language }
        } else {
            for file in files {
                switch units(for: file, language: language) {
                case let .success(found): marked += found
                case let .failure(problem): return .failure(problem)
                }
            }
        }
        return mark(marked)
    }

    /// Records `marked` as made from their source as it is now, in one write of the record.
    func mark(_ marked: [TranslationUnit]) -> Result<[String], Problem> {
        var record = loaded.translations ?? TranslationRecord()
        for unit in marked { record.mark(unit) }
        let url = content.appendingPathComponent(TranslationRecord.fileName)
        do {
            try Data(record.yaml().utf8).write(to: url, options: .atomic)
        } catch {
            return .failure(Problem(message: "cannot write \(Pipeline.displayPath(url)): \(error.localizedDescription)"))
        }
        return .success(marked.map { "marked \($0.file) (\($0.language.code)) as translated from \($0.sourceKey)" })
    }

    /// The source's changes since the translation of `file` was marked: per section, a line
    /// diff of the normalised text then and now.
    public func diff(_ file: String, language: String? = nil) -> Result<[String], Problem> {
        let found: [TranslationUnit]
        switch units(for: file, language: language) {
        case let .success(units): found = units
        case let .failure(problem): return .failure(problem)
        }
        var lines: [String] = []
        for unit in found {
            let status = TranslationStatus(unit, record: loaded.translations)
            guard status.isMarked else {
                lines.append("\(unit.file) (\(unit.language.code)): never marked; nothing to compare with (rapport translations done \(unit.file))")
                continue
            }
            guard !status.changes.isEmpty else {
                lines.append("\(unit.file) (\(unit.language.code)): up to date with \(unit.sourceKey)")
                continue
            }
            lines.append("\(unit.file) (\(unit.language.code)): \(status.summary) of \(loaded.contentRoot)\(unit.sourceKey)")
            for change in status.changes {
                lines.append("@@ \"\(change.name)\" (\(change.change.rawValue)\(change.current.map { ", \($0.place)" } ?? "")) @@")
                lines += LineDiff.lines(old: change.marked?.text ?? "", new: change.current?.text ?? "")
            }
        }
        return .success(lines)
    }
}

/// A plain line diff (longest common subsequence): `-` lines only in the old text, `+` only in
/// the new, ` ` in both.
enum LineDiff {
    static func lines(old: String, new: String) -> [String] {
        let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [String] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append("  " + a[i]); i += 1; j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                result.append("- " + a[i]); i += 1
            } else {
                result.append("+ " + b[j]); j += 1
            }
        }
        return result
    }
}
