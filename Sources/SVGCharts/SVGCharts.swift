// SVGCharts: chart description in, SVG markup out.
//
// A leaf module of Rapport: it depends only on the Swift standard library (plus the C library,
// imported only so that libm is linked; see Trig.swift). It does not even use Foundation's number
// formatting, so that its output is byte-identical on every machine. It does no file I/O; the
// caller decides where the markup goes.
//
// Overview
// ========
//
// Describe a chart with `Chart`, ask it for `svg()`, and put the result inside a `<figure>` next to
// an HTML table of the same numbers:
//
// ```swift
// import SVGCharts
//
// let chart = Chart(
//     kind: .stackedBars,
//     id: "chart-challenges",                       // unique on the page; prefixes every id inside
//     title: "Uitdagingen voor verenigingen",      // -> <title>
//     description: "Vrijwilligers vinden is de grootste uitdaging (n=162).",  // -> <desc>
//     locale: .nlBE,
//     unit: .percent,
//     scale: .frequency,                            // never -> always: one-hue ramp
//     categories: [
//         ChartCategory(label: "Vrijwilligers vinden", mark: "*"),
//         ChartCategory(label: "Financiering", lowBase: true),
//     ],
//     series: [
//         ChartSeries(label: "Nooit"), ChartSeries(label: "Soms"), ChartSeries(label: "Vaak"),
//         ChartSeries(label: "Weet niet", role: .dontKnow),   // neutral grey, set apart
//     ],
//     values: [
//         [10, 30, 55, 5],
//         [20, nil, 70, 10],                        // nil = missing: drawn as missing
//     ]
// )
// do {
//     let svg = try chart.svg()                     // "<svg xmlns=… role=\"img\" …>…</svg>"
//     let report = try chart.layoutReport()         // which values had no room for a label
//     print(svg.count, report.hiddenValues)
// } catch {
//     print("error: \(error.message)")              // e.g. "value 104 at category 0 ('…'), series 2 ('…') is over 100 in a percent chart"
// }
//
// NumberFormat.format(1994.18, unit: .euro, decimals: 2, locale: .frBE)   // "1 994,18 €"
// ```
//
// Design in brief (details next to the code that does it):
// - One layout for every screen: a 480-unit-wide `viewBox` (no fixed pixel width, `width="100%"`),
//   labels above the bars at full width, 15–16-unit text, so text stays about 11 px on a 375 px
//   phone. On a 720 px desktop column the same chart simply scales up. (`Render.swift`)
// - Text is measured with the advance widths of Liberation Sans (metric-compatible with Arial),
//   to wrap labels on word boundaries and to decide whether a value fits inside its segment.
//   (`TextMetrics.swift`)
// - Colours: a colour-blind-safe categorical palette, a one-hue blue ramp for frequency scales, an
//   orange ↔ blue diverging scale for agreement scales and an outlined light grey for "don't
//   know"; every fill has ≥ 3:1 contrast with the white background (or an outline that has), and
//   value text is white or near-black, whichever reaches ≥ 4.5:1 on its fill. (`Palette.swift`)
// - Numbers follow CLDR for nl-BE and fr-BE, formatted here without ICU. (`NumberFormat.swift`)
// - The SVG is drawn with presentation attributes only (no `<style>` element, which in inline SVG
//   would leak into the whole HTML page), so it renders the same standalone and inline.

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
    /// Hours (`12 u` / `12 h`).
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

/// A complete chart description. `svg()` draws it.
///
/// Rows are the categories, series are the value columns: `values[category][series]`, with `nil`
/// for a missing value.
///
/// ```swift
/// let chart = Chart(kind: .bars, id: "chart-volunteer-tasks",
///                   title: "Taken die vrijwilligers opnemen",
///                   description: "Lotgenotencontact is de vaakst opgenomen taak (n=118).",
///                   categories: [ChartCategory(label: "Lotgenotencontact"),
///                                ChartCategory(label: "Administratie")],
///                   series: [ChartSeries(label: "Aandeel verenigingen")],
///                   values: [[72], [41]])
/// let svg = try chart.svg()
/// ```
public struct Chart: Sendable, Equatable {
    /// What to draw.
    public var kind: ChartKind
    /// Unique on the page (e.g. `chart-volunteer-tasks`); every id inside the SVG starts with it.
    /// Letters, digits, `-`, `_` and `.`, starting with a letter.
    public var id: String
    /// What the chart shows; becomes the SVG `<title>`. Must not be empty.
    public var title: String
    /// The finding and the base, in the page's language; becomes the SVG `<desc>`. Must not be
    /// empty, except for `figures` (whose tiles carry only their own title).
    public var description: String
    /// The page's language.
    public var locale: ChartLocale
    /// The unit of every value (a category's own `unit` overrides it in `figures`).
    public var unit: ValueUnit
    /// Decimals shown, 0…6.
    public var decimals: Int
    /// The palette.
    public var scale: ColorScale
    /// The rows.
    public var categories: [ChartCategory]
    /// The value columns.
    public var series: [ChartSeries]
    /// `values[category][series]`; `nil` is a missing value.
    public var values: [[Double?]]
    /// Values reconstructed rather than read off the source: drawn with a dagger after them
    /// (`42%†`), as the table of numbers marks them; the caller explains the mark in a note.
    public var reconstructed: Set<ValuePosition>
    /// The fills (a site's theme can give its own; `ChartPalette.problem(with:)` checks them).
    public var palette: ChartPalette = .standard

