import Foundation
import RapportCore
import RapportTestSupport
import SurveyData
import Testing

/// `{{…}}` works wherever text does (issue 13, item 1; issue 12, items 9–11). The fixture
/// dataset `challenge-frequency` (ChartTests) gives `volunteers:often` = 50.5 → `50,5%`.
@Suite struct PlaceholderTests {
    /// The minimal site with the chart fixture, and `body` as the Dutch volunteers page.
    static func build(_ body: String, extra: [String: String] = [:]) throws -> (TestSite, Pipeline.Result) {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/nl/volunteers.md"] = TestSite.page("Vrijwilligers", slug: "vrijwilligers", body)
        let site = try TestSite(files.merging(extra) { $1 })
        return (site, site.build())
    }

    static let value = "<data value=\"50.5\">50,5%</data>"

    @Test func inATableCell() throws {
        let (site, result) = try Self.build(
            "| Wat | Hoeveel |\n|---|---|\n| Vaak | Bijna {{challenge-frequency:volunteers:often}} verenigingen |\n| Taal | {{lang fr: démocratie sanitaire}} |\n"
        )
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<td>Bijna \(Self.value) verenigingen</td>"), "\(page)")
        #expect(page.contains("<td><span lang=\"fr-BE\">démocratie sanitaire</span></td>"))
    }

