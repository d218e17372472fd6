// `stackedBars` and `stackedColumns`: 100 %-stacked bars and columns.
//
// Each stack is drawn as 100 % of its own sum (the data layer checks sums against 100 ± 2).
// Series keep their scale order; "don't know" series are drawn last, in outlined light grey, in a
// band of their own after a 12-unit gap, aligned across rows so their sizes can be compared. The
// legend lists the series in the same order. A value is written inside its segment, in white or
// near-black for contrast, when the segment can hold it; otherwise the segment keeps the value
// in its <title> tooltip and the layout report lists it as hidden (the table has it).

extension Renderer {
    struct StackPlan {
        /// Series indices in stack order: scale series, then don't-know series.
        var normal: [Int]
        var dontKnow: [Int]
        /// Fill per series index.
        var fills: [String]
        /// Row sums.
        var sums: [Double]
        /// Largest share of the scale part and of the don't-know part over all rows (0…1).
        var maxNormal: Double
        var maxDontKnow: Double
    }

    func stackPlan() -> StackPlan {
        let normal = chart.series.indices.filter { chart.series[$0].role != .dontKnow }
        let dontKnow = chart.series.indices.filter { chart.series[$0].role == .dontKnow }
        let colors = chart.palette.colors(chart.scale, count: normal.count) ?? []
        var fills = [String](repeating: Palette.dontKnowFill, count: chart.series.count)
        for (i, s) in normal.enumerated() where i < colors.count { fills[s] = colors[i] }
        var sums: [Double] = []
        var maxNormal = 0.0, maxDontKnow = 0.0
        for row in chart.values {
            var sum = 0.0, dk = 0.0
            for (s, v) in row.enumerated() {
                sum += v ?? 0
                if chart.series[s].role == .dontKnow { dk += v ?? 0 }
            }
            sums.append(sum)
            let total = sum > 0 ? sum : 1
            maxNormal = max(maxNormal, (sum - dk) / total)
            maxDontKnow = max(maxDontKnow, dk / total)
        }
        return StackPlan(
            normal: normal, dontKnow: dontKnow, fills: fills, sums: sums,
            maxNormal: maxNormal, maxDontKnow: maxDontKnow)
    }

    mutating func stackLegend(_ plan: StackPlan, y: Double) -> Double {
        let items = (plan.normal + plan.dontKnow).map { s in
            LegendItem(
                label: chart.series[s].label, fill: plan.fills[s],
                stroke: chart.series[s].role == .dontKnow ? Palette.dontKnowStroke : nil)
        }
        return legend(items, y: y)
    }

    /// One segment: a rect (outlined for don't know) with its tooltip, and its value inside if it fits.
    /// `along` is the segment's length in the stacking direction, `across` its thickness.
    /// Where a value that does not fit inside its segment may go instead, on the background.
    enum Outside {
        /// Right of the segment, ending before `limit` (x).
        case right(Double)
        /// Above the segment, starting below `limit` (y).
        case above(Double)
    }

    mutating func segment(
        _ c: Int, _ s: Int, fill: String, x: Double, y: Double, width: Double, height: Double,
        outside: Outside? = nil, fits: (Double) -> Bool
    ) {
        guard let v = value(c, s) else { return }
        let text = valueText(c, s, v)
        let isDontKnow = chart.series[s].role == .dontKnow
        if isDontKnow {
            body.rect(
                x: x + 0.5, y: y + 0.5, width: width - 1, height: height - 1, fill: fill,
                stroke: Palette.dontKnowStroke, tooltip: tooltip(c, s, text))
            paint(fill, stroke: Palette.dontKnowStroke)
        } else {
            body.rect(x: x, y: y, width: width, height: height, fill: fill, tooltip: tooltip(c, s, text))
            paint(fill)
        }
        let textWidth = TextMetrics.width(text, size: Layout.valueSize)
        if fits(textWidth) {
            let color = Palette.textColor(on: fill)
            body.label(
                text, x: x + width / 2, y: Layout.baseline(center: y + height / 2, size: Layout.valueSize),
                size: Layout.valueSize, fill: color, anchor: .middle)
            ink(color, on: fill)
        } else if case .right(let limit) = outside, x + width + Layout.valueGap + textWidth <= limit + 0.01 {
            // The last segment of a bar may write its value just after its end, on the background.
            body.label(
                text, x: x + width + Layout.valueGap, y: Layout.baseline(center: y + height / 2, size: Layout.valueSize),
                size: Layout.valueSize, fill: Palette.text)
            ink(Palette.text, on: Palette.background)
        } else if case .above(let limit) = outside, y - 5 - Layout.valueSize * 0.75 >= limit - 0.01 {
            body.label(text, x: x + width / 2, y: y - 5, size: Layout.valueSize, fill: Palette.text, anchor: .middle)
            ink(Palette.text, on: Palette.background)
        } else {
            hidden(c, s)
        }
    }

    /// The drawn length of each present, non-zero segment of a group, in order; zero values are
    /// reported hidden, missing ones missing.
    mutating func pieces(_ c: Int, _ group: [Int], sum: Double, length: Double) -> [(s: Int, length: Double)] {
        var result: [(s: Int, length: Double)] = []
        for s in group {
            guard let v = value(c, s) else {
                missing(c, s)
                continue
            }
            if v <= 0 {
                hidden(c, s)
                continue
            }
            result.append((s, v / sum * length))
        }
        return result
    }

    // MARK: stackedBars

