import Testing

@testable import SVGCharts

@Suite("Bad input")
struct BadInputTests {
    static func chart(
        _ kind: ChartKind = .bars, unit: ValueUnit = .percent, labels: [String] = ["A", "B"],
        series: [ChartSeries] = [ChartSeries(label: "S")], values: [[Double?]] = [[10], [20]]
    ) -> Chart {
        Chart(
            kind: kind, id: "chart-bad", title: "Titel", description: "Bevinding (n=10).", unit: unit,
            categories: labels.map { ChartCategory(label: $0) }, series: series, values: values)
    }

    /// The error `chart.svg()` throws, or nil when it draws.
    func error(_ chart: Chart) -> ChartError? {
        do {
            _ = try chart.svg()
            return nil
        } catch {
            return error
        }
    }

    /// Draws, and the result is well-formed XML.
    func draws(_ chart: Chart, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            let svg = try chart.svg()
            let doc = SVGInspector(svg)
            #expect(doc.ok, "not well-formed: \(doc.parseError ?? "")", sourceLocation: sourceLocation)
            return svg
        } catch {
            Issue.record("unexpected error: \(error.message)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test func emptyData() {
        #expect(error(Self.chart(labels: [], values: [])) == ChartError(message: "chart 'chart-bad' has no categories"))
        #expect(error(Self.chart(series: [], values: [[], []])) == ChartError(message: "chart 'chart-bad' has no series"))
    }

    @Test func shapeMismatch() {
        #expect(error(Self.chart(values: [[10]])) == ChartError(message: "values has 1 rows but the chart has 2 categories"))
        #expect(
            error(Self.chart(values: [[10], [20, 30]]))
                == ChartError(message: "category 1 ('B') has 2 values but the chart has 1 series", category: 1))
        #expect(
            error(Self.chart(values: [[10], []]))
                == ChartError(message: "category 1 ('B') has 0 values but the chart has 1 series", category: 1))
    }

    @Test func singleCategory() {
        for kind in ChartKind.allCases {
            let c = Self.chart(kind, labels: ["Enige"], values: [[42]])
            #expect(draws(c) != nil, "\(kind)")
        }
    }

    @Test func allZeros() {
        // Bars draw zero-length bars labelled "0%".
        let svg = draws(Self.chart(values: [[0], [0]])) ?? ""
        #expect(SVGInspector(svg).texts.filter { $0.content == "0%" }.count == 2)
        #expect(
            draws(
                Self.chart(
                    .pairedBars, series: [ChartSeries(label: "x"), ChartSeries(label: "y")],
                    values: [[0, 0], [0, 0]])) != nil)
        #expect(draws(Self.chart(.figures, values: [[0], [0]])) != nil)
        // A stack or a donut has nothing to divide.
        #expect(
            error(Self.chart(.stackedBars, values: [[10], [0]]))
                == ChartError(message: "category 1 ('B') has no value above 0; a stack needs at least one", category: 1))
        #expect(
            error(Self.chart(.stackedColumns, values: [[nil], [5]]))
                == ChartError(message: "category 0 ('A') has no value above 0; a stack needs at least one", category: 0))
        #expect(error(Self.chart(.donut, values: [[0], [0]])) == ChartError(message: "the donut's values are all zero; nothing to draw"))
    }

    @Test func overHundredPercent() {
        #expect(
            error(Self.chart(values: [[10], [104]]))
                == ChartError(
                    message: "value 104 at category 1 ('B'), series 0 ('S') is over 100 in a percent chart", category: 1, series: 0))
        #expect(
            error(Self.chart(unit: .margin, values: [[100.5], [1]]))
                == ChartError(
                    message: "value 100.5 at category 0 ('A'), series 0 ('S') is over 100 in a margin chart", category: 0, series: 0))
        // Counts may exceed 100.
        #expect(draws(Self.chart(unit: .count, values: [[1234], [5]])) != nil)
        // In figures the row's own unit decides.
        var figures = Self.chart(.figures, unit: .count, values: [[1234], [140]])
        figures.categories[1].unit = .percent
        #expect(error(figures)?.message == "value 140 at category 1 ('B'), series 0 ('S') is over 100 in a percent chart")
    }

    @Test func negativeValues() {
        let message =
            "value -5 at category 0 ('A'), series 0 ('S') is negative; only bars and paired-bars with a unit other than percent or margin can draw negative values"
        #expect(error(Self.chart(values: [[-5], [20]])) == ChartError(message: message, category: 0, series: 0))
        for kind in [ChartKind.stackedBars, .stackedColumns, .donut] {
            #expect(
                error(Self.chart(kind, unit: .count, values: [[-5], [20]])) == ChartError(message: message, category: 0, series: 0),
                "\(kind)")
        }
        // Allowed: bars and paired bars with other units draw from a zero baseline; figures are just numbers.
        let svg = draws(Self.chart(unit: .euro, values: [[-1500], [2500]])) ?? ""
        let doc = SVGInspector(svg)
        #expect(doc.texts.contains { $0.content == "€\u{00A0}-1.500" })
        #expect(doc.elements.contains { $0.name == "line" }, "zero baseline drawn")
        #expect(
            draws(
                Self.chart(
                    .pairedBars, unit: .count, series: [ChartSeries(label: "x"), ChartSeries(label: "y")],
                    values: [[-3, 4], [5, -6]])) != nil)
        #expect(draws(Self.chart(.figures, unit: .number, values: [[-3], [4]])) != nil)
    }

    @Test func nonFiniteValues() {
        #expect(
            error(Self.chart(values: [[.nan], [1]]))
                == ChartError(message: "value nan at category 0 ('A'), series 0 ('S') is not a finite number", category: 0, series: 0))
        #expect(
            error(Self.chart(unit: .count, values: [[1], [.infinity]]))
                == ChartError(message: "value inf at category 1 ('B'), series 0 ('S') is not a finite number", category: 1, series: 0))
        #expect(
            error(Self.chart(.figures, unit: .count, values: [[1], [-.infinity]]))?.message
                == "value -inf at category 1 ('B'), series 0 ('S') is not a finite number")
    }

    @Test func hugeValues() {
        #expect(
            error(Self.chart(unit: .count, values: [[1e20], [1]]))
                == ChartError(
                    message: "value 1e+20 at category 0 ('A'), series 0 ('S') is too large to draw; the limit is 1e15", category: 0,
                    series: 0))
        let svg = draws(Self.chart(unit: .euro, values: [[-999_999_999_999.99], [999_999_999_999.99]])) ?? ""
        #expect(
            SVGInspector(svg).texts.contains { $0.content == "€\u{00A0}999.999.999.999.99" || $0.content == "€\u{00A0}1.000.000.000.000" })
    }

    @Test func missingValues() {
        let report = try? Self.chart(values: [[nil], [20]]).layoutReport()
        #expect(report?.missingValues == [ValuePosition(category: 0, series: 0)])
        #expect(
            error(Self.chart(.donut, values: [[nil], [20]]))
                == ChartError(message: "slice 0 ('A') has no value; a donut cannot draw a missing slice", category: 0, series: 0))
    }

    @Test func longWords() throws {
        let word = String(repeating: "W", count: 40)  // 40 × 0.94 em: wider than any line, must be broken
        let long = String(repeating: "Xylofoon", count: 5)
        for kind in ChartKind.allCases {
            let c = Self.chart(kind, labels: [word + " " + long, "kort"], values: [[60], [40]])
            let svg = try #require(draws(c), "\(kind)")
            let all = SVGInspector(svg).texts.map(\.content).joined()
            #expect(all.contains(word) && all.contains(long), "\(kind): long word cut")
            #expect(!svg.contains("…"))
        }
        // A word that fits is never broken; one that does not is broken between characters.
        let fits = Wrap.wrap("Patiëntenverenigingen", maxWidth: 300, size: 16)
        #expect(fits.count == 1)
        let broken = Wrap.wrap(word, maxWidth: 200, size: 16)
        #expect(broken.count > 1)
        #expect(broken.map { $0.words.map(\.text).joined() }.joined() == word)
        for line in broken { #expect(line.width <= 200.001) }
    }

    @Test func escapingAndEmoji() throws {
        let nasty = "<script>&amp; \"quoted\" 'single' > 👩‍👩‍👧 🎉 שלום עולם"
        for kind in ChartKind.allCases {
            var c = Self.chart(kind, labels: [nasty, "B & C"], series: [ChartSeries(label: nasty)], values: [[60], [40]])
            c.title = nasty
            c.description = nasty
            let svg = try #require(draws(c), "\(kind)")
            #expect(!svg.contains("<script>"))
            let doc = SVGInspector(svg)
            let all = doc.texts.map(\.content).joined(separator: " ")
            #expect(all.contains("👩‍👩‍👧"), "\(kind): emoji lost")
            #expect(all.contains("שלום"), "\(kind): RTL text lost")
            #expect(all.contains("<script>&amp;"), "\(kind): escaped text not restored by the parser")
            if kind != .figures { #expect(doc.titles.first == nasty, "\(kind)") }
        }
        // RTL labels are isolated (U+2067 … U+2069) so their punctuation lands on the right side.
        let rtl = try Self.chart(labels: ["שלום עולם?", "B"]).svg()
        #expect(rtl.contains(">\u{2067}שלום עולם?\u{2069}<"))
    }

    @Test func controlCharactersAreDropped() throws {
        let svg = try Self.chart(labels: ["A\u{0001}B\u{000B}", "tab\there"]).svg()
        #expect(SVGInspector(svg).ok)
        #expect(!svg.contains("\u{0001}"))
    }

    @Test func invalidSettings() {
        var c = Self.chart()
        c.id = "chart bad"
        #expect(error(c)?.message == "chart id 'chart bad' is not valid; use letters, digits, '-', '_' or '.', starting with a letter")
        c = Self.chart()
        c.title = "  "
        #expect(error(c)?.message == "chart 'chart-bad' has an empty title")
        c = Self.chart()
        c.description = ""
        #expect(error(c)?.message == "chart 'chart-bad' has an empty description; the <desc> must state the finding and the base")
        c.kind = .figures
        #expect(error(c) == nil, "figures need no description")
        c = Self.chart()
        c.decimals = 9
        #expect(error(c)?.message == "decimals must be between 0 and 6, got 9")
    }

    @Test func donutLimits() {
        let six = Self.chart(.donut, labels: ["a", "b", "c", "d", "e", "f"], values: [[1], [1], [1], [1], [1], [1]])
        #expect(error(six) == ChartError(message: "a donut has at most 5 slices, got 6"))
        let two = Self.chart(.donut, series: [ChartSeries(label: "x"), ChartSeries(label: "y")], values: [[1, 2], [3, 4]])
        #expect(error(two) == ChartError(message: "a donut takes exactly one series, got 2"))
        #expect(draws(Self.chart(.donut, labels: ["alles", "niets"], values: [[100], [0]])) != nil)
    }

    @Test func paletteLimits() {
        let series = (0..<8).map { ChartSeries(label: "s\($0)") }
        let row: [Double?] = Array(repeating: 12.5, count: 8)
        var c = Self.chart(.stackedBars, series: series, values: [row, row])
        c.scale = .frequency
        #expect(error(c) == ChartError(message: "stacked-bars can tell at most 7 series apart with the frequency scale, got 8"))
        c.kind = .pairedBars
        #expect(error(c) == ChartError(message: "paired-bars can tell at most 7 series apart, got 8"))
        c.kind = .bars
        #expect(draws(c) != nil, "small multiples share one colour: any number of panels")
    }
}
