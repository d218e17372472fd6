// `donut`: at most five slices, clockwise from twelve o'clock in category order, 2-unit white gaps
// between slices, a value on every slice (inside the ring when its text box fits between the
// slice's edges, otherwise outside with a leader line), and a legend below listing every slice
// with its value, so colour is never the only link between a slice and its label.

extension Renderer {
    mutating func donut() -> Double {
        let outer = 110.0, inner = 58.0
        let cx = Layout.width / 2
        let cy = Layout.pad + 30 + outer
        let colors = chart.palette.colors(.categorical, count: chart.categories.count) ?? chart.palette.categorical
        var sum = 0.0
        for c in chart.categories.indices { sum += value(c, 0) ?? 0 }
        let positive = chart.categories.indices.filter { (value($0, 0) ?? 0) > 0 }

        func point(_ angle: Double, _ radius: Double) -> (x: Double, y: Double) {
            let t = Trig.sincos(angle)
            return (cx + radius * t.sin, cy - radius * t.cos)
        }

        struct Outside {
            var c: Int
            var text: String
            var width: Double
            var right: Bool
            var y: Double
            var from: (x: Double, y: Double)
            var elbow: (x: Double, y: Double)
        }
        var outside: [Outside] = []
        var start = 0.0
        for c in chart.categories.indices {
            let v = value(c, 0) ?? 0
            let text = valueText(c, 0, v)
            guard v > 0 else {
                hidden(c, 0)  // no slice to put it on: the legend and the table have it
                continue
            }
            let sweep = v / sum * 2 * Trig.pi
            let end = start + sweep
            let fill = colors[c]
            var d = SVGWriter(capacity: 160)
            if positive.count == 1 {
                // A full ring: two circles, the inner one cut out.
                for radius in [outer, inner] {
                    d.raw("M"); d.num(cx); d.raw(","); d.num(cy - radius)
                    d.raw("A"); d.num(radius); d.raw(","); d.num(radius); d.raw(" 0 1 1 "); d.num(cx); d.raw(","); d.num(cy + radius)
                    d.raw("A"); d.num(radius); d.raw(","); d.num(radius); d.raw(" 0 1 1 "); d.num(cx); d.raw(","); d.num(cy - radius)
                    d.raw("Z")
                }
            } else {
                let large = sweep > Trig.pi ? "1" : "0"
                let p0 = point(start, outer), p1 = point(end, outer), q1 = point(end, inner), q0 = point(start, inner)
                d.raw("M"); d.num(p0.x); d.raw(","); d.num(p0.y)
                d.raw("A"); d.num(outer); d.raw(","); d.num(outer); d.raw(" 0 "); d.raw(value: large); d.raw(" 1 ")
                d.num(p1.x); d.raw(","); d.num(p1.y)
                d.raw("L"); d.num(q1.x); d.raw(","); d.num(q1.y)
                d.raw("A"); d.num(inner); d.raw(","); d.num(inner); d.raw(" 0 "); d.raw(value: large); d.raw(" 0 ")
                d.num(q0.x); d.raw(","); d.num(q0.y)
                d.raw("Z")
            }
            body.raw("<path d=\""); body.raw(d)
            body.raw("\" fill=\""); body.raw(value: fill)
            body.raw("\" fill-rule=\"evenodd\" stroke=\""); body.raw(value: Palette.background)
            body.raw("\" stroke-width=\"2\" stroke-linejoin=\"round\">")
            body.title(tooltip(c, 0, text))
            body.raw("</path>\n")
            paint(fill)

            // Inside if the text's box lies within the ring and between the slice's edges.
            let mid = start + sweep / 2
            let center = point(mid, (outer + inner) / 2)
            let textWidth = TextMetrics.width(text, size: Layout.valueSize)
            var fits = true
            for (dx, dy) in [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)] {
                let px = center.x + dx * (textWidth / 2 + 2) - cx
                let py = cy - (center.y + dy * 7.5)
                let radius = (px * px + py * py).squareRoot()
                if radius < inner + 2 || radius > outer - 2 { fits = false }
                if positive.count > 1 {
                    var angle = Trig.atan2(px, py)
                    if angle < 0 { angle += 2 * Trig.pi }
                    var offset = angle - start
                    while offset < 0 { offset += 2 * Trig.pi }
                    while offset >= 2 * Trig.pi { offset -= 2 * Trig.pi }
                    let clearance = 2.5 / max(radius, 1)
                    if offset < clearance || offset > sweep - clearance { fits = false }
                }
            }
            if fits {
                let color = Palette.textColor(on: fill)
                body.label(
                    text, x: center.x, y: Layout.baseline(center: center.y, size: Layout.valueSize),
                    size: Layout.valueSize, fill: color, anchor: .middle)
                ink(color, on: fill)
            } else {
                let elbow = point(mid, outer + 12)
                outside.append(
                    Outside(
                        c: c, text: text, width: textWidth, right: Trig.sincos(mid).sin >= 0,
                        y: elbow.y, from: point(mid, outer + 2), elbow: elbow))
            }
            start = end
        }

