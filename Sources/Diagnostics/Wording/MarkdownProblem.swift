/// A chapter's text: placeholders (`{{dataset:row:series}}`, `{{study:fact}}`, `{{lang fr: …}}`),
/// chart blocks (```` ```chart id ````), and the datasets the chapters of each language use.
///
/// `expression` is a placeholder's text between its braces.
public enum MarkdownProblem: Hashable, Sendable {
    /// `{{` without `}}` in the same text node; `excerpt` is its start.
    case placeholderSplit(excerpt: String)
    case placeholderUnclosed(excerpt: String)
    /// `{{volunteer-tasks:board}` closed with one brace: `written` is what comes before it.
    case closedWithOneBrace(written: String)
    case singleBrace(expression: String)
    case noLanguage(expression: String)
    case notADataReference(expression: String)
    case namesNoDataset(DatasetUse)
    case invalidDatasetId(String)
    case unknownDataset(String, suggestion: String?)
    case noRow(dataset: String, row: String, rows: [String])
    case noSeries(dataset: String, series: String, all: [String])
    /// `dataset:row` whose cell (at `cell`) is empty.
    case emptyCell(dataset: String, row: String, cell: String)
    case notShowable(dataset: String, row: String, value: String)
    /// `{{dataset:base}}`: a base cannot be quoted, see `BaseQuote`.
    case baseQuoted(expression: String, dataset: String, BaseQuote)
    case factWithTooManyParts(expression: String)
    case noFact(file: String, fact: String, suggestion: String?, known: [String])

    // The datasets the chapters use
    case datasetUnused(String)
    /// Used in `users` only, not in `missing`, on a site of `languageCount` languages.
    case datasetInSomeLanguages(String, users: [String], missing: [String], languageCount: Int)
    /// Chart `id` placed in `language` only (two languages) or not in `otherLanguage`; `otherFile` lacks it.
    case chartInOneLanguage(id: String, language: String, otherLanguage: String, otherFile: String, languageCount: Int)
    /// Charts in another order than in `language`'s version: `here`, where `there` is at `at`.
    case chartOrder(language: String, here: String, there: String, at: String, languageCount: Int)

    /// Where a dataset is named.
    public enum DatasetUse: Hashable, Sendable {
        case chartBlock, dataReference
    }

    /// What to write instead of quoting a base.
    public enum BaseQuote: Hashable, Sendable {
        /// The base is taken from `reference`: quote that.
        case reference(String)
        /// The base is a number of the YAML file (`base`, if known).
        case number(Int?)
        /// The base `base` of `metadataFile`, which could be a fact of `studyFile`.
        case fact(base: Int, metadataFile: String, studyFile: String)
    }

    public var message: String {
        switch self {
        case let .placeholderSplit(excerpt): "placeholder \"\(excerpt)\" has no \"}}\" in the same text"
        case let .placeholderUnclosed(excerpt): "placeholder \"\(excerpt)\" has no \"}}\""
        case let .closedWithOneBrace(written): "placeholder \"{{\(written)\" is not closed with \"}}\""
        case let .singleBrace(expression): "\"{\(expression)}\" is printed as it is: a data reference takes two braces"
        case let .noLanguage(expression): "\"{{\(expression)}}\" does not name a language"
        case let .notADataReference(expression): "\"{{\(expression)}}\" is not a data reference"
        case let .namesNoDataset(use): "\(use == .chartBlock ? "chart block" : "data reference") names no dataset"
        case let .invalidDatasetId(id): "\"\(id)\" is not a valid dataset id"
        case let .unknownDataset(id, _): "unknown dataset \"\(id)\""
        case let .noRow(dataset, row, _): "dataset \"\(dataset)\" has no row \"\(row)\""
        case let .noSeries(dataset, series, _): "dataset \"\(dataset)\" has no series \"\(series)\""
        case let .emptyCell(dataset, row, _): "\(dataset):\(row) has no value (the cell is empty)"
        case let .notShowable(dataset, row, value): "value of \(dataset):\(row) cannot be shown (\(value))"
        case let .baseQuoted(expression, dataset, _): "\"{{\(expression)}}\" quotes the base of dataset \"\(dataset)\", which a text cannot quote"
        case let .factWithTooManyParts(expression): "\"{{\(expression)}}\" has one part too many"
        case let .noFact(file, fact, _, _): "\(file) has no fact \"\(fact)\""
        case let .datasetUnused(id): "dataset \"\(id)\" is not used by any chapter"
        case let .datasetInSomeLanguages(id, users, missing, languageCount):
            "dataset \"\(id)\" is used in \(list(users)) only" + (languageCount > 2 ? ", not in \(list(missing))" : "")
        case let .chartInOneLanguage(id, language, otherLanguage, _, languageCount):
            languageCount == 2
                ? "chart \"\(id)\" is placed in \(language) only" : "chart \"\(id)\" is placed in \(language) but not in \(otherLanguage)"
        case let .chartOrder(language, here, there, at, _):
            "charts in another order than in \(language): \"\(here)\" here, \"\(there)\" at \(at)"
        }
    }

    public var fix: String? {
        switch self {
        case .placeholderSplit:
            "write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show \"{{\" itself, put it in `backticks`"
        case .placeholderUnclosed: "close it with }}, e.g. {{dataset:row}}"
        case let .closedWithOneBrace(written): "write {{\(written)}}"
        case let .singleBrace(expression): didYouMean(expression) { "{{\($0)}}" }
        case .noLanguage: "write {{lang fr: texte}} or {{lang nl: tekst}}"
        case .notADataReference: "write {{dataset:row}} or {{dataset:row:series}}"
        case .namesNoDataset: "write the dataset id, e.g. ```chart volunteer-tasks"
        case .invalidDatasetId: "ids use a-z, 0-9 and - only, and name a file in Content/data"
        case let .unknownDataset(id, suggestion): didYouMean(suggestion) ?? "add Content/data/<chapter>/\(id).yml and .csv"
        case let .noRow(dataset, row, rows): choiceHint(for: row, among: rows, what: "the rows of \(dataset)")
        case let .noSeries(dataset, series, all): choiceHint(for: series, among: all, what: "the series of \(dataset)")
        case let .emptyCell(_, _, cell): "fill in \(cell)"
        case .notShowable: nil
        case let .baseQuoted(_, dataset, .reference(reference)): "write {{\(reference)}}: the base of \(dataset) is \(reference)"
        case let .baseQuoted(_, _, .number(base)): "write the number, n=\(base.map(String.init) ?? "…")"
        case let .baseQuoted(_, _, .fact(base, metadataFile, studyFile)):
            "a base is a number of its YAML file (base: \(base) in \(metadataFile)): to quote it, make it a fact of \(studyFile), write {{study:<name>}} here and base: study:<name> there"
        case .factWithTooManyParts: "write {{study:<fact>}}, e.g. {{study:answered}}"
        case let .noFact(file, fact, suggestion, known):
            didYouMean(suggestion) { "{{study:\($0)}}" }
                ?? (known.isEmpty ? "add \(fact): <value> to \(file)" : "facts: \(known.joined(separator: ", "))")
        case let .datasetUnused(id): "place it with ```chart \(id) or quote it with {{\(id):row}}"
        case let .datasetInSomeLanguages(_, _, missing, _): "use it in the \(list(missing)) chapter too"
        case let .chartInOneLanguage(_, _, _, otherFile, _): "place it in \(otherFile) too, in the same order"
        case let .chartOrder(_, _, _, _, languageCount):
            "place the same charts in the same order in \(languageCount == 2 ? "both" : "all") languages"
        }
    }
}
