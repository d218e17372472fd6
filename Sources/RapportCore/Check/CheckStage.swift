import Diagnostics
import RapportBase

/// Stage 2: the checks that need more than one file. Each file's own mistakes were reported
/// while loading; what needs all of the content (a page and its translation, chapter orders,
/// slugs) is checked before rendering, so a build with such a mistake never opens its output
/// folder; what needs every page rendered (links to headings, charts and datasets in every
/// language) is checked over the per-page results (SiteChecks.swift).
enum CheckStage {
    /// The checks of the loaded content.
    static func content(_ loaded: LoadedSite, strictTranslations: Bool = false, cache: BuildCache? = nil) -> [Diagnostic] {
        var checks = PageChecks(languages: loaded.languages)
        // In the order the chapter files were found (by file name), as a slug's first page is.
        let pages = loaded.pages.sorted { $0.file < $1.file }
        checks.checkPairs(pages)
        checks.checkSlugs(pages)
        checks.checkOrders(pages)
        return checks.diagnostics.items + translations(loaded, strict: strictTranslations, cache: cache)
    }

    /// A translation whose source changed since it was marked done (Translations/): a warning
    /// (an error with `--strict`) at the translated file. Nothing without a record.
    static func translations(_ loaded: LoadedSite, strict: Bool, cache: BuildCache? = nil) -> [Diagnostic] {
        guard let record = loaded.translations else { return [] }
        return TranslationUnit.all(loaded, root: loaded.contentRoot, cache: cache).compactMap {
            TranslationStatus($0, record: record).diagnostic(strict: strict)
        }
    }

    /// The site-wide checks over what rendering every page produced.
    static func site(_ rendered: RenderedPages, in context: RenderContext) -> [Diagnostic] {
        var checks = SiteChecks(
            site: context.site, pages: context.pages, datasets: context.datasets, rendered: rendered, pageIndex: context.pageIndex,
            draftDatasets: Drafts.datasets(usedBy: context.drafts, among: context.datasets.keys))
        checks.checkLinks()
        checks.checkDatasetUse()
        // The SVG files the site publishes (images, documents, the logo): none may hold a script.
        if let files = context.contentFiles {
            checks.diagnostics.append(
                contentsOf: SVGScripts.check(rendered.usedFiles.merging(context.themeFiles) { first, _ in first }, shown: files.shown))
        }
        return checks.diagnostics.items
    }
}

/// Pages in every language, their orders and slugs.
struct PageChecks {
    /// The site's languages, in the order of `site.yml`.
    let languages: [Language]
    var diagnostics = DiagnosticBag()

    func position(of language: Language) -> Int { languages.firstIndex(of: language) ?? languages.count }

    /// Pages pair by file name: a page missing in a language is an error naming that language,
    /// at the page of the first language that has it. A translation saved under a translated
    /// file name (`fr/membres.md` beside `nl/leden.md`) is one error, with the rename.
    mutating func checkPairs(_ pages: [Page]) {
        let byLanguage = Dictionary(grouping: pages, by: \.language).mapValues { Set($0.map(\.name)) }
        var reported = Set<String>()
        for (page, original) in translatedNames(pages, byLanguage: byLanguage) {
            reported.formUnion([page.name, original.name])
            let folder = page.file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            let renamed = (folder.isEmpty ? "" : folder + "/") + original.name + ".md"
            diagnostics.error(
                SourceLocation(file: page.file),
                .page(
                    .unpaired(
                        page: page.name, language: page.language.englishName, other: original.name,
                        otherLanguage: original.language.englishName, file: page.file, renamed: renamed, slug: page.slug,
                        slugWritten: page.slugLocation != nil)))
        }
        // A draft may lack its translations (Drafts.swift).
        for page in pages.sorted(by: { position(of: $0.language) < position(of: $1.language) })
        where !reported.contains(page.name) && !page.isDraft {
            let missing = languages.filter { !(byLanguage[$0]?.contains(page.name) ?? false) }
            guard !missing.isEmpty else { continue }
            reported.insert(page.name)
            let present = languages.filter { !missing.contains($0) }
            diagnostics.error(
                SourceLocation(file: page.file),
                .page(.missingTranslation(page: page.name, present: present.map(\.englishName), missing: missing.map(\.named))))
        }
    }

