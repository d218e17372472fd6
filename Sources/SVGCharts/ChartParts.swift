// The parts of a chart description: its kind, unit, palette, series and categories.

/// The kind of chart to draw. The raw values are the names used in dataset files (`kind:`).
///
/// ```swift
/// ChartKind(rawValue: "stacked-bars")   // .stackedBars
/// ```
public enum ChartKind: String, Sendable, CaseIterable {
    /// Ranked horizontal bars, rows in the given order; several series become small multiples
    /// (one panel per series, common scale, same row order).
    case bars
    /// 100 %-stacked horizontal bars, one per category; "don't know" set apart at the right.
    case stackedBars = "stacked-bars"
    /// 100 %-stacked columns, one per category (Total / NL / FR / …). Falls back to the
    /// `stackedBars` layout when the columns would be too narrow for their labels.
    case stackedColumns = "stacked-columns"
    /// Grouped horizontal bars comparing the series (e.g. 2009 vs 2023) on a common baseline.
    case pairedBars = "paired-bars"
    /// A donut with at most five slices (one series).
    case donut
    /// Key-figure tiles: one small `<svg>` per category with a big number and its label.
    case figures
}

/// The unit of the values; decides how `NumberFormat` writes them.
///
/// ```swift
/// NumberFormat.format(2.5, unit: .fte, decimals: 1, locale: .nlBE)   // "2,5 VTE"
/// ```
public enum ValueUnit: String, Sendable, CaseIterable {
    /// Percentages, given as 0…100 (`42` is 42 %). Values over 100 are an error in a chart.
    case percent
    /// Counts of things (`1.234` / `1 234`).
    case count
    /// Amounts in euro (`€ 1.994,18` / `1 994,18 €`).
    case euro
    /// Full-time equivalents (`2,5 VTE` / `2,5 ETP`).
    case fte
    /// Amounts in millions of euro, as a sentence writes them (`16,5 miljoen euro` /
    /// `16,5 millions d’euros`); in data files `million-euro`.
    case millionEuro = "million-euro"
    /// Hours (`12 uur` / `12 heures`).
    case hours
    /// Years (`9 jaar` / `9 ans`, `1 an`).
    case years
    /// A plain number (`1.234,5` / `1 234,5`).
    case number
    /// A margin of error in percentage points (`± 5,83%` / `± 5,83 %`).
    case margin
}

/// Which palette the series get.
///
/// ```swift
/// let chart = Chart(kind: .stackedBars, id: "c", title: "t", description: "d", scale: .agreement,
///                   categories: [ChartCategory(label: "Item")],
///                   series: [ChartSeries(label: "Oneens"), ChartSeries(label: "Eens")],
///                   values: [[40, 60]])
/// ```
public enum ColorScale: String, Sendable, CaseIterable {
    /// Unordered categories: a colour-blind-safe palette of up to 7 distinct colours.
    case categorical
    /// An ordered scale such as never → always: one-hue sequential ramp (light → dark blue).
    case frequency
    /// A disagree ↔ agree scale: diverging orange ↔ blue, a grey middle for an odd count.
    case agreement
}

/// What a series stands for. The raw values are the names used in dataset files (`role:`).
///
/// ```swift
/// ChartSeries(label: "Weet niet", role: .dontKnow)
/// ```
public enum SeriesRole: String, Sendable, CaseIterable {
    /// An ordinary series.
    case normal
    /// "Don't know / no opinion": neutral grey with an outline, set apart after a gap in stacks.
    case dontKnow = "dont-know"
    /// The total over all groups: drawn in dark grey in `bars` and `pairedBars`.
    case total
}

/// A value column: an answer category in a stack, a group in small multiples, a year in paired bars.
///
/// ```swift
/// let series = [ChartSeries(label: "2009"), ChartSeries(label: "2023")]
/// ```
public struct ChartSeries: Sendable, Equatable {
    /// The label in the page's language (legend, panel heading, tooltip).
    public var label: String
    /// What the series stands for.
    public var role: SeriesRole

    /// Creates a series.
    ///
    /// ```swift
    /// ChartSeries(label: "Ne sait pas", role: .dontKnow)
    /// ```
    public init(label: String, role: SeriesRole = .normal) {
        self.label = label
        self.role = role
    }
}

/// A row of the chart: a bar, a stack, a column, a slice or a key figure.
///
/// ```swift
/// ChartCategory(label: "Franstalig", mark: "*", lowBase: true)
/// ```
public struct ChartCategory: Sendable, Equatable {
    /// The label in the page's language; wrapped on word boundaries, never truncated.
    public var label: String
    /// A significance glyph drawn right after the label (e.g. `*`), explained in a footnote.
    public var mark: String?
    /// The category has a small base: its label gets `ChartLocale.lowBaseMarker`.
    public var lowBase: Bool
    /// This row's unit when it differs from the chart's (used by `figures`).
    public var unit: ValueUnit?
    /// This row's decimals when they differ from the chart's (used by `figures`: a margin of
    /// error `± 5,83%` among whole counts).
    public var decimals: Int?

    /// Creates a category.
    ///
    /// ```swift
    /// ChartCategory(label: "Mediaan aantal vrijwilligers", unit: .count)
    /// ```
    public init(label: String, mark: String? = nil, lowBase: Bool = false, unit: ValueUnit? = nil, decimals: Int? = nil) {
        self.label = label
        self.mark = mark
        self.lowBase = lowBase
        self.unit = unit
        self.decimals = decimals
    }
}
