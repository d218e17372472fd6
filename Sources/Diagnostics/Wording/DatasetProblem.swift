/// A dataset: its files (a `.yml` and a `.csv` of one id), its YAML file's keys and series,
/// the YAML file against the CSV file, and what its values would show.
///
/// Numbers are carried as Rapport writes them (`12.5`, `87%`): data.
public enum DatasetProblem: Hashable, Sendable {
    // The files
    case invalidFileName(String)
    /// Two datasets `id`; `otherFolder` is where the first one is.
    case duplicateId(String, otherFolder: String)
    case bothYMLAndYAML(id: String)
    /// A dataset called `study`, the name of the facts' file (`factsFile`).
    case studyIdReserved(factsFile: String)
    case noMetadataFile(id: String)
    case noCSVFile(id: String)

    // The YAML file
    case emptyMetadata
    /// No `kind:`; `kinds` are the chart kinds.
    case missingKind(kinds: [String])
    case missingTitle
    case missingFinding
    case missingSeries
    /// An `inferred:` item without its `row`, `series` or `why`.
    case inferredMissing(field: String)
    case emptySeries
    case seriesWithoutKey
    case invalidSeriesKey(String)
    case duplicateSeriesKey(String)
    case seriesWithoutLabel(key: String, LanguageName)
    /// `from:` of series `key` is not `<dataset>:<series>`.
    case badFrom(key: String, written: String)
    /// `n=count` under the limit; `low`: shown as "low n".
    case smallBase(Int, of: BaseOwner, low: Bool)
    /// `acknowledge: [small-base]` where no base of `id` is under `limit`.
    case staleSmallBase(id: String, limit: Int)
    /// `acknowledge: [same-values]` where no value of `id` repeats another dataset's.
    case staleSameValues(id: String)
    case noBase

    // The YAML file against the CSV file
    case inferredUnknownRow(String, suggestion: String?)
    case inferredUnknownSeries(String, suggestion: String?)
    case donutSeries(count: Int)
    case donutSlices(count: Int)
    case figuresSeries(count: Int)
    case markWithoutSignificance

    // The values
    /// A stack of shares (`of`) whose sum is not 100 ± `tolerance`.
    case stackSum(of: BaseOwner?, sum: String, tolerance: String)
    /// `value` shown as `shownAs` with `shown` decimals, typed with `typed`; `rowDecimals`: the row sets
    /// its decimals; else they are set in `metadataFile`.
    case hiddenDecimals(value: String, shownAs: String, shown: Int, typed: Int, rowDecimals: Bool, metadataFile: String)
    case sharesOverHundred(id: String, sum: String)
    /// Series `key` repeats `from` (`dataset:series`) on `count` rows: all of it (`whole`, then
    /// the fix is `from:` in `target`), or some (then `example` is a reference to write).
    case copiedSeries(key: String, from: String, count: Int, whole: Bool, target: String, example: String)
    /// Row `key` repeats `from` (`dataset:row`); `series` is the first series there.
    case copiedRow(key: String, from: String, count: Int, series: String)

    /// What a base or a stack belongs to.
    public enum BaseOwner: Hashable, Sendable {
        case row(String)
        case series(String)
    }

