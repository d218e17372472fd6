import SVGCharts
import Testing

/// The overview example of SVGCharts.swift, kept compiling and true.
@Suite("Documentation examples")
struct DocExampleTests {
    @Test func overviewExample() throws {
        let chart = Chart(
            kind: .stackedBars,
            id: "chart-challenges",
            title: "Uitdagingen voor verenigingen",
            description: "Vrijwilligers vinden is de grootste uitdaging (n=162).",
            locale: .nlBE,
            unit: .percent,
            scale: .frequency,
            categories: [
                ChartCategory(label: "Vrijwilligers vinden", mark: "*"),
                ChartCategory(label: "Financiering", lowBase: true),
            ],
            series: [
                ChartSeries(label: "Nooit"), ChartSeries(label: "Soms"), ChartSeries(label: "Vaak"),
                ChartSeries(label: "Weet niet", role: .dontKnow),
            ],
            values: [
                [10, 30, 55, 5],
                [20, nil, 70, 10],
            ]
        )
        let svg = try chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"chart-challenges-title chart-challenges-desc\""))
        let report = try chart.layoutReport()
        #expect(report.missingValues == [ValuePosition(category: 1, series: 1)])
        #expect(NumberFormat.format(1994.18, unit: .euro, decimals: 2, locale: .frBE) == "1\u{202F}994,18\u{00A0}€")

        var bad = chart
        bad.values[0][2] = 104
        #expect(
            throws: ChartError(
                message: "value 104 at category 0 ('Vrijwilligers vinden'), series 2 ('Vaak') is over 100 in a percent chart",
                category: 0, series: 2)
        ) {
            try bad.svg()
        }
    }

    @Test func figuresGiveOneTilePerRow() throws {
        let tiles = Chart(
            kind: .figures, id: "chart-key-figures", title: "Kerncijfers", unit: .count,
            categories: [
                ChartCategory(label: "respondenten"),
                ChartCategory(label: "mediaan aantal vrijwilligers"),
            ],
            series: [ChartSeries(label: "Waarde")],
            values: [[162], [9]])
        let parts = try tiles.svgTiles()
        #expect(parts.count == 2)
        #expect(try tiles.svg() == parts.joined(separator: "\n"))
        #expect(parts[0].contains("<title id=\"chart-key-figures-fig1-title\">respondenten: 162</title>"))
    }
}
