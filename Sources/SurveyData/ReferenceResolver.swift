import Diagnostics

/// Fills in every value a dataset takes from elsewhere (`ValueLink`), once all datasets are
/// parsed: a reference to a value that is itself a reference is followed, a reference that
/// points nowhere or a cycle of references is one error at the reference, with the fix.
/// Datasets with such an error are dropped (and named in `failed`) so that the chapters using
/// them report nothing more.
final class ReferenceResolver {
    /// One place a value can come from or go to.
    enum Cell: Hashable {
        case base(String)
        case seriesBase(String, series: Int)
        case rowBase(String, row: Int)
        case value(String, row: Int, series: Int)

        var isBase: Bool {
            if case .value = self { false } else { true }
        }

        var dataset: String {
            switch self {
            case let .base(id), let .seriesBase(id, _), let .rowBase(id, _), let .value(id, _, _): id
            }
        }
    }

    enum Outcome: Equatable {
        case number(Double)
        /// An empty cell: drawn as missing where it is taken too.
        case missing
        /// Already reported.
        case failed
    }

    private(set) var datasets: [String: Dataset]
    let facts: StudyFacts
    let invalid: Set<String>
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var failed: Set<String> = []
    private var outcomes: [Cell: Outcome] = [:]
    private var visiting: [Cell] = []

    init(datasets: [String: Dataset], facts: StudyFacts, invalid: Set<String>) {
        self.datasets = datasets
        self.facts = facts
        self.invalid = invalid
    }

