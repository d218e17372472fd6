import Testing

@testable import SVGCharts

/// SplitMix64: a tiny seeded generator, so every run tests the same cases.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generates valid charts of one kind, with nasty labels and edge-case values.
struct ChartGenerator {
    var rng: SplitMix64

    static let words = [
        "Lotgenotencontact", "vrijwilligers", "association", "défense", "des", "intérêts", "en", "de", "Ja,",
        "soms", "a<b", "R&D", "\"quoted\"", "l'équipe", "x>y", "👩‍👩‍👧", "🎉", "שלום", "مرحبا", "ÉÈÊ", "Ωμέγα",
        "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",  // a 40-character word
        "Nederlandstalig-Franstalig", "0-9", "e-mail", "n=162", "(lage n)", "patiëntenvereniging", "中文标签",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func label() -> String {
        if chance(0.05) { return "" }
        return (0..<int(1...6)).map { _ in pick(Self.words) }.joined(separator: " ")
    }

    mutating func chart(_ kind: ChartKind, id: String) -> Chart {
        let locale: ChartLocale = chance(0.5) ? .nlBE : .frBE
        let scale = pick(ColorScale.allCases)
        let decimals = int(0...2)
        var unit: ValueUnit = .percent
        var categoryCount = int(1...14)
        var normalCount = 1
        var dontKnow = 0
        var totals = 0
        switch kind {
        case .bars:
            unit = pick(ValueUnit.allCases)
            normalCount = int(1...5)
        case .pairedBars:
            unit = pick(ValueUnit.allCases)
            normalCount = int(2...4)
            totals = chance(0.2) ? 1 : 0
        case .stackedBars, .stackedColumns:
            normalCount = int(1...Palette.capacity(scale))
            dontKnow = chance(0.5) ? int(1...2) : 0
            if kind == .stackedColumns { categoryCount = int(1...8) }
        case .donut:
            categoryCount = int(1...5)
        case .figures:
            unit = pick(ValueUnit.allCases)
            categoryCount = int(1...6)
        }
        var series: [ChartSeries] = []
        for _ in 0..<totals { series.append(ChartSeries(label: label(), role: .total)) }
        for _ in 0..<normalCount { series.append(ChartSeries(label: label())) }
        for _ in 0..<dontKnow { series.append(ChartSeries(label: label(), role: .dontKnow)) }
        series.shuffle(using: &rng)  // roles anywhere: the layout must order them itself

        let negativesAllowed = (kind == .bars || kind == .pairedBars) && unit != .percent && unit != .margin
        var categories: [ChartCategory] = []
        var values: [[Double?]] = []
        for _ in 0..<categoryCount {
            let rowUnit: ValueUnit? = kind == .figures && chance(0.3) ? pick([ValueUnit.count, .euro, .fte]) : nil
            categories.append(
                ChartCategory(
                    label: label(), mark: chance(0.2) ? pick(["*", "**", "†"]) : nil,
                    lowBase: chance(0.2), unit: rowUnit))
            var row: [Double?] = []
            for _ in series {
                if kind != .donut && chance(0.08) {
                    row.append(nil)
                } else if chance(0.1) {
                    row.append(0)
                } else {
                    let cellUnit = rowUnit ?? unit
                    let bounded = cellUnit == .percent || cellUnit == .margin
                    var v = Double(int(0...10_000)) / 100  // 0…100, two decimals
                    // Large values, except in millions of euro (whose long unit already takes the
                    // room of the digits: 0…100 million is the range a study's amounts have).
                    if !bounded && cellUnit != .millionEuro && chance(0.3) { v *= Double(int(1...5000)) }
                    if negativesAllowed && chance(0.2) { v = -v }
                    if kind == .figures && !bounded && chance(0.1) { v = -v }
                    row.append(v)
                }
            }
            if kind == .stackedBars || kind == .stackedColumns || kind == .donut {
                // A stack or donut needs something to divide.
                if !row.contains(where: { ($0 ?? 0) > 0 }) { row[0] = 1 }
            }
            values.append(row)
        }
        if kind == .donut, !values.contains(where: { ($0[0] ?? 0) > 0 }) { values[0][0] = 5 }
        return Chart(
            kind: kind, id: id, title: label() + "x", description: label() + " (n=162)",
            locale: locale, unit: unit, decimals: decimals, scale: scale,
            categories: categories, series: series, values: values)
    }
}

@Suite("Properties")
struct PropertyTests {
    static let casesPerKind = 200

