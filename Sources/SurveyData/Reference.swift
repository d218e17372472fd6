import Diagnostics
import RapportBase

/// A value taken from somewhere else instead of copied: `study:answered` (a fact of
/// `Content/data/study.yml`), `volunteer-tasks:board` (a dataset's row, first series),
/// `volunteer-tasks:board:share` (a row and a series), `volunteer-tasks:base` (a dataset's base).
///
/// The same words as the placeholders in the text (`{{volunteer-tasks:board:share}}`): where a
/// number is expected (a `base`, an `n`, a CSV cell) the reference is written bare; in a text it
/// is wrapped in `{{ }}`. The format is documented in `docs/datasets.md`.
public struct Reference: Hashable, Sendable, CustomStringConvertible {
    /// The id that names the study's facts instead of a dataset.
    public static let study = "study"

    /// `study` or a dataset id.
    public var source: String
    /// A fact, a row key, or `base`.
    public var key: String
    public var series: String?

    public init(source: String, key: String, series: String? = nil) {
        self.source = source
        self.key = key
        self.series = series
    }

    /// Reads `a:b` or `a:b:c` (spaces around the parts allowed), each part a valid key; nil
    /// for anything else (a number, a typo without colon), which the caller reports as before.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy(Keys.isValid) else { return nil }
        self.init(source: parts[0], key: parts[1], series: parts.count == 3 ? parts[2] : nil)
    }

    public var isStudyFact: Bool { source == Self.study }

    public var description: String { [source, key, series].compactMap { $0 }.joined(separator: ":") }
}

/// Where a dataset takes a value from elsewhere: the slot it fills and the reference.
public struct ValueLink: Sendable {
    public enum Slot: Hashable, Sendable {
        /// The dataset's `base`.
        case base
        /// A series' `n`.
        case seriesBase(series: Int)
        /// A row's `n` cell.
        case rowBase(row: Int)
        /// One value cell.
        case value(row: Int, series: Int)
        /// A whole series (`from:`): every row takes the same row of the source's series.
        case series(Int)
    }

    public var slot: Slot
    public var reference: Reference
    public var location: SourceLocation
}
