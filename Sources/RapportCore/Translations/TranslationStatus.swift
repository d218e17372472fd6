import Diagnostics
import RapportBase

/// How a translation stands against its source: marked and up to date, behind in some sections
/// (changed, new or removed in the source since the mark), or never marked.
struct TranslationStatus: Sendable {
    /// What became of a section: changed, new, removed (as a diagnostic names it).
    typealias Change = TranslationProblem.Change.Kind
    struct SectionChange: Sendable {
        var change: Change
        /// The section now (nil when removed) and as marked (nil when new).
        var current: SourceSection?
        var marked: TranslationRecord.Section?
        var name: String { current?.name ?? marked.map { $0.key.isEmpty ? "(title and opening text)" : $0.key } ?? "" }
    }

    let unit: TranslationUnit
    let isMarked: Bool
    let changes: [SectionChange]

    init(_ unit: TranslationUnit, record: TranslationRecord?) {
        self.unit = unit
        guard let entry = record?.entry(for: unit) else {
            (isMarked, changes) = (false, [])
            return
        }
        isMarked = true
        // A section is unchanged when a marked one has its fingerprint (wherever it was: a move
        // is no change); else it is changed when a marked one has its key, else new.
        var unmatched = Array(entry.sections.indices)
        var open: [Int] = []
        for (index, section) in unit.sections.enumerated() {
            if let found = unmatched.firstIndex(where: { entry.sections[$0].hash == section.hash }) {
                unmatched.remove(at: found)
            } else {
                open.append(index)
            }
        }
        var found: [SectionChange] = []
        for index in open {
            let section = unit.sections[index]
            if let old = unmatched.firstIndex(where: { entry.sections[$0].key == section.key }) {
                found.append(SectionChange(change: .changed, current: section, marked: entry.sections[unmatched[old]]))
                unmatched.remove(at: old)
            } else {
                found.append(SectionChange(change: .new, current: section, marked: nil))
            }
        }
        for old in unmatched { found.append(SectionChange(change: .removed, current: nil, marked: entry.sections[old])) }
        changes = found
    }

    var summary: String {
        if !isMarked { return "never marked" }
        return changes.isEmpty ? "up to date" : "behind in \(changes.count) section\(changes.count == 1 ? "" : "s")"
    }

    /// The build's one diagnostic for a translation behind its source: at the translated file (a
    /// label's or string's own line when it has one), naming each section with the source's lines.
    func diagnostic(strict: Bool) -> Diagnostic? {
        guard isMarked, !changes.isEmpty else { return nil }
        let problem = Problem.translation(
            .behind(
                language: unit.language.named, source: unit.sourceLanguage.englishName,
                kind: unit.kind == .page ? .page : unit.kind == .dataset ? .dataset : .strings,
                changes: changes.map { .init(name: $0.name, kind: $0.change, place: $0.current?.place) }, file: unit.file))
        let location = changes.lazy.compactMap { $0.current?.translation }.first ?? unit.location
        return strict ? .error(location, problem) : .warning(location, problem)
    }
}
