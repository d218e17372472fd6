import Diagnostics
import SVGCharts
import SurveyData

/// Quoting the study's facts (`{{study:answered}}`) in chapters, and facts and dataset values in
/// the plain texts of `site.yml` (its description).
enum QuotedFacts {
    /// A fact as the page writes it, or the diagnostic when there is no such fact.
    static func fact(_ parts: [String], facts: StudyFacts, language: Language, at location: SourceLocation) -> Result<(text: String, machine: String?, isDate: Bool), Diagnostic>? {
        guard parts.count == 2 else {
            return .failure(.error(location, "\"{{\(parts.joined(separator: ":"))}}\" has one part too many",
                                   fix: "write {{study:<fact>}}, e.g. {{study:answered}}"))
        }
        guard let text = facts.formatted(parts[1], language: language) else {
            if facts.isIncomplete { return nil }
            let file = facts.file ?? "Content/data/study.yml"
            let known = facts.facts.keys.sorted()
            let hint = closestMatch(to: parts[1], in: known).map { "did you mean {{study:\($0)}}?" }
            return .failure(.error(location, "\(file) has no fact \"\(parts[1])\"",
                                   fix: hint ?? (known.isEmpty ? "add \(parts[1]): <value> to \(file)" : "facts: \(known.joined(separator: ", "))")))
        }
        var isDate = false
        if case .date? = facts.facts[parts[1]]?.value { isDate = true }
        return .success((text, facts.machineValue(parts[1]), isDate))
    }

    /// `{{study:answered}}` in a chapter, as HTML: `<data value="162">162</data>`, a date as `<time>`.
    static func html(_ parts: [String], facts: StudyFacts, language: Language, at location: SourceLocation) -> (html: String, problem: Diagnostic?) {
        switch fact(parts, facts: facts, language: language, at: location) {
        case nil: return ("", nil)
        case let .failure(problem)?: return ("", problem)
        case let .success(value)?:
            guard let machine = value.machine else { return (escapeHTML(value.text), nil) }
            let (tag, attribute) = value.isDate ? ("time", "datetime") : ("data", "value")
            return ("<\(tag) \(attribute)=\"\(escapeHTML(machine))\">\(escapeHTML(value.text))</\(tag)>", nil)
        }
    }

    /// Replaces every `{{study:…}}` and `{{dataset:row[:series]}}` of a plain text (one line of
    /// YAML starting at `location`) by its value in `language`.
    static func substitute(_ text: String, language: Language, facts: StudyFacts, datasets: [String: Dataset],
                           invalid: Set<String>, at location: SourceLocation) -> (String, [Diagnostic]) {
        guard text.contains("{{") else { return (text, []) }
        var out = "", problems: [Diagnostic] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            let expression = String(rest[open.upperBound..<close.lowerBound])
            let offset = text.distance(from: text.startIndex, to: open.lowerBound)
            let here = SourceLocation(file: location.file, line: location.line, column: location.column + offset)
            let (value, problem) = self.value(expression, language: language, facts: facts, datasets: datasets, invalid: invalid, at: here)
            out += value
            if let problem { problems.append(problem) }
            rest = rest[close.upperBound...]
        }
        return (out + rest, problems)
    }

    private static func value(_ expression: String, language: Language, facts: StudyFacts, datasets: [String: Dataset],
                              invalid: Set<String>, at location: SourceLocation) -> (String, Diagnostic?) {
        guard let reference = Reference(expression) else {
            return ("", .error(location, "\"{{\(expression)}}\" is not a reference", fix: "write {{study:<fact>}} or {{dataset:row[:series]}}"))
        }
        if reference.isStudyFact {
            let parts = [reference.source, reference.key] + (reference.series.map { [$0] } ?? [])
            switch fact(parts, facts: facts, language: language, at: location) {
            case nil: return ("", nil)
            case let .failure(problem)?: return ("", problem)
            case let .success(value)?: return (value.text, nil)
            }
        }
        guard let dataset = datasets[reference.source] else {
            if invalid.contains(reference.source) { return ("", nil) }
            return ("", .error(location, "unknown dataset \"\(reference.source)\"",
                               fix: closestMatch(to: reference.source, in: datasets.keys).map { "did you mean \"\($0)\"?" }))
        }
        guard let row = dataset.rows.firstIndex(where: { $0.key == reference.key }) else {
            return ("", .error(location, "dataset \"\(dataset.id)\" has no row \"\(reference.key)\"",
                               fix: closestMatch(to: reference.key, in: dataset.rows.map(\.key)).map { "did you mean \"\($0)\"?" }))
        }
        let series = reference.series.flatMap { key in dataset.series.firstIndex { $0.key == key } } ?? (reference.series == nil ? 0 : nil)
        guard let series, let value = dataset.rows[row].values[series] else {
            return ("", .error(location, "\(reference) has no value", fix: "name a series of \(dataset.id) with a value"))
        }
        let locale: ChartLocale = language == .nl ? .nlBE : .frBE
        return (NumberFormat.format(value, unit: dataset.unit(ofRow: row), decimals: dataset.decimals(ofRow: row), locale: locale), nil)
    }
}

extension SiteConfig {
    /// The config with `{{study:…}}` and `{{dataset:row}}` in its description replaced by their values.
    func quotingFacts(_ facts: StudyFacts, datasets: [String: Dataset], invalid: Set<String>) -> (SiteConfig, [Diagnostic]) {
        var config = self, problems: [Diagnostic] = []
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            let location = descriptionLocations[language] ?? SourceLocation(file: file)
            let (text, found) = QuotedFacts.substitute(description[language], language: language, facts: facts,
                                                       datasets: datasets, invalid: invalid, at: location)
            texts[language] = text
            problems += found
        }
        config.description = Localized(nl: texts[.nl] ?? "", fr: texts[.fr] ?? "")
        return (config, problems)
    }
}
