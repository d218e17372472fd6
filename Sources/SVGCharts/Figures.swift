// `figures`: key-figure tiles. One small `<svg role="img">` per category, each with its own
// `<title>` ("label: value"), a big number and the label wrapped beneath it. All tiles of a
// chart share one height so that a row of them lines up; the site places them in a grid.
// The chart's description, optional for figures, is not repeated in every tile.

extension Renderer {
    static let tileWidth = 240.0

    mutating func figures() -> [String] {
        let width = Renderer.tileWidth
        let pad = 12.0
        let inner = width - 2 * pad
        let labelSize = 17.0, labelLine = 21.0

        struct Tile {
            var number: String
            var numberSize: Double
            var lines: [TextLine]
        }
        var tiles: [Tile] = []
        var height = 0.0
        for c in chart.categories.indices {
            let v = value(c, 0)
            let number =
                v.map { valueText(c, 0, $0, unit: chart.categories[c].unit, decimals: chart.categories[c].decimals) }
                ?? NumberFormat.missing
            if v == nil { missing(c, 0) }
            // The number never wraps: a very long one is set smaller instead.
            var size = 44.0
            let w = TextMetrics.width(number, size: size, bold: true)
            if w > inner { size = max(((size * inner / w) * 2).rounded(.down) / 2, 8) }
            let lines = labelLines(c, maxWidth: inner, size: labelSize)
            tiles.append(Tile(number: number, numberSize: size, lines: lines))
            height = max(height, pad + 44 * 0.75 + 10 + Double(lines.count) * labelLine + pad)
        }
        height = height.rounded(.up)
        report.width = width
        report.height = height

        var result: [String] = []
        for (c, tile) in tiles.enumerated() {
            let tileID = "\(chart.id)-fig\(c + 1)-title"
            var w = SVGWriter(capacity: 900)
            w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"rapport-figure\" role=\"img\" aria-labelledby=\"")
            w.raw(value: tileID); w.raw("\" viewBox=\"0 0 "); w.num(width); w.raw(" "); w.num(height)
            w.raw("\" width=\"100%\" font-family=\""); w.raw(value: Layout.fontFamily)
            w.raw("\" lang=\""); w.raw(value: locale.rawValue); w.raw("\">\n")
            w.raw("<title id=\""); w.raw(value: tileID); w.raw("\">")
            w.text(chart.categories[c].label + locale.labelSeparator + tile.number)
            w.raw("</title>\n")
            // Light in dark mode too: the tile paints its own white background.
            w.raw("<rect width=\""); w.num(width); w.raw("\" height=\""); w.num(height)
            w.raw("\" fill=\""); w.raw(value: Palette.background); w.raw("\"/>\n")
            let numberBaseline = pad + 44 * 0.75
            w.label(tile.number, x: pad, y: numberBaseline, size: tile.numberSize, fill: chart.palette.bar, bold: true)
            ink(chart.palette.bar, on: Palette.background)
            w.lines(
                tile.lines, x: pad, firstBaseline: numberBaseline + 10 + labelSize * 0.95, lineHeight: labelLine,
                size: labelSize, fill: Palette.text)
            ink(Palette.text, on: Palette.background)
            if chart.categories[c].lowBase { ink(Palette.secondaryText, on: Palette.background) }
            w.raw("</svg>")
            result.append(w.out)
        }
        return result
    }
}
