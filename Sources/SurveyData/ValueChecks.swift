import Diagnostics
import Foundation
import SVGCharts

/// What a chart would show without a word though it is not what the data says: a value typed
/// with more decimals than the chart shows, a bar chart of shares that cannot all be shares of
/// one answer. Warnings, run by the loader on every dataset once references are resolved.
enum ValueChecks {
    /// A value typed with more decimals than its row shows (`31.5` shown as `32%`), at its cell,
    /// when what is shown keeps fewer than four significant digits: a share or a small count
    /// loses a digit that matters, a large amount rounded to whole units (`1001239.83` shown
    /// as `€ 1.001.240`) does not. Values taken from elsewhere are checked where they are typed.
    static func hiddenDecimals(_ dataset: Dataset) -> [Diagnostic] {
        let taken = Set(dataset.links.compactMap { link -> ValuePosition? in
            if case let .value(row, series) = link.slot { ValuePosition(category: row, series: series) } else { nil }
        })
        let takenSeries = Set(dataset.links.compactMap { link -> Int? in if case let .series(index) = link.slot { index } else { nil } })
        var out: [Diagnostic] = []
        for (rowIndex, row) in dataset.rows.enumerated() {
            let shown = dataset.decimals(ofRow: rowIndex)
            for (seriesIndex, value) in row.values.enumerated() {
                guard let value, value.isFinite, !takenSeries.contains(seriesIndex),
                    !taken.contains(ValuePosition(category: rowIndex, series: seriesIndex)),
                    row.valueLocations.indices.contains(seriesIndex)
                else { continue }
                let typed = decimals(of: value)
                let whole = abs(value) < 1 ? 0 : String(Int(abs(value).rounded(.down))).count
                guard typed > shown, whole + shown < 4 else { continue }
                let unit = dataset.unit(ofRow: rowIndex)
                out.append(
                    .warning(
                        row.valueLocations[seriesIndex],
                        .dataset(
                            .hiddenDecimals(
                                value: DatasetParser.formatNumber(value),
                                shownAs: NumberFormat.format(value, unit: unit, decimals: shown, locale: .enGB), shown: shown, typed: typed,
                                rowDecimals: row.decimals != nil, metadataFile: dataset.metadataFile))))
            }
        }
        return out
    }

    /// The decimals `value` was typed with: `31.5` 1, `87` 0 (the shortest text that reads
    /// back as the same number, as Swift prints it).
    static func decimals(of value: Double) -> Int {
        let text = "\(abs(value))"
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            let mantissa = text[..<exponent]
            let power = Int(text[text.index(after: exponent)...]) ?? 0
            let fraction = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
            return max(0, fraction - power)
        }
        guard let point = text.firstIndex(of: ".") else { return 0 }
        let fraction = text[text.index(after: point)...]
        return fraction == "0" ? 0 : fraction.count
    }

    /// Above this, one series of shares cannot be the shares of one answer per respondent
    /// (whole percentages of a dozen answers, each rounded, add up to 100 ± a few).
    static let sharesLimit = 105.0

    /// A bar chart of shares (`kind: bars`, `unit: percent`, one series) whose values add up
    /// to more than `sharesLimit`, when nothing says answers may be multiple: neither the
    /// question nor a note (in any language: `multipleAnswerWords`), nor
    /// `acknowledge: [multiple-answers]`. At the series' column.
    static func sharesOverHundred(_ dataset: Dataset) -> [Diagnostic] {
        guard dataset.kind == .bars, dataset.unit == .percent, dataset.series.count == 1,
            !dataset.acknowledged.contains(.multipleAnswers)
        else { return [] }
        let sum = dataset.rows.reduce(0.0) { $0 + (($1.values.first ?? nil) ?? 0) }
        guard sum > sharesLimit, !saysMultipleAnswers(dataset) else { return [] }
        return [
            .warning(
                dataset.series[0].location ?? SourceLocation(file: dataset.dataFile),
                .dataset(.sharesOverHundred(id: dataset.id, sum: DatasetParser.formatNumber(sum))))
        ]
    }

    /// How a note or a question says that respondents could give several answers, in the
    /// languages Rapport writes (compared without case and accents). docs/datasets.md lists them.
    static let multipleAnswerWords = [
        "meerdere antwoorden", "meer dan een antwoord", "plusieurs reponses", "plus d'une reponse", "plus d’une reponse",
        "mehrere antworten", "mehrfachnennung", "mehrfachantwort", "multiple answers", "more than one answer", "several answers",
    ]

    static func saysMultipleAnswers(_ dataset: Dataset) -> Bool {
        let texts = (dataset.notes + [dataset.question].compactMap { $0 }).flatMap { $0.texts.values }
        return texts.contains { text in
            let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return multipleAnswerWords.contains { folded.contains($0) }
        }
    }
}
