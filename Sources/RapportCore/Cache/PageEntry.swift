import Diagnostics
import RapportBase
import SVGCharts

/// One chapter page as the build cache keeps it: everything rendering the page gave the rest of
/// the build (its HTML file, its charts' CSV files, what the site-wide checks, the whole report
/// and the search index need of it), and the datasets it used with their digests then.
struct PageEntry {
    var datasets: [(id: String, digest: Digest)]
    var file: OutputFile?
    var work: PageWork

    func encoded() -> [UInt8] {
        var out = CacheWriter()
        out.list(datasets) { out, used in
            out.string(used.id)
            out.digest(used.digest)
        }
        out.bool(file != nil)
        if let file { out.file(file) }
        out.list(work.csvFiles) { $0.file($1) }
        out.strings(work.headingIds)
        out.list(work.reading) { out, piece in
            switch piece {
            case let .text(text): out.int(0); out.string(text)
            case let .heading(index): out.int(1); out.int(index)
            case .figure: out.int(2)
            }
        }
        out.list(work.linkChecks) { out, check in
            out.string(check.page)
            out.string(check.language.code)
            out.string(check.anchor)
            out.location(check.location)
        }
        out.strings(work.datasetsUsed.sorted())
        out.list(work.charts) { out, anchor in
            out.string(anchor.dataset)
            out.int(anchor.placement)
        }
        out.list(work.placed.sorted { $0.key < $1.key }) { out, placed in
            out.string(placed.key)
            out.int(placed.value)
        }
        out.list(work.files.sorted { $0.key < $1.key }) { out, file in
            out.string(file.key)
            out.string(file.value)
        }
        out.list(work.placements) { out, placement in
            out.bool(placement.id != nil)
            if let id = placement.id { out.string(id) }
            out.location(placement.location)
        }
        // The page's charts' own pages (ChartPage.swift): their files, paths, pictures, og:image.
        out.list(work.pageFiles) { $0.file($1) }
        out.strings(work.chartPages)
        out.list(work.pictures) { out, pending in
            out.data(pending.picture.bytes)
            out.int(pending.picture.width)
            out.int(pending.picture.height)
            out.string(pending.path)
            // What the picture is, for an error: a chart (its id) or a title card (its language).
            switch pending.what {
            case let .chart(id): out.bool(false); out.string(id)
            case let .titleCard(language): out.bool(true); out.string(language)
            }
            out.location(pending.location)
        }
        out.bool(work.socialImage != nil)
        if let image = work.socialImage {
            out.string(image.path)
            out.int(image.width)
            out.int(image.height)
            out.string(image.alt)
        }
        out.bool(work.chapter != nil)
        if let chapter = work.chapter {
            out.data(chapter.report.body)
            out.list(chapter.report.figures) { out, figure in
                out.string(figure.id)
                out.data(figure.label)
                out.data(figure.title)
            }
            out.data(chapter.report.annex)
            out.data(chapter.search.json)
            out.list(chapter.search.items) { out, item in
                out.string(item.kind.rawValue)
                out.string(item.title)
                out.string(item.url)
            }
            out.list(chapter.headings) { out, heading in
                out.int(heading.level)
                out.string(heading.text)
                out.string(heading.id)
                out.int(heading.position.line)
                out.int(heading.position.column)
            }
        }
        return out.bytes
    }

    /// The entry of `page` read back; nil when anything in it is not as written.
    static func decode(_ bytes: [UInt8], page: Page) -> PageEntry? { decode(CacheReader(bytes), page: page) }

