// Entry points and what every layout shares: the root element, labels, legend, value texts.

extension Chart {
    /// Drawn right after a reconstructed value (`Chart.reconstructed`): `42%†`.
    public static let reconstructedMark = "†"

    /// Draws the chart as SVG markup: one `<svg role="img">` with `<title>` and `<desc>`, or for
    /// `figures` one small `<svg>` per category, concatenated (one per line).
    ///
    /// Identical input gives byte-identical output. Throws `ChartError` for input it cannot draw
    /// correctly (see `Validation.swift` for the rules).
    ///
    /// ```swift
    /// let chart = Chart(kind: .donut, id: "chart-legal-form", title: "Rechtsvorm",
    ///                   description: "Vier op de vijf verenigingen zijn een vzw (n=162).",
    ///                   categories: [ChartCategory(label: "vzw"), ChartCategory(label: "Feitelijke vereniging")],
    ///                   series: [ChartSeries(label: "Aandeel")],
    ///                   values: [[80], [20]])
    /// let svg = try chart.svg()   // "<svg xmlns=\"http://www.w3.org/2000/svg\" … role=\"img\" …"
    /// ```
    public func svg() throws(ChartError) -> String {
        String(decoding: try svgUTF8(), as: UTF8.self)
    }

    /// `svg()` as UTF-8 bytes, for a caller that writes bytes (no `String` made and taken apart).
    public func svgUTF8() throws(ChartError) -> [UInt8] {
        let result = try render()
        if result.tiles.count == 1 { return result.tiles[0] }
        var joined: [UInt8] = []
        for (index, tile) in result.tiles.enumerated() {
            if index > 0 { joined.append(0x0A) }
            joined.append(contentsOf: tile)
        }
        return joined
    }

    /// The separate tile `<svg>`s of a `figures` chart (for other kinds: the one chart).
    ///
    /// ```swift
    /// for tile in try keyFigures.svgTiles() { html += "<div class=\"tile\">\(tile)</div>" }
    /// ```
    public func svgTiles() throws(ChartError) -> [String] {
        try render().tiles.map { String(decoding: $0, as: UTF8.self) }
    }

    /// What the layout decided: size, values without a visible label, missing values, whether
    /// stacked columns were drawn as bars. Runs the same layout as `svg()`.
    ///
    /// ```swift
    /// let report = try chart.layoutReport()
    /// report.hiddenValues   // [ValuePosition(category: 4, series: 0)]: too small for "2%"
    /// ```
    public func layoutReport() throws(ChartError) -> ChartLayoutReport {
        try render().report
    }

    func render() throws(ChartError) -> (tiles: [[UInt8]], report: ChartLayoutReport) {
        try validate()
        var r = Renderer(chart: self)
        if kind == .figures {
            let tiles = r.figures()
            return (tiles.map { Array($0.utf8) }, r.report)
        }
        let height: Double
        switch kind {
        case .bars: height = r.bars()
        case .pairedBars: height = r.pairedBars()
        case .stackedBars: height = r.stackedBars()
        case .stackedColumns: height = r.stackedColumns()
        case .donut: height = r.donut()
        case .figures: height = 0
        }
        return ([r.finish(height: height)], r.report)
    }
}

/// Sizes in viewBox units. One layout for all screens, designed for a phone: 480 units wide, so a
/// 16-unit label is ~11.4 px on a 343 px-wide column (a 375 px phone) and 24 px at 720 px.
enum Layout {
    static let width = 420.0
    static let pad = 8.0
    static let content = width - 2 * pad

    static let labelSize = 16.0
    static let labelLine = 19.0
    static let valueSize = 15.0
    static let legendSize = 15.0
    static let legendLine = 18.0
    static let swatch = 14.0

    /// Space between a bar's end and its value.
    static let valueGap = 5.0
    /// Horizontal room a value needs around it inside a segment.
    static let insidePadding = 3.0
    /// The thin white gap between adjacent segments.
    static let segmentGap = 1.5
    /// The gap that sets "don't know" apart.
    static let dontKnowGap = 12.0
    /// Space after a row of bars.
    static let rowGap = 14.0