    /// Creates a chart description.
    ///
    /// ```swift
    /// let tiles = Chart(kind: .figures, id: "chart-key-figures", title: "Kerncijfers",
    ///                   unit: .count,
    ///                   categories: [ChartCategory(label: "respondenten"),
    ///                                ChartCategory(label: "mediaan aantal vrijwilligers")],
    ///                   series: [ChartSeries(label: "Waarde")],
    ///                   values: [[162], [9]])
    /// ```
    public init(
        kind: ChartKind,
        id: String,
        title: String,
        description: String = "",
        locale: ChartLocale = .nlBE,
        unit: ValueUnit = .percent,
        decimals: Int = 0,
        scale: ColorScale = .categorical,
        categories: [ChartCategory],
        series: [ChartSeries],
        values: [[Double?]],
        reconstructed: Set<ValuePosition> = []
    ) {
        self.kind = kind
        self.id = id
        self.title = title
        self.description = description
        self.locale = locale
        self.unit = unit
        self.decimals = decimals
        self.scale = scale
        self.categories = categories
        self.series = series
        self.values = values
        self.reconstructed = reconstructed
    }
}

/// Why a chart cannot be drawn. `message` is lower-case, quotes the offending value and names the
/// category and series by their 0-based index; `category` and `series` carry the same indexes so
/// the caller can point at the right CSV cell.
///
/// ```swift
/// do { _ = try chart.svg() } catch {
///     print("volunteer-tasks.csv: error: \(error.message)")
///     if let row = error.category { print("in row \(row + 2) of the file") }  // +1 header, +1 1-based
/// }
/// ```
public struct ChartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, e.g. `value 104 at category 2 ('Administratie'), series 0 ('Aandeel') is over 100 in a percent chart`.
    public var message: String
    /// 0-based index of the category (row) concerned, if any.
    public var category: Int?
    /// 0-based index of the series (value column) concerned, if any.
    public var series: Int?

    /// Creates an error.
    ///
    /// ```swift
    /// ChartError(message: "chart has no categories")
    /// ```
    public init(message: String, category: Int? = nil, series: Int? = nil) {
        self.message = message
        self.category = category
        self.series = series
    }

    /// The message.
    public var description: String { message }
}

/// A cell of the chart: `values[category][series]`.
///
/// ```swift
/// let hidden = try chart.layoutReport().hiddenValues   // [ValuePosition(category: 3, series: 4)]
/// ```
public struct ValuePosition: Hashable, Sendable, CustomStringConvertible {
    /// 0-based category (row) index.
    public var category: Int
    /// 0-based series (value column) index.
    public var series: Int

    /// Creates a position.
    ///
    /// ```swift
    /// ValuePosition(category: 0, series: 1)
    /// ```
    public init(category: Int, series: Int) {
        self.category = category
        self.series = series
    }

    /// `"(category, series)"`.
    public var description: String { "(\(category), \(series))" }
}

/// What the layout decided, for the caller's notes and for tests.
///
/// ```swift
/// let report = try chart.layoutReport()
/// if !report.hiddenValues.isEmpty {
///     // some segments were too small for their value: it is in the table and the tooltip only
/// }
/// ```
public struct ChartLayoutReport: Sendable, Equatable {
    /// The `viewBox` width (for `figures`: of one tile).
    public var width: Double
    /// The `viewBox` height (for `figures`: of the tallest tile).
    public var height: Double
    /// Values drawn without a text label because their bar, segment or slice is too small (or
    /// zero). They are still in each shape's `<title>` tooltip (when the shape is drawn at all)
    /// and must be in the table next to the chart.
    public var hiddenValues: [ValuePosition]
    /// Missing (`nil`) values, drawn as missing ("–" where a bar would be, or no segment).
    public var missingValues: [ValuePosition]
    /// `stackedColumns` only: the columns were too narrow for their labels, so the chart was
    /// drawn as horizontal 100 %-stacked bars instead ("switch layout rather than shrink text").
    public var columnsDrawnAsBars: Bool

    /// Every fill the chart paints, with its outline (for contrast checks).
    var paints: [Paint] = []
    /// Every text the chart writes, with the colour it sits on (for contrast checks).
    var inks: [Ink] = []

    init(width: Double = 0, height: Double = 0) {
        self.width = width
        self.height = height
        self.hiddenValues = []
        self.missingValues = []
        self.columnsDrawnAsBars = false
    }
}

/// A fill used by the layout, with the outline drawn around it (if any).
struct Paint: Hashable, Sendable {
    var fill: String
    var stroke: String?
}

/// A text colour and the colour directly behind it.
struct Ink: Hashable, Sendable {
    var text: String
    var background: String
}
