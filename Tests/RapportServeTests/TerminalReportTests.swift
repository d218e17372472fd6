import Foundation
import RapportCore
import RapportTestSupport
import Testing

import RapportServe

/// What the preview prints in its terminal for a mistake on a long line: the line is cut to a
/// window around the mistake, and the caret stands under it (not at the end of the window).
@Suite struct TerminalReportTests {
    @Test func theCaretUnderALongLineIsUnderTheMistake() async throws {
        let line = String(repeating: "woord ", count: 60) + "[x](nergens.md) en meer."
        let site = try TestSite(
            TestSite.minimal.merging([
                "Content/nl/finances.md": TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n" + line)
            ]) { $1 })
        defer { site.cleanUp() }
        let terminal = Terminal()
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = terminal.log
        let server = PreviewServer(options)
        try await server.start()
        await server.stop()
        let lines = terminal.text.components(separatedBy: "\n")
        let message = try #require(lines.firstIndex { $0.contains("finances.md:8:361: error: link to a page that does not exist") })
        let (shown, caret) = (Array(lines[message + 1]), Array(lines[message + 2]))
        let at = try #require(caret.firstIndex(of: "^"))
        #expect(shown.indices.contains(at) && shown[at] == "[", "\(lines[message + 1])\n\(lines[message + 2])")
    }
}
