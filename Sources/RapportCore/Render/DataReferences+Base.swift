import Diagnostics
import SurveyData

extension DataReferences {
    /// `{{dataset:base}}` in a text: a base is a number where a number goes (`base:`, `n`), never
    /// quoted in a text (docs/datasets.md, "One value, one place"). Said as such, with the way
    /// to quote the same number: the reference the base takes it from (followed to its end:
    /// `groups` → `tasks:base` → `study:answered`), or how to make a typed base a fact of the
    /// study. Nil when the dataset has no base at all (a plain missing row, then).
    func baseQuoted(_ expression: String, of dataset: Dataset, at location: SourceLocation) -> Diagnostic? {
        var current = dataset
        var seen: Set<String> = [dataset.id]
        while let link = current.links.first(where: { $0.slot == .base }) {
            let reference = link.reference
            if reference.isStudyFact || (reference.key != "base" && reference.series != "n") {
                return .error(location, .markdown(.baseQuoted(expression: expression, dataset: dataset.id, .reference("\(reference)"))))
            }
            guard reference.key == "base", reference.series == nil, let next = datasets[reference.source],
                seen.insert(next.id).inserted
            else {
                return .error(location, .markdown(.baseQuoted(expression: expression, dataset: dataset.id, .number(dataset.base))))
            }
            current = next
        }
        guard let base = current.base else { return nil }
        let study = facts.file ?? "Content/data/\(StudyFacts.fileName)"
        return .error(
            location,
            .markdown(.baseQuoted(expression: expression, dataset: dataset.id, .fact(base: base, metadataFile: current.metadataFile, studyFile: study))))
    }
}
