import Diagnostics
import Foundation
import RapportBase

/// `rapport translations export` and `import`: the segments of a language that are new or
/// behind their source, to and from a translation agency as XLIFF 1.2 (XLIFFWriter.swift).
extension Translations {
    /// What an import did, or why it did nothing.
    public struct ImportOutcome: Sendable {
        public var lines: [String] = []
        public var diagnostics: [Diagnostic] = []
    }

    private var contentErrors: [Diagnostic] { loaded.diagnostics.filter { $0.severity == .error } }

    /// Writes the XLIFF file of `language`'s segments that are new or behind their source.
    public func export(to language: String, output: URL) -> Result<[String], Problem> {
        if let error = contentErrors.first {
            return .failure(Problem(message: "the content has errors (\(error.description)); fix them first (rapport check)"))
        }
        let these = units.filter { $0.language.code == language }
        guard let first = these.first else {
            let codes = Set(units.map(\.language.code)).sorted().joined(separator: ", ")
            return .failure(Problem(message: "no translations into \"\(language)\" (the site's translations are into \(codes))"))
        }
        let set = TranslationSegments(these, loaded: loaded, content: content)
        var files: [XLIFFDocument.File] = []
        for (index, unit) in these.enumerated() {
            let segments = set.segments.filter { $0.unit == index && $0.behind }
            guard !segments.isEmpty else { continue }
            files.append(
                XLIFFDocument.File(
                    original: unit.key, sourceLanguage: unit.sourceLanguage.code, targetLanguage: first.language.code,
                    units: segments.map {
                        XLIFFDocument.Unit(
                            id: $0.id, what: $0.what, source: $0.source, target: $0.target, file: $0.targetAt?.file ?? unit.file,
                            line: $0.targetAt?.line ?? 1, sourcePlace: "\($0.sourceAt.file):\($0.sourceAt.line)")
                    }))
        }
        let count = files.map(\.units.count).reduce(0, +)
        do {
            try Data(XLIFFDocument(files: files).xml.utf8).write(to: output, options: .atomic)
        } catch {
            return .failure(Problem(message: "cannot write \(Pipeline.displayPath(output)): \(error.localizedDescription)"))
        }
        return .success([
            "wrote \(count) segment\(count == 1 ? "" : "s") of \(files.count) file\(files.count == 1 ? "" : "s") to translate into \(first.language.englishName) to \(Pipeline.displayPath(output))"
        ])
    }

    /// Writes the translations of an XLIFF file into the content, and marks done what it
    /// translates completely. Nothing is written when anything in it is wrong.
    public func importXLIFF(_ url: URL) -> ImportOutcome {
        var outcome = ImportOutcome()
        let shown = Pipeline.displayPath(url)
        if let error = contentErrors.first {
            outcome.diagnostics = [.error(error.location, .translation(.contentHasErrors(error.problem)))]
            return outcome
        }
        guard let data = try? Data(contentsOf: url) else {
            outcome.diagnostics = [.error(SourceLocation(file: shown), .translation(.xliffUnreadable))]
            return outcome
        }
        let reader = XLIFFReader(data: data, file: shown)
        outcome.diagnostics = reader.diagnostics
        guard outcome.diagnostics.isEmpty else { return outcome }
        var plan = ImportPlan(xliff: shown)
        for language in Set(reader.units.map(\.targetLanguage)).sorted() {
            let read = reader.units.filter { $0.targetLanguage == language }
            let these = units.filter { $0.language.code == language }
            guard !these.isEmpty else {
                outcome.diagnostics.append(
                    .error(read[0].at, .translation(.notATranslation(language: language))))
                continue
            }
            plan.add(read, units: these, segments: TranslationSegments(these, loaded: loaded, content: content))
        }
        outcome.diagnostics += plan.diagnostics
        guard !outcome.diagnostics.contains(where: { $0.severity == .error }) else { return outcome }
        let written: [URL]
        switch plan.write(display: Pipeline.displayPath) {
        case let .success(files): written = files
        case let .failure(diagnostic):
            outcome.diagnostics.append(diagnostic)
            return outcome
        }
        outcome.lines.append(
            "wrote \(plan.writtenCount) translation\(plan.writtenCount == 1 ? "" : "s") into \(written.count) file\(written.count == 1 ? "" : "s")")
        // The content as written: it must load as well as before, else it is put back.
        let after = Translations(content: content, templates: templates)
        let before = Set(loaded.diagnostics.map(\.description))
        let broken = after.loaded.diagnostics.filter { $0.severity == .error && !before.contains($0.description) }
        if !broken.isEmpty {
            plan.restore()
            outcome.lines = []
            outcome.diagnostics = broken.map {
                .error($0.location, .translation(.importWouldBreak($0.problem)))
            }
            return outcome
        }
        outcome.lines += plan.leftovers
        let complete = Set(plan.complete.map { "\($0.key) \($0.language.code)" })
        switch after.mark(after.units.filter { complete.contains("\($0.key) \($0.language.code)") }) {
        case let .success(lines): outcome.lines += lines
        case let .failure(problem): outcome.lines.append("error: \(problem.message)")
        }
        outcome.lines += plan.incomplete
        return outcome
    }
}
