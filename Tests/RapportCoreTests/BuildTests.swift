import Foundation
import RapportCore
import RapportTestSupport
import Testing

@Suite struct BuildTests {
    @Test func minimalSiteBuilds() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        #expect(result.succeeded)
        #expect(result.pages[.nl] == 3 && result.pages[.fr] == 3)
        for path in [
            "index.html", "404.html", "sitemap.xml", "robots.txt", "assets/style.css", "assets/favicon.svg",
            "nl/index.html", "fr/index.html", "nl/vrijwilligers/index.html", "fr/volontaires/index.html",
            "nl/financien/index.html", "fr/finances/index.html",
        ] {
            #expect(site.read(path) != nil, "missing \(path)")
        }
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<html lang=\"nl-BE\">"))
        #expect(page.contains("<h2 id=\"taken\">Taken</h2>"))
        #expect(page.contains("href=\"../../nl/financien/index.html#inkomsten\""), "relative .md link becomes the page URL")
        #expect(page.contains("class=\"language-switch\" href=\"../../fr/volontaires/index.html\""), "switch goes to the same page")
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"fr-BE\" href=\"https://example.org/fr/volontaires/\">"))
        #expect(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/nl/vrijwilligers/\">"))
        #expect(page.contains("aria-current=\"page\""))
        #expect(!page.contains("<script"), "no JavaScript in built pages")
        let root = try #require(site.read("index.html"))
        #expect(
            root.contains("href=\"nl/index.html\"") && root.contains("href=\"fr/index.html\""),
            "root offers both languages with plain links")
        #expect(!root.contains("<script") && !root.contains("http-equiv=\"refresh\""))
        let sitemap = try #require(site.read("sitemap.xml"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"fr-BE\" href=\"https://example.org/fr/finances/\"/>"))
        #expect(site.read("robots.txt")?.contains("Sitemap: https://example.org/sitemap.xml") == true)
        #expect(result.summary(output: "Public", wrote: true).hasPrefix("built 3 nl + 3 fr pages, 0 charts in "))
    }

    @Test func buildsAreByteIdentical() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        let first = site.build(write: false)
        let second = site.build(write: false)
        #expect(first.succeeded)
        #expect(first.files.map(\.path) == second.files.map(\.path))
        #expect(first.files.map(\.contents) == second.files.map(\.contents))
    }

    @Test func failedBuildLeavesPreviousOutput() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = try #require(site.read("nl/vrijwilligers/index.html"))
        try site.write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Nieuw [dood](nergens.md)."))
        let result = site.build()
        #expect(!result.succeeded)
        #expect(site.read("nl/vrijwilligers/index.html") == before)
        // Only the build before last stays beside the output (the next build's staging folder),
        // the values of the last successful build (for the what-changed report), the build cache
        // and in it the store of the charts' pictures (PNGStore); the lock file goes with the
        // build that held it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Public") }
        #expect(leftovers.sorted() == [".Public.cache", ".Public.previous", ".Public.values"])
        #expect(result.summary(output: "Public", wrote: true).hasPrefix("failed: 1 error, 0 warnings; Public left as it was"))
    }

    /// A rebuild writes only what changed (into the build before last), removes what the site
    /// no longer has, and swaps: the output is always exactly the last successful build.
    @Test func rebuildsWriteOnlyWhatChangedAndDropWhatIsGone() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.build().succeeded)
        let removed = "nl/vrijwilligers/index.html"
        #expect(site.read(removed) != nil)
        // Third build: the staging folder is the first build; one chapter is renamed.
        let volunteers = try String(contentsOf: site.content.appendingPathComponent("nl/volunteers.md"), encoding: .utf8)
        try site.write(
            "Content/nl/volunteers.md", volunteers.replacingOccurrences(of: "slug: vrijwilligers", with: "slug: vrijwilligerswerk"))
        #expect(site.build().succeeded)
        #expect(site.read(removed) == nil, "a page the site no longer has is gone")
        #expect(site.read("nl/vrijwilligerswerk/index.html") != nil)
        // Fourth build, nothing changed since the third: no file of the staging folder is
        // rewritten. A file written again is a new file (written beside, then renamed over the
        // old one), so an unchanged one keeps its inode through the swap.
        func inode(_ path: String) -> UInt64? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? UInt64
        }
        let stagedBefore = inode(site.root.appendingPathComponent(".Public.previous/fr/index.html").path)
        let changedBefore = inode(site.root.appendingPathComponent(".Public.previous/nl/vrijwilligerswerk/index.html").path)
        #expect(stagedBefore != nil)
        #expect(site.build(full: true).succeeded)
        #expect(inode(site.output.appendingPathComponent("fr/index.html").path) == stagedBefore, "an unchanged file is not written again")
        // While a file the build before last did not have is new (the check can tell).
        #expect(changedBefore == nil)
        #expect(site.read(removed) == nil)
        #expect(
            !FileManager.default.fileExists(atPath: site.output.appendingPathComponent("nl/vrijwilligers").path),
            "its emptied folder is gone too")
        let files = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { !$0.hasPrefix("assets") }
        #expect(!files.contains { $0.hasPrefix("nl/vrijwilligers/") })
    }

    /// A file of the build before last that cannot be removed (here: made immutable) fails the
    /// build before the swap: the page the site no longer has is not published.
    @Test func aStaleFileThatCannotBeRemovedFailsTheBuild() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.build().succeeded)
        let stale = site.root.appendingPathComponent(".Public.previous/nl/vrijwilligers/index.html").path
        func chattr(_ flag: String) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            process.arguments = [flag, stale]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        // Only where the file system has immutable files (ext4 …) and we may set them (root).
        guard chattr("+i") else { return }
        defer { _ = chattr("-i") }
        try site.remove("Content/nl/volunteers.md")
        try site.remove("Content/fr/volunteers.md")
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.failure?.message.hasPrefix("cannot remove ") == true && result.failure?.message.contains("vrijwilligers/index.html") == true)
        #expect(site.read("nl/vrijwilligers/index.html") != nil, "the output is left as it was")
    }

    /// Whatever was left in the staging folder (a file where a folder must go, an edited file,
    /// stray files) never reaches the output.
    @Test func aDamagedStagingFolderIsRepaired() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        // Built again in full (nothing changed), so that the staging folder holds a build.
        #expect(site.build(full: true).succeeded)
        let staging = ".Public.previous"
        try site.remove("\(staging)/nl/vrijwilligers")
        try site.write("\(staging)/nl/vrijwilligers", "a file where a folder goes")
        try site.write("\(staging)/fr/index.html", "edited by hand")
        try site.write("\(staging)/stray/file.txt", "not part of the site")
        let expected = site.read("nl/vrijwilligers/index.html")
        #expect(site.build().succeeded)
        #expect(site.read("nl/vrijwilligers/index.html") == expected)
        #expect(site.read("fr/index.html")?.contains("<html lang=\"fr-BE\">") == true)
        #expect(site.read("stray/file.txt") == nil)
    }

    /// A symbolic link in the staging folder is removed, never followed: a build writes nothing
    /// outside its two folders.
    @Test func symbolicLinksInTheStagingFolderAreNotFollowed() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        // Built again in full (nothing changed), so that the staging folder holds a build.
        #expect(site.build(full: true).succeeded)
        let outside = site.root.appendingPathComponent("outside")
        try site.write("outside/keep.txt", "outside")
        try site.write("outside-file.txt", "do not overwrite")
        let staging = site.root.appendingPathComponent(".Public.previous")
        try FileManager.default.removeItem(at: staging.appendingPathComponent("nl"))
        try FileManager.default.createSymbolicLink(at: staging.appendingPathComponent("nl"), withDestinationURL: outside)
        try FileManager.default.removeItem(at: staging.appendingPathComponent("fr/index.html"))
        try FileManager.default.createSymbolicLink(
            at: staging.appendingPathComponent("fr/index.html"),
            withDestinationURL: site.root.appendingPathComponent("outside-file.txt"))
        #expect(site.build().succeeded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["keep.txt"])
        #expect(try String(contentsOf: site.root.appendingPathComponent("outside-file.txt"), encoding: .utf8) == "do not overwrite")
        #expect(site.read("nl/vrijwilligers/index.html")?.contains("<html lang=\"nl-BE\">") == true)
        #expect(site.read("fr/index.html")?.contains("<html lang=\"fr-BE\">") == true)
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.output.path) {
            let type =
                try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.type] as? FileAttributeType
            #expect(type != .typeSymbolicLink, "\(path) is a symbolic link")
        }
    }

    @Test func refusesToReplaceAFolderItDidNotBuild() throws {
        let site = try TestSite(TestSite.minimal.merging(["Public/precious.txt": "keep me"]) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.failure != nil)
        #expect(site.read("precious.txt") == "keep me")
    }

    @Test func checkWritesNothing() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(result.succeeded)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func rawHTMLIsOffAndTextIsEscaped() throws {
        var files = TestSite.minimal
        files["Content/nl/volunteers.md"] = """
            ---
            title: "<script>alert('t')</script> & co"
            order: 1
            slug: vrijwilligers
            ---
            <script>alert(1)</script>

            Tekst met <b>vet</b> & "aanhalingstekens".
            """
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(!page.contains("<script>"))
        // The title's apostrophes are typographic (’) since the generator sets typography.
        #expect(page.contains("&lt;script&gt;alert(’t’)&lt;/script&gt; &amp; co"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
    }

    @Test func footnoteBackLinkIsInThePageLanguage() throws {
        var files = TestSite.minimal
        files["Content/nl/volunteers.md"] = TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Zin.[^1]\n\n[^1]: Noot.")
        files["Content/fr/volunteers.md"] = TestSite.page("Volontaires", slug: "volontaires", "Phrase.[^1]\n\n[^1]: Note.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("nl/vrijwilligers/index.html")?.contains("aria-label=\"Terug naar de tekst\"") == true)
        #expect(site.read("fr/volontaires/index.html")?.contains("aria-label=\"Retour au texte\"") == true)
        #expect(site.read("fr/volontaires/index.html")?.contains("Back to content") == false)
    }

    @Test func textInTheOtherLanguageIsMarked() throws {
        var files = TestSite.minimal
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers",
            "## Naar een {{lang fr: démocratie sanitaire}}\n\nHet boek *{{lang fr: La situation & co}}*.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<h2 id=\"naar-een-democratie-sanitaire\">Naar een <span lang=\"fr-BE\">démocratie sanitaire</span></h2>"))
        #expect(page.contains("<em><span lang=\"fr-BE\">La situation &amp; co</span></em>"))
    }

    @Test func headingIdsAreReadableAndUnique() throws {
        var files = TestSite.minimal
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers",
            "## Financiën & subsidies\n\n## Financiën & subsidies\n\n### Één *vet* woord\n\n[terug](#financien-subsidies-2)")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<h2 id=\"financien-subsidies\">"))
        #expect(page.contains("<h2 id=\"financien-subsidies-2\">"))
        #expect(page.contains("<h3 id=\"een-vet-woord\">"))
    }

    /// A study kept in another folder than Content/ is told to create its own files, not
    /// Content/'s (the fixes named Content/site.yml and Content/i18n/ whatever --content was).
    @Test func theFixNamesTheContentFolderGiven() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-test-\(UUID().uuidString)")
        let content = root.appendingPathComponent("Studie")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("nl"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let result = Pipeline(.init(content: content, templates: root.appendingPathComponent("T"), destination: .validateOnly)).run()
        let fixes = result.diagnostics.filter {
            switch $0.problem {
            case .site(.missingSiteFile), .site(.missingStringsFile): true
            default: false
            }
        }.compactMap(\.fix)
        #expect(fixes.contains { $0.contains("Studie/site.yml") }, "\(fixes)")
        #expect(!fixes.contains { $0.contains("Content/") }, "\(fixes)")
    }
}
