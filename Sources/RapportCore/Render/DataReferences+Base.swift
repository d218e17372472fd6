import Diagnostics
import SurveyData

extension DataReferences {
    /// `{{dataset:base}}` in a text: a base is a number where a number goes (`base:`, `n`), never
    /// quoted in a text (docs/datasets.md, "One value, one place"). Said as such, with the way
    /// to quote the same number: the reference the base takes it from (followed to its end:
    /// `groups` → `tasks:base` → `study:answered`), or how to make a typed base a fact of the
    /// study. Nil when the dataset has no base at all (a plain missing row, then).
    func baseQuoted(_ expression: String, of dataset: Dataset, at location: SourceLocation) -> Diagnostic? {
        let message = "\"{{\(expression)}}\" quotes the base of dataset \"\(dataset.id)\", which a text cannot quote"
        var current = dataset
        var seen: Set<String> = [dataset.id]
        while let link = current.links.first(where: { $0.slot == .base }) {
            let reference = link.reference
            if reference.isStudyFact || (reference.key != "base" && reference.series != "n") {
                return .error(location, message, fix: "write {{\(reference)}}: the base of \(dataset.id) is \(reference)")
            }
            guard reference.key == "base", reference.series == nil, let next = datasets[reference.source],
                seen.insert(next.id).inserted
            else {
                return .error(location, message, fix: "write the number, n=\(dataset.base.map(String.init) ?? "…")")
            }
            current = next
        }
        guard let base = current.base else { return nil }
        let study = facts.file ?? "Content/data/\(StudyFacts.fileName)"
        return .error(
            location, message,
            fix:
                "a base is a number of its YAML file (base: \(base) in \(current.metadataFile)): to quote it, make it a fact of \(study), write {{study:<name>}} here and base: study:<name> there"
        )
    }
}