    /// Baseline of a text of `size` vertically centred on `center` (Arial's cap height ≈ 0.716 em).
    static func baseline(center: Double, size: Double) -> Double {
        center + size * 0.35
    }

    static let fontFamily = "Arial, 'Liberation Sans', Helvetica, sans-serif"
}

struct Renderer {
    let chart: Chart
    var body: SVGWriter
    var report = ChartLayoutReport(width: Layout.width)
    /// Labels escaped once, for the tooltips.
    let escapedCategories: [[UInt8]]
    let escapedSeries: [[UInt8]]

    init(chart: Chart) {
        self.chart = chart
        escapedCategories = chart.categories.map { SVGWriter.escaped($0.label) }
        escapedSeries = chart.series.map { SVGWriter.escaped($0.label) }
        let cells = chart.categories.count * max(chart.series.count, 1)
        body = SVGWriter(capacity: 1024 + cells * 300 + chart.categories.count * 200)
    }

    var locale: ChartLocale { chart.locale }

    // MARK: Root

    /// Wraps the body in the root element.
    mutating func finish(height: Double) -> [UInt8] {
        let h = (height + Layout.pad).rounded(.up)
        report.height = h
        var w = SVGWriter(capacity: body.bytes.count + 600)
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rapport-chart rapport-chart-")
        w.raw(value: chart.kind.rawValue)
        w.raw("\" role=\"img\" aria-labelledby=\"")
        w.raw(value: chart.id); w.raw("-title "); w.raw(value: chart.id); w.raw("-desc\" viewBox=\"0 0 ")
        w.num(Layout.width); w.raw(" "); w.num(h)
        w.raw("\" width=\"100%\" font-family=\""); w.raw(value: Layout.fontFamily)
        w.raw("\" lang=\""); w.raw(value: locale.rawValue); w.raw("\">\n")
        w.raw("<title id=\""); w.raw(value: chart.id); w.raw("-title\">"); w.text(chart.title); w.raw("</title>\n")
        w.raw("<desc id=\""); w.raw(value: chart.id); w.raw("-desc\">"); w.text(chart.description); w.raw("</desc>\n")
        // The chart stays light in dark mode: it paints its own white background, so its colours
        // and their contrast ratios hold whatever the page behind it is.
        w.raw("<rect width=\""); w.num(Layout.width); w.raw("\" height=\""); w.num(h)
        w.raw("\" fill=\""); w.raw(value: Palette.background); w.raw("\"/>\n")
        w.raw(body)
        w.raw("</svg>")
        return w.bytes
    }

    // MARK: Bookkeeping for the report

    mutating func paint(_ fill: String, stroke: String? = nil) {
        let p = Paint(fill: fill, stroke: stroke)
        if !report.paints.contains(p) { report.paints.append(p) }
    }

    mutating func ink(_ text: String, on background: String) {
        let i = Ink(text: text, background: background)
        if !report.inks.contains(i) { report.inks.append(i) }
    }

    mutating func hidden(_ c: Int, _ s: Int) {
        report.hiddenValues.append(ValuePosition(category: c, series: s))
    }

    mutating func missing(_ c: Int, _ s: Int) {
        report.missingValues.append(ValuePosition(category: c, series: s))
    }

    // MARK: Texts

    func value(_ c: Int, _ s: Int) -> Double? {
        chart.values[c][s]
    }

    func format(_ v: Double, unit: ValueUnit? = nil, decimals: Int? = nil) -> String {
        NumberFormat.format(v, unit: unit ?? chart.unit, decimals: decimals ?? chart.decimals, locale: locale)
    }

