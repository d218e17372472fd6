import SurveyData

/// Typography applied once per build to the texts that do not come from Markdown: UI strings,
/// the site's and pages' titles and descriptions, and every reader-facing text of a dataset (so
/// chart titles, labels, notes, the SVG's `<title>`/`<desc>`, table cells and CSV headers all
/// get it). SVGCharts stays a leaf module: it receives finished text.
extension Typography {
    static func apply(_ text: Localized) -> Localized {
        Localized(nl: apply(text.nl, .nl), fr: apply(text.fr, .fr))
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
        return site
    }

    static func apply(_ page: Page) -> Page {
        var page = page
        page.title = apply(page.title, page.language)
        page.description = page.description.map { apply($0, page.language) }
        return page
    }

    /// Every text of the dataset a reader sees; keys, marks and the editors' `why` stay as written.
    static func apply(_ dataset: Dataset) -> Dataset {
        var dataset = dataset
        dataset.title = apply(dataset.title)
        dataset.question = dataset.question.map { apply($0) }
        dataset.finding = dataset.finding.map { apply($0) }
        dataset.source = dataset.source.map { apply($0) }
        dataset.significance = dataset.significance.map { apply($0) }
        dataset.notes = dataset.notes.map { apply($0) }
        for index in dataset.series.indices { dataset.series[index].label = apply(dataset.series[index].label) }
        for index in dataset.rows.indices { dataset.rows[index].label = apply(dataset.rows[index].label) }
        return dataset
    }
}