    /// Pages that are each other's translation under two file names: a chapter in one language
    /// only, and one in another language only with the same `order` (the one place in the
    /// navigation both were given). Each pair once, as (the page to rename, the page whose name
    /// it takes: the one in the language listed first).
    func translatedNames(_ pages: [Page], byLanguage: [Language: Set<String>]) -> [(Page, Page)] {
        func missing(_ page: Page, in language: Language) -> Bool { !(byLanguage[language]?.contains(page.name) ?? false) }
        let alone = pages.filter { page in !page.isHome && !page.isDraft && languages.contains { $0 != page.language && missing(page, in: $0) } }
        var pairs: [(Page, Page)] = []
        var taken = Set<String>()
        for page in alone.sorted(by: { position(of: $0.language) > position(of: $1.language) }) {
            guard let order = page.declaredOrder, !taken.contains(page.file) else { continue }
            let matches = alone.filter {
                $0.declaredOrder == order && position(of: $0.language) < position(of: page.language) && missing(page, in: $0.language)
                    && missing($0, in: page.language) && !taken.contains($0.file)
            }
            guard matches.count == 1, let original = matches.first else { continue }
            taken.formUnion([page.file, original.file])
            pairs.append((page, original))
        }
        return pairs
    }

    mutating func checkSlugs(_ pages: [Page]) {
        for language in languages {
            var seen: [String: Page] = [:]
            for page in pages where page.language == language && !page.isHome {
                if page.slug == RenderContext.dataFolder {
                    // The folder of the CSV files and the data page (DataPage.swift).
                    diagnostics.error(
                        page.slugLocation ?? SourceLocation(file: page.file),
                        .page(.slugOfDataPage(page.slug, language: language.code, slugWritten: page.slugLocation != nil)))
                    continue
                }
                if let first = seen[page.slug] {
                    diagnostics.error(
                        page.slugLocation ?? SourceLocation(file: page.file),
                        .page(.duplicateSlug(page.slug, language: language.englishName, otherFile: first.file)))
                } else {
                    seen[page.slug] = page
                }
            }
        }
    }

    /// `order` places a chapter in the navigation: every chapter has one, the same in every
    /// language, and no two chapters of a language share one.
    mutating func checkOrders(_ pages: [Page]) {
        let chapters = pages.filter { !$0.isHome && !$0.isPlaceholder }
        var byName: [Language: [String: Page]] = [:]
        for page in chapters { byName[page.language, default: [:]][page.name] = page }
        /// The page in the first language of the site that has it (the reference for the others).
        func reference(for page: Page) -> Page? {
            languages.lazy.compactMap { byName[$0]?[page.name] }.first
        }
        func translations(of page: Page) -> [Page] {
            languages.filter { $0 != page.language }.compactMap { byName[$0]?[page.name] }
        }

        for page in chapters where page.orderLocation == nil {
            let example = translations(of: page).lazy.compactMap { other in other.declaredOrder.map { ($0, other.file) } }.first
            diagnostics.error(
                page.frontMatterLocation ?? SourceLocation(file: page.file),
                .page(.missingOrder(exampleOrder: example?.0, exampleFile: example?.1)))
        }
        // A page whose languages disagree is one error, in the file of each language that differs
        // from the first language's; it is left out of the search for duplicates (which of its
        // numbers is meant is not known).
        var disagreeing: Set<String> = []
        for page in chapters {
            guard let order = page.declaredOrder, let first = reference(for: page), first.language != page.language,
                let other = first.declaredOrder, order != other
            else { continue }
            disagreeing.insert(page.name)
            diagnostics.error(
                page.orderLocation ?? SourceLocation(file: page.file),
                .page(
                    .orderDiffers(
                        order: order, firstLanguage: first.language.englishName, other: other,
                        otherAt: first.orderLocation.map { "\($0)" } ?? first.file, languageCount: languages.count)))
        }
        for language in languages {
            var first: [Int: Page] = [:]
            let ordered = chapters.filter { $0.language == language && $0.declaredOrder != nil && !disagreeing.contains($0.name) }
                .sorted { $0.name < $1.name }
            for page in ordered {
                guard let order = page.declaredOrder else { continue }
                if let earlier = first[order] {
                    diagnostics.error(
                        page.orderLocation ?? SourceLocation(file: page.file),
                        .page(.duplicateOrder(order, language: language.englishName, otherFile: earlier.file)))
                } else {
                    first[order] = page
                }
            }
        }
    }
}
