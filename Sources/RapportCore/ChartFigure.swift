import Diagnostics
import Foundation
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

    var locale: ChartLocale { language == .nl ? .nlBE : .frBE }

    /// The chart description handed to SVGCharts.
    func chart() -> Chart {
        let categories = dataset.rows.map { row in
            ChartCategory(label: row.label[language], mark: row.mark, lowBase: row.isLowBase, unit: row.unit, decimals: row.decimals)
        }
        let series = dataset.series.map { ChartSeries(label: $0.label[language], role: $0.role) }
        var description = dataset.finding?[language] ?? dataset.title[language]
        if let base = baseText { description += " (\(base))" }
        return Chart(kind: dataset.kind, id: elementId, title: dataset.title[language], description: description,
                     locale: locale, unit: dataset.unit, decimals: dataset.decimals, scale: dataset.scale,
                     categories: categories, series: series, values: dataset.rows.map(\.values))
    }

    /// `n=136`, or nil when the dataset has no base.
    var baseText: String? {
        dataset.base.map { "n=\(NumberFormat.format(Double($0), unit: .count, decimals: 0, locale: locale))" }
    }

    /// A value as the page shows it (`42%` / `42 %`), or the missing-value dash.
    func formatted(row: Int, series: Int) -> String {
        guard dataset.rows.indices.contains(row), dataset.rows[row].values.indices.contains(series),
              let value = dataset.rows[row].values[series] else { return "–" }
        return NumberFormat.format(value, unit: dataset.unit(ofRow: row), decimals: dataset.decimals(ofRow: row), locale: locale)
    }

    /// The context of `figure.mustache`, with the SVG already rendered.
    func context(svg: String) -> [String: TemplateValue] {
        let showTable = dataset.kind != .figures
        let hasRowBases = dataset.rows.contains { $0.base != nil }
        // The table of numbers is built here rather than in figure.mustache: it is the bulk of
        // every figure (rows × series cells), and Mustache lookups per cell cost more than the
        // rest of the page.
        var head = "<tr><th scope=\"col\">\(escapeHTML(strings["chart_category"]))</th>"
        if hasRowBases { head += "<th scope=\"col\">n</th>" }
        for series in dataset.series {
            var base = series.base.map { " (n=\($0))" } ?? ""
            if (series.base ?? Int.max) < Dataset.lowBaseLimit { base += " (\(strings["chart_low_n"]))" }
            head += "<th scope=\"col\">\(escapeHTML(series.label[language] + base))</th>"
        }
        head += "</tr>"
        var anyInferred = false
        var body = ""
        let inferredMark = "<span class=\"inferred\" title=\"\(escapeHTML(strings["chart_inferred"]))\">†</span>"
        for (index, row) in dataset.rows.enumerated() {
            body += "<tr><th scope=\"row\">\(escapeHTML(row.label[language]))"
            if let mark = row.mark { body += " <span class=\"mark\">\(escapeHTML(mark))</span>" }
            if row.isLowBase { body += " <span class=\"low-n\">(\(escapeHTML(strings["chart_low_n"])))</span>" }
            body += "</th>"
            if hasRowBases { body += "<td>\(row.base.map(String.init) ?? "–")</td>" }
            for seriesIndex in dataset.series.indices {
                let inferred = dataset.isInferred(row: index, series: seriesIndex)
                anyInferred = anyInferred || inferred
                body += "<td>\(escapeHTML(formatted(row: index, series: seriesIndex)))\(inferred ? inferredMark : "")</td>"
            }
            body += "</tr>\n"
        }
        var notes: [String] = dataset.notes.map { $0[language] }
        if dataset.needsRoundingNote { notes.append(strings["chart_rounding"]) }
        if let significance = dataset.significance { notes.append(significance[language]) }
        if dataset.rows.contains(where: \.isLowBase) || dataset.series.contains(where: { ($0.base ?? Int.max) < Dataset.lowBaseLimit }) {
            notes.append(strings["chart_low_n_note"])
        }
        if anyInferred { notes.append(strings["chart_inferred_note"]) }
        let groupBases = dataset.series.compactMap { series in
            series.base.map { "\(series.label[language]): n=\($0)" }
        }
        return [
            "id": .text(elementId),
            "kind": .text(dataset.kind.rawValue),
            "isTiles": .flag(dataset.kind == .figures),
            "title": .text(dataset.title[language]),
            "question": .text(dataset.question?[language] ?? ""),
            "hasQuestion": .flag(dataset.question != nil),
            "svg": .html(RawHTML(svg)),
            "base": .text(baseText ?? ""),
            "hasBase": .flag(baseText != nil),
            "groupBases": .text(groupBases.joined(separator: " · ")),
            "hasGroupBases": .flag(!groupBases.isEmpty),
            "notes": .list(notes.map { TemplateScope(texts: ["text": $0]) }),
            "hasNotes": .flag(!notes.isEmpty),
            "source": .text((dataset.source?[language]) ?? strings["chart_default_source"]),
            "showTable": .flag(showTable),
            "tableHead": .html(RawHTML(head)),
            "tableBody": .html(RawHTML(body)),
            "csvURL": .text(csvURL),
            "csvFileName": .text("\(dataset.id)-\(language.rawValue).csv"),
        ]
    }

    /// The numbers as a CSV file that a Belgian spreadsheet opens directly: UTF-8 with a byte
    /// order mark, `;` between fields, decimal comma, headers in the page's language. A text
    /// starting with `=`, `+`, `@` or a tab gets a leading apostrophe so no spreadsheet runs it
    /// as a formula.
    func csv() -> String {
        let hasRowBases = dataset.rows.contains { $0.base != nil }
        var header = [strings["chart_category"]]
        if hasRowBases { header.append("n") }
        for series in dataset.series {
            let unit = unitSuffix(dataset.unit)
            header.append(series.label[language] + (unit.isEmpty ? "" : " (\(unit))"))
        }
        var lines = [header.map(Self.csvField).joined(separator: ";")]
        for row in dataset.rows {
            var fields = [Self.csvField(row.label[language] + (row.mark ?? ""))]
            if hasRowBases { fields.append(row.base.map(String.init) ?? "") }
            for value in row.values {
                fields.append(value.map { Self.csvNumber($0, decimals: row.decimals ?? dataset.decimals) } ?? "")
            }
            lines.append(fields.joined(separator: ";"))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    private func unitSuffix(_ unit: ValueUnit) -> String {
        switch unit {
        case .percent, .margin: return "%"
        case .euro: return "€"
        case .fte: return strings["unit_fte"]
        case .hours: return strings["unit_hours"]
        case .years: return strings["unit_years"]
        case .count, .number: return ""
        }
    }

    static func csvNumber(_ value: Double, decimals: Int) -> String {
        var text = NumberFormat.format(value, unit: .number, decimals: decimals, locale: .nlBE)
        text.removeAll { $0 == "." }  // no thousands separators in a data file
        return text
    }

    static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+@\t\r".contains(first) { text = "'" + text }
        if text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
