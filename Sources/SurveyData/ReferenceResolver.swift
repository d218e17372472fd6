import Diagnostics

/// Fills in every value a dataset takes from elsewhere (`ValueLink`), once all datasets are
/// parsed: a reference to a value that is itself a reference is followed, a reference that
/// points nowhere or a cycle of references is one error at the reference, with the fix.
/// Datasets with such an error are dropped (and named in `failed`) so that the chapters using
/// them report nothing more.
///
/// Chains are followed in a loop, not by recursion (a chain of 14,000 references overflowed the
/// stack), and every lookup goes through `ReferenceIndex`: the time is linear in the links.
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
    private let index: ReferenceIndex
    /// What resolving looked at (links, rows, cells on the way): the tests check that it grows
    /// with the number of links, not faster.
    private(set) var steps = 0

    init(datasets: [String: Dataset], facts: StudyFacts, invalid: Set<String>) {
        self.datasets = datasets
        self.facts = facts
        self.invalid = invalid
        index = ReferenceIndex(datasets)
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
                        .warning(location, .dataset(.staleSmallBase(id: id, limit: Dataset.smallBaseLimit))))
                }
            }
        }
    }

    /// The small-base warnings of bases taken from elsewhere (the parser warns about the others).
    private func smallBases(_ dataset: Dataset) -> [Diagnostic] {
        dataset.links.compactMap { link in
            let (base, owner): (Int?, DatasetProblem.BaseOwner)
            switch link.slot {
            case let .seriesBase(series): (base, owner) = (dataset.series[series].base, .series(dataset.series[series].key))
            case let .rowBase(row): (base, owner) = (dataset.rows[row].base, .row(dataset.rows[row].key))
            default: return nil
            }
            guard let base, base < Dataset.smallBaseLimit else { return nil }
            return .warning(link.location, .dataset(.smallBase(base, of: owner, low: base < Dataset.lowBaseLimit)))
        }
    }

    /// Whether the series a `from:` names exists (reported once, not once per row).
    private func seriesExists(_ link: ValueLink) -> Bool {
        let reference = link.reference
        guard let source = datasets[reference.source] else {
            if !invalid.contains(reference.source) {
                diagnostics.append(
                    .error(
                        link.location,
                        .reference(
                            .unknownDataset(
                                reference: reference.description, dataset: reference.source,
                                suggestion: closestMatch(to: reference.source, in: datasets.keys), facts: false))))
            }
            return false
        }
        guard index.series(reference.key, in: source.id) != nil else {
            diagnostics.append(
                .error(
                    link.location,
                    .reference(
                        .noSeries(reference: reference.description, dataset: source.id, series: reference.key, all: source.series.map(\.key)))))
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
        steps += 1
        guard let dataset = datasets[cell.dataset], let position = index.link(of: cell) else { return nil }
        let link = dataset.links[position]
        guard case .series = link.slot, case let .value(_, row, _) = cell else { return (link.reference, link.location) }
        return (Reference(source: link.reference.source, key: dataset.rows[row].key, series: link.reference.key), link.location)
    }

    /// A cell taken from elsewhere on the way down a chain of references.
    private struct Step {
        var cell: Cell
        var reference: Reference
        var location: SourceLocation
    }

    /// The value of a cell, following references: down the chain to a value that is known (a
    /// number, an empty cell, a fact, a failure), then each cell on the way settled in turn, the
    /// last one first. A cell met twice on the way closes a cycle.
    private func outcome(_ start: Cell) -> Outcome {
        var chain: [Step] = []
        var onChain: [Cell: Int] = [:]
        var cell = start
        var result: Outcome
        while true {
            steps += 1
            if let known = outcomes[cell] { result = known; break }
            guard let (reference, location) = link(of: cell) else { result = stored(cell); break }
            if let first = onChain[cell] {
                let cycle = chain[first...].map(\.cell)
                diagnostics.append(
                    .error(
                        location, .reference(.cycle((cycle + [cell]).map(name)))))
                for member in cycle { failed.insert(member.dataset); outcomes[member] = .failed }
                result = .failed
                break
            }
            onChain[cell] = chain.count
            chain.append(Step(cell: cell, reference: reference, location: location))
            if reference.isStudyFact { result = fact(reference, at: location, for: cell); break }
            guard let next = target(of: reference, at: location, from: cell) else { result = .failed; break }
            cell = next
        }
        while let step = chain.popLast() { result = settle(step, taking: result) }
        return result
    }

    /// A cell takes the value its reference led to: checked where it goes, kept, and stored.
    private func settle(_ step: Step, taking value: Outcome) -> Outcome {
        let (cell, reference, location) = (step.cell, step.reference, step.location)
        var result = value
        if result == .missing, cell.isBase {
            diagnostics.append(
                .error(location, .reference(.noValue(reference: reference.description))))
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
                diagnostics.append(
                    .error(
                        location,
                        .reference(
                            .unknownDataset(
                                reference: reference.description, dataset: reference.source,
                                suggestion: closestMatch(to: reference.source, in: datasets.keys), facts: true))))
            }
            return nil
        }
        if reference.key == "base", reference.series == nil, index.row("base", in: source.id) == nil {
            return .base(source.id)
        }
        // `<dataset>:<row>:n`: a row's base; `<dataset>:<series>:n`: a series' (no series is called n).
        if reference.series == "n", index.series("n", in: source.id) == nil {
            if let row = index.row(reference.key, in: source.id) { return .rowBase(source.id, row: row) }
            if let series = index.series(reference.key, in: source.id) { return .seriesBase(source.id, series: series) }
        }
        guard let row = index.row(reference.key, in: source.id) else {
            diagnostics.append(
                .error(
                    location,
                    .reference(.noRow(reference: reference.description, dataset: source.id, row: reference.key, rows: source.rows.map(\.key)))))
            return nil
        }
        var series = 0
        if let key = reference.series {
            guard let found = index.series(key, in: source.id) else {
                diagnostics.append(
                    .error(
                        location,
                        .reference(.noSeries(reference: reference.description, dataset: source.id, series: key, all: source.series.map(\.key)))))
                return nil
            }
            series = found
        }
        return .value(source.id, row: row, series: series)
    }

    /// A study fact is resolved here (it is never a reference itself).
    private func fact(_ reference: Reference, at location: SourceLocation, for cell: Cell) -> Outcome {
        guard reference.series == nil else {
            diagnostics.append(.error(location, .reference(.tooManyParts(reference: reference.description))))
            return .failed
        }
        guard facts.facts[reference.key] != nil else {
            if facts.isIncomplete { return .failed }
            let known = facts.facts.keys.sorted()
            diagnostics.append(
                .error(
                    location,
                    .reference(
                        .noFact(
                            reference: reference.description, key: reference.key, file: facts.file ?? "Content/data/study.yml",
                            suggestion: closestMatch(to: reference.key, in: known), known: known))))
            return .failed
        }
        guard let number = facts.number(reference.key) else {
            diagnostics.append(
                .error(location, .reference(.factNotANumber(reference: reference.description))))
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

    /// Written in place: a copy of the dataset for each value would copy all its rows each time.
    private func store(_ outcome: Outcome, in cell: Cell) {
        guard case let .number(value) = outcome, datasets[cell.dataset] != nil else { return }
        switch cell {
        case let .base(id): datasets[id]?.base = Int(value)
        case let .seriesBase(id, series): datasets[id]?.series[series].base = Int(value)
        case let .rowBase(id, row): datasets[id]?.rows[row].base = Int(value)
        case let .value(id, row, series): datasets[id]?.rows[row].values[series] = value
        }
    }

    /// A taken value must fit where it goes: a whole base, a share within 0–100.
    private func accept(_ value: Double, in cell: Cell, reference: Reference, at location: SourceLocation) -> Bool {
        guard let dataset = datasets[cell.dataset] else { return false }
        switch cell {
        case .base, .seriesBase, .rowBase:
            guard value == value.rounded(), value >= 0, value < 1e9 else {
                diagnostics.append(
                    .error(location, .reference(.baseNotACount(reference: reference.description, value: DatasetParser.formatNumber(value)))))
                return false
            }
        case let .value(_, row, _):
            let unit = dataset.unit(ofRow: row)
            if unit == .percent || unit == .margin, !(0...100).contains(value) {
                diagnostics.append(
                    .error(
                        location, .reference(.percentOutOfRange(reference: reference.description, value: DatasetParser.formatNumber(value)))))
                return false
            }
        }
        return true
    }

    /// A cell as a cycle names it (`ReferenceProblem.Cell`).
    private func name(_ cell: Cell) -> ReferenceProblem.Cell {
        guard let dataset = datasets[cell.dataset] else { return .dataset(cell.dataset) }
        switch cell {
        case let .base(id): return .base(dataset: id)
        case let .seriesBase(id, series): return .seriesBase(dataset: id, series: dataset.series[series].key)
        case let .rowBase(id, row): return .rowBase(dataset: id, row: dataset.rows[row].key)
        case let .value(id, row, series): return .value(dataset: id, row: dataset.rows[row].key, series: dataset.series[series].key)
        }
    }
}
