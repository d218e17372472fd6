/// The whole report's list of figures and its annex, taken from the chapters' HTML as embedded
/// (ids prefixed, tables open: ReportHTML.embed):
///
/// - every numbered figure (`<figure class="chart …" id="…">` with its `chart-number` and
///   `chart-title`) becomes an entry of the list of figures, linking to it;
/// - a figure's table of numbers longer than `shortRows` rows moves to the annex at the end of
///   the report, and the figure gets a link to it in its place: on paper a figure stays a
///   figure, the numbers are one link away. A short table stays with its figure.
///
/// It works on the bytes Rapport's own figure template wrote (figure.mustache), in one pass.
struct ReportAnnex {
    /// A figure of the report: its id, its number ("Figuur 3") and title, as HTML.
    struct Figure {
        var id: String
        var label: [UInt8]
        var title: [UInt8]
    }

    /// Tables of at most this many rows stay with their figure.
    static let shortRows = 6

    var figures: [Figure] = []
    /// The annex's sections, one per table moved.
    var annex: [UInt8] = []

    /// `body` with its long tables replaced by a link (`linkText`) to their place in the annex.
    mutating func take(_ body: [UInt8], linkText: String) -> [UInt8] {
        let figureOpen = Array("<figure class=\"chart".utf8), tableOpen = Array("<details class=\"chart-data\" open>".utf8)
        let tableClose = Array("</details>".utf8), summaryClose = Array("</summary>".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var position = 0
        var current: Figure?
        while position < body.count {
            let nextFigure = body[position...].firstRange(of: figureOpen)
            let nextTable = body[position...].firstRange(of: tableOpen)
            if let figure = nextFigure, nextTable.map({ figure.lowerBound < $0.lowerBound }) ?? true {
                // A figure: its id, number and title (a figure without a number is not listed).
                let tagEnd = body[figure.lowerBound...].firstIndex(of: UInt8(ascii: ">")) ?? body.count
                let tag = body[figure.lowerBound..<tagEnd]
                let id = Self.attribute("id", in: tag).map { String(decoding: $0, as: UTF8.self) }
                let label = Self.element(classed: "chart-number", in: body, from: tagEnd)
                let title = Self.element(classed: "chart-title", in: body, from: tagEnd)
                current = nil
                if let id, let label, let title {
                    current = Figure(id: id, label: Array(label), title: Array(title))
                    figures.append(current!)
                }
                output += body[position..<figure.upperBound]
                position = figure.upperBound
            } else if let table = nextTable {
                guard let close = body[table.upperBound...].firstRange(of: tableClose) else { break }
                output += body[position..<table.lowerBound]
                let inner = body[table.upperBound..<close.lowerBound]
                let rows = Self.count(Array("<tr".utf8), in: inner) - Self.count(Array("<thead".utf8), in: inner)
                if let figure = current, rows > Self.shortRows {
                    let tableId = figure.id + "-numbers"
                    let content = inner.firstRange(of: summaryClose).map { inner[$0.upperBound...] } ?? inner
                    output +=
                        Array("<p class=\"chart-annex-link\"><a href=\"#\(tableId)\">".utf8) + Array(escapeHTML(linkText).utf8)
                        + Array("</a></p>".utf8)
                    annex += Array("<section class=\"annex-table\" id=\"\(tableId)\" aria-labelledby=\"\(tableId)-title\">\n".utf8)
                    annex += Array("<h3 id=\"\(tableId)-title\"><a href=\"#\(figure.id)\">".utf8) + figure.label
                    annex += Array("</a> <span class=\"annex-table-title\">".utf8) + figure.title + Array("</span></h3>".utf8)
                    annex += content + Array("</section>\n".utf8)
                } else {
                    output += body[table.lowerBound..<close.upperBound]
                }
                position = close.upperBound
            } else {
                output += body[position...]
                position = body.count
            }
        }
        return output
    }

    /// The value of ` name="…"` in a tag.
    static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let start = tag.firstRange(of: Array(" \(name)=\"".utf8)) else { return nil }
        let value = tag[start.upperBound...]
        return value.firstIndex(of: UInt8(ascii: "\"")).map { value[..<$0] }
    }

    /// The content of the first `<span class="<name>" …>…</span>` after `from` (no span inside).
    static func element(classed name: String, in body: [UInt8], from: Int) -> ArraySlice<UInt8>? {
        guard let open = body[from...].firstRange(of: Array("<span class=\"\(name)\"".utf8)),
            let tagEnd = body[open.upperBound...].firstIndex(of: UInt8(ascii: ">")),
            let close = body[tagEnd...].firstRange(of: Array("</span>".utf8))
        else { return nil }
        // Only within the figure's caption: not a later figure's.
        if let captionEnd = body[from...].firstRange(of: Array("</figcaption>".utf8)), captionEnd.lowerBound < open.lowerBound {
            return nil
        }
        return body[(tagEnd + 1)..<close.lowerBound]
    }

    static func count(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        var rest = bytes[...]
        while let found = rest.firstRange(of: needle) {
            count += 1
            rest = rest[found.upperBound...]
        }
        return count
    }
}
