import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// schema.org JSON-LD (SchemaOrg.swift): a `Dataset` for every dataset of the data page and a
/// `Report` for the study on the whole report, end to end over a small site with the chart fixture.
@Suite struct SchemaOrgTests {
    static let siteYML =
        CitationTests.siteYML + """

            license: https://creativecommons.org/licenses/by/4.0/
            study:
              licence: {nl: Hergebruik met bronvermelding (CC BY 4.0)., fr: Réutilisation avec mention de la source (CC BY 4.0).}
            """

    static let studyYML = "answered: 136\nfieldwork-start: 2023-11-06\nfieldwork-end: 2023-12-06\n"

    static func site(_ more: [String: String] = [:], siteYML: String = siteYML) throws -> TestSite {
        try CitationTests.site(["Content/data/study.yml": studyYML].merging(more) { $1 }, siteYML: siteYML)
    }

    /// The JSON of the page's one `<script type="application/ld+json">`.
    static func jsonLD(_ site: TestSite, _ path: String) throws -> [String: Any] {
        let page = try #require(site.read(path))
        let parts = page.components(separatedBy: "<script type=\"application/ld+json\">")
        try #require(parts.count == 2, "one JSON-LD script")
        let json = try #require(parts[1].components(separatedBy: "</script>").first)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func everyDatasetOfTheDataPageIsADataset() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [], "\(site.messages(result))")
        let json = try Self.jsonLD(site, "nl/data/index.html")
        #expect(json["@context"] as? String == "https://schema.org")
        let graph = try #require(json["@graph"] as? [[String: Any]])
        #expect(graph.count == 1)
        let dataset = try #require(graph.first)
        #expect(dataset["@type"] as? String == "Dataset")
        #expect(dataset["@id"] as? String == "https://example.org/nl/data/#data-challenge-frequency")
        #expect(dataset["name"] as? String == "Hoe vaak komt het voor?")
        // The resource's description, with the study's after it when under Google's 50 characters.
        #expect(dataset["description"] as? String == "Hoe vaak heeft uw vereniging last van …? (n=136) Testsite: Een test.")
        #expect(dataset["inLanguage"] as? String == "nl-BE")
        #expect(dataset["license"] as? String == "https://creativecommons.org/licenses/by/4.0/")
        #expect((dataset["creator"] as? [String: String]) == ["@type": "Organization", "name": "Koning Boudewijnstichting"])
        #expect((dataset["publisher"] as? [String: String])?["name"] == "Koning Boudewijnstichting")
        #expect(dataset["temporalCoverage"] as? String == "2023-11-06/2023-12-06")
        #expect(dataset["dateModified"] as? String == "2026-12-01")
        let distribution = try #require((dataset["distribution"] as? [[String: String]])?.first)
        #expect(distribution["@type"] == "DataDownload")
        #expect(distribution["encodingFormat"] == "text/csv")
        #expect(distribution["contentUrl"] == "https://example.org/nl/data/challenge-frequency.csv")
        #expect((dataset["variableMeasured"] as? [String])?.first == "Categorie")
        // The French page in French; the data package names the same licence.
        let frJSON = try Self.jsonLD(site, "fr/data/index.html")
        let fr = try #require((frJSON["@graph"] as? [[String: Any]])?.first)
        #expect(fr["inLanguage"] as? String == "fr-BE")
        #expect(fr["name"] as? String == "À quelle fréquence\u{202F}?")
        let packageText = try #require(site.read("nl/data/datapackage.json"))
        let package = try #require(try JSONSerialization.jsonObject(with: Data(packageText.utf8)) as? [String: Any])
        #expect(
            (package["licenses"] as? [[String: String]]) == [
                ["path": "https://creativecommons.org/licenses/by/4.0/", "title": "Hergebruik met bronvermelding (CC BY 4.0)."]
            ])
        // Only the data page and the whole report have JSON-LD.
        #expect(site.read("nl/financien/index.html")?.contains("application/ld+json") == false)
    }

    @Test func theWholeReportIsAReport() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let report = try Self.jsonLD(site, "fr/rapport-complet/index.html")
        #expect(report["@type"] as? String == "Report")
        #expect(report["name"] as? String == "Site de test")
        #expect(report["url"] as? String == "https://example.org/fr/rapport-complet/")
        #expect(report["description"] as? String == "Un test.")
        #expect(report["inLanguage"] as? String == "fr-BE")
        #expect(report["datePublished"] as? String == "2024")
        #expect((report["author"] as? [String: String])?["name"] == "Fondation Roi Baudouin")
        #expect((report["identifier"] as? [String: String])?["value"] == "10.5281/zenodo.123456")
        #expect(report["license"] as? String == "https://creativecommons.org/licenses/by/4.0/")
        #expect(report["temporalCoverage"] as? String == "2023-11-06/2023-12-06")
    }

    /// Without `license:` the licence is the study's text; without a publisher, no creator.
    @Test func licenceTextWithoutALicenceURL() throws {
        let site = try Self.site(siteYML: TestSite.siteYML + "\nstudy:\n  licence: {nl: Vrij te gebruiken., fr: Libre.}\n")
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let json = try Self.jsonLD(site, "nl/data/index.html")
        let dataset = try #require((json["@graph"] as? [[String: Any]])?.first)
        #expect((dataset["license"] as? [String: String]) == ["@type": "CreativeWork", "name": "Vrij te gebruiken."])
        #expect(dataset["creator"] == nil)
        #expect(site.read("nl/data/datapackage.json")?.contains("licenses") == false)
    }

    static let hostile = "</script><script>alert(1)</script><!-- \u{2028}"

    /// A title that tries to close the script stays inside it: every `<` is `\u003c`.
    @Test func hostileTextCannotCloseTheScript() throws {
        let yaml = ChartFixtures.yaml.replacingOccurrences(of: "nl: Hoe vaak komt het voor?", with: "nl: \"\(Self.hostile)\"")
        let site = try Self.site(
            ["Content/data/challenges/challenge-frequency.yml": yaml],
            siteYML: Self.siteYML.replacingOccurrences(of: "title: {nl: Testsite,", with: "title: {nl: \"Test</script>site\","))
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        for path in ["nl/data/index.html", "nl/volledig-rapport/index.html"] {
            let page = try #require(site.read(path))
            #expect(page.components(separatedBy: "<script").count == 2, "\(path): the JSON-LD is the page's one script")
            #expect(page.components(separatedBy: "</script>").count == 2, "\(path)")
            #expect(page.contains("\\u003c/script>"), "\(path)")
        }
        let graph = try Self.jsonLD(site, "nl/data/index.html")["@graph"] as? [[String: Any]]
        #expect(graph?.first?["name"] as? String == Self.hostile.replacingOccurrences(of: "\u{2028}", with: "").trimmingCharacters(in: .whitespaces))
        #expect(try Self.jsonLD(site, "nl/volledig-rapport/index.html")["name"] as? String == "Test</script>site")
    }

    /// Expanded by a JSON-LD processor (Python's `pyld`), the data page holds Datasets with
    /// what Google's Dataset guidelines require (name, description of 50 to 5,000 characters)
    /// and a CSV download; the whole report a Report. schema.org's context is given to the
    /// processor offline, as its `@vocab` (`http://schema.org/`), so the test needs no network.
    @Test(.enabled(if: Python.has(["pyld"])))
    func expandedWithAJSONLDProcessor() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let pages = ["nl/data/index.html", "fr/data/index.html", "nl/volledig-rapport/index.html"]
        let output = try Python.run(Self.expandScript, pages.map { site.output.appendingPathComponent($0).path })
        let problems = output.split(separator: "\n").map(String.init)
        #expect(problems == ["ok 1 Dataset", "ok 1 Dataset", "ok 1 Report"])
    }

    static let expandScript = #"""
        import json, re, sys
        from pyld import jsonld
        S = "http://schema.org/"
        def loader(url, options=None):
            if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
                raise ValueError("unexpected context " + url)
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                    "document": {"@context": {"@vocab": S}}}
        def values(node, key):
            return [v.get("@value", v.get("@id")) for v in node.get(S + key, [])]
        for path in sys.argv[1:]:
            html = open(path, encoding="utf-8").read()
            scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
            assert len(scripts) == 1, path
            expanded = jsonld.expand(json.loads(scripts[0]), {"documentLoader": loader})
            nodes = [n for n in expanded for n in ([n] + n.get("@graph", []))]
            datasets = [n for n in nodes if S + "Dataset" in n.get("@type", [])]
            reports = [n for n in nodes if S + "Report" in n.get("@type", [])]
            for node in datasets + reports:
                name, description = values(node, "name"), values(node, "description")
                assert len(name) == 1 and name[0], (path, node)
                assert len(description) == 1 and 0 < len(description[0]) <= 5000, (path, node)
                assert values(node, "inLanguage") and values(node, "license") and node.get(S + "publisher"), (path, node)
            for node in datasets:
                assert len(values(node, "description")[0]) >= 50, (path, node)
                downloads = node[S + "distribution"]
                assert [values(d, "encodingFormat") for d in downloads] == [["text/csv"]], (path, downloads)
                assert all(values(d, "contentUrl")[0].startswith("https://example.org/") for d in downloads), (path, downloads)
                assert values(node, "temporalCoverage") == ["2023-11-06/2023-12-06"], (path, node)
            print("ok", len(datasets) or len(reports), "Dataset" if datasets else "Report")
        """#
}
