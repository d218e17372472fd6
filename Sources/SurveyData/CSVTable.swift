import Diagnostics
import RapportBase
import SVGCharts

/// A CSV file read once by `CSVReader`, with each cell's line and column kept.
///
/// The separator is taken from the header line: `;` when it holds one (what a Belgian
/// spreadsheet saves, with decimal commas), `,` otherwise.
struct CSVTable {
    struct Cell {
        var text: String
        var location: SourceLocation
    }

    struct Header {
        var cells: [Cell]
        var location: SourceLocation
        func index(of name: String) -> Int? { cells.firstIndex { $0.text == name } }
    }

    let file: String
    var delimiter: Character = ","
    var header: Header?
    var rows: [(cells: [Cell], location: SourceLocation)] = []
    var diagnostics: [Diagnostic] = []
    /// Rows not checked because they cannot be read as the editor meant (said once, above).
    var skippedRows = 0

    init(file: String) { self.file = file }

    /// Whether a decimal comma is accepted (files separated by `;`).
    var acceptsDecimalComma: Bool { delimiter == ";" }

    mutating func read(_ text: String) {
        // An invisible character is reported where it is and left out, so that the cell reads
        // as the editor sees it (no follow-up about a row key that looks right).
        let (text, invisible) = InvisibleCharacters.removing(from: text, file: file)
        diagnostics += invisible
        if text.trimmingWhitespace.isEmpty {
            diagnostics.append(.error(SourceLocation(file: file), .csv(.emptyFile)))
            return
        }
        delimiter = Self.delimiter(of: text)
        let reader = CSVReader(text, delimiter: delimiter == ";" ? UInt8(ascii: ";") : UInt8(ascii: ","))
        // A quote left open runs on over the next lines: said where it opens, and the file is not
        // read further (what follows would be misread).
        var unclosed = false
        for problem in reader.problems {
            switch problem {
            case let .unclosedQuote(line, column):
                unclosed = true
                diagnostics.append(.error(SourceLocation(file: file, line: line, column: column), .csv(.unclosedQuote)))
            case let .textAfterClosingQuote(line, column):
                diagnostics.append(.error(SourceLocation(file: file, line: line, column: column), .csv(.textAfterClosingQuote)))
            }
        }
        if unclosed { return }
        for record in reader.records where !record.isBlank {
            // A row with text after a quote is said once (above), and not checked further.
            if record.broken {
                if header == nil { return }
                skippedRows += 1
                continue
            }
            let location = SourceLocation(file: file, line: record.line, column: 1)
            var cells: [Cell] = []
            cells.reserveCapacity(record.fields.count)
            for field in record.fields {
                let cell = Cell(
                    text: field.text.trimmingWhitespace, location: SourceLocation(file: file, line: field.line, column: field.column))
                cells.append(cell)
                // A line end in a cell is said as such, not also as a control character.
                let spans = field.lastLine > field.line
                if spans {
                    diagnostics.append(.error(cell.location, .csv(.cellSpansLines)))
                }
                if let control = Self.controlCharacter(
                    in: spans ? cell.text.filter { $0 != "\n" && $0 != "\r" && $0 != "\r\n" } : cell.text)
                {
                    diagnostics.append(.error(cell.location, .csv(.controlCharacter(codePoint: control))))
                }
            }
            if header == nil {
                header = Header(cells: cells, location: location)
            } else {
                rows.append((cells, location))
            }
        }
    }

    /// The separator, taken from the first line that is not blank: `;` when it holds one.
    static func delimiter(of text: String) -> Character {
        for line in sourceLines(Substring(text)) where !String(line).trimmingWhitespace.isEmpty {
            return line.utf8.contains(UInt8(ascii: ";")) ? ";" : ","
        }
        return ","
    }

    /// The first control character of `text` (`U+0000`), tab excepted: such a character would
    /// reach the pages and the CSV downloads unseen.
    static func controlCharacter(in text: String) -> String? {
        // Most cells are plain: one byte scan finds nothing to look at.
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }),
            let scalar = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" })
        else { return nil }
        return scalar.codePoint
    }
}

