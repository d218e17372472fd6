// What drawing a chart reports: its errors, the value they are about, and the layout it chose.

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