        // Outside labels: keep 18 units between neighbours on each side, pushing downwards.
        var lowest = cy + outer
        for right in [true, false] {
            let side = outside.indices.filter { outside[$0].right == right }.sorted { outside[$0].y < outside[$1].y }
            var previous = -Double.infinity
            for i in side {
                if outside[i].y < previous + 18 { outside[i].y = previous + 18 }
                previous = outside[i].y
            }
        }
        // Leaders go out radially, then to a column of labels either side of the ring.
        for label in outside {
            let columnX = cx + (label.right ? 1 : -1) * (outer + 24)
            let x = columnX + (label.right ? 4 : -4)
            body.raw("<polyline points=\"")
            body.num(label.from.x); body.raw(","); body.num(label.from.y); body.raw(" ")
            body.num(label.elbow.x); body.raw(","); body.num(label.elbow.y); body.raw(" ")
            body.num(columnX); body.raw(","); body.num(label.y)
            body.raw("\" fill=\"none\" stroke=\""); body.raw(value: Palette.secondaryText); body.raw("\" stroke-width=\"1\"/>\n")
            paint(Palette.secondaryText)
            body.label(
                label.text, x: x, y: Layout.baseline(center: label.y, size: Layout.valueSize),
                size: Layout.valueSize, fill: Palette.text, anchor: label.right ? .start : .end)
            ink(Palette.text, on: Palette.background)
            lowest = max(lowest, label.y + 9)
        }

        // Legend: one line per slice, "label: value".
        var y = lowest + 20
        let textX = Layout.pad + Layout.swatch + 6
        for c in chart.categories.indices {
            let category = chart.categories[c]
            var head = category.label
            if let mark = category.mark, !Chart.isBlank(mark) { head += "\u{00A0}" + mark }
            head += locale.colon
            var words = Wrap.words(head, size: Layout.legendSize, bold: false)
            words += Wrap.words(valueText(c, 0, value(c, 0) ?? 0), size: Layout.legendSize, bold: false)
            if category.lowBase {
                words += Wrap.words(locale.lowBaseMarker, size: Layout.legendSize, bold: false, style: .note)
                ink(Palette.secondaryText, on: Palette.background)
            }
            let lines = Wrap.lines(words, maxWidth: Layout.pad + Layout.content - textX, size: Layout.legendSize, bold: false)
            body.rect(x: Layout.pad, y: y + 2, width: Layout.swatch, height: Layout.swatch, fill: colors[c])
            paint(colors[c])
            body.lines(
                lines, x: textX, firstBaseline: y + 14, lineHeight: Layout.legendLine,
                size: Layout.legendSize, fill: Palette.text)
            ink(Palette.text, on: Palette.background)
            y += Double(max(lines.count, 1)) * Layout.legendLine + 6
        }
        return y - 6
    }
}
