import Diagnostics
import Foundation
import RapportBase

/// Rapport's whole build, stage by stage. Read this file first.
///
///     Content/site.yml ─┐
///     Content/i18n/*    ├─ 1. load ──▶ 2. check ──▶ 3. render ──▶ 4. write ──▶ Destination
///     Content/<lang>/*.md│   (typed values     (all of the      (Markdown via     (a folder, swapped
///     Content/data/**   │    with locations,   content, then    cmark-gfm,        in only when all
///     Templates/**     ─┘    each file's own   every page's     charts via        went well; memory;
///                            mistakes)         links, charts)   SVGCharts,        or nothing)
///                                                               Mustache)
///
/// Every stage adds to one list of diagnostics; the site is written only when there is no error.
public struct Pipeline {
    /// Where a build's files go.
    public enum Destination: Sendable {
        /// `rapport build`: the site replaces this folder as a whole, and only when the build
        /// succeeded (SiteWriter.swift); the numbers of the build are kept beside it.
        case folder(URL)
        /// The preview and the tests: every file kept, in `Result.files`.
        case memory
        /// `rapport check`: everything rendered and counted, nothing kept or written.
        case validateOnly

        /// The output folder, for a `.folder` destination.
        public var folder: URL? { if case let .folder(url) = self { url } else { nil } }
    }

    public struct Options: Sendable {
        public var content: URL
        public var templates: URL
        public var destination: Destination
        /// Where `rapport pdf` leaves the printed whole reports (FullReport.swift): by default
        /// beside a `.folder` destination; none for the others unless given.
        public var printedReports: URL?
        /// Told when the build must wait for another build writing the same output folder.
        public var waiting: (@Sendable (String) -> Void)?
        /// How long a build waits for another one writing the same output folder before it
        /// gives up with an error (nil: as long as it takes).
        public var waitLimit: Duration? = .seconds(600)
        /// `--base-url`: the site's `baseURL` for this build only (staging), instead of site.yml's.
        public var baseURL: String?
        /// Drafts (`draft: true`) are rendered with a "draft" band instead of left out: the preview.
        public var showDrafts = false
        /// `--strict`: a translation behind its source is an error, not a warning (CI before publishing).
        public var strict = false
        /// The build cache beside a `.folder` destination (`.Public.cache/`, Cache/BuildCache.swift);
        /// false: `--no-cache`, everything rendered anew (the cache is neither read nor changed).
        public var useCache = true
        /// The charts' PNG pictures (downloads and `og:image`); false: `--no-pictures`, a build
        /// without them (no PNG file, no link to one), for a quick build of a large study.
        public var pictures = true
        /// The preview's build cache, kept in memory for its life (Pipeline+Changed.swift): a
        /// `.memory` build takes the pages it holds, and leaves it what the changed-page path needs.
        public var memoryCache: MemoryCache?
        /// False: built even when nothing changed since the last build (Cache/UpToDate.swift;
        /// the tests of what a full rebuild writes).
        public var skipsWhenUpToDate = true
        /// The property test's cache that forgets one dependency on purpose.
        var cacheForgets: CacheDependency?

        public init(content: URL, templates: URL, destination: Destination, printedReports: URL? = nil) {
            self.content = content
            self.templates = templates
            self.destination = destination
            self.printedReports = printedReports ?? destination.folder.map(Pipeline.printedReports(beside:))
        }
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic]
        public var pages: [Language: Int]
        /// The site's languages, in the order of `site.yml`.
        public var languages: [Language] = Language.fallback
        public var charts: Int
        public var seconds: Double
        /// Set when writing failed for a reason outside the content.
        public var failure: BuildFailure?
        /// The rendered files, sorted by path, for a `.memory` destination (a build writes each
        /// file as it is rendered and keeps none).
        public var files: [OutputFile]
        /// How many files were rendered, and their bytes (assets not included).
        public var written: (files: Int, bytes: Int)
        /// Seconds spent in each stage, in order (`rapport build --timings`).
        public var phases: [(name: String, seconds: Double)]
        /// Every number of the site (nil when the build failed), and what changed since the last
        /// `rapport build` into the same output folder: the lines it ends with.
        public var values: ValueSnapshot?
        public var changes: [String] = []
        /// Chapter pages taken from the build cache, and rendered anew, in this build.
        public var cachedPages = (hits: 0, misses: 0)
        /// The charts' pictures (PNGStore): drawn in this build, taken from the store, and of
        /// those, checked whole because their file changed since a build checked it.
        public var pictures = (drawn: 0, stored: 0, checked: 0)
        /// Nothing was built: nothing changed since the last build (Cache/UpToDate.swift).
        public var upToDate = false

        /// Set when a file or folder could not be opened because the process or the system ran
        /// out of file descriptors: the build saw less than the study holds, so it failed
        /// (`failure` says why) without reporting what it could not read as the study's mistakes.
        public var outOfDescriptors = false

