import Diagnostics
import Foundation
import RapportBase

/// Stage 3: the loaded content rendered into the files of the site. One `RenderContext` is made
/// from the load stage's result; its generators then render every page (each file handed to
/// the output as soon as it is done, the whole report and search of each language with its
/// pages) and, after the site-wide checks over the pages, the files made from all of them.
struct RenderStage {
    let context: RenderContext

    /// nil when there is nothing to render: `site.yml` or a language's UI strings could not be
    /// read (reported while loading).
    init?(_ loaded: LoadedSite, content: URL, printedReports: URL?, pngStore: PNGStore? = nil, cache: BuildCache? = nil) {
        guard let site = loaded.site, loaded.strings.count == site.languages.count else { return nil }
        var chartBlocks: (@Sendable ([UInt8]) -> [String])?
        if let cache { chartBlocks = { cache.chartBlocks($0) } }
        context = RenderContext(
            site: site, strings: loaded.strings, pages: loaded.pages, datasets: loaded.datasets,
            invalidDatasets: loaded.invalidDatasets, facts: loaded.facts, templates: loaded.templates,
            contentFiles: ContentFiles(root: content, display: Pipeline.displayPath), printedReports: printedReports,
            drafts: loaded.drafts, pngStore: pngStore, chartBlocks: chartBlocks)
    }

    /// The chapter pages, their charts and CSV files, and each language's whole report and search;
    /// the pages `cache` holds are taken from it.
    func renderPages(into output: SiteOutput, cache: PageCache? = nil) -> RenderedPages {
        context.renderPages(into: output, cache: cache)
    }

    /// The cache of the chapter pages, with the keys of this build's inputs (CacheKeys.swift).
    func pageCache(_ store: BuildCache?, _ options: Pipeline.Options) -> PageCache? {
        guard let store else { return nil }
        let inputs = [
            options.content.standardizedFileURL.path, options.templates.standardizedFileURL.path,
            "base-url=\(options.baseURL ?? "")", "drafts=\(options.showDrafts)",
        ]
        let keys = CacheKeys(
            context: context, content: options.content, templates: options.templates, options: inputs, forgets: options.cacheForgets)
        return PageCache(store: store, keys: keys, forgets: options.cacheForgets)
    }

    /// The data pages (their citation files from `cache` when it has them), the language
    /// chooser, 404, sitemap and robots.txt.
    func renderSiteFiles(_ pages: RenderedPages, into output: SiteOutput, cache: PageCache? = nil) -> [Diagnostic] {
        context.renderSiteFiles(pages, into: output, cache: cache)
    }

    /// The images and files of `Content/` the pages and the theme use, each once, to be copied
    /// with the assets; an output that keeps its files gets them now (the preview serves them
    /// from memory).
    func contentFiles(_ pages: RenderedPages, into output: SiteOutput) -> [TemplateSet.Asset] {
        let used = pages.usedFiles.merging(context.themeFiles) { first, _ in first }
        let files = used.sorted { $0.key < $1.key }.map { TemplateSet.Asset(path: $0.key, source: $0.value) }
        if case .memory = output.target {
            for file in files {
                if case let .success(bytes) = Files.read(file.source, limit: .published) {
                    output.add(OutputFile(path: file.path, bytes: bytes))
                }
            }
        }
        return files
    }
}
