import Diagnostics

extension DatasetParser {
    /// Stacks of shares must sum to 100 (± rounding); within the margin the site says so.
    public static func checkStacks(_ dataset: inout Dataset) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let fallback = SourceLocation(file: dataset.metadataFile)
        if dataset.unit == .percent, dataset.isStacked {
            // The stack is a row's, or (nil) a donut's slices.
            var stacks: [(row: DatasetProblem.BaseOwner?, values: [Double?], location: SourceLocation)] = []
            if dataset.kind == .donut {
                stacks = [(nil, dataset.rows.map { $0.values.first ?? nil }, dataset.rows.first?.location ?? fallback)]
            } else {
                stacks = dataset.rows.map { (.row($0.key), $0.values, $0.location) }
            }
            for stack in stacks where !stack.values.contains(where: { $0 == nil }) && !stack.values.isEmpty {
                let sum = stack.values.reduce(0.0) { $0 + ($1 ?? 0) }
                if sum == 0 { continue }
                if abs(sum - 100) > Dataset.stackTolerance {
                    out.append(
                        .error(
                            stack.location,
                            .dataset(.stackSum(of: stack.row, sum: formatNumber(sum), tolerance: formatNumber(Dataset.stackTolerance)))))
                } else if abs(sum - 100) > 0.001 {
                    dataset.needsRoundingNote = true
                }
            }
        }
        return out
    }
}