    @Test(arguments: ChartKind.allCases)
    func generatedCharts(_ kind: ChartKind) throws {
        var generator = ChartGenerator(rng: SplitMix64(seed: 0x5EED + UInt64(kind.rawValue.utf8.count)))
        for i in 0..<Self.casesPerKind {
            let chart = generator.chart(kind, id: "chart-a\(i)")
            let other = generator.chart(kind, id: "chart-b\(i)")
            let svg: String
            let report: ChartLayoutReport
            do {
                let rendered = try chart.render()  // what svg() and layoutReport() both use
                svg = rendered.tiles.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
                report = rendered.report
            } catch {
                Issue.record("case \(i): valid chart rejected: \(error.message)")
                continue
            }
            check(chart, svg: svg, report: report, case: i)
            // Determinism, through the public entry point.
            #expect(try chart.svg() == svg, "case \(i): output differs between two runs")
            // Two charts on one page: ids unique.
            if let otherSVG = try? other.svg() {
                let ids = SVGInspector(svg + "\n" + otherSVG).ids
                #expect(Set(ids).count == ids.count, "case \(i): duplicate ids \(ids)")
            }
        }
    }

    /// A cheap check for inner loops (thousands per case): records an issue only on failure.
    func expect(
        _ condition: Bool, _ message: @autoclosure () -> String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if !condition { Issue.record(Comment(rawValue: message()), sourceLocation: sourceLocation) }
    }

