import RapportBase
import SVGCharts

extension Dataset {
    /// The chart SVGCharts draws for this dataset in `language`: the one mapping from a dataset to a
    /// chart description, used by the site and by `rapport-bench`.
    ///
    /// - Parameter id: the chart's element id on its page (`chart-<dataset id>`, `-2` … when placed twice).
    public func chart(in language: Language, id: String) -> Chart {
        let categories = rows.map { row in
            ChartCategory(label: row.label[language], mark: row.mark, lowBase: row.isLowBase, unit: row.unit, decimals: row.decimals)
        }
        let chartSeries = series.map { ChartSeries(label: $0.label[language], role: $0.role) }
        var reconstructed: Set<ValuePosition> = []
        for row in rows.indices {
            for column in series.indices where isInferred(row: row, series: column) {
                reconstructed.insert(ValuePosition(category: row, series: column))
            }
        }
        var description = finding?[language] ?? title[language]
        if let base = baseText(in: language) { description += " (\(base))" }
        return Chart(
            kind: kind, id: id, title: title[language], description: description,
            locale: language.chartLocale, unit: unit, decimals: decimals, scale: scale,
            categories: categories, series: chartSeries, values: rows.map(\.values),
            reconstructed: reconstructed)
    }

    /// `n=136` in `language`'s digits, or nil when the dataset has no base.
    public func baseText(in language: Language) -> String? {
        base.map { "n=\(NumberFormat.format(Double($0), unit: .count, decimals: 0, locale: language.chartLocale))" }
    }
}

extension Language {
    /// How the chart module writes this language's numbers (`42%` or `42 %`).
    public var chartLocale: ChartLocale { ChartLocale(rawValue: writing.rawValue) ?? .enGB }
}
