import Diagnostics
import Foundation
import RapportBase
import SVGCharts
import SurveyData

/// Turns a dataset into what a chapter shows for it in one language: the SVG chart (from
/// SVGCharts), the context of `figure.mustache` (title, question, base, notes, the table of
/// numbers, the CSV link) and the CSV file itself.
struct ChartFigure {
    let dataset: Dataset
    let language: Language
    let strings: Strings
    /// Unique on the page: `chart-<dataset id>` (with `-2` … when a chart is placed twice).
    let elementId: String
    let csvURL: String
    /// "Cite this chart" under the figure (none for the CSV file, which has no figure).
    var citation: ChartCitation? = nil
    /// The links to the chart's citation files (Citations.swift), shown with its citation.
    var citeFiles: TemplateValue = .list([TemplateScope<CiteFileKey>]())

    var locale: ChartLocale { language.chartLocale }

    /// The chart description handed to SVGCharts (the palette is the theme's, set by the caller).
    func chart() -> Chart { dataset.chart(in: language, id: elementId) }

    /// `n=136`, or nil when the dataset has no base.
    var baseText: String? { dataset.baseText(in: language) }

    /// A value as the page shows it (`42%` / `42 %`), or the missing-value dash.
    func formatted(row: Int, series: Int) -> String {
        guard dataset.rows.indices.contains(row), dataset.rows[row].values.indices.contains(series),
            let value = dataset.rows[row].values[series]
        else { return "–" }
        return NumberFormat.format(value, unit: dataset.unit(ofRow: row), decimals: dataset.decimals(ofRow: row), locale: locale)
    }

    /// The heading of the first column: what the rows are (`category:`), or the UI string.
    var categoryHeading: String { dataset.category?[language] ?? strings[.chartCategory] }

    /// The context of `figure.mustache`, with the SVG already rendered.
    func context(svg: [UInt8]) -> [ChartKey: TemplateValue] {
        let showTable = dataset.kind != .figures
        let hasRowBases = dataset.rows.contains { $0.base != nil }
        // The table of numbers is built here rather than in figure.mustache: it is the bulk of
        // every figure (rows × series cells), and Mustache lookups per cell cost more than the
        // rest of the page.
        var head: [UInt8] = []
        head.append(contentsOf: "<tr><th scope=\"col\">".utf8)
        appendEscaped(categoryHeading, to: &head)
        head.append(contentsOf: "</th>".utf8)
        if hasRowBases { head.append(contentsOf: "<th scope=\"col\">n</th>".utf8) }
        for series in dataset.series {
            var base = series.base.map { " (n=\($0))" } ?? ""
            if (series.base ?? Int.max) < Dataset.lowBaseLimit { base += " (\(strings[.chartLowN]))" }
            head.append(contentsOf: "<th scope=\"col\">".utf8)
            appendEscaped(series.label[language] + base, to: &head)
            head.append(contentsOf: "</th>".utf8)
        }
        head.append(contentsOf: "</tr>".utf8)
        var anyInferred = false
        var body: [UInt8] = []
        body.reserveCapacity(dataset.rows.count * (64 + 24 * dataset.series.count))
        let inferredMark = Array("<span class=\"inferred\" title=\"\(escapeHTML(strings[.chartInferred]))\">†</span>".utf8)
        let lowBase = Array(" <span class=\"low-n\">(\(escapeHTML(strings[.chartLowN])))</span>".utf8)
        var cell: [UInt8] = []
        for (index, row) in dataset.rows.enumerated() {
            body.append(contentsOf: "<tr><th scope=\"row\">".utf8)
            appendEscaped(row.label[language], to: &body)
            if let mark = row.mark {
                body.append(contentsOf: " <span class=\"mark\">".utf8)
                appendEscaped(mark, to: &body)
                body.append(contentsOf: "</span>".utf8)
            }
            if row.isLowBase { body.append(contentsOf: lowBase) }
            body.append(contentsOf: "</th>".utf8)
            if hasRowBases { body.append(contentsOf: "<td>\(row.base.map(String.init) ?? "–")</td>".utf8) }
            for seriesIndex in dataset.series.indices {
                let inferred = dataset.isInferred(row: index, series: seriesIndex)
                anyInferred = anyInferred || inferred
                body.append(contentsOf: "<td>".utf8)
                if let value = row.values.indices.contains(seriesIndex) ? row.values[seriesIndex] : nil {
                    // Formatted numbers hold digits, separators, units and signs: nothing to escape.
                    cell.removeAll(keepingCapacity: true)
                    NumberFormat.append(
                        value, unit: dataset.unit(ofRow: index), decimals: dataset.decimals(ofRow: index), locale: locale, into: &cell)
                    body.append(contentsOf: cell)
                } else {
                    body.append(contentsOf: "–".utf8)
                }
                if inferred { body.append(contentsOf: inferredMark) }
                body.append(contentsOf: "</td>".utf8)
            }
            body.append(contentsOf: "</tr>\n".utf8)
        }
        var notes: [String] = dataset.notes.map { $0[language] }
        if dataset.needsRoundingNote { notes.append(strings[.chartRounding]) }
        if let significance = dataset.significance { notes.append(significance[language]) }
        if dataset.rows.contains(where: \.isLowBase) || dataset.series.contains(where: { ($0.base ?? Int.max) < Dataset.lowBaseLimit }) {
            notes.append(strings[.chartLowNNote])
        }
        if anyInferred { notes.append(strings[.chartInferredNote]) }
        // A series' own base, unless it is the chart's (shown once, as the base).
        let groupBases = dataset.series.compactMap { series in
            series.base.flatMap { $0 == dataset.base ? nil : "\(series.label[language]): n=\($0)" }
        }
        return [
            .id: .text(elementId),
            .kind: .text(dataset.kind.rawValue),
            .isTiles: .bool(dataset.kind == .figures),
            .title: .text(dataset.title[language]),
            .finding: .text(dataset.finding?[language] ?? ""),
            .hasFinding: .bool(dataset.finding != nil),
            .question: .text(dataset.question?[language] ?? ""),
            .hasQuestion: .bool(dataset.question != nil),
            .svg: .markup(svg),
            .base: .text(baseText ?? ""),
            .hasBase: .bool(baseText != nil),
            // Composed here, so given the typography the dataset's texts already had.
            .groupBases: .text(Typography.apply(groupBases.joined(separator: " · "), language)),
            .hasGroupBases: .bool(!groupBases.isEmpty),
            .notes: .list(notes.map { TemplateScope<NoteKey>(texts: [.text: $0]) }),
            .hasNotes: .bool(!notes.isEmpty),
            .source: .text((dataset.source?[language]) ?? (strings.values["chart_default_source"] ?? "")),
            .showTable: .bool(showTable),
            .tableHead: .markup(head),
            .tableBody: .markup(body),
            .csvURL: .text(csvURL),
            .csvFileName: .text("\(dataset.id)-\(language.code).csv"),
            .hasCitation: .bool(citation != nil),
            .citation: .text(citation?.text(title: dataset.title[language], strings: strings) ?? ""),
            .chartURL: .text(citation?.url ?? ""),
            .citeFiles: citeFiles,
            // Set by the chapter when the chart has a page of its own (ChartPage.swift).
            .hasChartPage: .bool(false),
            .chartPageURL: .text(""),
        ]
    }
}