    /// Resolves every link of every dataset, in id order (deterministic diagnostics).
    func resolveAll() {
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id] else { continue }
            for link in dataset.links {
                if case .series = link.slot, !seriesExists(link) {
                    failed.insert(id)
                    continue
                }
                for cell in cells(of: link, in: dataset) { _ = outcome(cell) }
            }
        }
        for id in failed { datasets[id] = nil }
        for id in datasets.keys.sorted() {
            guard var dataset = datasets[id] else { continue }
            if !dataset.links.isEmpty {
                let stacks = DatasetParser.checkStacks(&dataset)
                diagnostics += stacks
                // A stack that does not add up cannot be drawn: the dataset is dropped, as the parser would.
                if stacks.contains(where: { $0.severity == .error }) { datasets[id] = nil; continue }
                if !dataset.acknowledged.contains(.smallBase) { diagnostics += smallBases(dataset) }
                datasets[id] = dataset
            }
            if dataset.acknowledged.contains(.smallBase), let location = dataset.acknowledgedAt {
                let bases = dataset.series.map(\.base) + dataset.rows.map(\.base)
                if !bases.contains(where: { ($0 ?? Int.max) < Dataset.smallBaseLimit }) {
                    diagnostics.append(
                        .warning(
                            location, "acknowledges a small base, but no base of \"\(id)\" is under \(Dataset.smallBaseLimit) any more",
                            fix: "remove small-base from acknowledge"))
                }
            }
        }
    }

    /// The small-base warnings of bases taken from elsewhere (the parser warns about the others).
    private func smallBases(_ dataset: Dataset) -> [Diagnostic] {
        dataset.links.compactMap { link in
            let (base, what): (Int?, String)
            switch link.slot {
            case let .seriesBase(series): (base, what) = (dataset.series[series].base, "series \"\(dataset.series[series].key)\"")
            case let .rowBase(row): (base, what) = (dataset.rows[row].base, "row \"\(dataset.rows[row].key)\"")
            default: return nil
            }
            guard let base, base < Dataset.smallBaseLimit else { return nil }
            return .warning(link.location, "small base n=\(base) for \(what)" + (base < Dataset.lowBaseLimit ? " (shown as low n)" : ""))
        }
    }

    /// Whether the series a `from:` names exists (reported once, not once per row).
    private func seriesExists(_ link: ValueLink) -> Bool {
        let reference = link.reference
        guard let source = datasets[reference.source] else {
            if !invalid.contains(reference.source) {
                let hint = closestMatch(to: reference.source, in: datasets.keys).map { "did you mean \"\($0)\"?" }
                diagnostics.append(
                    .error(
                        link.location, "\(reference) points to an unknown dataset \"\(reference.source)\"",
                        fix: hint ?? "name a dataset of Content/data"))
            }
            return false
        }
        guard source.series.contains(where: { $0.key == reference.key }) else {
            let hint = closestMatch(to: reference.key, in: source.series.map(\.key)).map { "did you mean \"\($0)\"?" }
            diagnostics.append(
                .error(
                    link.location, "\(reference) points nowhere: dataset \"\(source.id)\" has no series \"\(reference.key)\"",
                    fix: hint ?? "series of \(source.id): \(source.series.map(\.key).joined(separator: ", "))"))
            return false
        }
        return true
    }

    /// The cells a link fills: one, or a whole column for `from:`.
    private func cells(of link: ValueLink, in dataset: Dataset) -> [Cell] {
        switch link.slot {
        case .base: [.base(dataset.id)]
        case let .seriesBase(series): [.seriesBase(dataset.id, series: series)]
        case let .rowBase(row): [.rowBase(dataset.id, row: row)]
        case let .value(row, series): [.value(dataset.id, row: row, series: series)]
        case let .series(series): dataset.rows.indices.map { .value(dataset.id, row: $0, series: series) }
        }
    }

    /// The reference that fills `cell`, when it is taken from elsewhere.
    private func link(of cell: Cell) -> (reference: Reference, location: SourceLocation)? {
        guard let dataset = datasets[cell.dataset] else { return nil }
        for link in dataset.links {
            switch (link.slot, cell) {
            case (.base, .base), (.seriesBase, .seriesBase), (.rowBase, .rowBase), (.value, .value):
                if cells(of: link, in: dataset) == [cell] { return (link.reference, link.location) }
            case let (.series(series), .value(_, row, cellSeries)) where series == cellSeries:
                let reference = Reference(source: link.reference.source, key: dataset.rows[row].key, series: link.reference.key)
                return (reference, link.location)
            default: continue
            }
        }
        return nil
    }

    /// The value of a cell, following references.
    private func outcome(_ cell: Cell) -> Outcome {
        if let known = outcomes[cell] { return known }
        guard let (reference, location) = link(of: cell) else { return stored(cell) }
        if let start = visiting.firstIndex(of: cell) {
            let chain = (visiting[start...] + [cell]).map(name)
            diagnostics.append(
                .error(
                    location, "reference cycle: \(chain.joined(separator: " → "))",
                    fix: "one of these values must be a number, not a reference"))
            for member in visiting[start...] { failed.insert(member.dataset); outcomes[member] = .failed }
            return .failed
        }
        visiting.append(cell)
        var result =
            reference.isStudyFact
            ? fact(reference, at: location, for: cell)
            : target(of: reference, at: location, from: cell).map(outcome) ?? .failed
        visiting.removeLast()
        if result == .missing, cell.isBase {
            diagnostics.append(
                .error(location, "\(reference) has no value to take", fix: "fill in the value there, or write the base here"))
            result = .failed
        }
        if outcomes[cell] == .failed { result = .failed }
        if case let .number(value) = result, !accept(value, in: cell, reference: reference, at: location) { result = .failed }
        if result == .failed { failed.insert(cell.dataset) }
        outcomes[cell] = result
        store(result, in: cell)
        return result
    }

    /// Where a reference points, or nil (reported) when it points nowhere.
    private func target(of reference: Reference, at location: SourceLocation, from cell: Cell) -> Cell? {
        guard let source = datasets[reference.source] else {
            if !invalid.contains(reference.source) && !failed.contains(reference.source) {
                let hint = closestMatch(to: reference.source, in: datasets.keys).map { "did you mean \"\($0)\"?" }
                diagnostics.append(
                    .error(
                        location, "\(reference) points to an unknown dataset \"\(reference.source)\"",
                        fix: hint ?? "name a dataset of Content/data, or study for a fact of Content/data/study.yml"))
            }
            return nil
        }
        if reference.key == "base", reference.series == nil, !source.rows.contains(where: { $0.key == "base" }) {
            return .base(source.id)
        }
        // `<dataset>:<row>:n`: a row's base; `<dataset>:<series>:n`: a series' (no series is called n).
        if reference.series == "n", !source.series.contains(where: { $0.key == "n" }) {
            if let row = source.rows.firstIndex(where: { $0.key == reference.key }) { return .rowBase(source.id, row: row) }
            if let series = source.series.firstIndex(where: { $0.key == reference.key }) { return .seriesBase(source.id, series: series) }
        }
        guard let row = source.rows.firstIndex(where: { $0.key == reference.key }) else {
            let hint = closestMatch(to: reference.key, in: source.rows.map(\.key)).map { "did you mean \"\($0)\"?" }
            diagnostics.append(
                .error(
                    location, "\(reference) points nowhere: dataset \"\(source.id)\" has no row \"\(reference.key)\"",
                    fix: hint ?? "rows of \(source.id): \(source.rows.map(\.key).joined(separator: ", "))"))
            return nil
        }
        var series = 0
        if let key = reference.series {
            guard let index = source.series.firstIndex(where: { $0.key == key }) else {
                let hint = closestMatch(to: key, in: source.series.map(\.key)).map { "did you mean \"\($0)\"?" }
                diagnostics.append(
                    .error(
                        location, "\(reference) points nowhere: dataset \"\(source.id)\" has no series \"\(key)\"",
                        fix: hint ?? "series of \(source.id): \(source.series.map(\.key).joined(separator: ", "))"))
                return nil
            }
            series = index
        }
        return .value(source.id, row: row, series: series)
    }

    /// A study fact is resolved here (it is never a reference itself).
    private func fact(_ reference: Reference, at location: SourceLocation, for cell: Cell) -> Outcome {
        guard reference.series == nil else {
            diagnostics.append(.error(location, "\(reference) has one part too many", fix: "write study:<fact>, e.g. study:answered"))
            return .failed
        }
        guard facts.facts[reference.key] != nil else {
            if facts.isIncomplete { return .failed }
            let known = facts.facts.keys.sorted()
            let hint = closestMatch(to: reference.key, in: known).map { "did you mean \"study:\($0)\"?" }
            let file = facts.file ?? "Content/data/study.yml"
            diagnostics.append(
                .error(
                    location, "\(reference) points nowhere: \(file) has no fact \"\(reference.key)\"",
                    fix: hint ?? (known.isEmpty ? "add \(reference.key): <value> to \(file)" : "facts: \(known.joined(separator: ", "))")))
            return .failed
        }
        guard let number = facts.number(reference.key) else {
            diagnostics.append(
                .error(location, "\(reference) is a date or a text, not a number", fix: "quote it in a text as {{\(reference)}}"))
            return .failed
        }
        return .number(number)
    }

    /// A value that is not a reference.
    private func stored(_ cell: Cell) -> Outcome {
        guard let dataset = datasets[cell.dataset] else { return .failed }
        switch cell {
        case .base: return dataset.base.map { .number(Double($0)) } ?? .missing
        case let .seriesBase(_, series): return dataset.series[series].base.map { .number(Double($0)) } ?? .missing
        case let .rowBase(_, row): return dataset.rows[row].base.map { .number(Double($0)) } ?? .missing
        case let .value(_, row, series): return dataset.rows[row].values[series].map(Outcome.number) ?? .missing
        }
    }

    private func store(_ outcome: Outcome, in cell: Cell) {
        guard case let .number(value) = outcome, var dataset = datasets[cell.dataset] else { return }
        switch cell {
        case .base: dataset.base = Int(value)
        case let .seriesBase(_, series): dataset.series[series].base = Int(value)
        case let .rowBase(_, row): dataset.rows[row].base = Int(value)
        case let .value(_, row, series): dataset.rows[row].values[series] = value
        }
        datasets[cell.dataset] = dataset
    }

    /// A taken value must fit where it goes: a whole base, a share within 0–100.
    private func accept(_ value: Double, in cell: Cell, reference: Reference, at location: SourceLocation) -> Bool {
        guard let dataset = datasets[cell.dataset] else { return false }
        switch cell {
        case .base, .seriesBase, .rowBase:
            guard value == value.rounded(), value >= 0, value < 1e9 else {
                diagnostics.append(
                    .error(
                        location, "\(reference) is \(DatasetParser.formatNumber(value)), not a whole number of respondents",
                        fix: "a base takes a count, e.g. study:answered"))
                return false
            }
        case let .value(_, row, _):
            let unit = dataset.unit(ofRow: row)
            if unit == .percent || unit == .margin, !(0...100).contains(value) {
                diagnostics.append(
                    .error(
                        location, "\(reference) is \(DatasetParser.formatNumber(value)), outside 0–100 for a percentage",
                        fix: "take a share, not a count"))
                return false
            }
        }
        return true
    }

    /// How a cell is named in a cycle: as a reference to it would be written.
    private func name(_ cell: Cell) -> String {
        guard let dataset = datasets[cell.dataset] else { return cell.dataset }
        switch cell {
        case let .base(id): return "\(id):base"
        case let .seriesBase(id, series): return "\(id) series \(dataset.series[series].key) n"
        case let .rowBase(id, row): return "\(id) row \(dataset.rows[row].key) n"
        case let .value(id, row, series): return "\(id):\(dataset.rows[row].key):\(dataset.series[series].key)"
        }
    }
}
