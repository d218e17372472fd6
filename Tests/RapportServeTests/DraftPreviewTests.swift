import Foundation
import RapportCore
import RapportTestSupport
import Testing

@testable import RapportServe

/// `rapport serve` shows a draft (issue 27, item 4) with its band; `rapport build` leaves it out.
@Suite struct DraftPreviewTests {
    @Test func thePreviewServesADraftWithItsBand() async throws {
        var files = TestSite.minimal
        files["Content/nl/plans.md"] = "---\ntitle: Plannen\norder: 3\nslug: plannen\ndraft: true\n---\nNog niet af.\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = { _, _ in }
        let server = PreviewServer(options)
        try await server.start()
        let http = RawHTTP(port: await server.port)
        let draft = await http.get("/nl/plannen/")
        #expect(draft.status == 200)
        #expect(draft.body.contains("<p class=\"draft-band\" role=\"note\">Concept"))
        #expect(draft.body.contains("Nog niet af."))
        await server.stop()
        #expect(site.build().succeeded)
        #expect(site.read("nl/plannen/index.html") == nil, "the build leaves the draft out")
    }
}
