import Foundation
import GoldenFiles
import RapportTestSupport
import Testing

/// The HTML of one chapter page and of one chart figure, as built from the chart fixture with
/// Rapport's own templates, compared with golden files in `__Snapshots__/` (re-recorded only
/// with `RECORD_SNAPSHOTS=1`): a change of the templates, the Markdown stage or the figure
/// shows up here line by line, on purpose or not.
@Suite struct GoldenPageTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    @Test func chapterPageAndFigure() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/financien/index.html"))
        let start = try #require(page.range(of: "<figure class=\"chart"))
        let end = try #require(page.range(of: "</figure>", range: start.upperBound..<page.endIndex))
        let figure = String(page[start.lowerBound..<end.upperBound]) + "\n"
        for (text, name) in [(page, "chapter-page.html"), (figure, "figure.html")] {
            if let failure = try GoldenFile.check(text, against: Self.directory.appendingPathComponent(name)) {
                Issue.record(Comment(rawValue: failure))
            }
        }
    }
}