/// Checks the CSV rows against the metadata and builds the dataset's rows.
struct RowBuilder {
    let meta: DatasetParser.Metadata
    let header: CSVTable.Header
    let table: CSVTable
    var rows: [Dataset.Row] = []
    /// CSV cells that take their value from elsewhere (`volunteer-tasks:board:share`).
    var links: [ValueLink] = []
    var diagnostics: [Diagnostic] = []

    /// One label column per language, named by its code.
    let languages: [Language]

    init(meta: DatasetParser.Metadata, header: CSVTable.Header, table: CSVTable, languages: [Language]) {
        self.meta = meta
        self.header = header
        self.table = table
        self.languages = languages
    }

    mutating func build() {
        // Header: key, nl, fr, optional n, mark, unit, then the series columns.
        var seen = Set<String>()
        // Columns an unknown column is suggested to be (a misspelling): not also "missing".
        var suggested = Set<String>()
        let seriesKeys = meta.series.map(\.key)
        // What an unknown column may be a misspelling of: the known columns the header lacks
        // (worked out once: a header can have thousands of columns).
        let present = Set(header.cells.map(\.text))
        let fixed = DatasetParser.fixedColumns(languages)
        let absentKnown = (fixed + seriesKeys).filter { !present.contains($0) }
        for cell in header.cells {
            if !seen.insert(cell.text).inserted {
                diagnostics.append(.error(cell.location, .csv(.duplicateColumn(cell.text))))
                continue
            }
            if fixed.contains(cell.text) || seriesKeys.contains(cell.text) { continue }
            let suggestion = closestMatch(to: cell.text, in: absentKnown)
            if let suggestion { suggested.insert(suggestion) }
            diagnostics.append(
                .error(
                    cell.location,
                    .csv(.unknownColumn(cell.text, suggestion: suggestion, languages: languages.map(\.code), series: seriesKeys))))
        }
        for required in ["key"] + languages.map(\.code) where header.index(of: required) == nil && !suggested.contains(required) {
            let language = languages.first { $0.code == required }
            diagnostics.append(
                .error(header.location, .csv(.missingColumn(required, language: language?.named, languages: languages.map(\.code)))))
        }
        // A series taken from another dataset (`from:`) has no column: its values live there.
        let taken = Dictionary(
            meta.links.compactMap { link -> (Int, ValueLink)? in
                if case let .series(index) = link.slot { (index, link) } else { nil }
            }, uniquingKeysWith: { first, _ in first })
        for (index, key) in seriesKeys.enumerated() {
            if let link = taken[index] {
                if let column = header.index(of: key) {
                    diagnostics.append(
                        .error(header.cells[column].location, .csv(.copiedColumn(key: key, reference: link.reference.description))))
                }
            } else if header.index(of: key) == nil, !suggested.contains(key) {
                diagnostics.append(.error(header.location, .csv(.missingSeriesColumn(key: key))))
            }
        }
        if header.index(of: "unit") != nil, meta.kind != .figures {
            diagnostics.append(.error(header.cells[header.index(of: "unit") ?? 0].location, .csv(.unitColumnOutsideFigures)))
        }
        let labelColumns = languages.compactMap { language in header.index(of: language.code).map { (language, $0) } }
        guard let keyColumn = header.index(of: "key"), labelColumns.count == languages.count else { return }
        if table.rows.isEmpty, table.skippedRows == 0 {
            diagnostics.append(.error(header.location, .csv(.noRows)))
        }
        let seriesColumns = seriesKeys.enumerated().map { taken[$0.offset] == nil ? header.index(of: $0.element) : nil }
        let baseColumn = header.index(of: "n"), markColumn = header.index(of: "mark")
        let unitColumn = header.index(of: "unit"), decimalsColumn = header.index(of: "decimals")
        var keys = Set<String>()
        for (cells, location) in table.rows {
            if cells.count != header.cells.count {
                diagnostics.append(
                    splitNumber(in: cells, location: location)
                        ?? .error(
                            location, .csv(.cellCount(cells: cells.count, header: header.cells.count, delimiter: String(table.delimiter)))))
                continue
            }
            let keyCell = cells[keyColumn]
            if !Keys.isValid(keyCell.text) {
                diagnostics.append(.error(keyCell.location, .csv(.invalidRowKey(keyCell.text))))
            } else if !keys.insert(keyCell.text).inserted {
                diagnostics.append(.error(keyCell.location, .csv(.duplicateRowKey(keyCell.text))))
            }
            for (language, column) in labelColumns where cells[column].text.isEmpty {
                diagnostics.append(.error(cells[column].location, .csv(.missingLabel(row: keyCell.text, language.named))))
            }
            var row = Dataset.Row(
                key: keyCell.text, label: Localized(Dictionary(uniqueKeysWithValues: labelColumns.map { ($0.0, cells[$0.1].text) })),
                base: nil, mark: nil, unit: nil, decimals: nil, values: [], valueLocations: [], location: location)
            if let column = baseColumn, !cells[column].text.isEmpty {
                let cell = cells[column]
                if let base = Int(cell.text), base >= 0 {
                    row.base = base
                    if base < Dataset.smallBaseLimit, !meta.acknowledged.contains(.smallBase) {
                        diagnostics.append(
                            .warning(cell.location, .dataset(.smallBase(base, of: .row(row.key), low: base < Dataset.lowBaseLimit))))
                    }
                } else if let reference = Reference(cell.text) {
                    links.append(ValueLink(slot: .rowBase(row: rows.count), reference: reference, location: cell.location))
                } else {
                    diagnostics.append(.error(cell.location, .csv(.baseNotWhole(cell.text))))
                }
            }
            if let column = markColumn, !cells[column].text.isEmpty {
                row.mark = cells[column].text
            }
            if let column = unitColumn, !cells[column].text.isEmpty {
                let cell = cells[column]
                if let unit = ValueUnit(rawValue: cell.text) {
                    row.unit = unit
                } else {
                    let suggestion = closestMatch(to: cell.text, in: ValueUnit.allCases.map(\.rawValue))
                    diagnostics.append(.error(cell.location, .csv(.unknownUnit(cell.text, suggestion: suggestion))))
                }
            }
            if let column = decimalsColumn, !cells[column].text.isEmpty {
                let cell = cells[column]
                if let decimals = Int(cell.text), (0...4).contains(decimals) {
                    row.decimals = decimals
                } else {
                    diagnostics.append(.error(cell.location, .csv(.badDecimals(cell.text))))
                }
            }
            let unit = row.unit ?? meta.unit
            for (seriesIndex, column) in seriesColumns.enumerated() {
                guard let column else {
                    if let link = taken[seriesIndex] {
                        row.values.append(nil)
                        row.valueLocations.append(link.location)
                    }
                    continue
                }
                let cell = cells[column]
                row.valueLocations.append(cell.location)
                if cell.text.isEmpty {
                    row.values.append(nil)
                    continue
                }
                guard let value = table.number(cell.text) else {
                    if let reference = Reference(cell.text) {
                        links.append(
                            ValueLink(slot: .value(row: rows.count, series: seriesIndex), reference: reference, location: cell.location))
                        row.values.append(nil)
                        continue
                    }
                    diagnostics.append(.error(cell.location, .csv(.notANumber(cell.text, decimalComma: table.acceptsDecimalComma))))
                    row.values.append(nil)
                    continue
                }
                if !value.isFinite || abs(value) >= 1e15 {
                    // Beyond 15 digits a number is not shown as written (and 1e400 is infinite).
                    diagnostics.append(.error(cell.location, .csv(.tooLarge(cell.text))))
                    row.values.append(nil)
                    continue
                }
                if unit == .percent || unit == .margin, !(0...100).contains(value) {
                    diagnostics.append(.error(cell.location, .csv(.percentageOutOfRange(DatasetParser.formatNumber(value)))))
                } else if value < 0, unit != .number {
                    diagnostics.append(.error(cell.location, .csv(.negative(DatasetParser.formatNumber(value)))))
                }
                row.values.append(value)
            }
            rows.append(row)
        }
    }
}