    /// The entry from where `reader` stands to its end.
    static func decode(_ reader: CacheReader, page: Page) -> PageEntry? {
        var input = reader
        guard
            let datasets = input.list({ input -> (String, Digest)? in
                guard let id = input.string(), let digest = input.digest() else { return nil }
                return (id, digest)
            }),
            let hasFile = input.bool()
        else { return nil }
        var file: OutputFile?
        if hasFile {
            guard let read = input.file() else { return nil }
            file = read
        }
        var work = PageWork()
        guard let csvFiles = input.list({ $0.file() }), let headingIds = input.strings(),
            let reading = input.list({ input -> Markdown.Reading? in
                switch input.int() {
                case 0: input.string().map { .text($0) }
                case 1: input.int().map { .heading($0) }
                case 2: .figure
                default: nil
                }
            }),
            let linkChecks = input.list({ input -> LinkCheck? in
                guard let name = input.string(), let code = input.string(), let language = Language(code: code),
                    let anchor = input.string(), let location = input.location()
                else { return nil }
                return LinkCheck(page: name, language: language, anchor: anchor, location: location)
            }),
            let used = input.strings(),
            let charts = input.list({ input -> ChartAnchor? in
                guard let dataset = input.string(), let placement = input.int() else { return nil }
                return ChartAnchor(dataset: dataset, placement: placement)
            }),
            let placed = input.list({ input -> (String, Int)? in
                guard let id = input.string(), let count = input.int() else { return nil }
                return (id, count)
            }),
            let files = input.list({ input -> (String, String)? in
                guard let path = input.string(), let source = input.string() else { return nil }
                return (path, source)
            }),
            let placements = input.list({ input -> ChartPlacement? in
                guard let hasId = input.bool() else { return nil }
                var id: String?
                if hasId {
                    guard let read = input.string() else { return nil }
                    id = read
                }
                return input.location().map { ChartPlacement(id: id, location: $0) }
            }),
            let pageFiles = input.list({ $0.file() }), let chartPages = input.strings(),
            let pictures = input.list({ input -> PendingPicture? in
                guard let bytes = input.data(), let width = input.int(), let height = input.int(), let path = input.string(),
                    let isTitleCard = input.bool(), let name = input.string(), let location = input.location()
                else { return nil }
                let what: OutputProblem.Picture = isTitleCard ? .titleCard(language: name) : .chart(name)
                return PendingPicture(
                    picture: StandaloneSVG(bytes: bytes, width: width, height: height), path: path, what: what, location: location)
            }),
            let hasImage = input.bool()
        else { return nil }
        if hasImage {
            guard let path = input.string(), let width = input.int(), let height = input.int(), let alt = input.string()
            else { return nil }
            work.socialImage = SocialImage(path: path, width: width, height: height, alt: alt)
        }
        (work.pageFiles, work.chartPages, work.pictures) = (pageFiles, chartPages, pictures)
        guard let hasChapter = input.bool() else { return nil }
        (work.csvFiles, work.headingIds, work.reading, work.linkChecks) = (csvFiles, headingIds, reading, linkChecks)
        (work.datasetsUsed, work.charts, work.placements) = (Set(used), charts, placements)
        work.placed = Dictionary(placed, uniquingKeysWith: { first, _ in first })
        work.files = Dictionary(files, uniquingKeysWith: { first, _ in first })
        if hasChapter {
            guard let body = input.data(),
                let figures = input.list({ input -> ReportAnnex.Figure? in
                    guard let id = input.string(), let label = input.data(), let title = input.data() else { return nil }
                    return ReportAnnex.Figure(id: id, label: label, title: title)
                }),
                let annex = input.data(), let searchJSON = input.data(),
                let items = input.list({ input -> (kind: SearchIndex.Kind, title: String, url: String)? in
                    guard let kind = input.string().flatMap(SearchIndex.Kind.init(rawValue:)), let title = input.string(),
                        let url = input.string()
                    else { return nil }
                    return (kind, title, url)
                }),
                let headings = input.list({ input -> Markdown.Heading? in
                    guard let level = input.int(), let text = input.string(), let id = input.string(), let line = input.int(),
                        let column = input.int()
                    else { return nil }
                    return Markdown.Heading(level: level, text: text, id: id, position: Markdown.Position(line: line, column: column))
                })
            else { return nil }
            work.chapter = RenderedChapter(
                page: page, report: ReportPiece(body: body, figures: figures, annex: annex),
                search: SearchPiece(json: searchJSON, items: items), headings: headings, charts: charts, reading: reading)
        }
        guard input.atEnd else { return nil }
        return PageEntry(datasets: datasets.map { (id: $0.0, digest: $0.1) }, file: file, work: work)
    }
}

/// A built file in the cache: its path, then its bytes (page entries, the data pages' parts).
extension CacheWriter {
    mutating func file(_ file: OutputFile) {
        string(file.path)
        data(file.bytes)
    }
}

extension CacheReader {
    mutating func file() -> OutputFile? {
        guard let path = string(), let bytes = data() else { return nil }
        return OutputFile(path: path, bytes: bytes)
    }
}
