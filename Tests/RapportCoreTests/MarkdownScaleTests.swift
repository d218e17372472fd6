import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// A long chapter mixing emphasis and placeholders (issue 24, finding 5): every text node put
/// its placeholders' values back by first adding up the sizes of all the page's values, so the
/// work grew with text nodes × placeholders. A marker's value is now read only where a marker
/// stands.
@Suite struct MarkdownScaleTests {
    /// The values of a page, counting how often one is read.
    struct CountingValues: RandomAccessCollection {
        let values: [[UInt8]]
        let reads: Counter
        var startIndex: Int { 0 }
        var endIndex: Int { values.count }
        subscript(index: Int) -> [UInt8] {
            reads.count += 1
            return values[index]
        }
    }

    final class Counter: @unchecked Sendable {
        var count = 0
    }

    @Test func aTextNodeReadsOnlyTheValuesOfItsOwnMarkers() {
        let values = CountingValues(values: (0..<10_000).map { Array("\($0)%".utf8) }, reads: Counter())
        var text: [UInt8] = Array("Een ".utf8)
        Placeholders.appendMarker(9_999, to: &text)
        text += Array(" en ".utf8)
        Placeholders.appendMarker(7, to: &text)
        let plain = Array("cijfers zonder placeholder.".utf8)
        let replaced = text.withUnsafeBufferPointer { Placeholders.substitute($0, values: values) }
        let unchanged = plain.withUnsafeBufferPointer { Placeholders.substitute($0, values: values) }
        #expect(String(decoding: replaced, as: UTF8.self) == "Een 9999% en 7%")
        #expect(unchanged == plain)
        #expect(values.reads.count == 2, "one read per marker, not one per value of the page")
    }

    @Test func aLongChapterOfEmphasisAndPlaceholdersRendersEveryParagraph() throws {
        let paragraphs = 5_000
        var files = TestSite.minimal
        files["Content/data/org/tasks.yml"] = ReferenceTests.dataset("tasks", base: "100", series: ReferenceTests.share)
        files["Content/data/org/tasks.csv"] = "key,nl,fr,share\nboard,Bestuur,Conseil,87\n"
        files["Content/nl/finances.md"] = TestSite.page(
            "Financiën", order: 2, slug: "financien",
            "## Inkomsten\n\n" + Array(repeating: "Een *nadruk* en {{tasks:board}} cijfers.", count: paragraphs).joined(separator: "\n\n"))
        files["Content/fr/finances.md"] = TestSite.page(
            "Finances", order: 2, slug: "finances", "## Revenus\n\nArgent : {{tasks:board}}.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(site.messages(result) == [])
        let page = try #require(result.files.first { $0.path == "nl/financien/index.html" })
        let paragraph = "<p>Een <em>nadruk</em> en <data value=\"87\">87%</data> cijfers.</p>"
        #expect(page.contents.components(separatedBy: paragraph).count - 1 == paragraphs)
        let index = try #require(result.files.first { $0.path == "nl/zoeken/search-index.json" })
        #expect(index.contents.components(separatedBy: "Een nadruk en 87% cijfers.").count - 1 == paragraphs)
    }
}
