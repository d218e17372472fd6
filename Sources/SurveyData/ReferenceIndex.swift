/// What `ReferenceResolver` looks up for every cell, found without a scan: the link that fills a
/// cell, and the row or series a key names. Built once from the datasets' links and keys, so that
/// resolving takes time linear in the links (20,000 rows taking one value scanned every link of
/// their dataset for each cell: the square of the rows).
struct ReferenceIndex {
    typealias Cell = ReferenceResolver.Cell

    /// The link (its position in its dataset's `links`) that fills a single cell.
    private var cellLinks: [Cell: Int] = [:]
    /// Per dataset and series: the `from:` link that fills the whole series.
    private var seriesLinks: [String: [Int: Int]] = [:]
    private var rowKeys: [String: [String: Int]] = [:]
    private var seriesKeys: [String: [String: Int]] = [:]

    /// When several links or keys match, the first one counts, as a scan in order would find it.
    init(_ datasets: [String: Dataset]) {
        for (id, dataset) in datasets {
            for (position, link) in dataset.links.enumerated() {
                let cell: Cell
                switch link.slot {
                case .base: cell = .base(id)
                case let .seriesBase(series): cell = .seriesBase(id, series: series)
                case let .rowBase(row): cell = .rowBase(id, row: row)
                case let .value(row, series): cell = .value(id, row: row, series: series)
                case let .series(series):
                    if seriesLinks[id]?[series] == nil { seriesLinks[id, default: [:]][series] = position }
                    continue
                }
                if cellLinks[cell] == nil { cellLinks[cell] = position }
            }
            rowKeys[id] = Self.firstIndex(of: dataset.rows.map(\.key))
            seriesKeys[id] = Self.firstIndex(of: dataset.series.map(\.key))
        }
    }

    private static func firstIndex(of keys: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, key) in keys.enumerated() where index[key] == nil { index[key] = position }
        return index
    }

    /// The position in its dataset's `links` of the link that fills `cell`, if one does: a link
    /// to that very cell, or a `from:` link to its whole series, whichever comes first.
    func link(of cell: Cell) -> Int? {
        let single = cellLinks[cell]
        guard case let .value(id, _, series) = cell, let whole = seriesLinks[id]?[series] else { return single }
        return min(single ?? whole, whole)
    }

    /// The first row of dataset `id` with this key.
    func row(_ key: String, in id: String) -> Int? { rowKeys[id]?[key] }

    /// The first series of dataset `id` with this key.
    func series(_ key: String, in id: String) -> Int? { seriesKeys[id]?[key] }
}
