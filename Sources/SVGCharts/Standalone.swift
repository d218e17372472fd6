// Standalone pictures: a drawn chart with its title, finding, source and the publisher's logo
// around it (the file a reader downloads, and the social image rasterized from it), and the
// title card of a site. Both are complete SVG documents with a fixed size in pixels.

/// A chart as a picture of its own: the chart `svg()` drew, nested (never drawn again), with
/// the texts a reader needs when the picture travels without its page.
///
/// ```swift
/// let picture = StandaloneChart(title: "Hoe vaak?", finding: "Vaak: 50 %.", footer: ["Bron: enquête 2023"],
///                               credit: "Koning Boudewijnstichting", lang: "nl-BE")
/// let file = picture.svg(chart: try chart.svgUTF8())   // nil: not one chart root (key figures)
/// file?.width   // 600 (pixels); file?.height follows the texts and the chart
/// ```
public struct StandaloneChart: Sendable {
    public var title: String
    public var finding: String?
    /// Lines under the chart (base, source), each wrapped.
    public var footer: [String]
    /// Who publishes (drawn at the bottom, before the logo).
    public var credit: String?
    public var logo: StandaloneLogo?
    /// The `lang` of the texts (`nl-BE`).
    public var lang: String

    public init(
        title: String, finding: String? = nil, footer: [String] = [], credit: String? = nil, logo: StandaloneLogo? = nil,
        lang: String
    ) {
        self.title = title
        self.finding = finding
        self.footer = footer
        self.credit = credit
        self.logo = logo
        self.lang = lang
    }

    /// Width in pixels of every standalone picture (the PNG is twice as wide: 1,200 px, the
    /// width social sites show a large image at).
    public static let width = 600.0
    static let margin = 24.0

    /// A system font stack for the texts around the chart (the chart keeps its own, whose widths it measured).
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif"

    /// The document around `chart` (the bytes of one `<svg>` root with a `viewBox`); nil when
    /// `chart` is not one such root (key figures are one `<svg>` per tile).
    public func svg(chart: [UInt8]) -> StandaloneSVG? {
        guard let root = ChartRoot(chart) else { return nil }
        let inner = Self.width - 2 * Self.margin
        var w = SVGWriter(capacity: chart.count + 2048)
        var y = Self.margin
        var texts = SVGWriter(capacity: 1024)
        y = Self.paragraph(title, size: 22, line: 28, bold: true, fill: Palette.text, top: y, into: &texts)
        if let finding, !finding.isEmpty {
            y = Self.paragraph(finding, size: 16, line: 22, bold: false, fill: "#333333", top: y + 6, into: &texts)
        }
        y += 14
        let chartHeight = (root.height * inner / root.width).rounded(.up)
        texts.raw("<svg x=\""); texts.num(Self.margin); texts.raw("\" y=\""); texts.num(y)
        texts.raw("\" width=\""); texts.num(inner); texts.raw("\" height=\""); texts.num(chartHeight)
        texts.raw("\" viewBox=\"0 0 "); texts.num(root.width); texts.raw(" "); texts.num(root.height)
        texts.raw("\" font-family=\""); texts.raw(value: Layout.fontFamily); texts.raw("\">")
        texts.bytes.append(contentsOf: chart[root.bodyStart...])
        texts.raw("\n")
        y += chartHeight + 14
        for line in footer where !line.isEmpty {
            y = Self.paragraph(line, size: 13, line: 18, bold: false, fill: "#444444", top: y, into: &texts)
        }
        y = Self.signature(credit: credit, logo: logo, top: y + 8, into: &texts)
        let height = (y + Self.margin).rounded(.up)
        Self.open(&w, width: Self.width, height: height, title: title, description: finding ?? "", lang: lang)
        w.raw(texts)
        w.raw("</svg>\n")
        return StandaloneSVG(bytes: w.bytes, width: Int(Self.width), height: Int(height))
    }

