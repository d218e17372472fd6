import Foundation
import RapportBase

/// "Cite this chart" under a figure, in the page's language: the publisher (site.yml
/// `publisher`), the year (`published`, else the year of `updated`), the chart's title, the study (the site's title) and
/// the chart's absolute address.
///
///     Koning Boudewijnstichting (2026). Hoe vaak komt het voor? In: Patiëntenverenigingen in België 2023.
///     Fondation Roi Baudouin (2026). À quelle fréquence ? Dans : Les associations de patients en Belgique 2023.
///
/// Every part is already typeset (typography of site.yml, the dataset and the UI strings); the
/// address is kept apart so that no typography ever touches it.
struct ChartCitation {
    var publisher: String?
    var year: Int?
    var study: String
    /// `https://…/nl/financien/#chart-challenge-frequency`.
    var url: String

    init(site: SiteConfig, language: Language, pageURL: String, elementId: String) {
        publisher = site.publisher?[language]
        year = site.published ?? site.updated?.year
        study = site.title[language]
        url = pageURL + "#" + elementId
    }

    /// The reference without its address.
    func text(title: String, strings: Strings) -> String {
        let year = year.map(String.init) ?? strings[.chartCiteNoDate]
        var parts: [String] = []
        if let publisher, !publisher.isEmpty { parts.append("\(publisher) (\(year)).") } else { parts.append("(\(year)).") }
        parts.append(Self.sentence(title))
        parts.append(Self.sentence("\(strings[.chartCiteIn]) \(study)"))
        return parts.joined(separator: " ")
    }

    /// `text` ending in a full stop unless it ends in a sign that closes a sentence already.
    static func sentence(_ text: String) -> String {
        let trimmed = CitationRecord.trimmed(text)
        guard let last = trimmed.last else { return trimmed }
        return ".?!…".contains(last) ? trimmed : trimmed + "."
    }
}
