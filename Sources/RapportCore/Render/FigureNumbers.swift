import RapportBase
import SurveyData

/// The numbers of the figures ("Figuur 3", "Figure 3"): one series per language, through the
/// whole report in its order (the home page first, then the chapters in order), so a figure
/// has the same number on its chapter's page, in the whole report and in its PDF. Every chart
/// block is a figure, except key-figure tiles (a `figures` dataset) and a block whose dataset
/// does not exist (an error of its own). A chart placed twice is two figures.
///
/// Made before any page is rendered (pages are rendered at the same time, each on a core):
/// each page's Markdown is parsed once more, by cmark as when it is rendered, for its chart
/// blocks only (`blocks`; the build cache keeps what it found for each text, BuildCache.swift).
struct FigureNumbers: Sendable {
    /// For each page, the number of each of its chart blocks in order (nil: not a figure).
    private let numbers: [PageKey: [Int?]]

    init(
        pages: [Page], languages: [Language], datasets: [String: Dataset],
        blocks: @Sendable ([UInt8]) -> [String] = Markdown.chartBlocks
    ) {
        // The pages' chart blocks on every core; then numbered in order, language by language.
        let shown = pages.filter { !$0.isPlaceholder }
        let blocks = Dictionary(
            zip(shown.map(\.key), shown.parallelMap { blocks($0.body) }), uniquingKeysWith: { first, _ in first })
        var numbers: [PageKey: [Int?]] = [:]
        for language in languages {
            let inOrder = shown.filter { $0.language == language }
                .sorted { ($0.isHome ? 0 : 1, $0.order, $0.name) < ($1.isHome ? 0 : 1, $1.order, $1.name) }
            var next = 1
            for page in inOrder where numbers[page.key] == nil {
                numbers[page.key] = (blocks[page.key] ?? []).map { id in
                    guard let dataset = datasets[id], dataset.kind != .figures else { return nil }
                    defer { next += 1 }
                    return next
                }
            }
        }
        self.numbers = numbers
    }

    /// The numbers of every chart block of `page`, in order (part of its cache key: a chart
    /// placed in an earlier chapter renumbers this one's figures).
    func numbers(of page: PageKey) -> [Int?] { numbers[page] ?? [] }

    /// The number of the `index`-th chart block (from 0) of `page`, if it is a figure.
    func number(of page: PageKey, block index: Int) -> Int? {
        guard let list = numbers[page], list.indices.contains(index) else { return nil }
        return list[index]
    }
}

extension Markdown {
    /// The dataset id of every chart block (```` ```chart <id> ````) of a page, in order.
    static func chartBlocks(_ utf8: [UInt8]) -> [String] {
        guard let tree = MarkdownTree(Placeholders.neutralized(utf8) ?? utf8) else { return [] }
        var ids: [String] = []
        tree.root.walk { node, entering in
            guard entering, node.kind == .codeBlock else { return }
            let info = node.fenceInfo.trimmingWhitespace
            guard info == "chart" || info.hasPrefix("chart ") else { return }
            ids.append(String(info.dropFirst(5)).trimmingWhitespace.split(separator: " ").first.map(String.init) ?? "")
        }
        return ids
    }
}
