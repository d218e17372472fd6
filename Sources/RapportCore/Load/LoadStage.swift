import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// Everything a build reads, as typed values that remember where they came from.
struct LoadedSite {
    /// nil when `site.yml` is missing or wrong (reported).
    var site: SiteConfig?
    /// The site's languages (`site.yml`'s `languages`; today's nl and fr when it cannot be read).
    var languages: [Language]
    /// UI strings by language, the study's texts of `site.yml` added.
    var strings: [Language: Strings]
    /// The pages to render: without drafts for `rapport build`, with them (marked) for the preview.
    var pages: [Page]
    /// Drafts left out of the build, by "language/name" (Drafts.swift).
    var drafts: [PageKey: Page] = [:]
    var datasets: [String: Dataset]
    /// Datasets that exist but have errors (already reported): using them is not an error again.
    var invalidDatasets: Set<String>
    var facts: StudyFacts
    var templates: TemplateSet
    /// `Content/translations.yml` (Translations/), nil when the study has none; how the content
    /// folder is shown in diagnostics, with its "/".
    var translations: TranslationRecord?
    var contentRoot = ""
    /// What each file gets wrong on its own.
    var diagnostics: [Diagnostic]
}

/// Stage 1: reads `site.yml`, the UI strings, the chapters, the datasets and the templates.
struct LoadStage {
    let content: URL
    let templates: URL
    /// Replaces site.yml's `baseURL` (`--base-url`).
    let baseURL: String?
    let display: @Sendable (URL) -> String
    /// Drafts are rendered (with their band), not left out: the preview.
    var showDrafts = false
    /// The build cache: datasets as parsed (DatasetLoader.cache), the translation record as read.
    var cache: BuildCache?

    func run(_ clock: inout StageClock) -> LoadedSite {
        var diagnostics: [Diagnostic] = []
        var loader = ContentLoader(contentDirectory: content, display: display)
        var site = loader.loadSite()
        if let baseURL, var given = site {
            switch Pipeline.parseBaseURL(baseURL, named: "--base-url") {
            case let .success(parsed):
                (given.origin, given.basePath, given.baseURL) = (parsed.origin, parsed.path, parsed.origin + parsed.path)
                site = given
            case let .failure(problem): diagnostics.append(.error(SourceLocation(file: "--base-url"), problem))
            }
        }
        var strings = loader.loadStrings()
        if let site { strings = site.study.adding(to: strings) }
        let drafts = Drafts(loader.loadPages(), languages: loader.languages, show: showDrafts)
        diagnostics.append(contentsOf: loader.diagnostics.items + drafts.diagnostics)
        clock.lap("load pages")
        var datasetLoader = DatasetLoader(
            directory: content.appendingPathComponent("data"), within: content, languages: loader.languages, display: display)
        datasetLoader.cache = cache
        let (datasets, dataProblems, invalidDatasets, facts) = datasetLoader.loadWithFacts()
        diagnostics.append(contentsOf: dataProblems)
        clock.lap("load datasets")
        var (templateSet, templateProblems) = TemplateSet.load(from: templates, display: display)
        diagnostics.append(contentsOf: templateProblems)
        // Every name every template uses, against what its context declares (ContextCheck.swift);
        // without site.yml (reported) its texts are not among the UI strings: `t_…` unchecked.
        let uiStringKeys = site == nil || strings.isEmpty ? nil : Set(strings.values.flatMap(\.values.keys))
        diagnostics.append(contentsOf: templateSet.checkContexts(uiStrings: uiStringKeys))
        clock.lap("load templates")
        let (record, recordProblems) = TranslationRecord.read(content: content, display: display, cache: cache)
        diagnostics.append(contentsOf: recordProblems)
        var loaded = LoadedSite(
            site: site, languages: loader.languages, strings: strings, pages: drafts.pages, drafts: drafts.heldBack, datasets: datasets,
            invalidDatasets: invalidDatasets, facts: facts, templates: templateSet, diagnostics: diagnostics)
        loaded.translations = record
        loaded.contentRoot = display(content) + "/"
        return loaded
    }
}
