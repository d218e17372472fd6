import Diagnostics
import RapportBase
import SVGCharts
import SurveyData

/// Quoting the study's facts (`{{study:answered}}`) in chapters, dataset texts and `site.yml`.
enum QuotedFacts {
    /// A fact as the page writes it, or the diagnostic when there is no such fact.
    static func fact(
        _ parts: [String], facts: StudyFacts, language: Language, at location: SourceLocation
    ) -> Result<(text: String, machine: String?, isDate: Bool), Diagnostic>? {
        guard parts.count == 2 else {
            return .failure(
                .error(location, .markdown(.factWithTooManyParts(expression: parts.joined(separator: ":")))))
        }
        guard let text = facts.formatted(parts[1], language: language) else {
            if facts.isIncomplete { return nil }
            let file = facts.file ?? "Content/data/study.yml"
            let known = facts.facts.keys.sorted()
            return .failure(
                .error(
                    location, .markdown(.noFact(file: file, fact: parts[1], suggestion: closestMatch(to: parts[1], in: known), known: known))))
        }
        var isDate = false
        if case .date? = facts.facts[parts[1]]?.value { isDate = true }
        return .success((text, facts.machineValue(parts[1]), isDate))
    }

    /// `{{study:answered}}` in a chapter, as HTML: `<data value="162">162</data>`, a date as `<time>`.
    static func html(
        _ parts: [String], facts: StudyFacts, language: Language, at location: SourceLocation
    ) -> (html: String, problem: Diagnostic?) {
        switch fact(parts, facts: facts, language: language, at: location) {
        case nil: return ("", nil)
        case let .failure(problem)?: return ("", problem)
        case let .success(value)?:
            guard let machine = value.machine else { return (escapeHTML(value.text), nil) }
            let (tag, attribute) = value.isDate ? ("time", "datetime") : ("data", "value")
            return ("<\(tag) \(attribute)=\"\(escapeHTML(machine))\">\(escapeHTML(value.text))</\(tag)>", nil)
        }
    }
}
