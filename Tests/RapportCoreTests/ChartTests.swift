import Foundation
import RapportCore
import RapportTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

enum ChartFixtures {
    static let yaml = """
        kind: stacked-bars
        title:
          nl: Hoe vaak komt het voor?
          fr: À quelle fréquence ?
        question:
          nl: Hoe vaak heeft uw vereniging last van …?
          fr: À quelle fréquence votre association rencontre-t-elle … ?
        finding:
          nl: Vrijwilligers vinden is het vaakst een probleem.
          fr: Trouver des volontaires est le problème le plus fréquent.
        base: 136
        decimals: 1
        scale: frequency
        series:
          - key: never
            nl: Nooit
            fr: Jamais
          - key: sometimes
            nl: Soms
            fr: Parfois
          - key: often
            nl: Vaak
            fr: Souvent
          - key: dk
            nl: Weet niet
            fr: Ne sait pas
            role: dont-know
        notes:
          - nl: "Label met <script>alert('x')</script> & \\"quotes\\""
            fr: "Étiquette avec <script>alert('x')</script> & \\"guillemets\\""
        inferred:
          - row: money
            series: dk
            why: stack sums to 100 without it
        """

    static let csv = """
        key,nl,fr,n,never,sometimes,often,dk
        volunteers,Vrijwilligers vinden,Trouver des volontaires,130,12.5,30,50.5,7
        money,"Geld <b>& ""middelen""</b>",Argent & moyens 💶,,20,41,39,0
        """

    static let files: [String: String] = [
        "Content/data/challenges/challenge-frequency.yml": yaml,
        "Content/data/challenges/challenge-frequency.csv": csv,
        "Content/nl/finances.md": TestSite.page(
            "Financiën", order: 2, slug: "financien",
            "## Inkomsten\n\nVaak: {{challenge-frequency:volunteers:often}} en {{challenge-frequency:money:sometimes}}.\n\n```chart challenge-frequency\n```\n"
        ),
        "Content/fr/finances.md": TestSite.page(
            "Finances", order: 2, slug: "finances",
            "## Revenus\n\nSouvent : {{challenge-frequency:volunteers:often}} et {{challenge-frequency:money:sometimes}}.\n\n```chart challenge-frequency\n```\n"
        ),
    ]
}

@Suite struct ChartTests {
    @Test func figureTableCSVAndSVGAgree() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        #expect(result.charts == 2)
        let nl = try #require(site.read("nl/financien/index.html"))
        let fr = try #require(site.read("fr/finances/index.html"))

        // The sentence quotes the data in the page's locale.
        #expect(nl.contains("Vaak: <data value=\"50.5\">50,5%</data> en <data value=\"41\">41,0%</data>."))
        #expect(fr.contains("Souvent\u{00A0}: <data value=\"50.5\">50,5\u{202F}%</data> et <data value=\"41\">41,0\u{202F}%</data>."))

