/// Bounds on what a run reports, so that a pathological file (a CSV header of 100,000 unknown
/// columns, a one-line file of a megabyte) costs little to report and stays readable.
extension Diagnostic {
    /// Characters of a source line shown around the column; longer lines are cut to a window.
    public static let sourceWindow = 160

    /// Sets the source line shown under the message: the whole line when short, else a window
    /// around the column with `…` where it was cut (the caret moves with it).
    public mutating func showSource(_ line: Substring) {
        guard line.utf8.count > Self.sourceWindow else {
            sourceLine = String(line)
            caretColumn = nil
            return
        }
        let at = SourceColumn.index(of: location.column, in: line)
        let before = Self.sourceWindow / 2
        // The window's start: half a window of characters before the column.
        let start = line.index(at, offsetBy: -before, limitedBy: line.startIndex) ?? line.startIndex
        let end = line.index(start, offsetBy: Self.sourceWindow, limitedBy: line.endIndex) ?? line.endIndex
        let head = start > line.startIndex ? "…" : ""
        sourceLine = head + String(line[start..<end]) + (end < line.endIndex ? "…" : "")
        caretColumn = SourceColumn.after(head + line[start..<at])
    }
}

extension Array where Element == Diagnostic {
    /// At most `limit` diagnostics of one kind (the same message but for its quoted names and
    /// numbers) in one file, then one that says how many more there are.
    public func capped(perKind limit: Int = 10) -> [Diagnostic] {
        var counts: [String: Int] = [:]
        var firstOmitted: [String: Diagnostic] = [:]
        var kept: [Diagnostic] = []
        for diagnostic in self {
            let kind = diagnostic.kindKey
            let count = counts[kind, default: 0] + 1
            counts[kind] = count
            if count <= limit { kept.append(diagnostic) } else if count == limit + 1 { firstOmitted[kind] = diagnostic }
        }
        for (kind, first) in firstOmitted {
            let more = (counts[kind] ?? 0) - limit
            var summary = Diagnostic(first.severity, first.location, .omitted(count: more, severity: first.severity))
            summary.quotesSource = false
            kept.append(summary)
        }
        return kept.sortedByPlace()
    }
}

extension Diagnostic {
    /// File, severity and message with every quoted part and number blanked: what makes two
    /// diagnostics "of one kind".
    var kindKey: String {
        var key = location.file + "\u{0}" + severity.rawValue + "\u{0}"
        var inQuote = false
        for scalar in message.unicodeScalars {
            if scalar == "\"" { inQuote.toggle(); key.unicodeScalars.append(scalar); continue }
            if inQuote || ("0"..."9").contains(scalar) { continue }
            key.unicodeScalars.append(scalar)
        }
        return key
    }
}

/// `99990` → `99,990` (diagnostics are in English).
public func groupedThousands(_ number: Int) -> String {
    let digits = Array(String(number))
    var text = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
        text.append(digit)
    }
    return text
}

extension Unicode.Scalar {
    /// `U+0000`, `U+FEFF`: how a diagnostic names an invisible character.
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
