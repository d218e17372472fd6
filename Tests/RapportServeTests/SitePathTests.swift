import Diagnostics
import Foundation
import RapportTestSupport
import Testing

@testable import RapportServe

@Suite struct SitePathTests {
    /// A folder with a page, a folder, and links pointing inside and outside it.
    struct Folder {
        let root: URL
        var site: String { root.appendingPathComponent("Public").path }

        init() throws {
            let fm = FileManager.default
            root = fm.temporaryDirectory.appendingPathComponent("rapport-sitepath-\(UUID().uuidString)")
            let site = root.appendingPathComponent("Public")
            try fm.createDirectory(at: site.appendingPathComponent("nl/profiel"), withIntermediateDirectories: true)
            try fm.createDirectory(at: site.appendingPathComponent("leeg"), withIntermediateDirectories: true)
            try Data("home".utf8).write(to: site.appendingPathComponent("index.html"))
            try Data("profiel".utf8).write(to: site.appendingPathComponent("nl/profiel/index.html"))
            try Data("a;b".utf8).write(to: site.appendingPathComponent("nl/data.csv"))
            try Data("marker".utf8).write(to: site.appendingPathComponent(".rapport-build"))
            try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
            try fm.createSymbolicLink(
                atPath: site.appendingPathComponent("outside.txt").path, withDestinationPath: root.appendingPathComponent("secret.txt").path
            )
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("etc").path, withDestinationPath: "/etc")
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("relative.txt").path, withDestinationPath: "../secret.txt")
            try fm.createSymbolicLink(atPath: site.appendingPathComponent("inside.csv").path, withDestinationPath: "nl/data.csv")
        }

        func cleanUp() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func servesFilesFoldersAndRedirects() throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        let real = SitePath.realPath(folder.site)!
        let paths = SitePath(root: folder.site)
        #expect(paths.resolve(rawPath: "/") == .file(real + "/index.html"))
        #expect(paths.resolve(rawPath: "/nl/profiel/") == .file(real + "/nl/profiel/index.html"))
        #expect(paths.resolve(rawPath: "/nl/profiel") == .redirect("/nl/profiel/"))
        #expect(paths.resolve(rawPath: "/nl/profiel", query: "a=1") == .redirect("/nl/profiel/?a=1"))
        #expect(paths.resolve(rawPath: "/nl/data.csv") == .file(real + "/nl/data.csv"))
        #expect(paths.resolve(rawPath: "/nl/%64ata.csv") == .file(real + "/nl/data.csv"), "plain percent-encoding is decoded")
        #expect(paths.resolve(rawPath: "/inside.csv") == .file(real + "/nl/data.csv"), "a link inside the site is fine")
        #expect(paths.resolve(rawPath: "/leeg/") == .notFound, "a folder without index.html")
        #expect(paths.resolve(rawPath: "/nope.html") == .notFound)
        #expect(paths.resolve(rawPath: "/.rapport-build") == .notFound, "hidden files are not part of the site")
    }

    @Test(arguments: [
        "/../secret.txt", "/nl/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
        "/nl/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/nl%2F..%2F..%2Fsecret.txt", "/%2fetc/passwd",
        "//etc/passwd", "///etc/passwd", "/nl//profiel/", "/./index.html", "/nl%5c..%5c..%5csecret.txt", "/a%00b",
        "etc/passwd", "http://127.0.0.1/../secret.txt", "*",
        "/outside.txt", "/relative.txt", "/etc/passwd", "/etc/",
    ])
    func refusesEveryWayOut(_ target: String) throws {
        let folder = try Folder()
        defer { folder.cleanUp() }
        let resolution = SitePath(root: folder.site).resolve(rawPath: target)
        guard case .forbidden = resolution else {
            Issue.record("\(target) → \(resolution), expected forbidden")
            return
        }
    }

    @Test func malformedEncodingIsABadRequest() {
        #expect(SitePath(root: "/nonexistent").resolve(rawPath: "/%zz") == .badRequest("invalid percent-encoding"))
        #expect(SitePath(root: "/nonexistent").resolve(rawPath: "/%c3%28") == .badRequest("invalid percent-encoding"), "not UTF-8")
    }

    @Test func pagesFromMemory() {
        let site = SiteFiles(files: [
            "index.html": Array("root".utf8), "nl/index.html": Array("nl".utf8),
            "nl/profiel/index.html": Array("profiel".utf8), "sitemap.xml": Array("map".utf8),
        ])
        #expect(site.lookup([], rawPath: "/", query: "") == .file(path: "index.html", Array("root".utf8)))
        #expect(
            site.lookup(["nl", "profiel"], rawPath: "/nl/profiel/", query: "") == .file(path: "nl/profiel/index.html", Array("profiel".utf8))
        )
        #expect(site.lookup(["nl", "profiel"], rawPath: "/nl/profiel", query: "") == .redirect("/nl/profiel/"))
        #expect(site.lookup(["nl", "profiel"], rawPath: "/nl/profiel", query: "x=1") == .redirect("/nl/profiel/?x=1"))
        #expect(
            site.lookup(["nl", "profiel", "index.html"], rawPath: "/nl/profiel/index.html", query: "")
                == .file(path: "nl/profiel/index.html", Array("profiel".utf8)))
        #expect(site.lookup(["sitemap.xml"], rawPath: "/sitemap.xml", query: "") == .file(path: "sitemap.xml", Array("map".utf8)))
        #expect(site.lookup(["fr"], rawPath: "/fr/", query: "") == .none)
    }

    @Test func mediaTypes() {
        #expect(MediaType.of("a/index.html") == "text/html; charset=utf-8")
        #expect(MediaType.of("assets/style.css") == "text/css; charset=utf-8")
        #expect(MediaType.of("assets/favicon.svg") == "image/svg+xml")
        #expect(MediaType.of("nl/data/x.csv") == "text/csv; charset=utf-8")
        #expect(MediaType.of("sitemap.xml") == "application/xml; charset=utf-8")
        #expect(MediaType.of("robots.txt") == "text/plain; charset=utf-8")
        #expect(MediaType.of("LICENSE") == "application/octet-stream")
    }
}

