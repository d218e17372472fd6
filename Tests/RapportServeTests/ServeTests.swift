import Foundation
import RapportCore
import RapportTestSupport
import Testing

@testable import RapportServe

/// A chart dataset, so that a data file can be broken and fixed.
enum Fixtures {
    static let yaml = """
        kind: bars
        title:
          nl: Taken die vrijwilligers opnemen
          fr: Tâches assumées par les volontaires
        question:
          nl: Welke taken voeren vrijwilligers in uw vereniging uit?
          fr: Quelles tâches les volontaires assument-ils dans votre association ?
        finding:
          nl: Lotgenotencontact is de taak die het vaakst door vrijwilligers wordt opgenomen.
          fr: Le contact entre pairs est la tâche la plus souvent assumée par des volontaires.
        base: 118
        unit: percent
        series:
          - key: share
            nl: Aandeel
            fr: Part
        """
    static func csv(_ value: String) -> String {
        """
        key,nl,fr,share
        peer-support,Lotgenotencontact,Soutien entre pairs,42
        admin,Administratie,Administration,\(value)

        """
    }

    static let files: [String: String] = TestSite.minimal.merging([
        "Content/data/organisation/volunteer-tasks.yml": yaml,
        "Content/data/organisation/volunteer-tasks.csv": csv("31"),
        "Content/nl/finances.md": TestSite.page(
            "Financiën", order: 2, slug: "financien",
            "## Inkomsten\n\nGeld: {{volunteer-tasks:admin}}.\n\n```chart volunteer-tasks\n```\n"),
        "Content/fr/finances.md": TestSite.page(
            "Finances", order: 2, slug: "finances",
            "## Revenus\n\nArgent : {{volunteer-tasks:admin}}.\n\n```chart volunteer-tasks\n```\n"),
    ]) { $1 }
}

