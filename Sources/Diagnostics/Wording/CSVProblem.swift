/// A dataset's CSV file: the file, its cells, its header and rows, its numbers.
///
/// Numbers are carried as written in the file or as Rapport writes them (`12.5`): data.
public enum CSVProblem: Hashable, Sendable {
    case emptyFile
    /// A quote that opens a cell and is not closed: the rest of the file is not read.
    case unclosedQuote
    case textAfterClosingQuote
    case cellSpansLines
    case controlCharacter(codePoint: String)

    // The header
    case duplicateColumn(String)
    /// `languages` and `series` are the columns there may be.
    case unknownColumn(String, suggestion: String?, languages: [String], series: [String])
    /// A key or label column missing; `language` when it is a language's labels.
    case missingColumn(String, language: LanguageName?, languages: [String])
    /// A column for series `key`, which takes its values from `reference` (`from:`).
    case copiedColumn(key: String, reference: String)
    case missingSeriesColumn(key: String)
    case unitColumnOutsideFigures
    case noRows

    // The rows
    case cellCount(cells: Int, header: Int, delimiter: String)
    /// More cells than the header, where several numbers may have a decimal comma (`whole,fraction`).
    case decimalCommaAmbiguous(cells: Int, header: Int, whole: String, fraction: String)
    /// `whole,fraction` read as two cells in a file separated by commas.
    case decimalCommaSplit(whole: String, fraction: String)
    case invalidRowKey(String)
    case duplicateRowKey(String)
    case missingLabel(row: String, LanguageName)
    case baseNotWhole(String)
    case unknownUnit(String, suggestion: String?)
    case badDecimals(String)
    /// `decimalComma`: the file is separated by `;`, where a decimal comma is read.
    case notANumber(String, decimalComma: Bool)
    case tooLarge(String)
    case percentageOutOfRange(String)
    case negative(String)

    public var message: String {
        switch self {
        case .emptyFile: "file is empty"
        case .unclosedQuote: "the quote (\") that opens this cell is never closed"
        case .textAfterClosingQuote: "text after the closing quote of a cell"
        case .cellSpansLines: "a cell spans several lines"
        case let .controlCharacter(codePoint): "invisible control character \(codePoint) in a cell"
        case let .duplicateColumn(name): "duplicate column \"\(name)\""
        case let .unknownColumn(name, _, _, _): "unknown column \"\(name)\""
        case let .missingColumn(name, language, _): "missing column \"\(name)\"" + (language.map { " (the \($0.english) labels)" } ?? "")
        case let .copiedColumn(key, reference): "column \"\(key)\" is a copy: series \"\(key)\" takes its values from \(reference)"
        case let .missingSeriesColumn(key): "missing column \"\(key)\" for series \"\(key)\" of the YAML file"
        case .unitColumnOutsideFigures: "a \"unit\" column is only allowed in a figures dataset"
        case .noRows: "no data rows under the header"
        case let .cellCount(cells, header, _): "row has \(count(cells, "cell")) but the header has \(header)"
        case let .decimalCommaAmbiguous(cells, header, _, _): "row has \(cells) cells but the header has \(header)"
        case let .decimalCommaSplit(whole, fraction):
            "\"\(whole),\(fraction)\" is read as two cells: in a file separated by \",\", a decimal comma splits the number"
        case let .invalidRowKey(key): "row key \"\(key)\" may only use a-z, 0-9 and -"
        case let .duplicateRowKey(key): "duplicate row key \"\(key)\""
        case let .missingLabel(row, language): "row \"\(row)\" has no \(language.english) label"
        case let .baseNotWhole(text): "base \"\(text)\" is not a whole number"
        case let .unknownUnit(text, _): "unknown unit \"\(text)\""
        case let .badDecimals(text): "decimals \"\(text)\" must be a whole number from 0 to 4"
        case let .notANumber(text, _): "value \"\(text)\" is not a number"
        case let .tooLarge(text): "value \"\(text.count > 24 ? text.prefix(20) + "…" : text)\" is too large to show"
        case let .percentageOutOfRange(value): "percentage \(value) is outside 0–100"
        case let .negative(value): "value \(value) is negative"
        }
    }

    public var fix: String? {
        switch self {
        case .emptyFile: "the first line is the header: key,nl,fr, then one column per series"
        case .unclosedQuote: "add \" at the end of the cell, or remove this one"
        case .textAfterClosingQuote: "put the whole cell in quotes, and write each quote inside it as \"\""
        case .cellSpansLines: "keep each row on one line"
        case .controlCharacter: "delete it: retype the cell, or save the file again as plain CSV"
        case .duplicateColumn, .missingSeriesColumn, .noRows, .invalidRowKey, .duplicateRowKey, .baseNotWhole, .badDecimals,
            .percentageOutOfRange, .negative:
            nil
        case let .unknownColumn(_, suggestion, languages, series):
            didYouMean(suggestion)
                ?? "columns are key, \(languages.joined(separator: ", ")), n, mark and the series keys of the YAML file: \(series.joined(separator: ", "))"
        case let .missingColumn(_, _, languages): "the header starts with key,\(languages.joined(separator: ","))"
        case .copiedColumn: "remove the column from the CSV file (or the from: line from the YAML file)"
        case .unitColumnOutsideFigures: "set unit: in the YAML file"
        case let .cellCount(_, _, delimiter): "quote a label that contains \"\(delimiter)\""
        case let .decimalCommaAmbiguous(_, _, whole, fraction):
            "quote a label that contains \",\"; or, if a number has a decimal comma (\(whole),\(fraction)?), write it with a decimal point (\(whole).\(fraction))"
        case let .decimalCommaSplit(whole, fraction):
            fraction.count == 3
                ? "write \(whole)\(fraction) without a thousands separator, or \(whole).\(fraction) if it is a decimal; or save the whole file separated by \";\", as a Belgian spreadsheet does"
                : "write \(whole).\(fraction), with a decimal point; or save the whole file separated by \";\", as a Belgian spreadsheet does, where \(whole),\(fraction) is read as a number"
        case let .missingLabel(_, language): "fill in the \(language.code) column"
        case let .unknownUnit(_, suggestion): didYouMean(suggestion)
        case let .notANumber(_, decimalComma):
            decimalComma ? "write digits with a decimal comma, e.g. 12,5" : "write digits with a decimal point, e.g. 12.5"
        case .tooLarge: "write at most 15 digits before the decimal point; quote big amounts in a larger unit"
        }
    }
}