        // The figure: title, question, base, notes, table, CSV link.
        #expect(nl.contains("<figure class=\"chart chart-stacked-bars\" id=\"chart-challenge-frequency\""))
        #expect(nl.contains("<span class=\"chart-title\" id=\"chart-challenge-frequency-name\">Hoe vaak komt het voor?</span>"))
        #expect(nl.contains("Hoe vaak heeft uw vereniging last van …?"))
        #expect(nl.contains("n=136"))
        #expect(
            nl.contains("<th scope=\"row\">Vrijwilligers vinden</th><td>130</td><td>12,5%</td><td>30,0%</td><td>50,5%</td><td>7,0%</td>"))
        #expect(
            fr.contains(
                "<th scope=\"row\">Trouver des volontaires</th><td>130</td><td>12,5\u{202F}%</td><td>30,0\u{202F}%</td><td>50,5\u{202F}%</td><td>7,0\u{202F}%</td>"
            ))
        #expect(nl.contains("href=\"../../nl/data/challenge-frequency.csv\""))
        #expect(nl.contains("<span class=\"inferred\""), "the inferred value is marked")

        // Hostile labels are escaped in HTML and in the SVG, and intact in the CSV. On the page
        // their straight quotes are typographic (Typography.swift); the CSV keeps them as written.
        #expect(!nl.contains("<script>"))
        #expect(nl.contains("Label met &lt;script&gt;alert(‘x’)&lt;/script&gt; &amp; “quotes”"))
        #expect(nl.contains("Geld &lt;b&gt;&amp; “middelen”&lt;/b&gt;"))
        #expect(!nl.contains("<b>&"))

        // The SVG shows every value as text and is well-formed XML.
        let svg = try #require(
            nl.range(of: "<svg").flatMap { start in
                nl.range(of: "</svg>", range: start.lowerBound..<nl.endIndex).map { String(nl[start.lowerBound..<$0.upperBound]) }
            })
        for value in ["12,5%", "30,0%", "50,5%", "7,0%", "20,0%", "41,0%", "39,0%"] {
            #expect(svg.contains(value), "SVG lacks \(value)")
        }
        #expect(svg.contains("role=\"img\""))
        let xmlParser = XMLParser(data: Data(svg.utf8))
        #expect(xmlParser.parse(), "SVG is well-formed XML")

        // The CSV: Belgian spreadsheet form, headers in the page's language, same numbers.
        let rawCSV = try Data(contentsOf: site.output.appendingPathComponent("nl/data/challenge-frequency.csv"))
        #expect(Array(rawCSV.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark for spreadsheets")
        let nlCSV = try #require(site.read("nl/data/challenge-frequency.csv"))
        let frCSV = try #require(site.read("fr/data/challenge-frequency.csv"))
        #expect(
            nlCSV.drop(while: { $0 == "\u{FEFF}" })
                == "Categorie;n;Nooit (%);Soms (%);Vaak (%);Weet niet (%);Gereconstrueerde waarden\r\nVrijwilligers vinden;130;12,5;30,0;50,5;7,0;\r\n\"Geld <b>& \"\"middelen\"\"</b>\";;20,0;41,0;39,0;0,0;Weet niet\r\n"
        )
        #expect(frCSV.drop(while: { $0 == "\u{FEFF}" }).hasPrefix("Catégorie;n;Jamais (%);Parfois (%);Souvent (%);Ne sait pas (%);Valeurs reconstituées\r\n"))
        #expect(frCSV.contains("Argent & moyens 💶;;20,0;41,0;39,0;0,0;Ne sait pas"))
    }

    @Test func editingOneCellChangesChartTableCSVAndSentence() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        try site.write(
            "Content/data/challenges/challenge-frequency.csv",
            ChartFixtures.csv.replacingOccurrences(of: "12.5,30,50.5,7", with: "12.5,31,49.5,7"))
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let nl = try #require(site.read("nl/financien/index.html"))
        #expect(nl.contains("Vaak: <data value=\"49.5\">49,5%</data>"))
        #expect(nl.contains("<td>31,0%</td><td>49,5%</td>"))
        #expect(!nl.contains("50,5%"))
        #expect(site.read("nl/data/challenge-frequency.csv")?.contains("Vrijwilligers vinden;130;12,5;31,0;49,5;7,0") == true)
    }

    @Test func chartsMustMatchAcrossLanguages() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/fr/finances.md"] = TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\nRien.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        // One error, at the chart; the dataset "used in Dutch only" is the same mistake.
        #expect(
            messages == [
                #"Content/nl/finances.md:10:1: error: chart "challenge-frequency" is placed in Dutch only (place it in Content/fr/finances.md too, in the same order)"#
            ])
    }

    @Test func chartsInAnotherOrderAreOneError() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/data/challenges/other-frequency.yml"] = ChartFixtures.yaml
        files["Content/data/challenges/other-frequency.csv"] = ChartFixtures.csv
        files["Content/nl/finances.md"] = files["Content/nl/finances.md"].map { $0 + "\n```chart other-frequency\n```\n" }
        files["Content/fr/finances.md"] = TestSite.page(
            "Finances", order: 2, slug: "finances",
            "## Revenus\n\n```chart other-frequency\n```\n\n```chart challenge-frequency\n```\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build()).filter { $0.contains(": error: ") }
        #expect(
            messages == [
                #"Content/fr/finances.md:8:1: error: charts in another order than in Dutch: "other-frequency" here, "challenge-frequency" at Content/nl/finances.md:10:1 (place the same charts in the same order in both languages)"#
            ])
    }

    @Test func unusedDatasetIsAWarning() throws {
        var files = TestSite.minimal
        files["Content/data/challenges/challenge-frequency.yml"] = ChartFixtures.yaml
        files["Content/data/challenges/challenge-frequency.csv"] = ChartFixtures.csv
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded)
        #expect(
            site.messages(result) == [
                #"Content/data/challenges/challenge-frequency.yml:1:1: warning: dataset "challenge-frequency" is not used by any chapter (place it with ```chart challenge-frequency or quote it with {{challenge-frequency:row}})"#
            ])
    }

    @Test func duplicateDatasetIdsAreRejected() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/data/other/challenge-frequency.yml"] = ChartFixtures.yaml
        files["Content/data/other/challenge-frequency.csv"] = ChartFixtures.csv
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(
            messages.contains(
                #"Content/data/other/challenge-frequency.csv:1:1: error: two datasets with the id "challenge-frequency" (the other one is in Content/data/challenges; rename one of them)"#
            ), "\(messages)")
    }

    @Test func symbolicLinksOutOfTheDataFolderAreRejected() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        try FileManager.default.createSymbolicLink(
            atPath: site.content.appendingPathComponent("data/challenges/secret.csv").path,
            withDestinationPath: "/etc/passwd")
        let messages = site.messages(site.build())
        #expect(
            messages.contains(
                "Content/data/challenges/secret.csv:1:1: error: symbolic link pointing outside Content/ is not read (copy the file into Content/ instead of linking to it)"
            ), "\(messages)")
    }
}
