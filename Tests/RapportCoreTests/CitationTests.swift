import Foundation
@testable import RapportCore
import RapportTestSupport
import Testing

/// "Cite this study" and "cite this chart" as BibTeX, RIS and CSL-JSON, the Highwire
/// `citation_*` meta tags and `doi:` of site.yml (Citations.swift, CitationFormats.swift), end
/// to end over a small site with the chart fixture.
@Suite struct CitationTests {
    static let siteYML =
        TestSite.siteYML + """

            publisher: {nl: Koning Boudewijnstichting, fr: Fondation Roi Baudouin}
            published: 2024
            updated: 2026-12-01
            doi: https://doi.org/10.5281/zenodo.123456
            """

    static func site(_ more: [String: String] = [:], siteYML: String = siteYML) throws -> TestSite {
        try TestSite(
            TestSite.minimal.merging(ChartFixtures.files) { $1 }
                .merging(["Content/site.yml": siteYML]) { $1 }.merging(more) { $1 })
    }

    @Test func studyAndChartCitationFilesInEveryLanguageAndFormat() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let bib = try #require(site.read("nl/citeer.bib"))
        #expect(
            bib == """
                @techreport{testsite-nl,
                  title = {{Testsite}},
                  author = {{Koning Boudewijnstichting}},
                  institution = {Koning Boudewijnstichting},
                  year = {2024},
                  url = {https://example.org/nl/volledig-rapport/},
                  doi = {10.5281/zenodo.123456},
                  language = {nl-BE},
                  abstract = {Een test.}
                }

                """)
        let ris = try #require(site.read("fr/citer.ris"))
        #expect(
            ris == [
                "TY  - RPRT", "TI  - Site de test", "AU  - Fondation Roi Baudouin", "PB  - Fondation Roi Baudouin", "PY  - 2024",
                "LA  - fr-BE", "UR  - https://example.org/fr/rapport-complet/", "DO  - 10.5281/zenodo.123456", "AB  - Un test.", "ER  - ", "",
            ].joined(separator: "\r\n"))
        let csl = try #require(site.read("nl/citeer.csl.json"))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(csl.utf8)) as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["type"] as? String == "report")
        #expect(items.first?["DOI"] as? String == "10.5281/zenodo.123456")
        #expect((items.first?["issued"] as? [String: [[Int]]])?["date-parts"] == [[2024]])
        #expect((items.first?["author"] as? [[String: String]]) == [["literal": "Koning Boudewijnstichting"]])

        // A chart's, beside its CSV: the chart in its chapter, in the study; the DOI is the study's.
        let chartBib = try #require(site.read("nl/data/challenge-frequency.bib"))
        #expect(chartBib.hasPrefix("@misc{testsite-nl-challenge-frequency,\n  title = {{Hoe vaak komt het voor?}},\n"))
        #expect(chartBib.contains("  howpublished = {In: Testsite},\n"))
        #expect(chartBib.contains("  url = {https://example.org/nl/financien/#chart-challenge-frequency},\n"))
        #expect(!chartBib.contains("doi"))
        let chartRIS = try #require(site.read("fr/data/challenge-frequency.ris"))
        #expect(chartRIS.hasPrefix("TY  - FIGURE\r\nTI  - À quelle fréquence\u{202F}?\r\nT2  - Site de test\r\n"))
        #expect(site.read("fr/data/challenge-frequency.csl.json")?.contains("\"type\" : \"figure\"") == true)

        // Linked from the chart's citation line and the whole report's title page.
        let chapter = try #require(site.read("nl/financien/index.html"))
        #expect(
            chapter.contains(
                "<p class=\"cite-files\"><span class=\"label\">Importeer in je referentiebeheerder:</span> <a id=\"chart-challenge-frequency-cite-bib\" href=\"../../nl/data/challenge-frequency.bib\" download=\"challenge-frequency-nl.bib\" type=\"application/x-bibtex\" aria-labelledby=\"chart-challenge-frequency-cite-bib chart-challenge-frequency-name\">BibTeX</a> · "
            ))
        #expect(chapter.contains("href=\"../../nl/data/challenge-frequency.csl.json\" download=\"challenge-frequency-nl.csl.json\""))
        // The DOI, as a link, after the study in the chart's citation and in the footer.
        #expect(chapter.contains("In: Testsite. https://doi.org/10.5281/zenodo.123456 <span class=\"chart-cite-url\">"))
        #expect(chapter.contains("<a href=\"https://doi.org/10.5281/zenodo.123456\">https://doi.org/10.5281/zenodo.123456</a></p>"))
        let report = try #require(site.read("fr/rapport-complet/index.html"))
        #expect(
            report.contains(
                "<a href=\"../../fr/citer.bib\" download=\"site-de-test-fr.bib\" type=\"application/x-bibtex\">BibTeX</a> · <a href=\"../../fr/citer.ris\" download=\"site-de-test-fr.ris\""
            ))
    }

    @Test func highwireTagsOnChaptersAndTheWholeReport() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let chapter = try #require(site.read("fr/finances/index.html"))
        #expect(
            chapter.contains(
                """
                <meta name="citation_title" content="Finances">
                <meta name="citation_inbook_title" content="Site de test">
                <meta name="citation_publisher" content="Fondation Roi Baudouin">
                <meta name="citation_publication_date" content="2024">
                <meta name="citation_language" content="fr">
                <meta name="citation_public_url" content="https://example.org/fr/finances/">

                """))
        let report = try #require(site.read("nl/volledig-rapport/index.html"))
        #expect(report.contains("<meta name=\"citation_title\" content=\"Testsite\">\n<meta name=\"citation_technical_report_institution\""))
        #expect(report.contains("<meta name=\"citation_public_url\" content=\"https://example.org/nl/volledig-rapport/\">"))
        #expect(report.contains("<meta name=\"citation_doi\" content=\"10.5281/zenodo.123456\">"))
        #expect(!report.contains("citation_pdf_url"), "no PDF printed, none named")
        #expect(site.read("nl/index.html")?.contains("citation_") == false, "the home page is not a chapter")
        #expect(site.read("nl/data/index.html")?.contains("name=\"citation_") == false)
    }

    /// The PDF of the whole report, once printed, is named in `citation_pdf_url`.
    @Test func reportNamesItsPDF() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/volledig-rapport/index.html"))
        let marker = "data-print-source=\""
        let start = try #require(page.range(of: marker)).upperBound
        let fingerprint = String(page[start...].prefix { $0 != "\"" })
        try site.write(".Public.pdf/\(fingerprint).pdf", "%PDF-1.7\n")
        #expect(site.build().succeeded)
        #expect(
            site.read("nl/volledig-rapport/index.html")?.contains(
                "<meta name=\"citation_pdf_url\" content=\"https://example.org/nl/volledig-rapport.pdf\">") == true)
    }

    @Test(arguments: [
        ("doi: 11.1234/x", "doi \"11.1234/x\" is not a DOI"), ("doi: 10.12/x", "doi \"10.12/x\" is not a DOI"),
        ("doi: \"10.1234/a b\"", "doi \"10.1234/a b\" is not a DOI"), ("doi: 10.1234/", "doi \"10.1234/\" is not a DOI"),
        ("license: creativecommons.org/licenses/by/4.0", "license \"creativecommons.org/licenses/by/4.0\" is not a web address"),
    ])
    func badDOIOrLicenceIsAnErrorAtItsLine(line: String, message: String) throws {
        let site = try Self.site(siteYML: TestSite.siteYML + "\n" + line + "\n")
        defer { site.cleanUp() }
        let messages = site.messages(site.build(write: false))
        #expect(messages.count == 1 && messages.first?.contains("Content/site.yml:6:") == true, "\(messages)")
        #expect(messages.first?.contains(message) == true, "\(messages)")
    }

    @Test func doiWithoutADOIIsNotShown() throws {
        let site = try Self.site(siteYML: OpenDataTests.siteYML)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("nl/citeer.bib")?.contains("doi") == false)
        #expect(site.read("nl/citeer.bib")?.contains("year = {2026}") == true, "the year of updated without published")
        #expect(site.read("nl/financien/index.html")?.contains("doi.org") == false)
    }

    static let hostileTitle = #"a{b}c\d&e%f$g#h_i~j^k @misc{x, <script>"#

    /// A chart title and publisher with every special character of each format: escaped in the
    /// files (so no text ends its field, line or entry), in the HTML and in the meta tags.
    /// One line of a citation: line breaks and control characters as spaces, then trimmed as
    /// Foundation trims `.whitespaces` (the fast path must agree with it).
    @Test(arguments: [
        "", "  ", "Titel", " \tTitel\u{00A0}", "a\nb\r\nc\u{85}d\u{2028}e", "\u{3000}«\u{202F}Titre\u{202F}»\u{2003}",
        "\u{1}x\u{7F}\u{9F}", "x\u{200B}", "\u{FEFF}y ", "é\u{301} ", "\u{180E}z\u{205F}", "\u{1680}\u{200A}w\u{200C}",
    ])
    func oneLineTrimsAsFoundationDoes(text: String) {
        #expect(CitationRecord.oneLine(text) == Self.oneLineByFoundation(text))
    }

    @Test func oneLineTrimsEveryScalarAsFoundationDoes() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)x\(scalar)"
            #expect(CitationRecord.oneLine(text) == Self.oneLineByFoundation(text), "U+\(String(value, radix: 16))")
            #expect(CitationRecord.trimmed(text) == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
        }
    }

    static func oneLineByFoundation(_ text: String) -> String {
        let expected = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
        return expected.trimmingCharacters(in: .whitespaces)
    }

    static func hostileSite() throws -> TestSite {
        let yaml = ChartFixtures.yaml.replacingOccurrences(
            of: "nl: Hoe vaak komt het voor?", with: "nl: '" + hostileTitle + "'")
        return try site(
            ["Content/data/challenges/challenge-frequency.yml": yaml],
            siteYML: siteYML.replacingOccurrences(
                of: "publisher: {nl: Koning Boudewijnstichting,", with: #"publisher: {nl: "Stichting}\nER  - \n&amp; <b>","#))
    }

    @Test func hostileTextsAreEscapedInEveryFormat() throws {
        let site = try Self.hostileSite()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let bib = try #require(site.read("nl/data/challenge-frequency.bib"))
        #expect(
            bib.contains(
                ##"  title = {{a$\lbrace$b$\rbrace$c\textbackslash{}d\&e\%f\$g\#h\_i\textasciitilde{}j\textasciicircum{}k @misc$\lbrace$x, <script>}},"##
            ), "\(bib)")
        #expect(bib.contains(#"  author = {{Stichting$\rbrace$ ER  -  \&amp; <b>}},"#), "\(bib)")
        let ris = try #require(site.read("nl/data/challenge-frequency.ris"))
        #expect(ris.contains("\r\nTI  - \(Self.hostileTitle)\r\n"))
        #expect(ris.contains("\r\nAU  - Stichting} ER  -  &amp; <b>\r\n"), "\(ris)")
        #expect(ris.components(separatedBy: "\r\n").filter { $0.hasPrefix("ER  -") } == ["ER  - "])
        let csl = try #require(site.read("nl/data/challenge-frequency.csl.json"))
        let item = try #require((try JSONSerialization.jsonObject(with: Data(csl.utf8)) as? [[String: Any]])?.first)
        #expect(item["title"] as? String == Self.hostileTitle)
        #expect(item["publisher"] as? String == "Stichting}\nER  - \n&amp; <b>")
        let page = try #require(site.read("nl/financien/index.html"))
        #expect(!page.contains("<b>") && !page.contains("<script>"))
        let meta = page.components(separatedBy: "<meta name=\"citation_publisher\"").dropFirst().first?.prefix(60)
        #expect(meta == " content=\"Stichting} ER  -  &amp;amp; &lt;b&gt;\">\n<meta name", "\(meta ?? "")")
    }

    /// The files parsed back by the libraries reference managers' importers resemble: Python's
    /// `bibtexparser` (LaTeX decoded with `pylatexenc`), `rispy` and `json`.
    @Test(.enabled(if: Python.has(["bibtexparser", "rispy", "pylatexenc"])))
    func filesParseBackWithPythonLibraries() throws {
        let site = try Self.hostileSite()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let stems = ["nl/data/challenge-frequency", "nl/citeer", "fr/data/challenge-frequency", "fr/citer"]
        let output = try Python.run(Self.parseScript, stems.map { site.output.appendingPathComponent($0).path })
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(parsed.count == 4)
        for (stem, files) in zip(stems, parsed) {
            let bib = try #require(files["bib"] as? [[String: String]], "\(stem)")
            let ris = try #require(files["ris"] as? [[String: Any]], "\(stem)")
            let csl = try #require(files["csl"] as? [[String: Any]], "\(stem)")
            #expect(bib.count == 1 && ris.count == 1 && csl.count == 1, "\(stem): one entry in each file")
            // The same work in the three formats: title, year, address.
            #expect(bib.first?["title"]?.replacingOccurrences(of: "\u{02C6}", with: "^") == csl.first?["title"] as? String, "\(stem)")
            #expect(ris.first?["title"] as? String == csl.first?["title"] as? String, "\(stem)")
            #expect(bib.first?["url"] == csl.first?["URL"] as? String && ris.first?["urls"] as? [String] == bib.first.flatMap { $0["url"] }.map { [$0] }, "\(stem)")
            #expect(bib.first?["year"] == "2024" && ris.first?["year"] as? String == "2024", "\(stem)")
        }
        let chart = try #require(parsed.first)
        let bib = try #require((chart["bib"] as? [[String: String]])?.first)
        // pylatexenc writes LaTeX's \textasciicircum as U+02C6, the modifier letter.
        #expect(bib["title"]?.replacingOccurrences(of: "\u{02C6}", with: "^") == Self.hostileTitle)
        #expect(bib["author"] == "Stichting} ER  -  &amp; <b>")
        #expect(Set(bib.keys) == ["ENTRYTYPE", "ID", "title", "author", "publisher", "howpublished", "year", "url", "language", "abstract"])
        #expect(bib["ENTRYTYPE"] == "misc" && bib["ID"] == "testsite-nl-challenge-frequency")
        let ris = try #require((chart["ris"] as? [[String: Any]])?.first)
        #expect(ris["type_of_reference"] as? String == "FIGURE")
        #expect(ris["secondary_title"] as? String == "Testsite")
        #expect(ris["authors"] as? [String] == ["Stichting} ER  -  &amp; <b>"])
        let study = try #require((parsed[3]["bib"] as? [[String: String]])?.first)
        #expect(study["ENTRYTYPE"] == "techreport" && study["doi"] == "10.5281/zenodo.123456")
        #expect(study["title"] == "Site de test" && study["institution"] == "Fondation Roi Baudouin")
    }

    static let parseScript = #"""
        import json, sys, bibtexparser, rispy
        from pylatexenc.latex2text import LatexNodes2Text
        latex = LatexNodes2Text()
        out = []
        for stem in sys.argv[1:]:
            library = bibtexparser.parse_string(open(stem + ".bib", encoding="utf-8").read())
            if library.failed_blocks:
                sys.exit("%s.bib: %r" % (stem, [block.raw for block in library.failed_blocks]))
            entries = []
            for entry in library.entries:
                fields = {"ENTRYTYPE": entry.entry_type, "ID": entry.key}
                for field in entry.fields:
                    # url and doi are verbatim; the rest is LaTeX (the braces that keep a title's case dropped).
                    fields[field.key] = field.value if field.key in ("url", "doi") else latex.latex_to_text(field.value)
                entries.append(fields)
            with open(stem + ".ris", encoding="utf-8") as f:
                ris = rispy.load(f)
            csl = json.load(open(stem + ".csl.json", encoding="utf-8"))
            out.append({"bib": entries, "ris": ris, "csl": csl})
        print(json.dumps(out))
        """#
}

/// python3, when the machine has it with the modules a test needs (else the test is skipped).
enum Python {
    static func has(_ modules: [String]) -> Bool {
        (try? run("import " + modules.joined(separator: ", "), [])) != nil
    }

    /// The script's standard output; throws when it exits with anything but 0.
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonError(message: String(decoding: problem, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct PythonError: Error { var message: String }
}