    @Test func inHeadingsTheirIdsAndTheTableOfContents() throws {
        let (site, result) = try Self.build(
            "## Vaak {{challenge-frequency:volunteers:often}}\n\nA.\n\n## Een gedragen {{lang fr: démocratie sanitaire}}\n\nB.\n\n## Derde\n\nC.\n"
        )
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<h2 id=\"vaak-50-5\">Vaak \(Self.value)</h2>"), "\(page)")
        #expect(
            page.contains("<h2 id=\"een-gedragen-democratie-sanitaire\">Een gedragen <span lang=\"fr-BE\">démocratie sanitaire</span></h2>")
        )
        #expect(page.contains("<li><a href=\"#vaak-50-5\">Vaak 50,5%</a></li>"), "the table of contents shows the value")
        #expect(page.contains("<li><a href=\"#een-gedragen-democratie-sanitaire\">Een gedragen démocratie sanitaire</a></li>"))
        #expect(!page.contains("{{"))
    }

    @Test func inLinkText() throws {
        let (site, result) = try Self.build("Zie [{{challenge-frequency:volunteers:often}} vindt moeilijk](finances.md).\n")
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        #expect(
            site.read("nl/vrijwilligers/index.html")?.contains("<a href=\"../../nl/financien/index.html\">\(Self.value) vindt moeilijk</a>")
                == true)
    }

    @Test func inImageAltText() throws {
        let (site, result) = try Self.build(
            "![Grafiek: {{challenge-frequency:volunteers:often}} vaak, {{lang fr: « oui »}}](https://example.org/favicon.svg)\n")
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("alt=\"Grafiek: 50,5% vaak, « oui »\""), "\(page)")
    }

    @Test func inFootnotes() throws {
        let (site, result) = try Self.build("Tekst.[^1]\n\n[^1]: Bron: {{challenge-frequency:volunteers:often}} in de enquête.\n")
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("Bron: \(Self.value) in de enquête."), "\(page)")
    }

    @Test func inEmphasis() throws {
        let (site, result) = try Self.build(
            "Het is *{{challenge-frequency:volunteers:often}}* en **{{lang fr: très}}** ~~{{challenge-frequency:money:often}}~~.\n")
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(
            page.contains(
                "<em>\(Self.value)</em> en <strong><span lang=\"fr-BE\">très</span></strong> <del><data value=\"39\">39,0%</data></del>"),
            "\(page)")
    }

    @Test func inDatasetNotesAndFindings() throws {
        let yaml = ChartFixtures.yaml
            .replacingOccurrences(
                of: "nl: Vrijwilligers vinden is het vaakst een probleem.",
                with: "nl: \"{{challenge-frequency:volunteers:often}} vindt vaak geen vrijwilligers.\""
            )
            .replacingOccurrences(
                of: "fr: Trouver des volontaires est le problème le plus fréquent.",
                with: "fr: \"{{challenge-frequency:volunteers:often}} peinent souvent à trouver des volontaires.\""
            )
            .replacingOccurrences(
                of: "inferred:",
                with:
                    "  - nl: Geld is voor {{challenge-frequency:money:often}} vaak een probleem.\n    fr: L'argent pose souvent problème à {{challenge-frequency:money:often}}.\ninferred:"
            )
        let (site, result) = try Self.build("Tekst.", extra: ["Content/data/challenges/challenge-frequency.yml": yaml])
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let nl = try #require(site.read("nl/financien/index.html"))
        let fr = try #require(site.read("fr/finances/index.html"))
        #expect(nl.contains("<li>Geld is voor 39,0% vaak een probleem.</li>"), "\(nl)")
        #expect(fr.contains("<li>L’argent pose souvent problème à 39,0\u{202F}%.</li>"), "\(fr)")
        #expect(nl.contains("-desc\">50,5% vindt vaak geen vrijwilligers. (n=136)</desc>"), "the finding is the SVG's description")
        #expect(fr.contains("-desc\">50,5\u{202F}% peinent souvent à trouver des volontaires. (n=136)</desc>"))
    }

    @Test func inPageTitlesDescriptionsAndSiteTexts() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/nl/volunteers.md"] =
            "---\ntitle: Vrijwilligers ({{challenge-frequency:volunteers:often}})\ndescription: \"{{challenge-frequency:money:often}} vindt geld.\"\norder: 1\nslug: vrijwilligers\n---\n## Taken\n\nZie [financiën](finances.md#inkomsten).\n"
        files["Content/site.yml"] = TestSite.siteYML.replacingOccurrences(
            of: "description: {nl: Een test., fr: Un test.}",
            with:
                "description:\n  nl: Een test over {{challenge-frequency:volunteers:often}}.\n  fr: Un test sur {{challenge-frequency:volunteers:often}}."
        )
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("<title>Vrijwilligers (50,5%)"), "\(page)")
        #expect(page.contains("<meta name=\"description\" content=\"39,0% vindt geld.\">"))
        let home = try #require(site.read("fr/index.html"))
        #expect(home.contains("Vrijwilligers") == false && home.contains("Un test sur 50,5\u{202F}%."), "\(home)")
        #expect(site.read("nl/financien/index.html")?.contains(">Vrijwilligers (50,5%)</a>") == true, "the navigation shows the value")
    }

    /// 10,000 placeholders in one paragraph (2.6 s before: each piece recounted the text from
    /// its start). Linear now; the time is measured by hand, not asserted.
    @Test func tenThousandPlaceholdersInOneParagraph() throws {
        let paragraph = String(repeating: "{{challenge-frequency:volunteers:often}} é ", count: 10_000)
        let (site, result) = try Self.build("## Veel {{lang fr: chiffres}}\n\n" + paragraph + "{{challenge-frequency:nope}}\n")
        defer { site.cleanUp() }
        // The last one is an error at its column, counted in UTF-16 code units over the whole line.
        let column = 1 + 10_000 * "{{challenge-frequency:volunteers:often}} é ".utf16.count
        #expect(site.messages(result) == ["Content/nl/volunteers.md:8:\(column): error: \(Self.noRowNope)"])
        let rendered = try #require(site.build(write: false).files.first { $0.path == "nl/vrijwilligers/index.html" }?.contents)
        #expect(rendered.components(separatedBy: Self.value).count == 10_001)
    }

    /// Columns are counted in UTF-16 code units from where each text node starts in the source, even
    /// after typographic quotes, entities and emphasis on the same line (5,000 nodes, one line).
    @Test func columnsAcrossManyNodesOnOneLine() throws {
        let piece = "*{{challenge-frequency:volunteers:often}}* &amp; \"é\" "
        let (site, result) = try Self.build(String(repeating: piece, count: 5_000) + "“x” &eacute; {{challenge-frequency:nope}}\n")
        defer { site.cleanUp() }
        let column = 1 + 5_000 * piece.utf16.count + "“x” &eacute; ".utf16.count
        #expect(site.messages(result) == ["Content/nl/volunteers.md:6:\(column): error: \(Self.noRowNope)"])
    }

    static let noRowNope =
        #"dataset "challenge-frequency" has no row "nope" (the closest is "money"; the rows of challenge-frequency: volunteers, money)"#

    /// The page's own U+FDD0 (the markers' first character) cannot pass for a placeholder.
    @Test func noncharactersInThePageAreNotMarkers() throws {
        let open = String(Unicode.Scalar(0xFDD0 as UInt32)!), close = String(Unicode.Scalar(0xFDD1 as UInt32)!)
        let (site, result) = try Self.build("Vreemd: \(open)0\(close) en {{challenge-frequency:volunteers:often}}.\n")
        defer { site.cleanUp() }
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("Vreemd: \u{FFFD}0\u{FFFD} en \(Self.value)."), "\(page)")
    }

    /// The README's examples name data of the real study.
    @Test func readmeExamplesExistInTheStudy() throws {
        let readme = try String(contentsOf: TestSite.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let (datasets, _, _) = DatasetLoader(directory: TestSite.repository.appendingPathComponent("Content/data"), display: { $0.path })
            .load()
        let references = readme.components(separatedBy: "{{").dropFirst().compactMap { $0.components(separatedBy: "}}").first }
            .filter { !$0.hasPrefix("lang ") && !$0.hasPrefix(">") && $0.contains(":") }
        #expect(!references.isEmpty)
        for reference in references {
            let parts = reference.split(separator: ":").map(String.init)
            let dataset = datasets[parts[0]]
            #expect(dataset != nil, "{{\(reference)}}: no dataset \(parts[0])")
            #expect(dataset?.rows.contains { $0.key == parts[1] } == true, "{{\(reference)}}: no row \(parts[1])")
            if parts.count == 3 {
                #expect(dataset?.series.contains { $0.key == parts[2] } == true, "{{\(reference)}}: no series \(parts[2])")
            }
        }
    }
}