    mutating func stackedBars() -> Double {
        let plan = stackPlan()
        let y = stackLegend(plan, y: Layout.pad)
        return stackedBarRows(plan, top: y)
    }

    mutating func stackedBarRows(_ plan: StackPlan, top: Double) -> Double {
        let barHeight = 28.0
        let hasDontKnow = !plan.dontKnow.isEmpty && plan.maxDontKnow > 0
        // Room right of the don't-know band for its values, which rarely fit inside.
        var dontKnowRoom = 0.0
        if hasDontKnow {
            for c in chart.categories.indices {
                for s in plan.dontKnow {
                    if let v = value(c, s) {
                        dontKnowRoom = max(
                            dontKnowRoom, TextMetrics.width(valueText(c, s, v), size: Layout.valueSize) + Layout.valueGap + 1)
                    }
                }
            }
        }
        let available = Layout.content - (hasDontKnow ? Layout.dontKnowGap : 0) - dontKnowRoom
        let unit = available / max(plan.maxNormal + (hasDontKnow ? plan.maxDontKnow : 0), 0.0001)
        let dontKnowX = Layout.pad + plan.maxNormal * unit + Layout.dontKnowGap
        var y = top
        for c in chart.categories.indices {
            y = rowLabel(c, y: y)
            let sum = plan.sums[c]
            for (group, start) in [(plan.normal, Layout.pad), (plan.dontKnow, dontKnowX)] {
                let parts = pieces(c, group, sum: sum, length: unit)
                var x = start
                for (i, part) in parts.enumerated() {
                    let last = i == parts.count - 1
                    let drawn = last ? part.length : max(part.length - Layout.segmentGap, min(part.length, 0.75))
                    let limit = start == Layout.pad && hasDontKnow ? dontKnowX - Layout.dontKnowGap : Layout.pad + Layout.content
                    segment(
                        c, part.s, fill: plan.fills[part.s], x: x, y: y, width: drawn, height: barHeight,
                        outside: last ? .right(limit) : nil
                    ) { textWidth in
                        textWidth + 2 * Layout.insidePadding <= drawn
                    }
                    x += part.length
                }
            }
            y += barHeight + Layout.rowGap
        }
        return y - Layout.rowGap
    }

    // MARK: stackedColumns

    /// Columns when every label fits under its column without breaking a word and a column can
    /// hold a value; otherwise the stacked-bars layout ("switch layout rather than shrink text").
    mutating func stackedColumns() -> Double {
        let plan = stackPlan()
        let count = Double(chart.categories.count)
        let slot = Layout.content / count
        let columnWidth = min(64, slot - 14)
        let labelWidth = slot - 4
        let labelSize = Layout.valueSize
        var fits = columnWidth >= 44
        if fits {
            for c in chart.categories.indices {
                for word in labelWords(c, size: labelSize) where word.width > labelWidth {
                    fits = false
                }
            }
        }
        let y = stackLegend(plan, y: Layout.pad)
        if !fits {
            report.columnsDrawnAsBars = true
            return stackedBarRows(plan, top: y)
        }

        let hasDontKnow = !plan.dontKnow.isEmpty && plan.maxDontKnow > 0
        let plotHeight = 260.0
        let top = y + 4 + (hasDontKnow ? 22 : 0)  // room for don't-know values above their segment
        let baseline = top + plotHeight
        let available = plotHeight - (hasDontKnow ? Layout.dontKnowGap : 0)
        let unit = available / max(plan.maxNormal + (hasDontKnow ? plan.maxDontKnow : 0), 0.0001)
        let dontKnowBase = baseline - plan.maxNormal * unit - Layout.dontKnowGap
        var labelBottom = baseline
        for c in chart.categories.indices {
            let slotX = Layout.pad + Double(c) * slot
            let x = slotX + (slot - columnWidth) / 2
            let sum = plan.sums[c]
            for (group, start) in [(plan.normal, baseline), (plan.dontKnow, dontKnowBase)] {
                let parts = pieces(c, group, sum: sum, length: unit)
                var bottom = start
                for (i, part) in parts.enumerated() {
                    let last = i == parts.count - 1
                    let drawn = last ? part.length : max(part.length - Layout.segmentGap, min(part.length, 0.75))
                    // Stacked upwards: the gap is left at the top of each segment but the last.
                    segment(
                        c, part.s, fill: plan.fills[part.s], x: x, y: bottom - part.length + (part.length - drawn),
                        width: columnWidth, height: drawn,
                        outside: last && start != baseline ? .above(y) : nil
                    ) { textWidth in
                        textWidth + 2 * Layout.insidePadding <= columnWidth && drawn >= labelSize + 3
                    }
                    bottom -= part.length
                }
            }
            let lines = Wrap.lines(labelWords(c, size: labelSize), maxWidth: labelWidth, size: labelSize, bold: false)
            body.lines(
                lines, x: slotX + slot / 2, firstBaseline: baseline + 20, lineHeight: Layout.legendLine,
                size: labelSize, fill: Palette.text, anchor: .middle)
            ink(Palette.text, on: Palette.background)
            if chart.categories[c].lowBase { ink(Palette.secondaryText, on: Palette.background) }
            labelBottom = max(labelBottom, baseline + 6 + Double(lines.count) * Layout.legendLine)
        }
        body.line(x1: Layout.pad, y1: baseline + 1, x2: Layout.pad + Layout.content, y2: baseline + 1, stroke: Palette.axis)
        paint(Palette.axis)
        return labelBottom
    }
}
