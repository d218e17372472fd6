// `bars` (ranked bars, small multiples for several series) and `pairedBars` (grouped bars).
//
// Layout: each category's label sits above its bar(s) at the full 464-unit width, so long labels
// wrap onto few lines even on a phone; values are written just past the end of each bar, on the
// white background, so they always fit and never depend on the bar's colour. Negative values
// (non-percent units only) extend left from a zero baseline that is drawn as a tick on each row.

extension Renderer {
    /// The value range every panel shares (0 always included).
    func valueRange() -> (min: Double, max: Double) {
        var lo = 0.0, hi = 0.0
        for row in chart.values {
            for v in row {
                if let v {
                    lo = min(lo, v)
                    hi = max(hi, v)
                }
            }
        }
        if hi - lo <= 0 { hi = 1 }
        return (lo, hi)
    }

    /// Room for value texts right of the bars and left of negative bars.
    func valueRooms(_ texts: [[String]]) -> (right: Double, left: Double) {
        var right = 0.0, left = 0.0
        for (c, row) in texts.enumerated() {
            for (s, text) in row.enumerated() {
                let w = TextMetrics.width(text, size: Layout.valueSize) + Layout.valueGap + 2
                if let v = value(c, s), v < 0 { left = max(left, w) } else { right = max(right, w) }
            }
        }
        return (right, left)
    }

    func valueTexts() -> [[String]] {
        chart.values.enumerated().map { c, row in
            row.enumerated().map { s, v in v.map { valueText(c, s, $0) } ?? NumberFormat.missing }
        }
    }

    /// Draws one bar with its value text. `x0` is the zero position, `k` units per value.
    mutating func bar(
        _ c: Int, _ s: Int, text: String, zero x0: Double, scale k: Double,
        y: Double, height: Double, fill: String
    ) {
        let textY = Layout.baseline(center: y + height / 2, size: Layout.valueSize)
        guard let v = value(c, s) else {
            missing(c, s)
            body.label(text, x: x0 + Layout.valueGap, y: textY, size: Layout.valueSize, fill: Palette.secondaryText)
            ink(Palette.secondaryText, on: Palette.background)
            return
        }
        let length = v.magnitude * k
        let x = v < 0 ? x0 - length : x0
        body.rect(x: x, y: y, width: length, height: height, fill: fill, tooltip: tooltip(c, s, text))
        paint(fill)
        if v < 0 {
            body.label(text, x: x - Layout.valueGap, y: textY, size: Layout.valueSize, fill: Palette.text, anchor: .end)
        } else {
            body.label(text, x: x + length + Layout.valueGap, y: textY, size: Layout.valueSize, fill: Palette.text)
        }
        ink(Palette.text, on: Palette.background)
    }

    mutating func zeroTick(x: Double, y: Double, height: Double) {
        body.line(x1: x, y1: y - 3, x2: x, y2: y + height + 3, stroke: Palette.axis)
        paint(Palette.axis)
    }

    // MARK: bars

    /// Ranked bars; several series become panels side by side (up to three per band, bands
    /// stacked), all on one scale, each row's label above the band.
    mutating func bars() -> Double {
        let n = chart.series.count
        let texts = valueTexts()
        let range = valueRange()
        let rooms = valueRooms(texts)
        let panelGap = 16.0
        let barHeight = 22.0

        // Panels per band: as many as fit (≤ 3) while bars keep at least half their panel and
        // no word of a panel heading is wider than the panel (a word is never cut in two).
        let headingWords = n > 1 ? chart.series.flatMap { $0.label.split(whereSeparator: \.isWhitespace) } : []
        var perBand = 1
        for p in stride(from: min(3, n), through: 1, by: -1) {
            let w = (Layout.content - Double(p - 1) * panelGap) / Double(p)
            let headingsFit = headingWords.allSatisfy { TextMetrics.width($0, size: Layout.labelSize, bold: true) <= w }
            if w - rooms.right - rooms.left >= w * 0.5, headingsFit {
                perBand = p
                break
            }
        }
        let bandCount = (n + perBand - 1) / perBand
        perBand = (n + bandCount - 1) / bandCount  // balance: 4 → 2 + 2, 5 → 3 + 2
        let panelWidth = (Layout.content - Double(perBand - 1) * panelGap) / Double(perBand)
        // (At least a fifth of the panel for the bars, even if absurdly long values then overflow.)
        let k = max(panelWidth - rooms.right - rooms.left, panelWidth * 0.2) / (range.max - range.min)
        let hasNegative = range.min < 0

        var y = Layout.pad
        for band in 0..<bandCount {
            let first = band * perBand
            let seriesInBand = Array(first..<min(n, first + perBand))
            if n > 1 {
                // Panel headings.
                var tallest = 0
                for (j, s) in seriesInBand.enumerated() {
                    let lines = Wrap.wrap(chart.series[s].label, maxWidth: panelWidth, size: Layout.labelSize, bold: true)
                    tallest = max(tallest, lines.count)
                    body.lines(
                        lines, x: Layout.pad + Double(j) * (panelWidth + panelGap), firstBaseline: y + 14.5,
                        lineHeight: Layout.labelLine, size: Layout.labelSize, fill: Palette.text, bold: true)
                }
                ink(Palette.text, on: Palette.background)
                y += Double(tallest) * Layout.labelLine + 8
            }
            for c in chart.categories.indices {
                y = rowLabel(c, y: y)
                for (j, s) in seriesInBand.enumerated() {
                    let panelX = Layout.pad + Double(j) * (panelWidth + panelGap)
                    let zero = panelX + rooms.left + (-range.min) * k
                    let fill = chart.series[s].role == .total ? Palette.total : chart.palette.bar
                    bar(c, s, text: texts[c][s], zero: zero, scale: k, y: y, height: barHeight, fill: fill)
                    if hasNegative { zeroTick(x: zero, y: y, height: barHeight) }
                }
                y += barHeight + Layout.rowGap
            }
            if band < bandCount - 1 { y += 10 }
        }
        return y - Layout.rowGap
    }

    // MARK: pairedBars

    /// Colours of the series in paired bars: the categorical palette in order, dark grey for a
    /// `total` series.
    func seriesColors() -> [String] {
        var next = 0
        return chart.series.map { series in
            if series.role == .total { return Palette.total }
            defer { next += 1 }
            return chart.palette.categorical[min(next, chart.palette.categorical.count - 1)]
        }
    }

    /// Grouped bars: per category, one bar per series on a common baseline; legend on top.
    mutating func pairedBars() -> Double {
        let texts = valueTexts()
        let range = valueRange()
        let rooms = valueRooms(texts)
        let colors = seriesColors()
        let barHeight = 18.0
        let barGap = 3.0

        var y = legend(
            chart.series.indices.map { LegendItem(label: chart.series[$0].label, fill: colors[$0]) },
            y: Layout.pad)
        let k = max(Layout.content - rooms.right - rooms.left, Layout.content * 0.2) / (range.max - range.min)
        let zero = Layout.pad + rooms.left + (-range.min) * k
        for c in chart.categories.indices {
            y = rowLabel(c, y: y)
            let groupTop = y
            for s in chart.series.indices {
                bar(c, s, text: texts[c][s], zero: zero, scale: k, y: y, height: barHeight, fill: colors[s])
                y += barHeight + barGap
            }
            y -= barGap
            if range.min < 0 { zeroTick(x: zero, y: groupTop, height: y - groupTop) }
            y += Layout.rowGap
        }
        return y - Layout.rowGap
    }
}
