import Diagnostics
import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// Output that works anywhere (issue 16 item 5): links, the stylesheet, images and downloads
/// relative to each page's depth, so the site works from disk and from any folder; canonical,
/// hreflang, Open Graph and sitemap URLs absolute from `baseURL`, which `--base-url` replaces
/// for one build.
@Suite struct RelativeURLTests {
    static let files = TestSite.minimal.merging(ChartFixtures.files) { $1 }.merging([
        "Content/site.yml": TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/studie/")
    ]) { $1 }

    private func build(_ site: TestSite, baseURL: String? = nil) -> Pipeline.Result {
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(site.output))
        options.baseURL = baseURL
        return Pipeline(options).run()
    }

    @Test func linksAreRelativeAtEveryDepth() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let result = build(site)
        #expect(site.messages(result) == [])

        // Depth 0: the language chooser.
        let root = try #require(site.read("index.html"))
        #expect(root.contains("<link rel=\"stylesheet\" href=\"assets/style.css\">"))
        #expect(root.contains("href=\"nl/index.html\"") && root.contains("href=\"fr/index.html\""))
        #expect(root.contains("<link rel=\"canonical\" href=\"https://example.org/studie/\">"))

        // Depth 1: a home page.
        let home = try #require(site.read("nl/index.html"))
        #expect(home.contains("<link rel=\"stylesheet\" href=\"../assets/style.css\">"))
        #expect(home.contains("<a href=\"../nl/vrijwilligers/index.html\">Vrijwilligers</a>"))
        #expect(home.contains("class=\"language-switch\" href=\"../fr/index.html\""))
        #expect(home.contains("<link rel=\"canonical\" href=\"https://example.org/studie/nl/\">"))

        // Depth 2: a chapter, its chart's CSV file, a link to another chapter's heading.
        let chapter = try #require(site.read("nl/financien/index.html"))
        #expect(chapter.contains("<link rel=\"stylesheet\" href=\"../../assets/style.css\">"))
        #expect(chapter.contains("class=\"site-title\" href=\"../../nl/index.html\""))
        #expect(chapter.contains("class=\"language-switch\" href=\"../../fr/finances/index.html\""))
        #expect(chapter.contains("href=\"../../nl/data/challenge-frequency.csv\""))
        #expect(chapter.contains("<link rel=\"alternate\" hreflang=\"fr-BE\" href=\"https://example.org/studie/fr/finances/\">"))
        #expect(chapter.contains("<meta property=\"og:url\" content=\"https://example.org/studie/nl/financien/\">"))
        let volunteers = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(volunteers.contains("href=\"../../nl/financien/index.html#inkomsten\""))
        #expect(!volunteers.contains("href=\"/studie/"), "no link from the site's root path")

        // Every relative link of these pages leads to a file of the built site.
        for (path, html) in [("index.html", root), ("nl/index.html", home), ("nl/financien/index.html", chapter)] {
            let folder = site.output.appendingPathComponent(path).deletingLastPathComponent()
            for link in Self.links(in: html) where !link.contains(":") && !link.hasPrefix("#") && !link.hasPrefix("/") {
                let file = String(link.prefix { $0 != "#" })
                #expect(
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).standardizedFileURL.path), "\(path): \(link)"
                )
            }
        }

        // 404.html is shown at any address: it links from the site's root path.
        let notFound = try #require(site.read("404.html"))
        #expect(notFound.contains("<link rel=\"stylesheet\" href=\"/studie/assets/style.css\">"))
        #expect(site.read("sitemap.xml")?.contains("<loc>https://example.org/studie/nl/financien/</loc>") == true)
    }

    @Test func baseURLFlagChangesTheAbsoluteURLsOnly() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(build(site).succeeded)
        let production = try #require(site.read("nl/financien/index.html"))
        let result = build(site, baseURL: "https://staging.example.net/preview")
        #expect(site.messages(result) == [])
        let staging = try #require(site.read("nl/financien/index.html"))
        #expect(staging.contains("<link rel=\"canonical\" href=\"https://staging.example.net/preview/nl/financien/\">"))
        #expect(!staging.contains("https://example.org/"))
        #expect(
            Self.links(in: staging).filter { !$0.contains(":") } == Self.links(in: production).filter { !$0.contains(":") },
            "relative links do not depend on baseURL")
        #expect(site.read("sitemap.xml")?.contains("<loc>https://staging.example.net/preview/nl/financien/</loc>") == true)
        #expect(site.read("robots.txt")?.contains("Sitemap: https://staging.example.net/preview/sitemap.xml") == true)
        #expect(site.read("404.html")?.contains("href=\"/preview/assets/style.css\"") == true)
    }

    @Test func aBadBaseURLFlagIsReportedAsInSiteYML() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let result = build(site, baseURL: "ftp://example.org/")
        #expect(
            site.messages(result) == [
                "--base-url:1:1: error: --base-url \"ftp://example.org/\" is not an absolute http(s) URL (e.g. https://example.org/ or https://example.org/studie/)"
            ])
        #expect(
            Pipeline.baseURLProblem("https://example.org/?x=1", named: "--base-url")?.sentence
                == "--base-url \"https://example.org/?x=1\" has a query, fragment or user name (give only the address of the site's folder, e.g. https://example.org/ or https://example.org/studie/)"
        )
        #expect(Pipeline.baseURLProblem("https://example.org/studie/", named: "--base-url") == nil)
    }

    /// Issue 24, item 11: port 99999 and a percent-encoded host were taken, `HTTPS://` refused.
    @Test(arguments: [
        ("https://example.org:99999/", SiteProblem.BaseURLFault.port, "has a port outside 1–65535"),
        ("https://example.org:0/studie/", .port, "has a port outside 1–65535"),
        ("https://ex%2Eorg/", .percentEncodedHost, "has a percent-encoded host (write the host as it is, e.g. example.org)"),
    ])
    func aBaseURLWithAnImpossiblePortOrAnEncodedHostIsRefused(_ url: String, _ fault: SiteProblem.BaseURLFault, _ problem: String) throws {
        #expect(Pipeline.baseURLProblem(url, named: "--base-url") == .site(.baseURL(name: "--base-url", written: url, fault)))
        #expect(
            Pipeline.baseURLProblem(url, named: "--base-url")?.sentence
                == "--base-url \"\(url)\" \(problem)\(problem.hasSuffix(")") ? "" : " (e.g. https://example.org/ or https://example.org/studie/)")")
        let site = try TestSite(Self.files.merging(["Content/site.yml": TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: url)]) { $1 })
        defer { site.cleanUp() }
        #expect(build(site).diagnostics.first?.problem == .site(.baseURL(name: "baseURL", written: url, fault)))
    }

    @Test func theSchemeOfABaseURLIsReadInAnyCaseAndWrittenInLowerCase() throws {
        #expect(Pipeline.baseURLProblem("HTTPS://example.org/studie/", named: "--base-url") == nil)
        #expect(Pipeline.baseURLProblem("Http://example.org:8080/", named: "--base-url") == nil)
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.messages(build(site, baseURL: "HTTPS://staging.example.net/studie/")) == [])
        #expect(
            site.read("nl/financien/index.html")?.contains(
                "<link rel=\"canonical\" href=\"https://staging.example.net/studie/nl/financien/\">") == true)
    }

    /// The `href` and `src` values of a page, in order.
    static func links(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = Substring(html)
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                found.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return found
    }
}
