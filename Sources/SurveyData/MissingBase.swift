import Diagnostics

extension DatasetParser {
    /// A survey chart (one with a `question`) says how many answered it: a `base`, or an `n` on
    /// every series or every row. Without one the reader cannot weigh the percentages.
    static func missingBase(_ dataset: Dataset, question: SourceLocation?) -> [Diagnostic] {
        guard let question, dataset.base == nil, !dataset.series.allSatisfy({ $0.base != nil }),
            !dataset.rows.allSatisfy({ $0.base != nil })
        else { return [] }
        return [
            .warning(question, .dataset(.noBase))
        ]
    }
}
