import Diagnostics

extension RowBuilder {
    /// A row with more cells than the header because a number was typed with a decimal comma
    /// in a file separated by commas (`12,5` read as the cells `12` and `5`): said as such, at
    /// the number, with the fix, instead of "quote a label". The cells before the split line up
    /// with the header, so the number stands in a series' column, followed by a cell of digits.
    /// When one such pair can be the split (in a stack of shares, the one after which the row
    /// adds up to 100), it is named; when several can (a row of whole numbers), the count is
    /// said with both fixes; when none, nil (a label holds the comma).
    func splitNumber(in cells: [CSVTable.Cell], location: SourceLocation) -> Diagnostic? {
        guard table.delimiter == ",", cells.count > header.cells.count else { return nil }
        let series = Set(meta.series.map(\.key))
        func isDigits(_ text: String, sign: Bool) -> Bool {
            let digits = sign && text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        // Before the split, each cell fits its column: a label's comma shifts the numbers under
        // the labels' neighbours, a decimal comma does not.
        func fits(_ cell: String, _ column: String) -> Bool {
            if column == "n" || column == "decimals" { return cell.isEmpty || isDigits(cell, sign: false) || Reference(cell) != nil }
            if series.contains(column) { return cell.isEmpty || table.number(cell) != nil || Reference(cell) != nil }
            return true
        }
        var splits = (0..<min(header.cells.count, cells.count - 1)).filter { index in
            series.contains(header.cells[index].text) && isDigits(cells[index].text, sign: true)
                && isDigits(cells[index + 1].text, sign: false)
                && (0..<index).allSatisfy { fits(cells[$0].text, header.cells[$0].text) }
        }
        // Shares of a stack add up to 100 once the right two cells are one number again.
        if splits.count > 1, cells.count == header.cells.count + 1, meta.unit == .percent,
            [.stackedBars, .stackedColumns].contains(meta.kind)
        {
            let adding = splits.filter { index in
                var merged = cells.map(\.text)
                merged[index] += "." + merged.remove(at: index + 1)
                let values = zip(header.cells, merged).filter { series.contains($0.0.text) }.map { Double($0.1) }
                guard !values.contains(where: { $0 == nil }) else { return false }
                return abs(values.reduce(0) { $0 + ($1 ?? 0) } - 100) <= Dataset.stackTolerance
            }
            if adding.count == 1 { splits = adding }
        }
        guard let first = splits.first else { return nil }
        let (whole, fraction) = (cells[first].text, cells[first + 1].text)
        guard splits.count == 1 else {
            return .error(
                location, .csv(.decimalCommaAmbiguous(cells: cells.count, header: header.cells.count, whole: whole, fraction: fraction)))
        }
        return .error(cells[first].location, .csv(.decimalCommaSplit(whole: whole, fraction: fraction)))
    }
}