/// Terminal output of the server, kept for the test to read.
final class Terminal: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func log(_ text: String, _ isProblem: Bool) { lock.withLock { lines.append(text) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

/// Polls until `condition` holds (or fails the test after `timeout`).
func eventually(_ what: String, timeout: Duration = .seconds(15), _ condition: () async -> Bool) async {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return }
        try? await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for: \(what)")
}

@Suite struct ServeTests {
    @Test func previewRebuildsShowsErrorsAndRefusesEscapes() async throws {
        let site = try TestSite(Fixtures.files)
        defer { site.cleanUp() }
        let terminal = Terminal()
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = terminal.log
        let server = PreviewServer(options)
        try await server.start()
        let port = await server.port
        #expect(port != 0)
        let http = RawHTTP(port: port)

        // 1. A page: what `rapport build` writes, with the reload script added in the response only.
        let home = await http.get("/nl/")
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.header("cache-control") == "no-store")
        #expect(home.body.contains("Welkom."))
        #expect(home.body.contains("/_rapport/events?page="))
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "the preview does not write Public/")
        #expect(site.build().succeeded)
        let built = try #require(site.read("nl/index.html"))
        #expect(built.contains("Welkom."))
        #expect(!built.contains("_rapport"), "the reload script is never in the built site")
        #expect(home.body == Pages.inject(Pages.reloadScript(version: await server.state.current.version(ofPage: "/nl/")), into: built))
        for path in ["index.html", "fr/finances/index.html", "sitemap.xml", "nl/data/volunteer-tasks.csv", "robots.txt"] {
            let served = await http.get("/" + path)
            // Bytes, not String(contentsOf:), which would drop the CSV's byte order mark.
            let file = String(decoding: try Data(contentsOf: site.output.appendingPathComponent(path)), as: UTF8.self)
            #expect(
                Array(served.body.utf8)
                    == Array(
                        (path.hasSuffix(".html")
                            ? Pages.inject(Pages.reloadScript(version: await server.state.current.version(ofPage: "/" + path)), into: file)
                            : file).utf8),
                "\(path) is served as built")
        }

        // 2. An edit shows up, and the long poll of its page announces it (a poll that names no
        //    page follows every publication).
        let token = await http.get("/_rapport/events?build=stale").body
        #expect(token == (await server.state.current.token), "a stale token is answered at once")
        let version = await http.get("/_rapport/events?build=stale&page=/nl/").body
        #expect(version == (await server.state.current.version(ofPage: "/nl/")), "a stale version is answered at once")
        async let announced = http.get("/_rapport/events?build=\(version)&page=/nl/")
        try await Task.sleep(for: .milliseconds(150))  // the poll is now waiting on the server
        try site.write("Content/nl/index.md", TestSite.page("Home", order: 0, "Welkom terug, redacteur."))
        let next = await announced
        #expect(next.status == 200 && next.body != version, "the long poll answers with the page's new version")
        let edited = await http.get("/nl/")
        #expect(edited.body.contains("Welkom terug, redacteur."))
        #expect(!edited.body.contains("Welkom.</p>"))
        // How fast it shows is measured by `make serve-load`, not asserted here.

        // 3. A broken data file: every HTML page becomes the error page, escaped, at its place.
        try site.write("Content/data/organisation/volunteer-tasks.csv", Fixtures.csv("<script>alert('x')</script>"))
        // (The full build that follows the edit above may still run, and read the file half written.)
        await eventually("the error page") {
            let page = await http.get("/nl/financien/")
            return page.status == 500 && page.body.contains("volunteer-tasks.csv:3:")
        }
        let broken = await http.get("/nl/financien/")
        #expect(broken.header("content-type") == "text/html; charset=utf-8")
        #expect(broken.body.contains("The site could not be built"))
        #expect(broken.body.contains("Content/data/organisation/volunteer-tasks.csv:3:"), "\(broken.body)")
        #expect(broken.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!broken.body.contains("<script>alert"))
        #expect(broken.body.contains("<pre>admin,Administratie,Administration,&lt;script&gt;"), "the offending line is shown")
        #expect(broken.body.contains("/_rapport/events?page="), "the error page reloads by itself too")
        #expect(await http.get("/fr/").status == 500, "every page shows it")
        #expect(await http.get("/nope/").status == 500)
        #expect(await http.get("/assets/style.css").status == 200, "assets are still served")
        #expect(await http.get("/nl/data/volunteer-tasks.csv").body.contains("Administratie;31"), "the previous site is kept")
        #expect(terminal.text.contains("volunteer-tasks.csv:3:"), "the terminal shows the diagnostic: \(terminal.text)")
        #expect(terminal.text.contains("failed: "))

        // 4. Fixed: the page comes back.
        try site.write("Content/data/organisation/volunteer-tasks.csv", Fixtures.csv("33"))
        await eventually("the page to come back") { await http.get("/nl/financien/").status == 200 }
        let fixed = await http.get("/nl/financien/")
        #expect(fixed.body.contains("33%"), "the new value is in the sentence")
        await eventually("the terminal to say what changed") { terminal.text.contains("volunteer-tasks:admin:share 31 → 33") }
        #expect(
            terminal.text.contains(
                "    charts: volunteer-tasks\n    sentences: \(site.content.path)/fr/finances.md:8, \(site.content.path)/nl/finances.md:8"),
            "\(terminal.text)")

        // 5. Serving: types, folders, redirects, 404, HEAD.
        let types: [(String, String)] = [
            ("/", "text/html; charset=utf-8"),
            ("/assets/style.css", "text/css; charset=utf-8"),
            ("/assets/favicon.svg", "image/svg+xml"),
            ("/nl/data/volunteer-tasks.csv", "text/csv; charset=utf-8"),
            ("/sitemap.xml", "application/xml; charset=utf-8"),
            ("/robots.txt", "text/plain; charset=utf-8"),
        ]
        for (path, type) in types {
            let response = await http.get(path)
            #expect(
                response.status == 200 && response.header("content-type") == type,
                "\(path): \(response.status) \(response.header("content-type") ?? "-")")
        }
        let css = await http.get("/assets/style.css")
        #expect(css.body == (try String(contentsOf: site.templates.appendingPathComponent("assets/style.css"), encoding: .utf8)))
        let redirect = await http.get("/nl/financien")
        #expect(redirect.status == 301 && redirect.header("location") == "/nl/financien/")
        let missing = await http.get("/nl/bestaat-niet/")
        #expect(missing.status == 404)
        #expect(site.build().succeeded)
        let notFoundPage = try #require(site.read("404.html"))
        #expect(
            missing.body
                == Pages.inject(
                    Pages.reloadScript(version: await server.state.current.version(ofPage: "/nl/bestaat-niet/")), into: notFoundPage),
            "the site's own 404 page")
        let head = await http.get("/nl/", method: "HEAD")
        #expect(head.status == 200 && head.bytes == 0 && Int(head.header("content-length") ?? "") == edited.bytes)
        #expect(await http.get("/nl/", method: "POST").status == 405)

        // 6. Every way out of the site is refused, links made in Templates/assets included (the
        //    build refuses them too; the server does not rely on that).
        try FileManager.default.createSymbolicLink(
            atPath: site.templates.appendingPathComponent("assets/etc").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(
            atPath: site.templates.appendingPathComponent("assets/site.yml").path,
            withDestinationPath: site.content.appendingPathComponent("site.yml").path)
        await eventually("the build to refuse the links") { await http.get("/nl/").status == 500 }
        let escapes = [
            "/../../../../etc/passwd", "/nl/../../Content/site.yml", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/Content/site.yml",
            "/nl%2f..%2f..%2fContent%2fsite.yml", "/..%2f..%2fetc%2fpasswd", "//etc/passwd", "/%2fetc%2fpasswd",
            "/nl%5c..%5c..%5cContent%5csite.yml", "http://127.0.0.1/../../etc/passwd", "/assets/../../Content/site.yml",
            "/assets/%2e%2e/%2e%2e/Content/site.yml", "/assets%2f..%2f..%2fContent%2fsite.yml", "/assets//etc/passwd",
            "/assets/etc/passwd", "/assets/site.yml",
        ]
        for target in escapes {
            let response = await http.get(target)
            #expect(response.status == 403 || response.status == 400, "\(target) → \(response.status)")
            #expect(!response.body.contains("root:") && !response.body.contains("baseURL"), "\(target) leaked")
        }
        #expect(await http.get("/nl/", host: "evil.example:\(port)").status == 403, "DNS rebinding: a foreign Host is refused")
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("assets/etc"))
        try FileManager.default.removeItem(at: site.templates.appendingPathComponent("assets/site.yml"))
        await eventually("the site to come back without the links") { await http.get("/nl/").status == 200 }

        // 7. Many requests at once.
        let paths = ["/nl/", "/fr/", "/assets/style.css", "/nl/data/volunteer-tasks.csv", "/nope", "/nl/financien"]
        let statuses = await withTaskGroup(of: (String, Int).self) { group in
            for i in 0..<300 {
                let path = paths[i % paths.count]
                group.addTask { (path, await http.get(path).status) }
            }
            return await group.reduce(into: [(String, Int)]()) { $0.append($1) }
        }
        let expected = [
            "/nl/": 200, "/fr/": 200, "/assets/style.css": 200, "/nl/data/volunteer-tasks.csv": 200, "/nope": 404, "/nl/financien": 301,
        ]
        #expect(statuses.count == 300)
        #expect(statuses.allSatisfy { expected[$0.0] == $0.1 }, "\(statuses.filter { expected[$0.0] != $0.1 })")

        await server.stop()
    }
}

