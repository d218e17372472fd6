import Diagnostics
import Foundation
import RapportBase

/// What `rapport serve` keeps between its builds, in memory, for as long as it runs: the build
/// cache (a `.memory` build takes the pages it holds; after a build that succeeded, the entries
/// it did not use are dropped, so it holds one build's worth), and what the changed-page path
/// (`Pipeline.renderChanged`) needs of the last build that succeeded.
public final class MemoryCache: @unchecked Sendable {
    let store = BuildCache()
    private let lock = NSLock()
    private var kept: LastBuild?

    public init() {}

    /// The last build, when it succeeded (nil after a failed one: nothing to render against).
    var last: LastBuild? {
        get { lock.withLock { kept } }
        set { lock.withLock { kept = newValue } }
    }

    /// Whether a build succeeded since the last failed one (a changed page can be rendered alone).
    public var hasLastBuild: Bool { last != nil }
}

/// What the changed-page path keeps of a build that succeeded: its render context (the site,
/// strings, templates, datasets and navigation, shared, not copied), and what the site-wide
/// checks found of every page: their anchors, the datasets each uses, the files they link.
struct LastBuild: Sendable {
    let context: RenderContext
    let anchors: [Language: [String: Set<String>]]
    let pageDatasets: [Language: [String: Set<String>]]
    let usedFiles: Set<String>

    init(_ context: RenderContext, _ pages: RenderedPages) {
        self.context = context
        anchors = pages.anchors
        pageDatasets = pages.pageDatasets
        usedFiles = Set(pages.usedFiles.keys)
    }
}

extension Pipeline {
    /// The files of the chapter pages a save changed, rendered alone against the last build.
    public struct ChangedPages: Sendable {
        /// Each page's HTML, its charts' CSV files, pages and pictures.
        public var files: [OutputFile]
        /// The chapter files rendered (as the watcher gave them).
        public var sources: [String]
    }

    /// The preview's changed-page path: when every path changed is a chapter (`Content/<lang>/
    /// <name>.md`) of the last build that succeeded, whose front matter is as it was, whose chart
    /// blocks are the same, and which renders without any diagnostic (its links checked against
    /// the last build's anchors, the datasets it uses the same), these pages rendered alone
    /// against that build's render context: exactly what a full build makes of them, in a few
    /// milliseconds. nil otherwise (a dataset, a template, `site.yml`, a front matter changed;
    /// a mistake found): then only the full build tells. The full build always follows: it
    /// renders whatever else depends on the change (the whole report, search), and it wins.
    public func renderChanged(_ paths: [String]) -> ChangedPages? {
        guard case .memory = options.destination, let last = options.memoryCache?.last, !paths.isEmpty else { return nil }
        // As the full build: not started without a few free file descriptors.
        if let (open, limit) = Files.descriptors(), limit - open < Self.minimumFreeDescriptors { return nil }
        let context = last.context
        let output = SiteOutput(.memory)
        for path in paths {
            guard let old = changedPage(path, in: context), let page = reread(path, old: old, context: context) else { return nil }
            // The figure numbers of every page (FigureNumbers.swift) come from the chart blocks.
            guard Markdown.chartBlocks(page.body) == Markdown.chartBlocks(old.body) else { return nil }
            var (work, html, headings) = context.renderMarkdown(page)
            let (file, problems) = context.renderPage(page, html: html, headings: headings, image: work.socialImage)
            guard let file, problems.isEmpty, work.diagnostics.isEmpty, !work.dataErrors else { return nil }
            // What the site-wide checks would say of this page (CheckStage.site): its links to
            // headings, the datasets it uses (in one language only?), the files it links.
            let own = Set(work.headingIds).union(work.charts.map(\.id))
            for check in work.linkChecks {
                let known = check.page == page.name && check.language == page.language ? own : last.anchors[check.language]?[check.page]
                guard known?.contains(check.anchor) == true else { return nil }
            }
            guard work.datasetsUsed == last.pageDatasets[page.language]?[page.name] ?? [],
                Set(work.files.keys).isSubset(of: last.usedFiles)
            else { return nil }
            output.add(file)
            for csv in work.csvFiles { output.add(csv) }
            for chartFile in work.pageFiles { output.add(chartFile) }
            work.diagnostics = context.renderPictures(work.pictures, into: output)
            guard work.diagnostics.isEmpty else { return nil }
        }
        return ChangedPages(files: output.files, sources: paths)
    }

    /// The page of the last build that `path` (`<content>/<lang>/<name>.md`) is the file of.
    private func changedPage(_ path: String, in context: RenderContext) -> Page? {
        var rest: Substring?
        for root in [options.content.path, options.content.standardizedFileURL.path] where path.hasPrefix(root + "/") {
            rest = path.dropFirst(root.count + 1)
        }
        guard let rest else { return nil }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].hasSuffix(".md"), parts[1].count > 3,
            let language = context.site.languages.first(where: { $0.code == parts[0] }),
            let page = context.pageIndex[PageKey(language: language, name: String(parts[1].dropLast(3)))], !page.isPlaceholder
        else { return nil }
        return page
    }

    /// The chapter read again, resolved and typeset as the render context does; nil when it has
    /// a mistake, or its front matter differs from the last build's (the navigation, the other
    /// pages, the sitemap would change: a full build's work).
    private func reread(_ path: String, old: Page, context: RenderContext) -> Page? {
        var loader = ContentLoader(contentDirectory: options.content, display: Self.displayPath)
        loader.languages = context.site.languages
        guard let text = loader.readText(URL(fileURLWithPath: path)),
            var page = loader.parsePage(text, name: old.name, language: old.language, file: old.file), loader.diagnostics.items.isEmpty
        else { return nil }
        // A draft in another language makes this one a draft too (Drafts.swift).
        if old.isDraft, !page.isDraft, old.draftLocation == nil, page.draftLocation == nil { page.isDraft = true }
        var problems: [Diagnostic] = []
        page = Typography.apply(context.references.resolvingTexts(of: page, diagnostics: &problems))
        guard problems.isEmpty, page.bodyLineOffset == old.bodyLineOffset,
            CacheKeys.frontMatter(of: page) == CacheKeys.frontMatter(of: old)
        else { return nil }
        return page
    }
}
