import Diagnostics

/// Finds values typed twice: a series of one dataset that repeats another dataset's series on
/// three rows or more, or a row that repeats another dataset's row (three values or more).
/// Each is a warning on the later dataset (in id order) with the reference to write instead;
/// a coincidence the editors have looked at is acknowledged with `acknowledge: [same-values]`.
/// Values already taken by reference are not copies.
enum CopyCheck {
    static let minimumValues = 3
    /// Cells held by more columns than this are not used to pair columns (see below).
    static let maximumHolders = 64

    static func warnings(_ datasets: [String: Dataset]) -> (warnings: [Diagnostic], found: Set<String>) {
        var out: [Diagnostic] = [], found = Set<String>()
        let ids = datasets.keys.sorted()
        // The dataset's own values: a cell filled by a reference is nobody's copy.
        var own: [String: [[Double?]]] = [:]
        for id in ids {
            guard let dataset = datasets[id] else { continue }
            var values = dataset.rows.map(\.values)
            for link in dataset.links {
                switch link.slot {
                case let .value(row, series): values[row][series] = nil
                case let .series(series): for row in values.indices { values[row][series] = nil }
                default: break
                }
            }
            own[id] = values
        }

        // Series: every (row key, value) says which series hold it; pairs that meet often are compared.
        struct Column { var id: String; var series: Int; var dataset: Int }
        struct Cell: Hashable { var row: String; var value: Double }
        var columns: [Column] = []
        var holders: [Cell: [Int]] = [:]
        for (number, id) in ids.enumerated() {
            guard let dataset = datasets[id], let values = own[id] else { continue }
            for series in dataset.series.indices {
                columns.append(Column(id: id, series: series, dataset: number))
                for (row, item) in dataset.rows.enumerated() {
                    if let value = values[row][series] { holders[Cell(row: item.key, value: value), default: []].append(columns.count - 1) }
                }
            }
        }
        // Pairs of columns of different datasets, by how many (row, value) they share. A cell
        // that very many columns hold (`item-1` at 20 in a large generated study) is no sign of
        // a copy, and pairing all its holders would grow as their square: such cells are left
        // out, and a copy is found through the cells it shares with fewer columns.
        var meetings: [Int: Int] = [:]
        for holding in holders.values where holding.count > 1 && holding.count <= maximumHolders {
            for (a, first) in holding.enumerated() {
                for second in holding[(a + 1)...] where columns[second].dataset != columns[first].dataset {
                    meetings[first * columns.count + second, default: 0] += 1
                }
            }
        }
        for (key, _) in meetings.filter({ $0.value >= minimumValues }).sorted(by: { $0.key < $1.key }) {
            let pair = [columns[key / columns.count], columns[key % columns.count]]
            // The copy is the dataset with more series (a chart by group repeating the total).
            let counts = pair.map { datasets[$0.id]?.series.count ?? 0 }
            let (original, copy) =
                counts[0] < counts[1] || (counts[0] == counts[1] && pair[0].id < pair[1].id) ? (pair[0], pair[1]) : (pair[1], pair[0])
            guard let source = datasets[original.id], let target = datasets[copy.id],
                let sourceValues = own[original.id], let targetValues = own[copy.id]
            else { continue }
            var shared: [Double] = [], differs = false, first: SourceLocation?
            for (row, item) in target.rows.enumerated() {
                guard let mine = targetValues[row][copy.series],
                    let theirsRow = source.rows.firstIndex(where: { $0.key == item.key }),
                    let theirs = sourceValues[theirsRow][original.series]
                else { continue }
                if mine != theirs { differs = true; break }
                shared.append(mine)
                if first == nil { first = target.rows[row].valueLocations[copy.series] }
            }
            guard !differs, shared.count >= minimumValues, Set(shared).count > 1, let first else { continue }
            found.insert(copy.id)
            if target.acknowledged.contains(.sameValues) { continue }
            let series = target.series[copy.series].key, from = "\(original.id):\(source.series[original.series].key)"
            // `from:` takes every row; when the source lacks some, the cells are taken one by one.
            let whole = target.rows.allSatisfy { row in source.rows.contains { $0.key == row.key } }
            let example =
                "\(original.id):\(target.rows.first { row in source.rows.contains { $0.key == row.key } }?.key ?? "row"):\(source.series[original.series].key)"
            out.append(
                .warning(
                    first,
                    .dataset(.copiedSeries(key: series, from: from, count: shared.count, whole: whole, target: target.id, example: example))))
        }

        // Rows: the same values in the same order. The copy is the dataset with fewer rows (a
        // chart that repeats a few rows of a larger one).
        var rows: [[Double?]: [(id: String, row: Int)]] = [:]
        for id in ids {
            guard let values = own[id] else { continue }
            for (row, vector) in values.enumerated() where vector.compactMap({ $0 }).count >= minimumValues {
                rows[vector, default: []].append((id, row))
            }
        }
        for (vector, places) in rows where Set(places.map(\.id)).count > 1 {
            let original = places.min { a, b in
                let (ra, rb) = (datasets[a.id]?.rows.count ?? 0, datasets[b.id]?.rows.count ?? 0)
                return ra > rb || (ra == rb && a.id < b.id)
            }
            guard let original, let source = datasets[original.id] else { continue }
            for (id, row) in places where id != original.id {
                guard let dataset = datasets[id] else { continue }
                found.insert(id)
                if dataset.acknowledged.contains(.sameValues) { continue }
                let from = "\(original.id):\(source.rows[original.row].key)"
                out.append(
                    .warning(
                        dataset.rows[row].location,
                        .dataset(
                            .copiedRow(
                                key: dataset.rows[row].key, from: from, count: vector.compactMap { $0 }.count,
                                series: source.series.first?.key ?? "share"))))
            }
        }
        return (out.sortedByPlace(), found)
    }
}
