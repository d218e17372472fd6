import Diagnostics
import RapportBase

/// A relative link or anchor to check once every page's headings are known.
struct LinkCheck {
    var page: String
    var language: Language
    var anchor: String
    var location: SourceLocation
}

/// A chart block of a chapter: its dataset (nil when it could not be used, which was reported)
/// and where it is.
struct ChartPlacement {
    var id: String?
    var location: SourceLocation
}

/// What rendering one page's Markdown produced; pages render in parallel and their
/// results are merged in page order, so the output stays deterministic.
struct PageWork {
    var headingIds: [String] = []
    var reading: [Markdown.Reading] = []
    var diagnostics: [Diagnostic] = []
    var linkChecks: [LinkCheck] = []
    var datasetsUsed: Set<String> = []
    var charts: [ChartAnchor] = []
    var csvFiles: [OutputFile] = []
    var placed: [String: Int] = [:]
    var files: [String: String] = [:]
    var chapter: RenderedChapter?
    /// Every chart block, drawn or not, and whether a data reference of the page failed.
    var placements: [ChartPlacement] = []
    var dataErrors = false
    /// The charts that got a page (ChartPage.swift), their files (handed to the output as soon
    /// as the page is done) and the page's picture for sharing (its first chart's PNG).
    var chartPages: [String] = []
    var pageFiles: [OutputFile] = []
    var socialImage: SocialImage?
    /// The charts' pictures to rasterize (SocialImages.swift), once all pages of the language are done.
    var pictures: [PendingPicture] = []
}

/// What rendering every page produced that the site-wide checks (CheckStage) and the files
/// made from all pages (whole report, search, data pages) need.
struct RenderedPages {
    /// What rendering the pages found (the site-wide checks over them are CheckStage's).
    var diagnostics: [Diagnostic] = []
    /// The images and files of `Content/` the pages use: source on disk by path in the site.
    var usedFiles: [String: String] = [:]
    /// The charts' CSV files as the pages wrote them, by path (`nl/data/<id>.csv`).
    var csvFiles: [String: [UInt8]] = [:]
    var linkChecks: [LinkCheck] = []
    var anchors: [Language: [String: Set<String>]] = [:]
    /// Each page's heading ids in document order, by language and page name.
    var headingOrder: [Language: [String: [String]]] = [:]
    var datasetUse: [String: Set<Language>] = [:]
    /// The datasets each page uses, and the pages whose data references had errors.
    var pageDatasets: [Language: [String: Set<String>]] = [:]
    var pagesWithDataErrors: [Language: Set<String>] = [:]
    var chartOrder: [Language: [String: [ChartPlacement]]] = [:]
    /// Charts drawn (one per placement per language).
    var chartCount = 0
    /// The charts with a page, by language and chapter name (for the sitemap).
    var chartPages: [Language: [String: [String]]] = [:]

    mutating func add(_ work: PageWork, of page: Page) {
        linkChecks += work.linkChecks
        for id in work.datasetsUsed { datasetUse[id, default: []].insert(page.language) }
        chartOrder[page.language, default: [:]][page.name] = work.placements
        pageDatasets[page.language, default: [:]][page.name] = work.datasetsUsed
        if work.dataErrors { pagesWithDataErrors[page.language, default: []].insert(page.name) }
        chartCount += work.charts.count
        if !work.chartPages.isEmpty { chartPages[page.language, default: [:]][page.name] = work.chartPages }
        anchors[page.language, default: [:]][page.name] = Set(work.headingIds).union(work.charts.map(\.id))
        headingOrder[page.language, default: [:]][page.name] = work.headingIds
    }
}
