import Diagnostics
import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// The open data (DataPage.swift, DataPackage.swift, ZipArchive.swift) and "cite this chart"
/// (ChartCitation.swift), end to end over a small site with the chart fixture.
@Suite struct OpenDataTests {
    static let siteYML =
        TestSite.siteYML + """

            publisher: {nl: Koning Boudewijnstichting, fr: Fondation Roi Baudouin}
            updated: 2026-12-01
            """

    static func site(_ more: [String: String] = [:]) throws -> TestSite {
        try TestSite(
            TestSite.minimal.merging(ChartFixtures.files) { $1 }
                .merging(["Content/site.yml": siteYML]) { $1 }.merging(more) { $1 })
    }

    @Test func dataPageListsEveryDatasetWithItsChapterAndCSV() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let nl = try #require(site.read("nl/data/index.html"))
        let fr = try #require(site.read("fr/data/index.html"))
        #expect(nl.contains("<html lang=\"nl-BE\">") && fr.contains("<html lang=\"fr-BE\">"))
        #expect(nl.contains("<h1>Open data</h1>") && fr.contains("<h1>Données ouvertes</h1>"))
        // Grouped by the chapter that shows it, with a link to the chapter and one to the chart.
        #expect(nl.contains("<h2><a href=\"../../nl/financien/index.html\">Financiën</a></h2>"))
        #expect(fr.contains("<h2><a href=\"../../fr/finances/index.html\">Finances</a></h2>"))
        #expect(nl.contains("<h3 id=\"data-challenge-frequency\">Hoe vaak komt het voor?</h3>"))
        #expect(fr.contains("<h3 id=\"data-challenge-frequency\">À quelle fréquence\u{202F}?</h3>"))
        #expect(nl.contains("<dt>Vraag:</dt><dd>Hoe vaak heeft uw vereniging last van …?</dd>"))
        #expect(nl.contains("<dt>Basis:</dt><dd>n=136</dd>"))
        #expect(fr.contains("<dt>Base\u{00A0}:</dt><dd>n=136</dd>"))
        #expect(
            nl.contains("<dt>Grafiek in:</dt><dd><a href=\"../../nl/financien/index.html#chart-challenge-frequency\">Financiën</a> </dd>"))
        #expect(fr.contains("<a href=\"../../fr/finances/index.html#chart-challenge-frequency\">Finances</a>"))
        #expect(
            nl.contains(
                // Named by the chart's title for a screen reader's list of links.
                "<a id=\"data-challenge-frequency-download\" href=\"../../nl/data/challenge-frequency.csv\" download=\"challenge-frequency-nl.csv\" aria-labelledby=\"data-challenge-frequency-download data-challenge-frequency\">Download de cijfers (CSV)</a>"))
        #expect(fr.contains("href=\"../../fr/data/challenge-frequency.csv\" download=\"challenge-frequency-fr.csv\""))
        #expect(nl.contains("<a href=\"../../nl/data/data-nl.zip\" download=\"data-nl.zip\">Alle CSV-bestanden in één download</a>"))
        #expect(nl.contains("<a href=\"../../nl/data/datapackage.json\">"))
        // A page of its own, with its translation, but not a chapter.
        #expect(nl.contains("<link rel=\"canonical\" href=\"https://example.org/nl/data/\">"))
        #expect(nl.contains("class=\"language-switch\" href=\"../../fr/data/index.html\""))
        let chapter = try #require(site.read("nl/financien/index.html"))
        let nav = try #require(
            chapter.range(of: "<nav").flatMap { start in
                chapter.range(of: "</nav>", range: start.upperBound..<chapter.endIndex).map { chapter[start.lowerBound..<$0.lowerBound] }
            })
        #expect(!nav.contains("/nl/data/"), "the data page is not in the chapter navigation")
        // Linked from the footer of every page and from the home page.
        for path in ["nl/index.html", "nl/financien/index.html", "nl/data/index.html", "404.html"] {
            let data = TestSite.link("/nl/data/", from: path)
            #expect(site.read(path)?.contains("<a href=\"\(data)\">Alle cijfers als open data</a>") == true, "\(path)")
        }
        #expect(site.read("fr/vrijwilligers/index.html") == nil)
        #expect(
            site.read("fr/volontaires/index.html")?.contains(
                "<a href=\"../../fr/data/index.html\">Tous les chiffres en données ouvertes</a>") == true)
        let sitemap = try #require(site.read("sitemap.xml"))
        #expect(
            sitemap.contains(
                "<loc>https://example.org/nl/data/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"nl-BE\" href=\"https://example.org/nl/data/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"fr-BE\" href=\"https://example.org/fr/data/\"/>"
            ))
        #expect(sitemap.contains("<loc>https://example.org/fr/data/</loc>"))
        let home = try #require(site.read("nl/index.html"))
        #expect(home.contains("<p class=\"data-link\"><a href=\"../nl/data/index.html\">"))
    }

    @Test func zipHoldsEveryCSVAndTheDescriptionAndIsTheSameOnRebuild() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        for language in ["nl", "fr"] {
            let zip = try Data(contentsOf: site.output.appendingPathComponent("\(language)/data/data-\(language).zip"))
            let entries = try Self.zipEntries([UInt8](zip))
            #expect(entries.map(\.name) == ["challenge-frequency.csv", "datapackage.json"])
            let csv = try Data(contentsOf: site.output.appendingPathComponent("\(language)/data/challenge-frequency.csv"))
            #expect(entries.first?.bytes == [UInt8](csv), "the CSV in the ZIP is the one published")
            let json = try Data(contentsOf: site.output.appendingPathComponent("\(language)/data/datapackage.json"))
            #expect(entries.last?.bytes == [UInt8](json))
        }
        // Same input, same bytes: the third build (into the first one's folder) rewrites nothing.
        let path = "nl/data/data-nl.zip"
        let first = try Data(contentsOf: site.output.appendingPathComponent(path))
        #expect(site.build(full: true).succeeded)
        // A file written again is a new file (renamed over the old one): the same inode means untouched.
        func inode(_ path: URL) -> UInt64? { (try? FileManager.default.attributesOfItem(atPath: path.path))?[.systemFileNumber] as? UInt64 }
        let staged = inode(site.root.appendingPathComponent(".Public.previous/\(path)"))
        #expect(staged != nil)
        #expect(site.build(full: true).succeeded)
        #expect(try Data(contentsOf: site.output.appendingPathComponent(path)) == first)
        #expect(inode(site.output.appendingPathComponent(path)) == staged, "an unchanged ZIP is not written again")
    }

    @Test func dataPackageDescribesTheCSVFiles() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let data = try Data(contentsOf: site.output.appendingPathComponent("nl/data/datapackage.json"))
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(package["profile"] as? String == "tabular-data-package")
        #expect(package["name"] as? String == "testsite-nl")
        #expect(package["title"] as? String == "Testsite")
        #expect(package["homepage"] as? String == "https://example.org/nl/data/")
        #expect((package["contributors"] as? [[String: String]]) == [["title": "Koning Boudewijnstichting", "role": "publisher"]])
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.count == 1)
        let resource = try #require(resources.first)
        #expect(resource["name"] as? String == "challenge-frequency")
        #expect(resource["path"] as? String == "challenge-frequency.csv")
        #expect(resource["title"] as? String == "Hoe vaak komt het voor?")
        #expect(resource["description"] as? String == "Hoe vaak heeft uw vereniging last van …? (n=136)")
        #expect(resource["encoding"] as? String == "utf-8")
        let csv = try Data(contentsOf: site.output.appendingPathComponent("nl/data/challenge-frequency.csv"))
        #expect(resource["bytes"] as? Int == csv.count)
        let dialect = try #require(resource["dialect"] as? [String: Any])
        #expect(dialect["delimiter"] as? String == ";")
        #expect(dialect["lineTerminator"] as? String == "\r\n")
        let schema = try #require(resource["schema"] as? [String: Any])
        let fields = try #require(schema["fields"] as? [[String: String]])
        #expect(fields.map { $0["name"] ?? "" } == ["Categorie", "n", "Nooit (%)", "Soms (%)", "Vaak (%)", "Weet niet (%)", "Gereconstrueerde waarden"])
        #expect(fields.map { $0["type"] ?? "" } == ["string", "integer", "number", "number", "number", "number", "string"])
        #expect(
            fields.map { $0["title"] ?? "" } == ["Categorie", "Aantal antwoorden", "Nooit", "Soms", "Vaak", "Weet niet", "Gereconstrueerde waarden"])
        #expect(fields.map { $0["decimalChar"] } == [nil, nil, ",", ",", ",", ",", nil])
        // The header row of the CSV is exactly the field names.
        let header = String(decoding: csv.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")[0]
        #expect(header.components(separatedBy: ";") == fields.map { $0["name"] ?? "" })

        let frData = try Data(contentsOf: site.output.appendingPathComponent("fr/data/datapackage.json"))
        let fr = try #require(try JSONSerialization.jsonObject(with: frData) as? [String: Any])
        let frFields = ((fr["resources"] as? [[String: Any]])?.first?["schema"] as? [String: Any])?["fields"] as? [[String: String]]
        #expect(frFields?.map { $0["name"] ?? "" } == ["Catégorie", "n", "Jamais (%)", "Parfois (%)", "Souvent (%)", "Ne sait pas (%)", "Valeurs reconstituées"])
        #expect(
            frFields?.map { $0["title"] ?? "" } == [
                "Catégorie", "Nombre de réponses", "Jamais", "Parfois", "Souvent", "Ne sait pas", "Valeurs reconstituées",
            ])
        #expect(fr["name"] as? String == "site-de-test-fr")
    }

    /// `category:` names what the rows are: the first column of the table, the CSV and the
    /// data package says it in each language instead of the UI string "Categorie".
    @Test func categoryHeadsTheFirstColumn() throws {
        let yaml = ChartFixtures.yaml + "\ncategory: {nl: Probleem, fr: Problème}\n"
        let site = try Self.site(["Content/data/challenges/challenge-frequency.yml": yaml])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let csv = try String(contentsOf: site.output.appendingPathComponent("nl/data/challenge-frequency.csv"), encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n")[0].hasSuffix("Probleem;n;Nooit (%);Soms (%);Vaak (%);Weet niet (%);Gereconstrueerde waarden"))
        let frCSV = try String(contentsOf: site.output.appendingPathComponent("fr/data/challenge-frequency.csv"), encoding: .utf8)
        #expect(frCSV.components(separatedBy: "\r\n")[0].hasSuffix("Problème;n;Jamais (%);Parfois (%);Souvent (%);Ne sait pas (%);Valeurs reconstituées"))
        let page = try #require(site.read("nl/financien/index.html"))
        #expect(page.contains("<tr><th scope=\"col\">Probleem</th>"))
        #expect(!page.contains(">Categorie<"))
    }

    /// A hostile title is escaped on the data page and kept as written in the JSON; a header a
    /// spreadsheet could take for a formula is named as a reader reads it (with the apostrophe).
    @Test func hostileTextsOnTheDataPageAndInTheDescription() throws {
        let yaml = ChartFixtures.yaml
            .replacingOccurrences(of: "nl: Hoe vaak komt het voor?", with: "nl: \"<script>x</script> & co\"")
            .replacingOccurrences(of: "nl: Nooit", with: "nl: \"=Nooit\"")
        let site = try Self.site(["Content/data/challenges/challenge-frequency.yml": yaml])
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/data/index.html"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("<h3 id=\"data-challenge-frequency\">&lt;script&gt;x&lt;/script&gt; &amp; co</h3>"))
        let data = try Data(contentsOf: site.output.appendingPathComponent("nl/data/datapackage.json"))
        let package = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let resource = try #require((package["resources"] as? [[String: Any]])?.first)
        #expect(resource["title"] as? String == "<script>x</script> & co")
        let fields = (resource["schema"] as? [String: Any])?["fields"] as? [[String: String]]
        #expect(fields?[2]["name"] == "'=Nooit (%)")
        #expect(fields?[2]["title"] == "=Nooit")
        #expect(site.read("nl/data/challenge-frequency.csv")?.contains(";'=Nooit (%);") == true)
    }

    @Test func everyChartLinksToItselfAndSaysHowToCiteIt() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let nl = try #require(site.read("nl/financien/index.html"))
        let fr = try #require(site.read("fr/finances/index.html"))
        #expect(
            nl.contains(
                "<p class=\"chart-link\"><a href=\"#chart-challenge-frequency\" aria-describedby=\"chart-challenge-frequency-caption\">Link naar deze grafiek</a> · <a class=\"chart-page-link\" href=\"../../nl/financien/grafieken/challenge-frequency/index.html\" aria-describedby=\"chart-challenge-frequency-caption\">Deze grafiek op een eigen pagina, om te delen of in te sluiten</a></p>"
            ))
        #expect(
            fr.contains(
                "<p class=\"chart-link\"><a href=\"#chart-challenge-frequency\" aria-describedby=\"chart-challenge-frequency-caption\">Lien vers ce graphique</a> · <a class=\"chart-page-link\" href=\"../../fr/finances/graphiques/challenge-frequency/index.html\" aria-describedby=\"chart-challenge-frequency-caption\">Ce graphique sur sa propre page, pour le partager ou l’intégrer</a></p>"
            ))
        #expect(
            nl.contains(
                "<p class=\"chart-cite\"><span class=\"label\">Citeer deze grafiek:</span> Koning Boudewijnstichting (2026). Hoe vaak komt het voor? In: Testsite. <span class=\"chart-cite-url\">https://example.org/nl/financien/#chart-challenge-frequency</span></p>"
            ))
        #expect(
            fr.contains(
                "<p class=\"chart-cite\"><span class=\"label\">Citer ce graphique\u{00A0}:</span> Fondation Roi Baudouin (2026). À quelle fréquence\u{202F}? Dans\u{00A0}: Site de test. <span class=\"chart-cite-url\">https://example.org/fr/finances/#chart-challenge-frequency</span></p>"
            ))
    }

    /// Without `publisher` and `updated`: no publisher, "z.d." / "s.d." for the year; a chart
    /// placed twice cites each placement by its own id.
    /// The year of "cite this chart" is the study's publication year (`published:`), not the
    /// day the site last changed (`updated:`); a year that is not one is an error at its place.
    @Test func citationYearIsThePublicationYear() throws {
        let site = try Self.site(["Content/site.yml": Self.siteYML + "\npublished: 2024\n"])
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let nl = try #require(site.read("nl/financien/index.html"))
        #expect(nl.contains("</span> Koning Boudewijnstichting (2024). Hoe vaak komt het voor?"))
        #expect(nl.contains("Laatst bijgewerkt") && nl.contains("1 december 2026"))

        try site.write("Content/site.yml", Self.siteYML + "\npublished: 24\n")
        #expect(
            site.messages(site.build()).contains(
                #"Content/site.yml:8:12: error: published "24" is not a year (write the year the study was published, e.g. published: 2024)"#))
    }

    @Test func citationWithoutPublisherOrDate() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        try site.write(
            "Content/nl/finances.md",
            TestSite.page(
                "Financiën", order: 2, slug: "financien",
                "## Inkomsten\n\n```chart challenge-frequency\n```\n\n```chart challenge-frequency\n```\n"))
        try site.write(
            "Content/fr/finances.md",
            TestSite.page(
                "Finances", order: 2, slug: "finances",
                "## Revenus\n\n```chart challenge-frequency\n```\n\n```chart challenge-frequency\n```\n"))
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let nl = try #require(site.read("nl/financien/index.html"))
        #expect(
            nl.contains(
                "<span class=\"label\">Citeer deze grafiek:</span> (z.d.). Hoe vaak komt het voor? In: Testsite. <span class=\"chart-cite-url\">https://example.org/nl/financien/#chart-challenge-frequency</span>"
            ))
        #expect(
            nl.contains(
                "<a href=\"#chart-challenge-frequency-2\" aria-describedby=\"chart-challenge-frequency-2-caption\">Link naar deze grafiek</a>"
            ))
        #expect(nl.contains("https://example.org/nl/financien/#chart-challenge-frequency-2</span>"))
        #expect(site.read("fr/finances/index.html")?.contains("</span> (s.d.). À quelle fréquence") == true)
        // Listed once on the data page.
        let data = try #require(site.read("nl/data/index.html"))
        #expect(data.components(separatedBy: "<h3 ").count == 2)
    }

    @Test func publisherInOneLanguageOnlyIsAnError() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write("Content/site.yml", TestSite.siteYML + "\npublisher: {nl: Koning Boudewijnstichting}\n")
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            result.diagnostics.contains {
                $0.location.line == 6 && $0.location.column == 12
                    && $0.problem == .yaml(.missingLanguage(field: "publisher", LanguageName(code: "fr", english: "French")))
            }, "\(site.messages(result))")
    }

    // MARK: Reading a ZIP (stored entries, as ZipArchive writes them)

    struct ZipEntry {
        var name: String
        var bytes: [UInt8]
    }

    struct ZipError: Error, CustomStringConvertible {
        var description: String
    }

    /// The entries in central-directory order, each checked against its local header and CRC.
    static func zipEntries(_ zip: [UInt8]) throws -> [ZipEntry] {
        func u16(_ at: Int) -> Int { Int(zip[at]) | Int(zip[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = zip.count - 22
        guard end >= 0, u32(end) == 0x0605_4B50 else { throw ZipError(description: "no end of central directory") }
        var entries: [ZipEntry] = []
        var at = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard u32(at) == 0x0201_4B50 else { throw ZipError(description: "bad central header at \(at)") }
            let method = u16(at + 10), crc = u32(at + 16), size = u32(at + 24), nameLength = u16(at + 28)
            let extra = u16(at + 30), comment = u16(at + 32), offset = u32(at + 42)
            let name = String(decoding: zip[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard method == 0, u32(offset) == 0x0403_4B50 else { throw ZipError(description: "bad local header for \(name)") }
            let start = offset + 30 + u16(offset + 26) + u16(offset + 28)
            let bytes = Array(zip[start..<(start + size)])
            guard crc32(bytes) == crc else { throw ZipError(description: "bad CRC for \(name)") }
            entries.append(ZipEntry(name: name, bytes: bytes))
            at += 46 + nameLength + extra + comment
        }
        return entries
    }

    static func crc32(_ bytes: [UInt8]) -> Int {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return Int(crc ^ 0xFFFF_FFFF)
    }
}

/// A chart's anchor (`ChartAnchor`): the first placement on a page is `#chart-<id>`, the next
/// ones `-2`, `-3`; a link to any of them is a link to something that exists, and the search
/// index points at the same ids.
@Suite struct ChartAnchorTests {
    @Test func linksToASecondPlacementAreValid() throws {
        let body = "## Inkomsten\n\n```chart challenge-frequency\n```\n\n```chart challenge-frequency\n```\n\nZie [de tweede](#chart-challenge-frequency-2) en [de eerste](#chart-challenge-frequency).\n"
        let site = try TestSite(
            TestSite.minimal.merging(ChartFixtures.files) { $1 }.merging([
                "Content/nl/finances.md": TestSite.page("Financiën", order: 2, slug: "financien", body),
                "Content/fr/finances.md": TestSite.page(
                    "Finances", order: 2, slug: "finances",
                    "## Revenus\n\n```chart challenge-frequency\n```\n\n```chart challenge-frequency\n```\n\nVoir [le second](#chart-challenge-frequency-2).\n"),
            ]) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result).filter { $0.contains("error") } == [])
        let index = try #require(site.read("nl/zoeken/search-index.json"))
        #expect(index.contains("#chart-challenge-frequency-2\""))
        // Still a mistake when there is no third.
        try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", body + "[x](#chart-challenge-frequency-3)\n"))
        #expect(
            site.build().diagnostics.contains {
                if case .link(.missingHeading("chart-challenge-frequency-3", "finances", _, _)) = $0.problem { true } else { false }
            })
    }
}

/// Key figures show their source and notes like every chart; a series whose base is the
/// chart's own is not named again after the base.
@Suite struct FigureMetaTests {
    static let tiles = (
        yaml: """
            kind: figures
            title: {nl: Kerncijfers, fr: Chiffres clés}
            unit: count
            series:
              - {key: value, nl: Waarde, fr: Valeur}
            source: {nl: De synthese, fr: La synthèse}
            notes:
              - {nl: Een geschatte waarde., fr: Une valeur estimée.}
            """,
        csv: "key,nl,fr,value\nmembers,Leden,Membres,300\n")

    @Test func tilesShowTheirSourceAndNotes() throws {
        let site = try TestSite(
            TestSite.minimal.merging([
                "Content/data/home/tiles.yml": Self.tiles.yaml, "Content/data/home/tiles.csv": Self.tiles.csv,
                "Content/nl/index.md": TestSite.page("Home", order: 0, "```chart tiles\n```\n"),
                "Content/fr/index.md": TestSite.page("Accueil", order: 0, "```chart tiles\n```\n"),
            ]) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let home = try #require(site.read("nl/index.html"))
        #expect(home.contains("<span>Bron: De synthese</span>"))
        #expect(home.contains("<li>Een geschatte waarde.</li>"))
        #expect(site.read("fr/index.html")?.contains("Une valeur estimée.") == true)
    }

    @Test func aSeriesBaseEqualToTheChartsIsNotRepeated() throws {
        let yaml = ChartFixtures.yaml + "\n"
        let withBases = yaml.replacingOccurrences(of: "  - key: never\n", with: "  - key: never\n    n: 136\n")
            .replacingOccurrences(of: "  - key: sometimes\n", with: "  - key: sometimes\n    n: 120\n")
        let site = try TestSite(
            TestSite.minimal.merging(ChartFixtures.files) { $1 }.merging(["Content/data/challenges/challenge-frequency.yml": withBases]) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("nl/financien/index.html"))
        #expect(page.contains("Soms: n=120"))
        #expect(!page.contains("Nooit: n=136"))
    }
}
