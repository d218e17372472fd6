// Plain byte building for the SVG: escaping, coordinates with at most two decimals, and the few
// elements the layouts use. Output goes into one preallocated [UInt8] and becomes a String once
// at the end; no regex, no String(format:), no Foundation.

/// The parts of a tooltip, written straight into the output: "label, series: value". Labels come
/// already escaped (they are escaped once per chart, not once per segment).
struct Tooltip {
    var label: [UInt8]
    var series: [UInt8]?
    var separator: String
    var value: String
}

struct SVGWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The markup written so far.
    var out: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup as is: element names and other literals (copied without going through
    /// `String`, which costs more per call than the bytes themselves).
    @inline(__always)
    mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends a computed value that needs no escaping (colours, numbers already formatted).
    @inline(__always)
    mutating func raw(value s: String) { bytes.append(contentsOf: s.utf8) }

    @inline(__always)
    mutating func raw(_ other: SVGWriter) { bytes.append(contentsOf: other.bytes) }

    /// Appends a coordinate rounded to two decimals, without trailing zeros ("12", "12.5", "-0.25").
    mutating func num(_ x: Double) {
        let scaled = (x * 100).rounded()
        guard scaled.isFinite, scaled.magnitude < 1e15 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var i = Int(scaled)
        if i < 0 {
            bytes.append(UInt8(ascii: "-"))
            i = -i
        }
        integer(i / 100)
        let frac = i % 100
        if frac != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(48 + UInt8(frac / 10))
            if frac % 10 != 0 { bytes.append(48 + UInt8(frac % 10)) }
        }
    }

    /// Appends a non-negative integer in decimal.
    mutating func integer(_ v: Int) {
        if v >= 10 { integer(v / 10) }
        bytes.append(48 + UInt8(v % 10))
    }

    /// Appends text escaped for XML and HTML (`Markup.appendEscaped`).
    mutating func text<S: StringProtocol>(_ s: S) { Markup.appendEscaped(s, to: &bytes) }

    /// `s` escaped, for text written many times.
    static func escaped(_ s: String) -> [UInt8] {
        var w = SVGWriter(capacity: s.utf8.count + 8)
        w.text(s)
        return w.bytes
    }

    /// `<rect …/>`, with an optional outline and tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String,
        stroke: String? = nil, tooltip: Tooltip? = nil
    ) {
        raw("<rect x=\""); num(x)
        raw("\" y=\""); num(y)
        raw("\" width=\""); num(max(width, 0))
        raw("\" height=\""); num(max(height, 0))
        raw("\" fill=\""); raw(value: fill)
        if let stroke {
            raw("\" stroke=\""); raw(value: stroke)
            raw("\" stroke-width=\"1")
        }
        if let tooltip {
            raw("\">")
            title(tooltip)
            raw("</rect>\n")
        } else {
            raw("\"/>\n")
        }
    }

    /// `<title>label, series: value</title>`.
    mutating func title(_ t: Tooltip) {
        raw("<title>")
        bytes.append(contentsOf: t.label)
        if let series = t.series {
            raw(", ")
            bytes.append(contentsOf: series)
        }
        text(t.separator)
        text(t.value)
        raw("</title>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1) {
        raw("<line x1=\""); num(x1)
        raw("\" y1=\""); num(y1)
        raw("\" x2=\""); num(x2)
        raw("\" y2=\""); num(y2)
        raw("\" stroke=\""); raw(value: stroke)
        raw("\" stroke-width=\""); num(width)
        raw("\"/>\n")
    }

    enum Anchor: String {
        case start, middle, end
    }

    /// ` font-size="…" fill="…" …>`: the attributes after the position of a `<text`.
    private mutating func textAttributes(size: Double, fill: String, anchor: Anchor, bold: Bool) {
        raw(" font-size=\""); num(size)
        raw("\" fill=\""); raw(value: fill)
        if anchor != .start {
            raw("\" text-anchor=\""); raw(value: anchor.rawValue)
        }
        if bold { raw("\" font-weight=\"bold") }
        raw("\">")
    }

    /// A single-line text.
    mutating func label<S: StringProtocol>(
        _ s: S, x: Double, y: Double, size: Double, fill: String,
        anchor: Anchor = .start, bold: Bool = false
    ) {
        raw("<text x=\""); num(x)
        raw("\" y=\""); num(y)
        raw("\"")
        textAttributes(size: size, fill: fill, anchor: anchor, bold: bold)
        if TextMetrics.isRightToLeft(s) {
            raw("\u{2067}"); text(s); raw("\u{2069}")
        } else {
            text(s)
        }
        raw("</text>\n")
    }

    /// Wrapped lines, one `<tspan>` per line; the low-base note in italic grey.
    mutating func lines(
        _ lines: [TextLine], x: Double, firstBaseline: Double, lineHeight: Double,
        size: Double, fill: String, anchor: Anchor = .start, bold: Bool = false
    ) {
        guard !lines.isEmpty else { return }
        raw("<text")
        textAttributes(size: size, fill: fill, anchor: anchor, bold: bold)
        var y = firstBaseline
        for line in lines {
            raw("<tspan x=\""); num(x)
            raw("\" y=\""); num(y)
            raw("\">")
            var i = 0
            let words = line.words
            while i < words.count {
                // A run of words of one style.
                let style = words[i].style
                var end = i
                while end < words.count && words[end].style == style { end += 1 }
                if i > 0 && !words[i].joinsPrevious { bytes.append(UInt8(ascii: " ")) }
                if style == .note {
                    raw("<tspan font-style=\"italic\" fill=\""); raw(value: Palette.secondaryText); raw("\">")
                }
                let rtl = TextMetrics.isRightToLeft(words[i..<end])
                if rtl { raw("\u{2067}") }
                for j in i..<end {
                    if j > i && !words[j].joinsPrevious { bytes.append(UInt8(ascii: " ")) }
                    text(words[j].text)
                }
                if rtl { raw("\u{2069}") }
                if style == .note { raw("</tspan>") }
                i = end
            }
            raw("</tspan>")
            y += lineHeight
        }
        raw("</text>\n")
    }
}

// Right-to-left text is wrapped in U+2067 RIGHT-TO-LEFT ISOLATE … U+2069 POP DIRECTIONAL
// ISOLATE (what HTML's dir="auto" does), so its neutral characters (punctuation, the
// significance mark) land on the correct side. Not a `<tspan direction="rtl">`: on a line whose
// tspan carries its own x, Chrome then anchors the text at its right end and pushes it out of the
// chart. Everything else is written as is and left to the Unicode bidi algorithm.
