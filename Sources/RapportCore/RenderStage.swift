import Diagnostics
import Foundation
import RapportBase

/// Stage 3: the loaded content rendered into the files of the site (SiteRenderer and its
/// files, one per job): first every page, each file handed to the output as soon as it is done;
/// then, after the site-wide checks over the pages, the files made from all of them.
struct RenderStage {
    private(set) var renderer: SiteRenderer

    /// nil when there is nothing to render: `site.yml` or a language's UI strings could not be
    /// read (reported while loading).
    init?(_ loaded: LoadedSite, content: URL, printedReports: URL?) {
        guard let site = loaded.site, loaded.strings.count == site.languages.count else { return nil }
        renderer = SiteRenderer(
            site: site, strings: loaded.strings, pages: loaded.pages, datasets: loaded.datasets,
            invalidDatasets: loaded.invalidDatasets, facts: loaded.facts, templates: loaded.templates)
        renderer.contentFiles = ContentFiles(root: content, display: Pipeline.displayPath)
        renderer.printedReports = printedReports
    }

    mutating func renderPages(into output: SiteOutput) -> RenderedPages { renderer.renderPages(into: output) }

    mutating func renderSiteFiles(_ pages: RenderedPages, into output: SiteOutput) { renderer.renderSiteFiles(pages, into: output) }

    /// The images and files of `Content/` the pages use, each once, to be copied with the
    /// assets; an output that keeps its files gets them now (the preview serves them from memory).
    func contentFiles(into output: SiteOutput) -> [TemplateSet.Asset] {
        let files = renderer.usedFiles.sorted { $0.key < $1.key }.map { TemplateSet.Asset(path: $0.key, source: $0.value) }
        if case .memory = output.target {
            for file in files {
                if let bytes = Files.read(file.source) { output.add(OutputFile(path: file.path, bytes: bytes)) }
            }
        }
        return files
    }

    /// What rendering found.
    var diagnostics: [Diagnostic] { renderer.diagnostics.items }
}
