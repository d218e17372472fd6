/// Where a CSV line leaves a quoted cell open: the CSV reader would run on to the next quote in
/// the file, lines further, and what it read there would be wrong in ways that hide the cause.
extension CSVTable {
    /// The column (1-based, in characters) of a quote that opens a cell of `line` and is not
    /// closed on it. A quote opens a cell only as its first character; `""` inside is a quote.
    static func unclosedQuote(in line: String, delimiter: Character) -> Int? {
        guard line.contains("\"") else { return nil }
        var atCellStart = true
        var open: Int?
        var column = 0
        var pendingQuote = false
        for character in line {
            column += 1
            if let _ = open {
                if pendingQuote {
                    pendingQuote = false
                    if character == "\"" { continue }
                    open = nil
                    atCellStart = character == delimiter
                    continue
                }
                if character == "\"" { pendingQuote = true }
                continue
            }
            if character == "\"", atCellStart { open = column; atCellStart = false; continue }
            atCellStart = character == delimiter
        }
        return pendingQuote ? nil : open
    }
}
