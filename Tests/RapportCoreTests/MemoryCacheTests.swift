import Foundation
import RapportBase
@testable import RapportCore
import RapportTestSupport
import Testing

/// The preview's build cache in memory (issue 22, item 3): unchanged pages are taken from it,
/// it holds one build's worth, and a saved chapter rendered alone is what the full build makes.
@Suite struct MemoryCacheTests {
    static func options(_ site: TestSite, _ memory: MemoryCache) -> Pipeline.Options {
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .memory)
        options.showDrafts = true
        options.memoryCache = memory
        return options
    }

    @Test func aSavedChapterRenderedAloneIsWhatTheFullBuildMakes() throws {
        // A title the typography changes ("…" → „…”): the page is compared as the context has it.
        let title = "Financiën \"nu\""
        let site = try TestSite(
            TestSite.minimal.merging(["Content/nl/finances.md": TestSite.page(title, order: 2, slug: "financien", "## Inkomsten\n\nGeld.\n")]) { $1 })
        defer { site.cleanUp() }
        let memory = MemoryCache()
        let options = Self.options(site, memory)
        let first = Pipeline(options).run()
        #expect(first.succeeded && first.cachedPages.hits == 0 && first.cachedPages.misses > 0)
        let again = Pipeline(options).run()
        #expect(again.cachedPages.hits == first.cachedPages.misses && again.cachedPages.misses == 0)
        // The same bytes, not a copy: the page's file is the cache's.
        let page = { (result: Pipeline.Result) in result.files.first { $0.path == "nl/financien/index.html" }!.bytes }
        #expect(page(first).withUnsafeBufferPointer { a in page(again).withUnsafeBufferPointer { a.baseAddress == $0.baseAddress } })

        let source = site.content.path + "/nl/finances.md"
        try site.write("Content/nl/finances.md", TestSite.page(title, order: 2, slug: "financien", "## Inkomsten\n\n\"Meer\" geld -- nu.\n"))
        let alone = try #require(Pipeline(options).renderChanged([source]))
        #expect(alone.files.map(\.path) == ["nl/financien/index.html"])
        let full = Pipeline(options).run()
        #expect(full.succeeded && full.cachedPages.misses == 1)
        #expect(alone.files[0].bytes == page(full), "rendered alone, the page is byte for byte the full build's")
        #expect(memory.store.counts.hits > 0)

        // Its title changed: the navigation of every page changes; the full build only.
        try site.write("Content/nl/finances.md", TestSite.page("Geldzaken", order: 2, slug: "financien", "## Inkomsten\n\nGeld.\n"))
        #expect(Pipeline(options).renderChanged([source]) == nil)
        // A link to a heading that does not exist: the full build reports it; not served alone.
        try site.write("Content/nl/finances.md", TestSite.page(title, order: 2, slug: "financien", "## Inkomsten\n\n[x](volunteers.md#nergens)\n"))
        #expect(Pipeline(options).renderChanged([source]) == nil)
        // Anything but a chapter: the full build only.
        #expect(Pipeline(options).renderChanged([site.content.path + "/site.yml"]) == nil)
        // After a failed build, nothing to render against.
        try site.write("Content/nl/finances.md", TestSite.page(title, order: 2, slug: "financien", "## Inkomsten\n\n[x](nergens.md)\n"))
        #expect(!Pipeline(options).run().succeeded)
        try site.write("Content/nl/finances.md", TestSite.page(title, order: 2, slug: "financien", "## Inkomsten\n\nGeld.\n"))
        #expect(Pipeline(options).renderChanged([source]) == nil)
    }
}
