import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// The pages for readers beyond the chapters (issue 17): the whole report on one page, its PDF
/// published only when printed from exactly that page, and search.
@Suite struct ReaderPagesTests {
    static let files = TestSite.minimal.merging(ChartFixtures.files) { $1 }.merging([
        "Content/nl/volunteers.md": TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers",
            "## Taken\n\nZie [financiën](finances.md#inkomsten) en [hier](#taken).[^1] Mantelzorgers helpen.\n\n[^1]: Een voetnoot.\n"),
        "Content/fr/volunteers.md": TestSite.page(
            "Volontaires", slug: "volontaires",
            "## Tâches\n\nVoir [finances](finances.md#revenus) et [ici](#taches).[^1] Les bénévoles aident.\n\n[^1]: Une note.\n"),
    ]) { $1 }

    static func ids(_ html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func wholeReportHasEveryChapterInOrderWithIdsThatDoNotClash() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        let nl = try #require(site.read("nl/volledig-rapport/index.html"))
        let fr = try #require(site.read("fr/rapport-complet/index.html"))
        // Title page, contents, chapters in order; the chapter's headings one level down.
        #expect(nl.contains("<h1>Testsite</h1>"))
        #expect(nl.contains("<li><a href=\"#vrijwilligers\">Vrijwilligers</a>"))
        let first = try #require(nl.range(of: "<h2 id=\"vrijwilligers\">Vrijwilligers</h2>"))
        let second = try #require(nl.range(of: "<h2 id=\"financien\">Financiën</h2>"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(nl.contains("<h3 id=\"vrijwilligers--taken\">Taken</h3>"))
        #expect(nl.contains("<h3 id=\"financien--inkomsten\">Inkomsten</h3>"))
        // Links between chapters and inside one stay inside the page; footnotes are prefixed.
        #expect(nl.contains("href=\"#financien--inkomsten\""))
        #expect(nl.contains("href=\"#vrijwilligers--taken\""))
        #expect(nl.contains("id=\"vrijwilligers--fn-1\"") && nl.contains("href=\"#vrijwilligers--fn-1\""))
        // The chart with its table open, its ids and references prefixed.
        #expect(nl.contains("id=\"financien--chart-challenge-frequency\" aria-labelledby=\"financien--chart-challenge-frequency-caption\""))
        #expect(nl.contains("<details class=\"chart-data\" open>"))
        let ids = Self.ids(nl)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
        for reference in nl.components(separatedBy: "href=\"#").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            #expect(ids.contains(reference), "no target for #\(reference)")
        }
        // Hostile text of the dataset is still escaped.
        #expect(!nl.contains("<script>alert") && nl.contains("&lt;script&gt;"))
        // Translations, print layout, links from the home page, every footer and every header.
        #expect(nl.contains("class=\"language-switch\" href=\"../../fr/rapport-complet/index.html\""))
        #expect(fr.contains("<h2 id=\"volontaires\">Volontaires</h2>") && fr.contains("Le rapport complet"))
        #expect(nl.contains("<link rel=\"stylesheet\" href=\"../../assets/print.css\" media=\"print\">"))
        #expect(nl.contains("@page { @top-left { content: \"Testsite\"; } }"))
        #expect(site.read("assets/print.css")?.contains("@bottom-right") == true)
        #expect(site.read("nl/index.html")?.contains("<a href=\"../nl/volledig-rapport/index.html\">") == true)
        for page in ["nl/index.html", "nl/financien/index.html", "404.html"] {
            let html = try #require(site.read(page))
            let (search, report) = (TestSite.link("/nl/zoeken/", from: page), TestSite.link("/nl/volledig-rapport/", from: page))
            #expect(html.contains("class=\"search-link\" href=\"\(search)\""), "\(page): search in the header")
            #expect(html.contains("<a href=\"\(report)\">Het volledige rapport</a>"), "\(page): report in the footer")
            #expect(!html.contains("print.css"), "\(page): paged media for the whole report only")
        }
        #expect(site.read("fr/volontaires/index.html")?.contains("href=\"../../fr/recherche/index.html\"") == true)
        #expect(site.read("sitemap.xml")?.contains("<loc>https://example.org/nl/volledig-rapport/</loc>") == true)
    }

    /// The whole report opens with the home page as its summary (key findings, recommendations),
    /// its links made right for the report's folder; its front lines say what they are.
    @Test func wholeReportOpensWithTheHomePageAsItsSummary() throws {
        var files = Self.files
        files["Content/nl/index.md"] = TestSite.page(
            "Home", order: 0, "## Bevindingen\n\nLees [vrijwilligers](volunteers.md#taken) en [de nota](../files/nota.txt).\n")
        files["Content/files/nota.txt"] = "Nota.\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let strings = try String(contentsOf: site.root.appendingPathComponent("Content/i18n/nl.yml"), encoding: .utf8)
        try site.write(
            "Content/i18n/nl.yml", strings.replacingOccurrences(of: "report_summary: Samenvatting\n", with: "report_summary: Samenvatting van <de> studie\n"))
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let nl = try #require(site.read("nl/volledig-rapport/index.html"))
        let summary = try #require(nl.range(of: "<h2 id=\"index\">Samenvatting van &lt;de&gt; studie</h2>"))
        let first = try #require(nl.range(of: "<h2 id=\"vrijwilligers\">Vrijwilligers</h2>"))
        #expect(summary.lowerBound < first.lowerBound)
        #expect(nl.contains("<li><a href=\"#index\">Samenvatting van &lt;de&gt; studie</a>"))
        #expect(nl.contains("<h3 id=\"index--bevindingen\">Bevindingen</h3>"))
        // A link to a chapter stays inside the report; another is made right one folder down.
        #expect(nl.contains("<a href=\"#vrijwilligers--taken\">vrijwilligers</a>"))
        #expect(site.read("nl/index.html")?.contains("<a href=\"../files/files/nota.txt\">de nota</a>") == true)
        #expect(nl.contains("<a href=\"../../files/files/nota.txt\">de nota</a>"))
        #expect(nl.contains("<p class=\"report-citation\"><span class=\"label\">"))
        let ids = Self.ids(nl)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids)")
    }

    /// `make pdf` leaves `<fingerprint>.pdf` in `.Public.pdf/`; the build publishes it, and links
    /// to it, only while the page is the one printed.
    @Test func thePDFIsPublishedOnlyForThePageItWasPrintedFrom() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/volledig-rapport/index.html"))
        #expect(!page.contains(".pdf"), "no PDF yet, no link")
        #expect(site.read("nl/volledig-rapport.pdf") == nil)
        let fingerprint = try #require(page.components(separatedBy: "data-print-source=\"").dropFirst().first?.prefix(16))
        let folder = Pipeline.printedReports(beside: site.output)
        #expect(folder.lastPathComponent == ".Public.pdf")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("%PDF-1.4 printed".utf8).write(to: folder.appendingPathComponent("\(fingerprint).pdf"))
        try Data("%PDF-1.4 stale".utf8).write(to: folder.appendingPathComponent("0123456789abcdef.pdf"))

        #expect(site.build().succeeded)
        let linked = try #require(site.read("nl/volledig-rapport/index.html"))
        #expect(linked.contains("<a href=\"../../nl/volledig-rapport.pdf\" type=\"application/pdf\">"))
        #expect(linked.contains("data-print-source=\"\(fingerprint)\""), "the link does not change the fingerprint")
        #expect(site.read("nl/volledig-rapport.pdf") == "%PDF-1.4 printed")
        #expect(site.read("fr/rapport-complet.pdf") == nil, "French was not printed")
        #expect(!(site.read("fr/rapport-complet/index.html") ?? "").contains(".pdf"))

        // Another text: the PDF of the old one is neither published nor linked.
        try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nAnder geld.\n"))
        try site.write("Content/fr/finances.md", TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\nAutre argent.\n"))
        try site.remove("Content/data/challenges/challenge-frequency.yml")
        try site.remove("Content/data/challenges/challenge-frequency.csv")
        #expect(site.build().succeeded)
        #expect(site.read("nl/volledig-rapport.pdf") == nil)
        let changed = try #require(site.read("nl/volledig-rapport/index.html"))
        #expect(!changed.contains(".pdf"))

        // Printed again, then another stylesheet: that PDF is not what the page prints like.
        let refreshed = try #require(changed.components(separatedBy: "data-print-source=\"").dropFirst().first?.prefix(16))
        #expect(refreshed != fingerprint)
        try Data("%PDF-1.4 again".utf8).write(to: folder.appendingPathComponent("\(refreshed).pdf"))
        #expect(site.build().succeeded)
        #expect(site.read("nl/volledig-rapport.pdf") == "%PDF-1.4 again")
        try site.write("Templates/assets/print.css", "@page { size: A5; }\n")
        #expect(site.build().succeeded)
        #expect(site.read("nl/volledig-rapport.pdf") == nil)
        #expect(!(site.read("nl/volledig-rapport/index.html") ?? "").contains(".pdf"))
    }

    @Test func searchPageListsEverythingAndTheIndexHoldsTheTexts() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/zoeken/index.html"))
        #expect(page.contains("<h1>Zoeken in het rapport</h1>"))
        #expect(page.contains("<input type=\"search\" id=\"search-query\" name=\"q\""))
        #expect(page.contains("data-index=\"../../nl/zoeken/search-index.json\""))
        #expect(page.contains("<script src=\"../../assets/search.js\" defer></script>"))
        // Without JavaScript: every chapter, section and chart as a link.
        #expect(page.contains("<a href=\"../../nl/vrijwilligers/index.html\">Vrijwilligers</a>"))
        #expect(page.contains("<a href=\"../../nl/vrijwilligers/index.html#taken\">Taken</a>"))
        #expect(
            page.contains(
                "<a href=\"../../nl/financien/index.html#chart-challenge-frequency\"><span class=\"search-kind\">Grafiek:</span> Hoe vaak komt het voor?</a>"
            ))
        #expect(site.read("fr/recherche/index.html")?.contains("class=\"language-switch\" href=\"../../nl/zoeken/index.html\"") == true)

        let json = try #require(site.read("nl/zoeken/search-index.json"))
        let index = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let chapters = try #require(index["chapters"] as? [[String]])
        // The home page is searched too, first.
        #expect(
            chapters == [
                ["Home", "../../nl/index.html"], ["Vrijwilligers", "../../nl/vrijwilligers/index.html"],
                ["Financiën", "../../nl/financien/index.html"],
            ])
        let entries = try #require(index["entries"] as? [[Any]])
        let texts = entries.map { entry in entry.map { "\($0)" } }
        let section = try #require(texts.first { $0[3] == "#taken" })
        #expect(section[0] == "s" && section[1] == "1" && section[2] == "Taken")
        #expect(texts.contains { $0[1] == "0" && $0[4].contains("Welkom.") })
        #expect(section[4].contains("Mantelzorgers helpen.") && section[4].contains("Een voetnoot."))
        let chart = try #require(texts.first { $0[0] == "g" })
        #expect(chart[2] == "Hoe vaak komt het voor?" && chart[3] == "#chart-challenge-frequency")
        #expect(chart[4].contains("Vrijwilligers vinden") && chart[4].contains("Hoe vaak heeft uw vereniging last van"))
        #expect(chart[4].contains("Geld <b>& “middelen”</b>"), "labels as shown, for text nodes only")
        #expect(!json.contains("<"), "no raw < in the index")
        let french = try #require(site.read("fr/recherche/search-index.json"))
        #expect(french.contains("Les bénévoles aident."))
    }

    /// The site title goes into the page's CSS (the running title) and the chapter texts into
    /// the JSON index: neither can end its element or string.
    @Test func hostileTextIsEscapedInTheRunningTitleAndTheIndex() throws {
        var files = Self.files
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrij</script>\"", slug: "vrijwilligers", "## Taken\n\nTekst </script><b>\\\" \u{2028}.\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try site.write(
            "Content/site.yml",
            TestSite.siteYML.replacingOccurrences(of: "nl: Testsite", with: "nl: 'A </style><script>x</script> \" \\ B'"))
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/volledig-rapport/index.html"))
        let style = try #require(
            page.components(separatedBy: "<style media=\"print\">").dropFirst().first?.components(separatedBy: "</style>").first)
        #expect(
            style == "@page { @top-left { content: \"A \\3c \\2f style\\3e \\3c script\\3e x\\3c \\2f script\\3e  \\201c  \\5c  B\"; } }")
        let json = try #require(site.read("nl/zoeken/search-index.json"))
        #expect(!json.contains("<") && json.contains("\\u003c/script>"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
    }

    @Test func aChapterCannotTakeTheAddressOfAReaderPage() throws {
        var files = Self.files
        files["Content/nl/finances.md"] = TestSite.page("Financiën", order: 2, slug: "zoeken", "## Inkomsten\n\nGeld.\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            site.messages(result).contains {
                $0.contains("Content/nl/finances.md:4:7: error: the slug \"zoeken\" is the address of the site's search page")
            },
            "\(site.messages(result))")
    }
}
