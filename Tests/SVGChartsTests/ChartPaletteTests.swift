import Testing

@testable import SVGCharts

/// A palette given as a value (a site's theme): steps picked from its lists, checks per colour.
@Suite struct ChartPaletteTests {
    @Test func standardIsTheTunedTables() {
        for count in 1...7 { #expect(ChartPalette.standard.colors(.frequency, count: count) == Palette.colors(.frequency, count: count)) }
        for count in 1...7 { #expect(ChartPalette.standard.colors(.agreement, count: count) == Palette.colors(.agreement, count: count)) }
        #expect(ChartPalette.standard.capacity(.categorical) == Palette.capacity(.categorical))
    }

    @Test func stepsAreSpreadOverASitesLists() {
        let palette = ChartPalette(
            categorical: ["#111111"], sequential: ["#A", "#B", "#C", "#D", "#E"],
            diverging: ["#D1", "#D2", "#D3", "#MID", "#A1", "#A2", "#A3"], neutral: "#N")
        #expect(palette.colors(.frequency, count: 1) == ["#C"])
        #expect(palette.colors(.frequency, count: 2) == ["#A", "#E"])
        #expect(palette.colors(.frequency, count: 3) == ["#A", "#C", "#E"])
        #expect(palette.colors(.frequency, count: 5) == ["#A", "#B", "#C", "#D", "#E"])
        #expect(palette.colors(.frequency, count: 6) == nil, "more steps than the list has")
        #expect(palette.colors(.agreement, count: 5) == ["#D1", "#D3", "#N", "#A1", "#A3"])
        #expect(palette.colors(.agreement, count: 2) == ["#D2", "#A2"])
        #expect(palette.capacity(.agreement) == 7 && palette.capacity(.categorical) == 1)
        let empty = ChartPalette(categorical: [], sequential: [], diverging: [], neutral: nil)
        #expect(empty == .standard, "empty lists keep the standard ones")
    }

    @Test func contrastProblemsNameTheRule() {
        #expect(ChartPalette.problem(with: "#0072B2") == nil)
        #expect(
            ChartPalette.problem(with: "#E0A0B0") == "has a contrast of 2.13:1 with the white chart background; a fill needs at least 3:1")
        #expect(ChartPalette.problem(with: "#777777")?.hasPrefix("leaves its labels at 4.47:1") == true)
    }

    @Test func aChartDrawsWithItsPalette() throws {
        var chart = Chart(
            kind: .bars, id: "c", title: "T", description: "Veertig procent, n=10.", categories: [ChartCategory(label: "a")],
            series: [ChartSeries(label: "s")], values: [[40]])
        chart.palette = ChartPalette(categorical: ["#8B1E3F"], sequential: [], diverging: [], neutral: nil)
        let svg = try chart.svg()
        #expect(svg.contains("fill=\"#8B1E3F\"") && !svg.contains("fill=\"#0072B2\""))
    }
}
