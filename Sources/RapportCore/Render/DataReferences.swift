import Diagnostics
import RapportBase
import SVGCharts
import SurveyData

/// What `{{…}}` stands for, in chapters and in dataset texts: `{{dataset:row}}`,
/// `{{dataset:row:series}}` (a value in the page's locale) or `{{lang fr: texte}}` (words in
/// the other language). Every reference that cannot be resolved is an error where it stands.
struct DataReferences {
    let datasets: [String: Dataset]
    /// Datasets that exist but have errors (already reported): using them is not an error again.
    let invalidDatasets: Set<String>
    let strings: [Language: Strings]
    /// `Content/data/study.yml`, quoted as `{{study:<fact>}}`.
    var facts = StudyFacts()

    /// The dataset `id`, or nil with a diagnostic.
    func dataset(
        _ id: String, at location: SourceLocation, what: MarkdownProblem.DatasetUse, diagnostics: inout [Diagnostic]
    ) -> Dataset? {
        if id.isEmpty {
            diagnostics.append(.error(location, .markdown(.namesNoDataset(what))))
            return nil
        }
        guard Keys.isValid(id) else {
            diagnostics.append(
                .error(location, .markdown(.invalidDatasetId(id))))
            return nil
        }
        guard let dataset = datasets[id] else {
            if invalidDatasets.contains(id) { return nil }
            diagnostics.append(.error(location, .markdown(.unknownDataset(id, suggestion: closestMatch(to: id, in: datasets.keys)))))
            return nil
        }
        return dataset
    }

    /// The value of one placeholder's expression (without the braces) in `language`. A data
    /// reference's dataset is added to `used`. On error: a diagnostic, and an empty value.
    func value(
        _ expression: String, language: Language, at location: SourceLocation,
        diagnostics: inout [Diagnostic], used: inout Set<String>
    ) -> Placeholders.Value {
        let nothing = Placeholders.Value(html: "", text: "")
        // `{{volunteer-tasks:board}` closed with one brace runs on to the next `}}`: said as such,
        // not as a row named after the text in between.
        if !expression.hasPrefix("lang "), let brace = expression.firstIndex(where: { $0 == "}" || $0 == "{" }) {
            diagnostics.append(
                .error(location, .markdown(.closedWithOneBrace(written: String(expression[..<brace])))))
            return nothing
        }
        // `{{lang fr: La situation financière …}}`: text in the other language, marked for screen readers.
        if expression.hasPrefix("lang ") {
            let rest = expression.dropFirst(5)
            guard let colon = rest.firstIndex(of: ":"),
                let other = Language(code: String(rest[..<colon]).trimmingWhitespace)
            else {
                diagnostics.append(
                    .error(location, .markdown(.noLanguage(expression: expression))))
                return Placeholders.Value(html: escapeHTML(String(rest)), text: String(rest))
            }
            let text = String(rest[rest.index(after: colon)...]).trimmingWhitespace
            return Placeholders.Value(html: "<span lang=\"\(other.htmlLang)\">\(escapeHTML(text))</span>", text: text)
        }
        let parts = expression.split(separator: ":", omittingEmptySubsequences: false).map {
            String($0).trimmingWhitespace
        }
        guard parts.count == 2 || parts.count == 3 else {
            diagnostics.append(
                .error(location, .markdown(.notADataReference(expression: expression))))
            return nothing
        }
        if parts[0] == Reference.study {
            let (html, problem) = QuotedFacts.html(parts, facts: facts, language: language, at: location)
            if let problem { diagnostics.append(problem) }
            return Placeholders.Value(html: html, text: facts.formatted(parts[1], language: language) ?? "")
        }
        guard let dataset = dataset(parts[0], at: location, what: .dataReference, diagnostics: &diagnostics),
            let strings = strings[language]
        else {
            return nothing
        }
        used.insert(dataset.id)
        guard let rowIndex = dataset.rows.firstIndex(where: { $0.key == parts[1] }) else {
            if parts.count == 2, parts[1] == "base", let quoted = baseQuoted(expression, of: dataset, at: location) {
                diagnostics.append(quoted)
                return nothing
            }
            diagnostics.append(
                .error(location, .markdown(.noRow(dataset: dataset.id, row: parts[1], rows: dataset.rows.map(\.key)))))
            return nothing
        }
        var seriesIndex = 0
        if parts.count == 3 {
            guard let index = dataset.series.firstIndex(where: { $0.key == parts[2] }) else {
                diagnostics.append(
                    .error(location, .markdown(.noSeries(dataset: dataset.id, series: parts[2], all: dataset.series.map(\.key)))))
                return nothing
            }
            seriesIndex = index
        }
        let row = dataset.rows[rowIndex]
        guard let value = row.values[seriesIndex] else {
            diagnostics.append(
                .error(location, .markdown(.emptyCell(dataset: dataset.id, row: parts[1], cell: "\(row.valueLocations[seriesIndex])"))))
            return nothing
        }
        // The parser refuses such values; a dataset built some other way is checked here too.
        guard value.isFinite else {
            diagnostics.append(
                .error(row.valueLocations[seriesIndex], .markdown(.notShowable(dataset: dataset.id, row: parts[1], value: "\(value)"))))
            return nothing
        }
        let figure = ChartFigure(dataset: dataset, language: language, strings: strings, elementId: "", csvURL: "")
        let text = figure.formatted(row: rowIndex, series: seriesIndex)
        return Placeholders.Value(html: "<data value=\"\(DatasetParser.formatNumber(value))\">\(escapeHTML(text))</data>", text: text)
    }

