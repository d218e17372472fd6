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
                .error(
                    location, "\"{{\(parts.joined(separator: ":"))}}\" has one part too many",
                    fix: "write {{study:<fact>}}, e.g. {{study:answered}}"))
        }
        guard let text = facts.formatted(parts[1], language: language) else {
            if facts.isIncomplete { return nil }
            let file = facts.file ?? "Content/data/study.yml"
            let known = facts.facts.keys.sorted()
            let hint = didYouMean(closestMatch(to: parts[1], in: known)) { "{{study:\($0)}}" }
            return .failure(
                .error(
                    location, "\(file) has no fact \"\(parts[1])\"",
                    fix: hint ?? (known.isEmpty ? "add \(parts[1]): <value> to \(file)" : "facts: \(known.joined(separator: ", "))")))
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