    public var message: String {
        switch self {
        case let .invalidFileName(name): "dataset file name \"\(name)\" is not a valid id"
        case let .duplicateId(id, _): "two datasets with the id \"\(id)\""
        case let .bothYMLAndYAML(id): "dataset \"\(id)\" has both a .yml and a .yaml file"
        case .studyIdReserved: "the name \"study\" is kept for the study's facts"
        case let .noMetadataFile(id): "dataset \"\(id)\" has no metadata file"
        case let .noCSVFile(id): "dataset \"\(id)\" has no CSV file"
        case .emptyMetadata: "file is empty"
        case .missingKind: "missing key \"kind\""
        case .missingTitle: "missing key \"title\""
        case .missingFinding: "missing key \"finding\""
        case .missingSeries: "missing key \"series\""
        case let .inferredMissing(field): "inferred value is missing \"\(field)\""
        case .emptySeries: "series is empty"
        case .seriesWithoutKey: "series is missing \"key\""
        case let .invalidSeriesKey(key): "series key \"\(key)\" may only use a-z, 0-9 and -"
        case let .duplicateSeriesKey(key): "duplicate series key \"\(key)\""
        case let .seriesWithoutLabel(key, language): "series \"\(key)\" is missing its \(language.english) label"
        case let .badFrom(key, written): "series \"\(key)\" from: \"\(written)\" does not name a dataset's series"
        case let .smallBase(n, owner, low): "small base n=\(n) for \(owner.name)" + (low ? " (shown as low n)" : "")
        case let .staleSmallBase(id, limit): "acknowledges a small base, but no base of \"\(id)\" is under \(limit) any more"
        case let .staleSameValues(id): "acknowledges same values, but no series or row of \"\(id)\" repeats another dataset's any more"
        case .noBase: "survey chart without a base: the question is asked, but not of how many"
        case let .inferredUnknownRow(row, _): "inferred value names unknown row \"\(row)\""
        case let .inferredUnknownSeries(series, _): "inferred value names unknown series \"\(series)\""
        case let .donutSeries(count): "a donut has exactly one series, not \(count)"
        case let .donutSlices(count): "a donut has at most five slices, this one has \(count)"
        case let .figuresSeries(count): "a figures dataset has exactly one series, not \(count)"
        case .markWithoutSignificance: "rows carry a significance mark but the YAML file has no \"significance\" text"
        case let .stackSum(owner, sum, tolerance): "shares in \(owner?.name ?? "the slices") sum to \(sum), not 100 (± \(tolerance))"
        case let .hiddenDecimals(value, shownAs, shown, _, _, _):
            "value \(value) is shown as \(shownAs): the chart shows \(count(shown, "decimal"))"
        case let .sharesOverHundred(id, sum):
            "the shares of \"\(id)\" add up to \(sum)%, but a share of one answer per respondent adds up to 100 at most"
        case let .copiedSeries(key, from, count, _, _, _): "series \"\(key)\" repeats \(from) (\(count) values)"
        case let .copiedRow(key, from, count, _): "row \"\(key)\" repeats \(from) (\(count) values)"
        }
    }

    public var fix: String? {
        switch self {
        case .invalidFileName: "use lower-case letters, digits and - only"
        case let .duplicateId(_, otherFolder): "the other one is in \(otherFolder); rename one of them"
        case .bothYMLAndYAML, .inferredMissing, .invalidSeriesKey, .duplicateSeriesKey, .smallBase, .donutSeries, .figuresSeries: nil
        case let .studyIdReserved(factsFile): "give this dataset another id; the facts live in \(factsFile)"
        case let .noMetadataFile(id): "add \(id).yml beside it (see docs/datasets.md)"
        case let .noCSVFile(id): "add \(id).csv beside it with the numbers"
        case .emptyMetadata: "a dataset's YAML file needs at least kind, title, finding and series (see docs/datasets.md)"
        case let .missingKind(kinds): "add kind: \(kinds.joined(separator: " | "))"
        case .missingTitle: "add title: {nl: …, fr: …}"
        case .missingFinding: "add finding: {nl: …, fr: …}, one sentence stating what the chart shows"
        case .missingSeries: "add series: [{key: share, nl: …, fr: …}]"
        case .emptySeries: "list at least one series"
        case .seriesWithoutKey: "add key: <the CSV column name>"
        case let .seriesWithoutLabel(_, language): "add \(language.code): …"
        case .badFrom: "write from: <dataset>:<series>, e.g. from: volunteer-tasks:share"
        case .staleSmallBase: "remove small-base from acknowledge"
        case .staleSameValues: "remove same-values from acknowledge"
        case .noBase: "add base: the number who answered, e.g. base: study:answered"
        case let .inferredUnknownRow(_, suggestion), let .inferredUnknownSeries(_, suggestion): didYouMean(suggestion)
        case .donutSlices: "use kind: bars, or group the smallest slices into \"other\""
        case .markWithoutSignificance: "add significance: {nl: …, fr: …} saying what the mark means and which test"
        case .stackSum: "check the values of this stack against the report"
        case let .hiddenDecimals(_, _, _, typed, rowDecimals, metadataFile):
            rowDecimals
                ? "set the decimals of this row to \(typed)"
                : "add decimals: \(typed) to \(metadataFile), or a decimals column with \(typed) on this row"
        case .sharesOverHundred:
            "if answers may be multiple, say so in a note (e.g. \"Meerdere antwoorden mogelijk.\" / \"Plusieurs réponses possibles.\") or add acknowledge: [multiple-answers]; otherwise check the values"
        case let .copiedSeries(_, from, _, whole, target, example):
            whole
                ? "take it instead: from: \(from) in the series of \(target), and remove the column"
                : "write the repeated cells as references, e.g. \(example)"
        case let .copiedRow(_, from, _, series): "write each cell as a reference, e.g. \(from):\(series)"
        }
    }
}

extension DatasetProblem.BaseOwner {
    /// `row "board"`, `series "share"`.
    var name: String {
        switch self {
        case let .row(key): "row \"\(key)\""
        case let .series(key): "series \"\(key)\""
        }
    }
}
