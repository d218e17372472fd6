import Diagnostics
import RapportBase
import SurveyData

/// The checks that need every page rendered: links to headings, charts and datasets in every
/// language, over the per-page results (RenderedPages). Each mistake is reported once, at the
/// place to change; what only follows from an error reported elsewhere (an unknown chart id, a
/// page that could not be read) is not.
struct SiteChecks {
    /// The site's languages (`site.languages`), the first the one the others are compared with.
    let site: SiteConfig
    let pages: [Page]
    let datasets: [String: Dataset]
    let rendered: RenderedPages
    /// Pages by "language/name".
    let pageIndex: [PageKey: Page]
    /// Datasets used by drafts left out of the build only (Drafts.swift): not reported unused.
    var draftDatasets: Set<String> = []
    var diagnostics = DiagnosticBag()

    private var linkChecks: [LinkCheck] { rendered.linkChecks }
    private var anchors: [Language: [String: Set<String>]] { rendered.anchors }
    private var headingOrder: [Language: [String: [String]]] { rendered.headingOrder }
    private var datasetUse: [String: Set<Language>] { rendered.datasetUse }
    private var pageDatasets: [Language: [String: Set<String>]] { rendered.pageDatasets }
    private var pagesWithDataErrors: [Language: Set<String>] { rendered.pagesWithDataErrors }
    private var chartOrder: [Language: [String: [ChartPlacement]]] { rendered.chartOrder }

    private func page(named name: String, _ language: Language) -> Page? { pageIndex[PageKey(language: language, name: name)] }

    mutating func checkLinks() {
        let placeholders = Set(pages.filter(\.isPlaceholder).map { "\($0.language)/\($0.name)" })
        for check in linkChecks
        where !(anchors[check.language]?[check.page]?.contains(check.anchor) ?? false)
            && !placeholders.contains("\(check.language)/\(check.page)")
        {
            let known = anchors[check.language]?[check.page] ?? []
            let headings = headingOrder[check.language]?[check.page] ?? []
            diagnostics.error(
                check.location,
                .link(
                    .missingHeading(
                        anchor: check.anchor, page: check.page, suggestion: closestMatch(to: check.anchor, in: known), headings: headings)))
        }
    }

    /// Datasets never placed are a warning; a chart placed in one language only, charts in
    /// another order, and a dataset quoted in one language only are errors.
    mutating func checkDatasetUse() {
        // Datasets whose use in one language only is already explained by an error.
        var explained: Set<String> = []
        // A page without its translation is reported as such: what it uses is not "in one
        // language only" as well.
        for page in pages where site.others(than: page.language).contains(where: { self.page(named: page.name, $0) == nil }) {
            explained.formUnion(pageDatasets[page.language]?[page.name] ?? [])
        }
        // Each language's page is compared with the page of the first language.
        let first = site.languages[0]
        for page in pages where page.language != first {
            guard let reference = self.page(named: page.name, first) else { continue }
            let expected = chartOrder[first]?[page.name] ?? []
            let placed = chartOrder[page.language]?[page.name] ?? []
            if page.isPlaceholder || reference.isPlaceholder || expected.contains(where: { $0.id == nil })
                || placed.contains(where: { $0.id == nil })
            {
                // One side is not known: its error is reported, and nothing is compared.
                explained.formUnion((expected + placed).compactMap(\.id))
                explained.formUnion(pageDatasets[first]?[page.name] ?? [])
                explained.formUnion(pageDatasets[page.language]?[page.name] ?? [])
                continue
            }
            explained.formUnion(comparePlacements(first: expected, other: placed, reference: reference, page: page))
        }
        for id in datasets.keys.sorted() {
            guard let dataset = datasets[id] else { continue }
            let use = datasetUse[id] ?? []
            if use.isEmpty, !draftDatasets.contains(id) {
                diagnostics.warning(SourceLocation(file: dataset.metadataFile), .markdown(.datasetUnused(id)))
            } else if !use.isEmpty, use.count < site.languages.count, !explained.contains(id) {
                let missing = site.languages.filter { !use.contains($0) && !isFollowUp(id, missingIn: $0, usedIn: use) }
                guard !missing.isEmpty else { continue }
                let users = site.languages.filter { use.contains($0) }.map(\.englishName)
                diagnostics.error(
                    SourceLocation(file: dataset.metadataFile),
                    .markdown(
                        .datasetInSomeLanguages(
                            id, users: users, missing: missing.map(\.englishName), languageCount: site.languages.count)))
            }
        }
    }

    /// Errors for the charts of one page that differ between its languages; the datasets they
    /// name (their use in one language only is the same mistake).
    private mutating func comparePlacements(
        first nl: [ChartPlacement], other fr: [ChartPlacement], reference: Page, page: Page
    ) -> Set<String> {
        let nlIds = nl.compactMap(\.id), frIds = fr.compactMap(\.id)
        guard nlIds != frIds else { return [] }
        var named: Set<String> = []
        for (here, there, language, other) in [(nl, frIds, reference.language, page), (fr, nlIds, page.language, reference)] {
            var left = there
            for placement in here {
                guard let id = placement.id else { continue }
                if let index = left.firstIndex(of: id) { left.remove(at: index); continue }
                named.insert(id)
                // With two languages, "in Dutch only"; with more, which language lacks it.
                diagnostics.error(
                    placement.location,
                    .markdown(
                        .chartInOneLanguage(
                            id: id, language: language.englishName, otherLanguage: other.language.englishName, otherFile: other.file,
                            languageCount: site.languages.count)))
            }
        }
        if named.isEmpty, let index = nlIds.indices.first(where: { frIds.indices.contains($0) && nlIds[$0] != frIds[$0] }) {
            diagnostics.error(
                fr[index].location,
                .markdown(
                    .chartOrder(
                        language: reference.language.englishName, here: frIds[index], there: nlIds[index], at: "\(nl[index].location)",
                        languageCount: site.languages.count)))
            named.formUnion(nlIds)
        }
        return named
    }

    /// Whether a dataset missing from `language` is missing because a page of that language
    /// that should use it had an error in its data references (reported there).
    private func isFollowUp(_ id: String, missingIn language: Language, usedIn present: Set<Language>) -> Bool {
        for other in present {
            for (name, used) in pageDatasets[other] ?? [:] where used.contains(id) {
                if pagesWithDataErrors[language]?.contains(name) == true { return true }
                if let translation = self.page(named: name, language), translation.isPlaceholder { return true }
            }
        }
        return false
    }
}