    /// The root element, its title and description, and the white background.
    static func open(_ w: inout SVGWriter, width: Double, height: Double, title: String, description: String, lang: String) {
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        w.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"")
        w.num(width); w.raw("\" height=\""); w.num(height); w.raw("\" viewBox=\"0 0 "); w.num(width); w.raw(" "); w.num(height)
        w.raw("\" font-family=\""); w.text(fontFamily); w.raw("\" lang=\""); w.text(lang); w.raw("\">\n")
        w.raw("<title>"); w.text(title); w.raw("</title>\n")
        if !description.isEmpty { w.raw("<desc>"); w.text(description); w.raw("</desc>\n") }
        w.raw("<rect width=\""); w.num(width); w.raw("\" height=\""); w.num(height); w.raw("\" fill=\"")
        w.raw(value: Palette.background); w.raw("\"/>\n")
    }

    /// `text` wrapped to `width` (with room to spare: the system font may be a little wider
    /// than the metrics measured), one `<text>` per line from `top`; returns the bottom.
    static func paragraph(
        _ text: String, size: Double, line: Double, bold: Bool, fill: String, top: Double, left: Double = margin,
        width: Double = width - 2 * margin, maxLines: Int = .max, into w: inout SVGWriter
    ) -> Double {
        var lines = Wrap.wrap(text, maxWidth: width * 0.92, size: size, bold: bold).map { wrapped in
            wrapped.words.enumerated().map { ($0.offset > 0 && !$0.element.joinsPrevious ? " " : "") + $0.element.text }.joined()
        }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] += " …"
        }
        var y = top
        for text in lines {
            y += line
            w.raw("<text x=\""); w.num(left); w.raw("\" y=\""); w.num(y - (line - size) / 2 - size * 0.2)
            w.raw("\" font-size=\""); w.num(size); w.raw("\" fill=\""); w.raw(value: fill)
            if bold { w.raw("\" font-weight=\"bold") }
            w.raw("\">"); w.text(text); w.raw("</text>\n")
        }
        return y
    }

    /// A thin rule, the credit on the left and the logo on the right; returns the bottom.
    static func signature(credit: String?, logo: StandaloneLogo?, top: Double, into w: inout SVGWriter) -> Double {
        guard credit?.isEmpty == false || logo != nil else { return top }
        w.raw("<line x1=\""); w.num(margin); w.raw("\" y1=\""); w.num(top); w.raw("\" x2=\""); w.num(width - margin)
        w.raw("\" y2=\""); w.num(top); w.raw("\" stroke=\"#CCCCCC\" stroke-width=\"1\"/>\n")
        let rowHeight = 32.0
        var creditWidth = width - 2 * margin
        if let logo {
            let size = logo.size(height: rowHeight)
            creditWidth -= size.width + 12
            w.raw("<image x=\""); w.num(width - margin - size.width); w.raw("\" y=\""); w.num(top + 10)
            w.raw("\" width=\""); w.num(size.width); w.raw("\" height=\""); w.num(size.height)
            w.raw("\" preserveAspectRatio=\"xMaxYMid meet\" xlink:href=\""); w.text(logo.href); w.raw("\"/>\n")
        }
        if let credit, !credit.isEmpty {
            _ = paragraph(credit, size: 13, line: 18, bold: true, fill: "#444444", top: top + 10 + (rowHeight - 18) / 2, width: creditWidth,
                maxLines: 1, into: &w)
        }
        return top + 10 + rowHeight
    }
}

/// A site's title card: the picture social sites show for its home page.
///
/// ```swift
/// let card = TitleCard(title: "Patiëntenverenigingen in België 2023", subtitle: "Resultaten …", lang: "nl-BE").svg()
/// card.width   // 600 × 315: the PNG, twice the size, is the 1,200 × 630 social sites ask for
/// ```
public struct TitleCard: Sendable {
    public var title: String
    public var subtitle: String?
    public var credit: String?
    public var logo: StandaloneLogo?
    public var lang: String
    /// The band along the left edge (the theme's accent).
    public var accent: String

