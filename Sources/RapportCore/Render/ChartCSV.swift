import RapportBase
import SVGCharts
import SurveyData

/// A chart's numbers as the CSV file of its download and of the open data.
extension ChartFigure {
    /// The numbers as a CSV file that a Belgian spreadsheet opens directly: UTF-8 with a byte
    /// order mark, `;` between fields, decimal comma, headers in the page's language. A text
    /// a spreadsheet could read as a formula gets a leading apostrophe so no spreadsheet runs it
    /// as a formula (`startsLikeFormula`). Rows of different units (key figures) get a unit
    /// column; a reconstructed value is named in a last column (the † of the table).
    func csv() -> [UInt8] {
        let hasRowBases = dataset.rows.contains { $0.base != nil }
        let hasRowUnits = Self.hasRowUnits(dataset)
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        out.reserveCapacity(64 + dataset.rows.count * (48 + 8 * dataset.series.count))
        for (index, column) in csvColumns().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ";")) }
            Self.appendCSVField(column.header, to: &out)
        }
        out.append(contentsOf: [0x0D, 0x0A])
        for (rowIndex, row) in dataset.rows.enumerated() {
            Self.appendCSVField(row.label[language] + (row.mark ?? ""), to: &out)
            if hasRowBases {
                out.append(UInt8(ascii: ";"))
                if let base = row.base { out.append(contentsOf: String(base).utf8) }
            }
            if hasRowUnits {
                out.append(UInt8(ascii: ";"))
                Self.appendCSVField(unitSuffix(row.unit ?? dataset.unit), to: &out)
            }
            for value in row.values {
                out.append(UInt8(ascii: ";"))
                if let value { Self.appendCSVNumber(value, decimals: row.decimals ?? dataset.decimals, to: &out) }
            }
            if !dataset.inferred.isEmpty {
                out.append(UInt8(ascii: ";"))
                let reconstructed = dataset.series.indices.filter { dataset.isInferred(row: rowIndex, series: $0) }
                Self.appendCSVField(reconstructed.map { dataset.series[$0].label[language] }.joined(separator: ", "), to: &out)
            }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    /// Whether rows carry units of their own (key figures: a count, a share, an amount).
    static func hasRowUnits(_ dataset: Dataset) -> Bool { dataset.rows.contains { $0.unit != nil && $0.unit != dataset.unit } }

    /// A column of the CSV file: its header as given to `appendCSVField`, what it holds.
    struct CSVColumn {
        enum Content { case text, integer, number }
        var header: String
        /// The header without the unit (the series' label).
        var title: String
        var content: Content
        /// `%`, `€`, `VTE` …, or empty.
        var unit: String = ""

        /// The header as a CSV reader reads it (with the apostrophe a formula-like text gets).
        var readHeader: String { ChartFigure.startsLikeFormula(header.utf8) ? "'" + header : header }
    }

    /// The columns, in order: the category, `n` when rows have bases, the unit when rows have
    /// their own, one per series, the reconstructed values when there are any.
    func csvColumns() -> [CSVColumn] {
        var columns = [CSVColumn(header: categoryHeading, title: categoryHeading, content: .text)]
        if dataset.rows.contains(where: { $0.base != nil }) {
            columns.append(CSVColumn(header: "n", title: strings[.dataFieldN], content: .integer))
        }
        let hasRowUnits = Self.hasRowUnits(dataset)
        if hasRowUnits { columns.append(CSVColumn(header: strings[.dataFieldUnit], title: strings[.dataFieldUnit], content: .text)) }
        let unit = hasRowUnits ? "" : unitSuffix(dataset.unit)
        for series in dataset.series {
            let label = series.label[language]
            columns.append(CSVColumn(header: label + (unit.isEmpty ? "" : " (\(unit))"), title: label, content: .number, unit: unit))
        }
        if !dataset.inferred.isEmpty {
            columns.append(CSVColumn(header: strings[.dataFieldInferred], title: strings[.dataFieldInferred], content: .text))
        }
        return columns
    }

    private func unitSuffix(_ unit: ValueUnit) -> String {
        switch unit {
        case .percent, .margin: return "%"
        case .euro: return "€"
        case .millionEuro: return language.chartLocale.millionEuro(one: false)
        case .fte: return strings[.unitFTE]
        case .hours: return strings[.unitHours]
        case .years: return strings[.unitYears]
        case .count, .number: return ""
        }
    }

    /// A number with a decimal comma and no thousands separators (a data file, not prose).
    static func appendCSVNumber(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        let start = out.count
        NumberFormat.append(value, unit: .number, decimals: decimals, locale: .nlBE, into: &out)
        if out[start...].contains(UInt8(ascii: ".")) {
            let digits = out[start...].filter { $0 != UInt8(ascii: ".") }
            out.replaceSubrange(start..., with: digits)
        }
    }

    /// A text field: quoted when it holds `;`, `"` or a line break. A text a spreadsheet could
    /// take for a formula (OWASP's list: a first sign `=`, `+`, `-`, `@`, tab or carriage return,
    /// also after leading spaces or quotes) gets an apostrophe first, so none runs it.
    static func appendCSVField(_ text: String, to out: inout [UInt8]) {
        let bytes = text.utf8
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ";") || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes { out.append(0x22) }
        if startsLikeFormula(bytes) { out.append(UInt8(ascii: "'")) }
        for byte in bytes {
            out.append(byte)
            if byte == 0x22, needsQuotes { out.append(0x22) }
        }
        if needsQuotes { out.append(0x22) }
    }

    /// True when the first sign after any spaces and quotes is one that starts a formula.
    static func startsLikeFormula(_ bytes: String.UTF8View) -> Bool {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " "), 0x22, UInt8(ascii: "'"): continue
            case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A: return true
            default: return false
            }
        }
        return false
    }
}