    /// `dataset` with the `{{…}}` of its texts (title, question, finding, notes, significance,
    /// source) replaced by their plain text, each language's in that language. Errors at the YAML text.
    func resolvingTexts(of dataset: Dataset, diagnostics: inout [Diagnostic]) -> Dataset {
        var copy = dataset
        func resolve(_ localized: Localized) -> Localized {
            resolved(localized, file: dataset.metadataFile, diagnostics: &diagnostics)
        }
        copy.title = resolve(copy.title)
        copy.question = copy.question.map(resolve)
        copy.finding = copy.finding.map(resolve)
        copy.notes = copy.notes.map(resolve)
        copy.significance = copy.significance.map(resolve)
        copy.source = copy.source.map(resolve)
        return copy
    }

    /// The site's title and description with their placeholders resolved.
    func resolvingTexts(of site: SiteConfig, diagnostics: inout [Diagnostic]) -> SiteConfig {
        var copy = site
        copy.title = resolved(site.title, file: site.file, diagnostics: &diagnostics)
        copy.description = resolved(site.description, file: site.file, diagnostics: &diagnostics)
        copy.publisher = site.publisher.map { resolved($0, file: site.file, diagnostics: &diagnostics) }
        return copy
    }

    /// A page's title and description (front matter) with their placeholders resolved.
    func resolvingTexts(of page: Page, diagnostics: inout [Diagnostic]) -> Page {
        var copy = page
        if page.title.utf8.contains(UInt8(ascii: "{")) {
            copy.title = resolvedText(
                page.title, in: page.language, startingAt: page.titleLocation ?? SourceLocation(file: page.file),
                diagnostics: &diagnostics)
        }
        if let description = page.description, description.utf8.contains(UInt8(ascii: "{")) {
            copy.description = resolvedText(
                description, in: page.language,
                startingAt: page.descriptionLocation ?? SourceLocation(file: page.file), diagnostics: &diagnostics)
        }
        return copy
    }

    /// `localized` with each language's placeholders resolved in that language.
    private func resolved(_ localized: Localized, file: String, diagnostics: inout [Diagnostic]) -> Localized {
        var localized = localized
        for (language, text) in localized.texts.sorted(by: { $0.key.code < $1.key.code }) where text.utf8.contains(UInt8(ascii: "{")) {
            localized[language] = resolvedText(
                text, in: language,
                startingAt: localized.locations[language] ?? SourceLocation(file: file), diagnostics: &diagnostics)
        }
        return localized
    }

    /// `text` with its placeholders replaced by their plain text; `start` is where the text
    /// begins in its file (placeholders are located from there, on the same line).
    func resolvedText(
        _ text: String, in language: Language, startingAt start: SourceLocation,
        diagnostics: inout [Diagnostic]
    ) -> String {
        var unused: Set<String> = []
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { bytes in
            var column = start.column, counted = 0
            func location(_ offset: Int) -> SourceLocation {
                for byte in bytes[counted..<offset] { column += SourceColumn.width(ofUTF8Byte: byte) }
                counted = offset
                return SourceLocation(file: start.file, line: start.line, column: column)
            }
            Placeholders.scan(bytes) { piece in
                switch piece {
                case let .text(range):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                case let .placeholder(at, expression):
                    let expression = String(decoding: UnsafeBufferPointer(rebasing: bytes[expression]), as: UTF8.self).trimmingWhitespace
                    output.append(
                        contentsOf: value(
                            expression, language: language, at: location(at),
                            diagnostics: &diagnostics, used: &unused
                        ).text.utf8)
                case let .singleBrace(at, expression, end):
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<end]))
                    diagnostics.append(
                        Placeholders.singleBraceWarning(
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[expression]), as: UTF8.self), at: location(at)))
                case let .unclosed(at):
                    diagnostics.append(
                        .error(location(at), .markdown(.placeholderUnclosed(excerpt: Placeholders.excerpt(bytes, from: at)))))
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