        public var succeeded: Bool { failure == nil && !diagnostics.contains { $0.severity == .error } }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    public func run() -> Result {
        var clock = StageClock()
        var diagnostics = DiagnosticBag()
        let shortages = Files.descriptorShortages
        // Too few file descriptors to read the study: not even started (with one or two free,
        // the system's thread pool itself cannot start, and stops the program).
        if let (open, limit) = Files.descriptors(), limit - open < Self.minimumFreeDescriptors {
            var result = Result(
                diagnostics: [], pages: [:], charts: 0, seconds: clock.total,
                failure: Self.descriptorShortage("ulimit -n \(limit), \(open) open"), files: [], written: (0, 0), phases: [])
            result.outOfDescriptors = true
            return result
        }
        // No content folder: no study here. One line, not an error per file not found.
        if let noStudy = Self.noStudy(content: options.content) {
            return Result(
                diagnostics: [], pages: [:], charts: 0, seconds: clock.total, failure: noStudy, files: [], written: (0, 0),
                phases: [], values: nil)
        }

        // 0. Nothing changed since the last build, and its output is as it left it
        //    (Cache/UpToDate.swift): said so, and nothing is touched.
        let upToDate = UpToDate(options)
        if let upToDate {
            if let unchanged = Self.unchanged(upToDate, options, clock) { return unchanged }
            clock.lap("compare with the last build")
        }

        // 1. Load: every input becomes a typed value that remembers where it came from, with
        //    what each file gets wrong on its own.
        // The build cache (Cache/): what an earlier build made from the same inputs (its key: a
        // digest of exactly them) is taken from it instead of made again: parsed datasets, the
        // translation record and the sections it is checked against, chapter pages, citation
        // files. Read from now on; written once the output is locked.
        var cache: BuildCache?
        if let folder = options.destination.folder, options.useCache { cache = BuildCache(beside: folder) }
        if case .memory = options.destination, options.useCache { cache = options.memoryCache?.store }
        var load = LoadStage(
            content: options.content, templates: options.templates, baseURL: options.baseURL, display: Self.displayPath,
            showDrafts: options.showDrafts)
        load.cache = cache
        let loaded = load.run(&clock)
        diagnostics.append(contentsOf: loaded.diagnostics)

        // 2. Check, before anything is rendered, what needs all of the content: pages and UI
        //    strings in every language, chapter orders, slugs.
        diagnostics.append(contentsOf: CheckStage.content(loaded, strictTranslations: options.strict, cache: cache))
        clock.lap("check content")

        // The destination is opened only for content without errors: a folder is locked, and
        // its staging folder prepared, before the first file is rendered.
        var failure: BuildFailure?
        var target = SiteOutput.Target.counting
        switch options.destination {
        case .memory: target = .memory
        case .validateOnly: break
        case let .folder(url):
            if !diagnostics.hasErrors {
                do throws(BuildFailure) {
                    target = .folder(
                        try SiteWriter(output: url, display: Self.displayPath, waiting: options.waiting, waitLimit: options.waitLimit))
                } catch {
                    failure = error
                }
            }
        }
        let output = SiteOutput(target)
        // The charts' PNGs: kept beside the output folder by their SVG's hash; in memory for
        // the preview and the tests (PNGStore.swift).
        // With --no-cache nothing is kept beside the output (the pictures are drawn anew); with
        // --no-pictures there are none.
        let pngStore: PNGStore? =
            switch options.destination {
            case _ where !options.pictures: nil
            case let .folder(url) where options.useCache: target.isFolder ? PNGStore.beside(output: url, display: Self.displayPath) : nil
            case .folder: target.isFolder ? PNGStore.inMemory() : nil
            case .memory: PNGStore.inMemory()
            // `rapport check` draws no picture: it says what is wrong with the content, quickly
            // (drawing the study's pictures took it from 0.1 s to 3.9 s).
            case .validateOnly: nil
            }

        // "What changed" since the last build needs only the loaded content: its values are
        // gathered on another thread while the pages render (their serial stages leave a core idle).
        let snapshot = loaded.site.map { site in
            let (datasets, facts, pages) = (loaded.datasets, loaded.facts, loaded.pages)
            return Background { ValueSnapshot(datasets: datasets, facts: facts, pages: pages, site: site) }
        }

        // 3. Render every page (each file goes to the output as soon as it is done); then check
        //    what needs every page rendered (links, anchors, charts in both languages); then the
        //    files made from all pages: whole report, search, data pages, root, 404, sitemap.
        var charts = 0
        var contentFiles: [TemplateSet.Asset] = []
        // Nothing is written beside an output folder that is not Rapport's, or was not locked;
        // the preview's cache lives in memory; `rapport check` keeps none.
        switch target {
        case .folder: if cache?.open() == false { cache = nil }
        case .memory: break
        case .counting: cache = nil
        }
        let counted: (hits: Int, misses: Int) = cache?.counts ?? (0, 0)
        var lastBuild: LastBuild?
        if failure == nil,
            let render = RenderStage(
                loaded, content: options.content, printedReports: options.printedReports, pngStore: pngStore, cache: cache)
        {
            diagnostics.append(contentsOf: render.context.diagnostics)
            clock.lap("render context")
            let pageCache = render.pageCache(cache, options)
            let pages = render.renderPages(into: output, cache: pageCache)
            diagnostics.append(contentsOf: pages.diagnostics)
            clock.lap(target.isFolder ? "render and write pages" : "render pages")
            diagnostics.append(contentsOf: CheckStage.site(pages, in: render.context))
            clock.lap("check links and charts")
            diagnostics.append(contentsOf: render.renderSiteFiles(pages, into: output, cache: pageCache))
            contentFiles = render.contentFiles(pages, into: output)
            charts = pages.chartCount
            if case .memory = target, options.memoryCache != nil { lastBuild = LastBuild(render.context, pages) }
            diagnostics.append(contentsOf: pngStore?.diagnostics ?? [])
        }
        clock.lap(target.isFolder ? "render and write site files" : "render site files")

        // Out of file descriptors, the build saw less than the study holds (a folder that could
        // not be listed looks empty): what it found is not the study's fault, and is not written.
        let outOfDescriptors = Files.descriptorShortages > shortages
        if outOfDescriptors {
            diagnostics = DiagnosticBag()
            failure = failure ?? Self.descriptorShortage(String(cString: strerror(EMFILE)))
        }

        // 4. Write: all or nothing. The staging folder and the output folder are swapped only
        //    when there was no error at all; after a failure the staging folder is nobody's
        //    site, and the next build brings it up to date.
        var values: ValueSnapshot?, changes: [String] = []
        if case let .folder(writer) = target {
            failure =
                failure
                ?? WriteStage(writer: writer).commit(
                    output, assets: loaded.templates.assets + contentFiles, hasErrors: diagnostics.hasErrors)
            clock.lap("swap folders")
            // The entries this build did not use are removed: the cache holds one build's worth.
            if failure == nil, !diagnostics.hasErrors { cache?.removeUnused() }
            // The pictures this build did not use are no longer the site's.
            if failure == nil, !diagnostics.hasErrors { pngStore?.removeUnused() }
        }
        // The preview's cache in memory: bounded like the folder's, and the last good build kept
        // for the changed-page path (none after a failed one).
        if case .memory = target, let memory = options.memoryCache {
            let succeeded = failure == nil && !diagnostics.hasErrors
            if succeeded { cache?.removeUnused() }
            memory.last = succeeded ? lastBuild : nil
        }
        if failure == nil, !diagnostics.hasErrors, let snapshot {
            values = snapshot.value
            if let folder = options.destination.folder, let values {
                let recorded = Self.recordValues(values, beside: folder)
                changes = recorded.changes
                diagnostics.append(contentsOf: recorded.warnings)
            }
            clock.lap("what changed")
        }
        let counts = Dictionary(grouping: loaded.pages, by: \.language).mapValues(\.count)
        var result = Result(
            diagnostics: Self.withSourceLines(diagnostics.sorted.capped()), pages: counts, charts: charts,
            seconds: clock.total, failure: failure, files: output.files,
            written: (output.fileCount, output.byteCount), phases: clock.phases, values: values, changes: changes)
        result.languages = loaded.languages
        result.outOfDescriptors = outOfDescriptors
        let now: (hits: Int, misses: Int) = cache?.counts ?? (0, 0)
        result.cachedPages = (now.hits - counted.hits, now.misses - counted.misses)
        if let pngStore { result.pictures = (pngStore.made, pngStore.reused, pngStore.checks) }
        // Under the build lock still, beside an output folder this build accepted (its cache was
        // opened): what the next build compares its inputs and output with.
        if let upToDate, cache != nil, case let .folder(folder) = options.destination {
            upToDate.record(result, output: folder)
            clock.lap("keep the stamps for the next build")
            result.phases.append(clock.phases.last!)
        }
        return result
    }

    /// A build needs a few descriptors at a time per core, and one per folder deep it reads.
    static let minimumFreeDescriptors = 8

    static func descriptorShortage(_ detail: String) -> BuildFailure {
        BuildFailure(
            message:
                "out of file descriptors (\(detail)): nothing was built, and nothing is reported about files that could not be opened (close other programs, or raise the limit with ulimit -n, then build again)"
        )
    }
}

/// The time each stage took, for `--timings`.
struct StageClock {
    private let start = DispatchTime.now()
    private var lapStart = DispatchTime.now()
    private(set) var phases: [(name: String, seconds: Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - lapStart.uptimeNanoseconds) / 1e9))
        lapStart = now
    }

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
}