@Suite struct PagesTests {
    @Test func scriptGoesBeforeTheLastBodyEnd() {
        let page = "<html><body><p>&lt;/body&gt;</p></body></html>"
        let result = Pages.inject("<script>x</script>", into: page)
        #expect(result == "<html><body><p>&lt;/body&gt;</p><script>x</script></body></html>")
        #expect(Pages.inject("S", into: "<p>no body</p>") == "<p>no body</p>S")
    }

    @Test func errorPageEscapesEverything() {
        // The message and the fix both quote what the file says.
        let hostile = Diagnostic(
            .error, SourceLocation(file: "Content/<b>x</b>.csv", line: 3, column: 5),
            .link(.noAltText(url: "<script>alert('x')</script> & \"dots\"")),
            sourceLine: "a,<img src=x onerror=alert(1)>&amp;")
        let warning = Diagnostic(
            .warning, SourceLocation(file: "Content/a.yml", line: 1, column: 1), .dataset(.smallBase(5, of: .row("a"), low: true)))
        let page = Pages.errorPage(diagnostics: [warning, hostile], failure: "cannot write <Public>", sourceLine: { $0.sourceLine })
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>x"))
        #expect(page.contains("Content/&lt;b&gt;x&lt;/b&gt;.csv:3:5"))
        #expect(page.contains("image without alt text: &quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;dots&quot;&quot;"))
        #expect(page.contains("<pre>a,&lt;img src=x onerror=alert(1)&gt;&amp;amp;\n    ^</pre>"))
        #expect(page.contains("![…](&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;dots&quot;)"))
        #expect(page.contains("cannot write &lt;Public&gt;"))
        #expect(page.contains("2 errors, 1 warning"))
        let errorAt = page.range(of: "image without alt text")!.lowerBound
        let warningAt = page.range(of: "small base")!.lowerBound
        #expect(errorAt < warningAt, "errors come first")
    }

    @Test func longLinesAreCutAroundTheColumn() {
        let line = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let (text, caret) = Pages.excerpt(line, column: 301)
        #expect(text.hasPrefix("… ") && text.hasSuffix(" …"))
        let caretAt = caret.count - 1
        #expect(Array(text)[caretAt] == "X")
        let short = Pages.excerpt("\tkey: value", column: 7)
        #expect(short.caret == "\t     ^")
    }
}

@Suite struct WatcherTests {
    @Test func snapshotSeesEditsAdditionsAndRemovals() throws {
        let site = try TestSite(["Content/nl/a.md": "a"], withDefaults: false)
        defer { site.cleanUp() }
        let before = try #require(Snapshot.scan([site.content]))
        try site.write("Content/nl/a.md", "ab")
        try site.write("Content/nl/b.md", "b")
        try site.write("Content/nl/.a.md.swp", "swap")
        let after = try #require(Snapshot.scan([site.content]))
        #expect(after.changes(since: before).map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.md", "b.md"])
        try site.remove("Content/nl/b.md")
        #expect(Snapshot.scan([site.content])?.changes(since: after).map { URL(fileURLWithPath: $0).lastPathComponent } == ["b.md"])
    }

    /// Asserts why `wait` returned (signal or timeout), not how fast: on 2 cores shared with
    /// the other suites (which build sites on the same few threads) a resumption can be late
    /// by more than a second, which made the old wall-clock bounds (< 1 s, < 5 s) fail
    /// about once in five full runs.
    @Test func wakeupReturnsOnSignalOrTimeout() async {
        let wakeup = Wakeup()
        let clock = ContinuousClock()
        wakeup.signal()
        #expect(await wakeup.wait(timeout: .seconds(60)), "a signal given before the wait counts")
        let elapsed = await clock.measure {
            #expect(await wakeup.wait(timeout: .milliseconds(50)) == false, "no signal: the timeout")
        }
        #expect(elapsed >= .milliseconds(50))
        Task {
            try? await Task.sleep(for: .milliseconds(20)); wakeup.signal()
        }
        #expect(await wakeup.wait(timeout: .seconds(60)), "a signal during the wait ends it")
        wakeup.signal()
        wakeup.drain()
        #expect(await wakeup.wait(timeout: .milliseconds(10)) == false, "a drained signal is forgotten")
    }
}
