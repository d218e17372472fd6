/// Where a chart stands on its page, and the one place its id is spelled: `chart-<dataset>` for
/// its first placement on the page, `chart-<dataset>-2`, `-3` … for the next ones. The figure,
/// the link check, the search index, the data page and "cite this chart" all take it from here.
struct ChartAnchor: Hashable, Sendable {
    let dataset: String
    /// 1 for the first placement of this dataset on the page.
    let placement: Int

    init(dataset: String, placement: Int = 1) {
        self.dataset = dataset
        self.placement = placement
    }

    /// The figure's `id` (and the fragment of a link to it).
    var id: String { "chart-" + dataset + (placement > 1 ? "-\(placement)" : "") }
}
