import Diagnostics
import RapportBase
import SVGCharts

/// One chart's data: the metadata of `<id>.yml` and the numbers of `<id>.csv`, validated.
/// The format is documented in `docs/datasets.md`.
public struct Dataset: Sendable {
    /// A value column of the CSV file.
    public struct Series: Sendable {
        public var key: String
        public var label: Localized
        /// The series' own base, when it differs from the dataset's.
        public var base: Int?
        public var role: SeriesRole
        /// Where the series' values are: its column's header in the CSV file, or its `from:` in
        /// the YAML file.
        public var location: SourceLocation? = nil
    }

    /// A line of the CSV file: a category with its label and one value per series.
    public struct Row: Sendable {
        public var key: String
        public var label: Localized
        /// The row's own base (`n` column).
        public var base: Int?
        /// Significance glyph (`mark` column).
        public var mark: String?
        /// The row's unit (`unit` column, `figures` only).
        public var unit: ValueUnit?
        /// The row's decimals (`decimals` column), when they differ from the dataset's.
        public var decimals: Int?
        /// One value per series; nil is a missing value.
        public var values: [Double?]
        /// Where each value stands in the CSV file.
        public var valueLocations: [SourceLocation]
        public var location: SourceLocation
        /// Whether the row's base is under 10: shown as "low n".
        public var isLowBase: Bool { (base ?? Int.max) < Dataset.lowBaseLimit }
    }

    /// A value reconstructed from the report rather than read off a chart.
    public struct Inferred: Sendable {
        public var row: String
        public var series: String
        public var why: String
    }

    /// A warning a dataset can acknowledge.
    public enum Acknowledgement: String, CaseIterable, Sendable {
        /// A base under `smallBaseLimit`.
        case smallBase = "small-base"
        /// Values that equal another dataset's (a series or a row), looked at and not a copy.
        case sameValues = "same-values"
        /// Shares of a question that allows several answers: they may add up to more than 100.
        case multipleAnswers = "multiple-answers"
    }

    /// Bases under this are flagged "low n" on the site.
    public static let lowBaseLimit = 10
    /// Bases under this give a warning.
    public static let smallBaseLimit = 30
    /// How far from 100 a percent stack may sum and still build (with a rounding note).
    public static let stackTolerance = 2.0

    public var id: String
    public var kind: ChartKind
    public var title: Localized
    public var question: Localized?
    public var finding: Localized?
    public var source: Localized?
    public var significance: Localized?
    public var base: Int?
    public var unit: ValueUnit
    public var decimals: Int
    public var scale: ColorScale
    public var series: [Series]
    public var rows: [Row]
    public var notes: [Localized]
    public var inferred: [Inferred]
    /// Some stack sums to 100 only within the rounding tolerance: the site says so.
    public var needsRoundingNote: Bool
    /// `Content/data/…/<id>.yml` and `.csv`, as shown in diagnostics.
    public var metadataFile: String
    public var dataFile: String
    /// Values taken from another dataset or from the study's facts instead of copied, resolved by
    /// the loader (`DatasetLoader`) once every dataset is read.
    public var links: [ValueLink] = []
    /// A fingerprint of the two files as read (paths and bytes), for the build cache; and
    /// whether they hold `{{` (texts that quote other datasets), which the cache then treats as
    /// depending on every dataset.
    public var sourceDigest = Digest()
    public var quotesOthers = false
    /// Warnings the editors have looked at (`acknowledge:`): still marked on the site, not repeated.
    public var acknowledged: Set<Acknowledgement> = []
    /// Where `acknowledge:` stands, when it does.
    public var acknowledgedAt: SourceLocation?
    /// What the rows are (`category:`): the heading of the table's and the CSV's first column;
    /// the UI string `chart_category` when not given.
    public var category: Localized?

    /// Whether the value at (row, series) was reconstructed.
    public func isInferred(row: Int, series: Int) -> Bool {
        guard rows.indices.contains(row), self.series.indices.contains(series) else { return false }
        let rowKey = rows[row].key, seriesKey = self.series[series].key
        return inferred.contains { $0.row == rowKey && $0.series == seriesKey }
    }

    /// Whether stacks of this kind must sum to 100 when the unit is percent.
    public var isStacked: Bool {
        kind == .stackedBars || kind == .stackedColumns || kind == .donut
    }

    /// The decimals shown for a row (its own, or the dataset's).
    public func decimals(ofRow index: Int) -> Int {
        rows.indices.contains(index) ? rows[index].decimals ?? decimals : decimals
    }

    /// The unit of a row (its own, or the dataset's).
    public func unit(ofRow index: Int) -> ValueUnit {
        rows.indices.contains(index) ? rows[index].unit ?? unit : unit
    }
}
