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
// - Numbers follow CLDR for nl-BE, fr-BE, de-BE and en-GB, formatted here without ICU. (`NumberFormat.swift`)
// - The SVG is drawn with presentation attributes only (no `<style>` element, which in inline SVG
//   would leak into the whole HTML page), so it renders the same standalone and inline.

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
