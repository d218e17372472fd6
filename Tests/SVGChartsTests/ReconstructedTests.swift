import Testing

@testable import SVGCharts

/// A reconstructed value carries its dagger on the chart, as in the table of numbers.
@Suite struct ReconstructedTests {
    @Test(arguments: ChartKind.allCases)
    func reconstructedValuesAreMarkedOnTheChart(_ kind: ChartKind) throws {
        let chart = Chart(
            kind: kind, id: "chart-r", title: "Titel", description: "Bevinding.", locale: .frBE,
            categories: [ChartCategory(label: "Eerste"), ChartCategory(label: "Tweede")],
            series: [ChartSeries(label: "Aandeel")],
            values: [[62], [38]], reconstructed: [ValuePosition(category: 1, series: 0)])
        let svg = try chart.svg()
        #expect(svg.contains(">38\u{202F}%†</text>") || svg.contains(">38\u{202F}%†</tspan>") || svg.contains("38\u{202F}%†<"), "\(kind)")
        #expect(!svg.contains("62\u{202F}%†"), "\(kind)")
    }
}
