import RapportBase
import SurveyData

/// Typography for the texts that do not come from Markdown: UI strings, the site's and pages'
/// titles and descriptions (once per build, in RenderContext.init), and every reader-facing text
/// of a dataset (per chart, in the page's language: chart titles, labels, notes, the SVG's
/// `<title>`/`<desc>`, table cells). SVGCharts stays a leaf module: it receives finished text.
/// The CSV downloads keep the texts as written.
extension Typography {
    static func apply(_ text: Localized) -> Localized {
        var text = text
        for (language, value) in text.texts { text[language] = apply(value, language) }
        return text
    }

    /// `text` with the typography of `language` in that language only (the others are not shown).
    static func apply(_ text: Localized, _ language: Language) -> Localized {
        var text = text
        if let value = text.texts[language] { text[language] = apply(value, language) }
        return text
    }

    static func apply(_ strings: Strings, _ language: Language) -> Strings {
        var strings = strings
        for (key, value) in strings.values { strings.values[key] = apply(value, language) }
        return strings
    }

    static func apply(_ site: SiteConfig) -> SiteConfig {
        var site = site
        site.title = apply(site.title)
        site.description = apply(site.description)
        site.publisher = site.publisher.map { apply($0) }
        return site
    }

    static func apply(_ page: Page) -> Page {
        var page = page
        page.title = apply(page.title, page.language)
        page.description = page.description.map { apply($0, page.language) }
        return page
    }

    /// Every text of the dataset a reader sees, in `language` (a chart is drawn in one); keys,
    /// marks and the editors' `why` stay as written.
    static func apply(_ dataset: Dataset, _ language: Language) -> Dataset {
        var dataset = dataset
        dataset.title = apply(dataset.title, language)
        dataset.question = dataset.question.map { apply($0, language) }
        dataset.finding = dataset.finding.map { apply($0, language) }
        dataset.source = dataset.source.map { apply($0, language) }
        dataset.significance = dataset.significance.map { apply($0, language) }
        dataset.notes = dataset.notes.map { apply($0, language) }
        for index in dataset.series.indices { dataset.series[index].label = apply(dataset.series[index].label, language) }
        for index in dataset.rows.indices { dataset.rows[index].label = apply(dataset.rows[index].label, language) }
        return dataset
    }
}