@Suite struct ServeBasePathTests {
    @Test func siteUnderASubfolderIsServedThere() async throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write(
            "Content/site.yml", TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/studie/"))
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = { _, _ in }
        let server = PreviewServer(options)
        try await server.start()
        let http = RawHTTP(port: await server.port)
        #expect(await server.url.hasSuffix("/studie/"))
        let root = await http.get("/")
        #expect(root.status == 301 && root.header("location") == "/studie/")
        #expect(await http.get("/studie/nl/").status == 200)
        #expect(await http.get("/studie/nl/financien/").body.contains("href=\"../../assets/style.css\""))
        #expect(await http.get("/studie/assets/style.css").status == 200)
        // An address without the base path (a page opened before, a bookmark) leads there.
        let outside = await http.get("/nl/financien/?q=x")
        #expect(outside.status == 301 && outside.header("location") == "/studie/nl/financien/?q=x", "\(outside.status)")
        await server.stop()
    }

    /// `baseURL` given a subfolder while the preview runs (issue 24): the terminal says where the
    /// site is now, and the pages open at the old addresses follow it there, and back.
    @Test func aNewBasePathIsAnnouncedAndOldAddressesFollowIt() async throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let terminal = Terminal()
        var options = PreviewServer.Options(content: site.content, templates: site.templates, host: "127.0.0.1", port: 0)
        options.log = terminal.log
        let server = PreviewServer(options)
        try await server.start()
        let port = await server.port
        let http = RawHTTP(port: port)
        #expect(await http.get("/nl/").status == 200)

        try site.write(
            "Content/site.yml", TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/zelfhulp/"))
        await eventually("the terminal to give the new address") {
            terminal.text.contains("serving http://127.0.0.1:\(port)/zelfhulp/ now")
        }
        #expect(await server.url == "http://127.0.0.1:\(port)/zelfhulp/")
        let open = await http.get("/nl/")
        #expect(open.status == 301 && open.header("location") == "/zelfhulp/nl/")
        #expect(await http.get("/zelfhulp/nl/").status == 200)
        let root = await http.get("/")
        #expect(root.status == 301 && root.header("location") == "/zelfhulp/")

        try site.write("Content/site.yml", TestSite.siteYML)
        await eventually("the terminal to give the address without the subfolder") {
            terminal.text.contains("serving http://127.0.0.1:\(port)/ now")
        }
        let before = await http.get("/zelfhulp/nl/")
        #expect(before.status == 301 && before.header("location") == "/nl/", "the page opened under the old base path follows")
        #expect(await http.get("/nl/").status == 200)
        await server.stop()
    }

    /// The error page says what the preview does: it builds in memory and never writes the
    /// output folder.
    @Test func theErrorPageSaysThePreviewBuildsInMemory() {
        let page = Pages.errorPage(diagnostics: [], failure: "x", sourceLine: { _ in nil })
        #expect(!page.contains("kept in the output folder"))
        #expect(
            page.contains(
                "The preview builds the site in memory and never writes Public/: until this is fixed, every page of the preview shows this list. Fix the file at the place shown and save: this page reloads by itself."
            ), "\(page)")
    }
}