    public init(
        title: String, subtitle: String? = nil, credit: String? = nil, logo: StandaloneLogo? = nil, lang: String, accent: String = "#1B3470"
    ) {
        self.title = title
        self.subtitle = subtitle
        self.credit = credit
        self.logo = logo
        self.lang = lang
        self.accent = accent
    }

    public static let height = 315.0

    public func svg() -> StandaloneSVG {
        let width = StandaloneChart.width
        let margin = 40.0
        var body = SVGWriter(capacity: 2048)
        body.raw("<rect width=\"12\" height=\""); body.num(Self.height); body.raw("\" fill=\""); body.text(accent); body.raw("\"/>\n")
        var y = 52.0
        y = StandaloneChart.paragraph(title, size: 32, line: 40, bold: true, fill: Palette.text, top: y, left: margin, width: width - 2 * margin,
            maxLines: 3, into: &body)
        if let subtitle, !subtitle.isEmpty {
            // At most four lines of the description: the card keeps its size.
            _ = StandaloneChart.paragraph(
                subtitle, size: 16, line: 22, bold: false, fill: "#333333", top: y + 10, left: margin, width: width - 2 * margin,
                maxLines: 4, into: &body)
        }
        let signatureTop = Self.height - 70
        var inner = SVGWriter(capacity: 512)
        _ = StandaloneChart.signature(credit: credit, logo: logo, top: signatureTop, into: &inner)
        var w = SVGWriter(capacity: body.bytes.count + inner.bytes.count + 512)
        StandaloneChart.open(&w, width: width, height: Self.height, title: title, description: subtitle ?? "", lang: lang)
        w.raw(body)
        w.raw(inner)
        w.raw("</svg>\n")
        return StandaloneSVG(bytes: w.bytes, width: Int(width), height: Int(Self.height))
    }
}

/// A logo drawn into a standalone picture: an image URL (a `data:` URL, so the file stays
/// standalone) and its size in pixels.
public struct StandaloneLogo: Sendable {
    public var href: String
    public var width: Double
    public var height: Double

    public init(href: String, width: Double, height: Double) {
        self.href = href
        self.width = width
        self.height = height
    }

    /// Its size at `height` pixels high, never wider than 200.
    func size(height target: Double) -> (width: Double, height: Double) {
        guard width > 0, height > 0 else { return (target, target) }
        var scaled = (width: width * target / height, height: target)
        if scaled.width > 200 { scaled = (200, height * 200 / width) }
        return scaled
    }
}

/// A complete SVG document and its size in pixels.
public struct StandaloneSVG: Sendable, Equatable {
    public var bytes: [UInt8]
    public var width: Int
    public var height: Int

    public init(bytes: [UInt8], width: Int, height: Int) {
        self.bytes = bytes
        self.width = width
        self.height = height
    }
}

/// What `svg()` wrote as the root of a chart: its `viewBox` size and where its body starts.
struct ChartRoot {
    let width: Double
    let height: Double
    let bodyStart: Int

    init?(_ svg: [UInt8]) {
        guard svg.starts(with: Array("<svg ".utf8)), let end = svg.firstIndex(of: UInt8(ascii: ">")),
            // One root only: key figures are several, one per line.
            !Self.contains(svg, Array("\n<svg ".utf8))
        else { return nil }
        let attribute = Array("viewBox=\"".utf8)
        guard let start = (0...(end - attribute.count)).first(where: { svg[$0..<($0 + attribute.count)].elementsEqual(attribute) }) else {
            return nil
        }
        let value = svg[(start + attribute.count)..<end].prefix { $0 != UInt8(ascii: "\"") }
        let numbers = value.split(separator: UInt8(ascii: " ")).compactMap { Double(String(decoding: $0, as: UTF8.self)) }
        guard numbers.count == 4, numbers[2] > 0, numbers[3] > 0 else { return nil }
        width = numbers[2]
        height = numbers[3]
        bodyStart = end + 1
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
