// Input checks. Every rule either lets the chart draw correctly or throws a ChartError whose
// message is lower-case, quotes the offending value and names the 0-based category and series.
//
// Decisions:
// - Empty title, empty description (except `figures`), no categories or no series: error.
// - `values` must have one row per category and one value per series in every row: error
//   otherwise (never an index out of range).
// - NaN and ±infinity, and magnitudes of 1e15 or more (no label could fit): error. `nil` is a missing value: drawn as missing, except in a donut
//   (a slice cannot be missing: error).
// - Percent (and margin) values over 100: error. Stacks are not checked for summing to 100 here
//   (the data layer does that); each stack is drawn as 100 % of its own sum.
// - Negative values: allowed in `bars` and `pairedBars` when the unit is neither percent nor
//   margin (drawn to the left of a zero baseline), and in `figures` (just a number); an error
//   everywhere else.
// - All zeros: `bars`, `pairedBars` and `figures` draw them (zero-length bars labelled "0");
//   a stack or donut whose values are all zero or missing has nothing to divide: error.
// - More series than the palette can tell apart (7; a dont-know series is not counted): error.
// - A donut has one series and at most five slices; `figures` take one series.

extension Chart {
    static let maxDecimals = 6
    static let maxDonutSlices = 5
    /// Values must stay below this magnitude (so every formatted value fits beside its bar).
    static let maxMagnitude = 1e15

    func validate() throws(ChartError) {
        if !Chart.isValidID(id) {
            throw ChartError(message: "chart id '\(id)' is not valid; use letters, digits, '-', '_' or '.', starting with a letter")
        }
        if Chart.isBlank(title) {
            throw ChartError(message: "chart '\(id)' has an empty title")
        }
        if kind != .figures && Chart.isBlank(description) {
            throw ChartError(message: "chart '\(id)' has an empty description; the <desc> must state the finding and the base")
        }
        if decimals < 0 || decimals > Chart.maxDecimals {
            throw ChartError(message: "decimals must be between 0 and \(Chart.maxDecimals), got \(decimals)")
        }
        if categories.isEmpty { throw ChartError(message: "chart '\(id)' has no categories") }
        if series.isEmpty { throw ChartError(message: "chart '\(id)' has no series") }
        if values.count != categories.count {
            throw ChartError(message: "values has \(values.count) rows but the chart has \(categories.count) categories")
        }
        for (c, row) in values.enumerated() where row.count != series.count {
            throw ChartError(
                message: "category \(c) ('\(categories[c].label)') has \(row.count) values but the chart has \(series.count) series",
                category: c)
        }
        switch kind {
        case .donut:
            if series.count != 1 { throw ChartError(message: "a donut takes exactly one series, got \(series.count)") }
            if categories.count > Chart.maxDonutSlices {
                throw ChartError(message: "a donut has at most \(Chart.maxDonutSlices) slices, got \(categories.count)")
            }
        case .figures:
            if series.count != 1 { throw ChartError(message: "figures take exactly one series, got \(series.count)") }
        default:
            break
        }

        let negativesAllowed: Bool
        switch kind {
        case .bars, .pairedBars: negativesAllowed = unit != .percent && unit != .margin
        case .figures: negativesAllowed = true
        default: negativesAllowed = false
        }
        for (c, row) in values.enumerated() {
            let cellUnit = kind == .figures ? (categories[c].unit ?? unit) : unit
            for (s, value) in row.enumerated() {
                guard let v = value else {
                    if kind == .donut {
                        throw ChartError(
                            message: "slice \(c) ('\(categories[c].label)') has no value; a donut cannot draw a missing slice",
                            category: c, series: s)
                    }
                    continue
                }
                if !v.isFinite {
                    throw ChartError(message: "value \(Chart.quote(v)) at \(cell(c, s)) is not a finite number", category: c, series: s)
                }
                if v.magnitude >= Chart.maxMagnitude {
                    throw ChartError(
                        message: "value \(Chart.quote(v)) at \(cell(c, s)) is too large to draw; the limit is 1e15",
                        category: c, series: s)
                }
                if (cellUnit == .percent || cellUnit == .margin) && v > 100 {
                    throw ChartError(
                        message: "value \(Chart.quote(v)) at \(cell(c, s)) is over 100 in a \(cellUnit.rawValue) chart",
                        category: c, series: s)
                }
                if v < 0 && !negativesAllowed {
                    throw ChartError(
                        message:
                            "value \(Chart.quote(v)) at \(cell(c, s)) is negative; only bars and paired-bars with a unit other than percent or margin can draw negative values",
                        category: c, series: s)
                }
            }
        }

        switch kind {
        case .stackedBars, .stackedColumns:
            let count = series.filter { $0.role != .dontKnow }.count
            if count > palette.capacity(scale) {
                throw ChartError(
                    message:
                        "\(kind.rawValue) can tell at most \(palette.capacity(scale)) series apart with the \(scale.rawValue) scale, got \(count)"
                )
            }
            for (c, row) in values.enumerated() {
                var sum = 0.0
                for v in row { sum += v ?? 0 }
                if !(sum > 0) {
                    throw ChartError(
                        message: "category \(c) ('\(categories[c].label)') has no value above 0; a stack needs at least one",
                        category: c)
                }
            }
        case .pairedBars:
            let count = series.filter { $0.role != .total }.count
            if count > palette.categorical.count {
                throw ChartError(message: "paired-bars can tell at most \(palette.categorical.count) series apart, got \(count)")
            }
        case .donut:
            var sum = 0.0
            for row in values { sum += row.first.flatMap { $0 } ?? 0 }
            if !(sum > 0) { throw ChartError(message: "the donut's values are all zero; nothing to draw") }
        default:
            break
        }
    }

    /// "category 2 ('Label'), series 0 ('Series')".
    func cell(_ c: Int, _ s: Int) -> String {
        "category \(c) ('\(categories[c].label)'), series \(s) ('\(series[s].label)')"
    }

    /// A value as written in an error message: "104", "12.5", "nan", "inf", "-inf".
    static func quote(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded() && v.magnitude < 1e15 { return String(Int(v)) }
        return v.description
    }

    static func isBlank(_ s: String) -> Bool {
        !s.unicodeScalars.contains { !$0.properties.isWhitespace }
    }

    /// Letters, digits, '-', '_', '.', starting with an ASCII letter: valid as an XML and HTML id
    /// and safe to put in `aria-labelledby` (which is space-separated).
    static func isValidID(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return false }
        let isLetter = { (b: UInt8) in (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        guard isLetter(first) else { return false }
        for b in s.utf8 where !(isLetter(b) || (b >= 48 && b <= 57) || b == 45 || b == 95 || b == 46) {
            return false
        }
        return true
    }
}