    /// The value as drawn: formatted, with the dagger of a reconstructed value.
    /// A row's own decimals apply in every kind of chart (a median of 20,5 hours among whole ones).
    func valueText(_ c: Int, _ s: Int, _ v: Double, unit: ValueUnit? = nil, decimals: Int? = nil) -> String {
        let rowDecimals = chart.categories.indices.contains(c) ? chart.categories[c].decimals : nil
        let text = format(v, unit: unit, decimals: decimals ?? rowDecimals)
        return chart.reconstructed.contains(ValuePosition(category: c, series: s)) ? text + Chart.reconstructedMark : text
    }

    /// The words of a category label: the label, its significance mark glued to the last word
    /// with a no-break space, and the low-base marker as a note.
    func labelWords(_ c: Int, size: Double, bold: Bool = false) -> [Word] {
        let category = chart.categories[c]
        var text = category.label
        if let mark = category.mark, !Chart.isBlank(mark) {
            text += "\u{00A0}"
            text += mark
        }
        var words = Wrap.words(text, size: size, bold: bold)
        if category.lowBase {
            words += Wrap.words(locale.lowBaseMarker, size: size, bold: bold, style: .note)
        }
        return words
    }

    func labelLines(_ c: Int, maxWidth: Double, size: Double = Layout.labelSize) -> [TextLine] {
        Wrap.lines(labelWords(c, size: size), maxWidth: maxWidth, size: size, bold: false)
    }

    /// Tooltip of a bar or segment: "Label: 42%" or, with several series, "Label, Series: 42%".
    func tooltip(_ c: Int, _ s: Int, _ text: String) -> Tooltip {
        Tooltip(
            label: escapedCategories[c], series: chart.series.count > 1 ? escapedSeries[s] : nil,
            separator: locale.labelSeparator, value: text)
    }

    /// Draws a category label at full content width from `y`; returns the y below it.
    mutating func rowLabel(_ c: Int, y: Double) -> Double {
        let lines = labelLines(c, maxWidth: Layout.content)
        if lines.isEmpty { return y }
        body.lines(
            lines, x: Layout.pad, firstBaseline: y + 14.5, lineHeight: Layout.labelLine,
            size: Layout.labelSize, fill: Palette.text)
        ink(Palette.text, on: Palette.background)
        if chart.categories[c].lowBase { ink(Palette.secondaryText, on: Palette.background) }
        return y + Double(lines.count) * Layout.labelLine + 4
    }

    // MARK: Legend

    struct LegendItem {
        var label: String
        var fill: String
        var stroke: String?
    }

    /// A legend that flows like text: swatch and label per item, in the given (stack) order.
    /// Returns the y below it.
    mutating func legend(_ items: [LegendItem], y top: Double) -> Double {
        let size = Layout.legendSize
        let textX = Layout.swatch + 6
        let right = Layout.pad + Layout.content
        var x = Layout.pad
        var y = top
        var rowHeight = Layout.legendLine
        for item in items {
            let lines = Wrap.wrap(item.label, maxWidth: Layout.content - textX, size: size)
            var itemWidth = textX
            for line in lines { itemWidth = max(itemWidth, textX + line.width) }
            if x > Layout.pad && x + itemWidth > right {
                x = Layout.pad
                y += rowHeight + 4
                rowHeight = Layout.legendLine
            }
            if let stroke = item.stroke {
                body.rect(
                    x: x + 0.5, y: y + 2.5, width: Layout.swatch - 1, height: Layout.swatch - 1,
                    fill: item.fill, stroke: stroke)
            } else {
                body.rect(x: x, y: y + 2, width: Layout.swatch, height: Layout.swatch, fill: item.fill)
            }
            paint(item.fill, stroke: item.stroke)
            body.lines(
                lines, x: x + textX, firstBaseline: y + 14, lineHeight: Layout.legendLine,
                size: size, fill: Palette.text)
            ink(Palette.text, on: Palette.background)
            rowHeight = max(rowHeight, Double(max(lines.count, 1)) * Layout.legendLine)
            x += itemWidth + 18
        }
        return y + rowHeight + 12
    }
}