    func check(_ chart: Chart, svg: String, report: ChartLayoutReport, case i: Int) {
        let doc = SVGInspector(svg)
        guard doc.ok else {
            Issue.record("case \(i): not well-formed XML: \(doc.parseError ?? "")\n\(svg.prefix(2000))")
            return
        }
        let context = "case \(i) (\(chart.kind.rawValue), \(chart.locale.rawValue))"

        // Root(s): role="img", labelled by ids that exist, viewBox, no pixel width.
        let roots = doc.elements.filter { $0.name == "svg" }
        expect(roots.count == (chart.kind == .figures ? chart.categories.count : 1), "\(context)")
        let ids = Set(doc.ids)
        expect(ids.count == doc.ids.count, "\(context): ids not unique")
        for id in ids { expect(id.hasPrefix(chart.id + "-"), "\(context): id \(id) lacks the chart prefix") }
        for root in roots {
            expect(root.attributes["role"] == "img", "\(context)")
            expect(root.attributes["viewBox"] != nil, "\(context)")
            expect(root.attributes["width"] == nil || root.attributes["width"] == "100%", "\(context)")
            let refs = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
            expect(!refs.isEmpty, "\(context)")
            for ref in refs { expect(ids.contains(ref), "\(context): aria-labelledby points at missing \(ref)") }
        }
        for title in doc.titles.prefix(1) { expect(!title.isEmpty, "\(context): empty title") }
        if chart.kind != .figures { expect(doc.descs.count == 1 && doc.descs[0] == chart.description, "\(context)") }

        // Every value is text, or reported hidden (then in a tooltip unless zero) or missing.
        let hidden = Set(report.hiddenValues)
        let missing = Set(report.missingValues)
        let textContents = doc.texts.map(\.content)
        for (c, row) in chart.values.enumerated() {
            for (s, value) in row.enumerated() {
                let position = ValuePosition(category: c, series: s)
                guard let v = value else {
                    expect(missing.contains(position), "\(context): missing \(position) not reported")
                    continue
                }
                expect(!missing.contains(position), "\(context)")
                let unit = chart.kind == .figures ? (chart.categories[c].unit ?? chart.unit) : chart.unit
                let text = NumberFormat.format(v, unit: unit, decimals: chart.decimals, locale: chart.locale)
                if hidden.contains(position) {
                    if v > 0 {
                        expect(doc.titles.contains { $0.hasSuffix(text) }, "\(context): hidden \(text) not in a tooltip")
                    }
                } else if chart.kind == .donut {
                    expect(textContents.contains { $0 == text }, "\(context): slice value \(text) not drawn")
                    expect(textContents.contains { $0.contains(text) && $0 != text }, "\(context): \(text) not in legend")
                } else {
                    expect(textContents.contains(text), "\(context): value \(text) at \(position) not drawn")
                }
            }
        }

        // Labels are never truncated: every word of every label is drawn (possibly broken).
        // (Bidi isolates around right-to-left lines are not part of the words.)
        let drawn = textContents.joined().unicodeScalars.filter {
            !$0.properties.isWhitespace && !(0x2066...0x2069).contains($0.value)
        }
        let drawnText = String(String.UnicodeScalarView(drawn))
        expect(!svg.contains("…"), "\(context): ellipsis in output")
        for category in chart.categories {
            for word in category.label.split(whereSeparator: { $0.isWhitespace }) {
                expect(drawnText.contains(String(word)), "\(context): label word '\(word)' not drawn")
            }
        }

        // Contrast: fills ≥ 3:1 on white or outlined ≥ 3:1; text ≥ 4.5:1 on what it sits on.
        for paint in report.paints {
            let fill = Palette.contrast(paint.fill, Palette.background)
            let edge = paint.stroke.map { Palette.contrast($0, Palette.background) } ?? 0
            expect(fill >= 3 || edge >= 3, "\(context): fill \(paint.fill) is \(fill):1 without a 3:1 outline")
        }
        for ink in report.inks {
            let ratio = Palette.contrast(ink.text, ink.background)
            expect(ratio >= 4.5, "\(context): text \(ink.text) on \(ink.background) is \(ratio):1")
        }
        // The report covers every colour the SVG actually uses.
        let paintFills = Set(report.paints.map(\.fill)).union([Palette.background])
        let inkFills = Set(report.inks.map(\.text))
        for element in doc.elements {
            switch element.name {
            case "rect", "path", "line", "polyline":
                if let fill = element.attributes["fill"], fill != "none" {
                    expect(paintFills.contains(fill), "\(context): unreported fill \(fill)")
                }
                if element.name == "line" || element.name == "polyline", let stroke = element.attributes["stroke"] {
                    expect(Palette.contrast(stroke, Palette.background) >= 3, "\(context): line \(stroke)")
                }
            case "text", "tspan":
                if let fill = element.attributes["fill"] { expect(inkFills.contains(fill), "\(context): unreported text colour \(fill)") }
            default: break
            }
        }

        // Geometry: shapes and start-anchored single lines stay inside the viewBox.
        let width = report.width
        for element in doc.elements where element.name == "rect" {
            let x = Double(element.attributes["x"] ?? "0") ?? 0
            let w = Double(element.attributes["width"] ?? "0") ?? 0
            expect(x >= -0.01 && x + w <= width + 0.01, "\(context): rect \(x)+\(w) outside 0…\(width)")
        }
        for text in doc.texts {
            let size = Double(text.attributes["font-size"] ?? "16") ?? 16
            let bold = text.attributes["font-weight"] == "bold"
            let anchor = text.attributes["text-anchor"] ?? "start"
            let lines = text.lines.isEmpty ? [(x: Double(text.attributes["x"] ?? "0"), content: text.content)] : text.lines
            for line in lines {
                guard let x = line.x else { continue }
                let w = TextMetrics.width(line.content, size: size, bold: bold)
                let (left, right) = anchor == "start" ? (x, x + w) : anchor == "end" ? (x - w, x) : (x - w / 2, x + w / 2)
                expect(
                    left >= -0.5 && right <= width + 0.5,
                    "\(context): text '\(line.content)' spans \(left)…\(right), outside 0…\(width)")
            }
        }
    }
}

/// A panel heading of grouped bars is never cut inside a word ("Néerlandophon|es" on a 420-unit
/// chart with three panels): with too narrow panels the chart takes fewer panels a band.
@Test func panelHeadingsKeepTheirWordsWhole() throws {
    let svg = try Fixtures.tasksByLanguage(.frBE).svg()
    for series in ["Total", "Néerlandophones", "Francophones"] {
        #expect(svg.contains(">\(series)</tspan>"), "\(series) is one piece of text")
    }
}
