/// A value a dataset takes from elsewhere (`volunteer-tasks:board:share`, `study:answered`),
/// and the study's facts (`Content/data/study.yml`).
///
/// `reference` is the reference as written (`volunteer-tasks:board:share`).
public enum ReferenceProblem: Hashable, Sendable {
    /// `facts`: a fact of study.yml may be meant too (not in a `from:`).
    case unknownDataset(reference: String, dataset: String, suggestion: String?, facts: Bool)
    /// Dataset `dataset` has no row `row`; `rows` are its rows.
    case noRow(reference: String, dataset: String, row: String, rows: [String])
    case noSeries(reference: String, dataset: String, series: String, all: [String])
    /// Values that lead back to the first.
    case cycle([Cell])
    /// A base taken from a cell that is empty.
    case noValue(reference: String)
    case tooManyParts(reference: String)
    /// `file` (study.yml) has no fact `key`; `known` are its facts.
    case noFact(reference: String, key: String, file: String, suggestion: String?, known: [String])
    case factNotANumber(reference: String)
    case baseNotACount(reference: String, value: String)
    case percentOutOfRange(reference: String, value: String)

    // study.yml
    case invalidFactName(String)
    case factNotAValue(key: String)
    case factWithoutValue(key: String)
    case factValueNotANumber(key: String, written: String)
    case factIsAList(key: String)

    /// A value that can be taken: a dataset's base, a series' or a row's base, a value.
    public enum Cell: Hashable, Sendable {
        case base(dataset: String)
        case seriesBase(dataset: String, series: String)
        case rowBase(dataset: String, row: String)
        case value(dataset: String, row: String, series: String)
        /// A dataset that is no longer there.
        case dataset(String)

        /// As a reference to it would be written (`volunteer-tasks:board:share`).
        var name: String {
            switch self {
            case let .base(dataset): "\(dataset):base"
            case let .seriesBase(dataset, series): "\(dataset) series \(series) n"
            case let .rowBase(dataset, row): "\(dataset) row \(row) n"
            case let .value(dataset, row, series): "\(dataset):\(row):\(series)"
            case let .dataset(dataset): dataset
            }
        }
    }

    public var message: String {
        switch self {
        case let .unknownDataset(reference, dataset, _, _): "\(reference) points to an unknown dataset \"\(dataset)\""
        case let .noRow(reference, dataset, row, _): "\(reference) points nowhere: dataset \"\(dataset)\" has no row \"\(row)\""
        case let .noSeries(reference, dataset, series, _): "\(reference) points nowhere: dataset \"\(dataset)\" has no series \"\(series)\""
        case let .cycle(cells): "reference cycle: \(cells.map(\.name).joined(separator: " → "))"
        case let .noValue(reference): "\(reference) has no value to take"
        case let .tooManyParts(reference): "\(reference) has one part too many"
        case let .noFact(reference, key, file, _, _): "\(reference) points nowhere: \(file) has no fact \"\(key)\""
        case let .factNotANumber(reference): "\(reference) is a date or a text, not a number"
        case let .baseNotACount(reference, value): "\(reference) is \(value), not a whole number of respondents"
        case let .percentOutOfRange(reference, value): "\(reference) is \(value), outside 0–100 for a percentage"
        case let .invalidFactName(name): "fact name \"\(name)\" may only use a-z, 0-9 and -"
        case let .factNotAValue(key): "fact \"\(key)\" is not a number, a date or a text in both languages"
        case let .factWithoutValue(key): "fact \"\(key)\" has no value"
        case let .factValueNotANumber(key, written): "fact \"\(key)\" value \"\(written)\" is not a number"
        case let .factIsAList(key): "fact \"\(key)\" must be one value, not a list"
        }
    }

    public var fix: String? {
        switch self {
        case let .unknownDataset(_, _, suggestion, facts):
            didYouMean(suggestion)
                ?? (facts ? "name a dataset of Content/data, or study for a fact of Content/data/study.yml" : "name a dataset of Content/data")
        case let .noRow(_, dataset, row, rows): choiceHint(for: row, among: rows, what: "the rows of \(dataset)")
        case let .noSeries(_, dataset, series, all): choiceHint(for: series, among: all, what: "the series of \(dataset)")
        case .cycle: "one of these values must be a number, not a reference"
        case .noValue: "fill in the value there, or write the base here"
        case .tooManyParts: "write study:<fact>, e.g. study:answered"
        case let .noFact(_, key, file, suggestion, known):
            didYouMean(suggestion) { "\"study:\($0)\"" }
                ?? (known.isEmpty ? "add \(key): <value> to \(file)" : "facts: \(known.joined(separator: ", "))")
        case let .factNotANumber(reference): "quote it in a text as {{\(reference)}}"
        case .baseNotACount: "a base takes a count, e.g. study:answered"
        case .percentOutOfRange: "take a share, not a count"
        case .invalidFactName: nil
        case .factNotAValue, .factWithoutValue, .factValueNotANumber, .factIsAList:
            "write a number (162), a date (2023-11-06), {value: 2009, unit: year} or {nl: …, fr: …}"
        }
    }
}
