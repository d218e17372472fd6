import Diagnostics
import Foundation
import RapportCore
import RapportTestSupport
import SurveyData
import Testing

/// The study itself (Content/ and Templates/ of the repository) builds without errors, every
/// dataset is used by both languages, and each chapter carries the same charts in both.
@Suite struct RealSiteTests {
    static let result: Pipeline.Result = {
        let repository = TestSite.repository
        let options = Pipeline.Options(
            content: repository.appendingPathComponent("Content"),
            templates: repository.appendingPathComponent("Templates"),
            destination: .memory)
        return Pipeline(options).run()
    }()

    /// The open data of the study: every CSV file of a language is on its data page, in its
    /// datapackage.json and in its ZIP; every chart (key figures aside) has its CSV file.
    @Test func everyCSVFileIsOnTheDataPageInThePackageAndInTheZIP() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.result.files.map { ($0.path, $0) })
        for language in ["nl", "fr"] {
            let folder = "\(language)/data/"
            let csvs = files.keys.filter { $0.hasPrefix(folder) && $0.hasSuffix(".csv") }.map { String($0.dropFirst(folder.count)) }
                .sorted()
            #expect(csvs.count >= 45)
            let page = try #require(files[folder + "index.html"]).contents
            for csv in csvs { #expect(page.contains("href=\"../../\(language)/data/\(csv)\""), "\(csv) on the \(language) data page") }
            let json = try #require(files[folder + "datapackage.json"])
            let package = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
            let paths = (package["resources"] as? [[String: Any]])?.compactMap { $0["path"] as? String }.sorted()
            #expect(paths == csvs)
            let zip = try #require(files[folder + "data-\(language).zip"])
            let entries = try OpenDataTests.zipEntries(zip.bytes)
            #expect(entries.map(\.name) == (csvs + ["datapackage.json"]).sorted())
        }
    }

    /// The search index of each language stays small (issue 17: under 150 KB for the study), and
    /// the whole report holds every chapter.
    @Test func searchIndexIsSmallAndTheWholeReportComplete() throws {
        for path in ["nl/zoeken/search-index.json", "fr/recherche/search-index.json"] {
            let file = try #require(Self.result.files.first { $0.path == path })
            #expect(file.bytes.count < 150 * 1024, "\(path): \(file.bytes.count) bytes")
        }
        let report = try #require(Self.result.files.first { $0.path == "nl/volledig-rapport/index.html" }?.contents)
        let chapters = Self.result.files.filter {
            $0.path.hasPrefix("nl/") && $0.path.hasSuffix("/index.html") && $0.path.split(separator: "/").count == 3
                && !["volledig-rapport", "zoeken", "data"].contains($0.path.split(separator: "/")[1])
        }
        #expect(chapters.count >= 9)
        // Every chapter, after the home page as the summary.
        #expect(report.components(separatedBy: "<section class=\"wrap chapter report-chapter\"").count - 1 == chapters.count + 1)
        #expect(report.contains("<h2 id=\"index\">Samenvatting</h2>"))
    }

    @Test func studyBuildsWithoutErrors() {
        let errors = Self.result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == [])
        #expect(Self.result.pages[.nl] == Self.result.pages[.fr])
        #expect((Self.result.pages[.nl] ?? 0) >= 10)
    }

    /// Quiet by default: every warning of the study has been looked at (acknowledged or fixed),
    /// so a build prints its one summary line and nothing else.
    @Test func studyBuildsWithoutWarnings() {
        #expect(Self.result.diagnostics.map(\.description) == [])
        #expect(!Self.result.summary(output: "Public", wrote: true).contains("warning"))
    }

    /// One value, one place: no series (three values or more) or row of a dataset repeats another
    /// dataset's, and no base is the study's answered/complete/contacted typed again instead of
    /// taken from study.yml. Values taken by reference are not copies.
    @Test func noValueIsCopied() {
        let loaded = DatasetLoader(directory: TestSite.repository.appendingPathComponent("Content/data")).loadWithFacts()
        #expect(loaded.diagnostics.map(\.description) == [])
        var own: [(id: String, series: String, values: [String: Double])] = []
        var rows: [(id: String, row: String, values: [Double?])] = []
        var copies: [String] = []
        let facts = ["answered", "complete", "contacted"].compactMap { key in loaded.facts.wholeNumber(key).map { (key, $0) } }
        for (id, dataset) in loaded.datasets.sorted(by: { $0.key < $1.key }) {
            var taken = Set<[Int]>(), takenBases = Set<String>()
            for link in dataset.links {
                switch link.slot {
                case let .value(row, series): taken.insert([row, series])
                case let .series(series): for row in dataset.rows.indices { taken.insert([row, series]) }
                case .base: takenBases.insert("base")
                case let .seriesBase(series): takenBases.insert("series \(series)")
                case let .rowBase(row): takenBases.insert("row \(row)")
                }
            }
            func value(_ row: Int, _ series: Int) -> Double? { taken.contains([row, series]) ? nil : dataset.rows[row].values[series] }
            for (index, series) in dataset.series.enumerated() {
                var values: [String: Double] = [:]
                for (row, item) in dataset.rows.enumerated() { values[item.key] = value(row, index) }
                own.append((id, series.key, values))
            }
            for (index, row) in dataset.rows.enumerated() {
                rows.append((id, row.key, dataset.series.indices.map { value(index, $0) }))
            }
            var bases: [(String, Int?)] = [("base", dataset.base)]
            bases += dataset.series.enumerated().map { ("series \($0.offset)", $0.element.base) }
            bases += dataset.rows.enumerated().map { ("row \($0.offset)", $0.element.base) }
            for (place, base) in bases where !takenBases.contains(place) {
                if let fact = facts.first(where: { $0.1 == base }) { copies.append("\(id) \(place): \(fact.1) is study:\(fact.0)") }
            }
        }
        for (a, first) in own.enumerated() {
            for second in own[(a + 1)...] where second.id != first.id {
                let shared = first.values.keys.filter { second.values[$0] != nil }
                if shared.count >= 3, shared.allSatisfy({ first.values[$0] == second.values[$0] }) {
                    copies.append("\(second.id):\(second.series) repeats \(first.id):\(first.series)")
                }
            }
        }
        for (a, first) in rows.enumerated() where first.values.compactMap({ $0 }).count >= 3 {
            for second in rows[(a + 1)...] where second.id != first.id && second.values == first.values {
                copies.append("\(second.id):\(second.row) repeats \(first.id):\(first.row)")
            }
        }
        #expect(copies == [])
    }

    @Test func everyDatasetIsUsedInBothLanguages() {
        let unused = Self.result.diagnostics.filter(Self.isDatasetUseProblem)
        #expect(unused.map(\.description) == [])
    }

    /// A dataset no chapter uses, or one language's chapters only, or a chart placed in one
    /// language only.
    static func isDatasetUseProblem(_ diagnostic: Diagnostic) -> Bool {
        switch diagnostic.problem {
        case .markdown(.datasetUnused), .markdown(.datasetInSomeLanguages), .markdown(.chartInOneLanguage): true
        default: false
        }
    }

    /// The check above can fail: it recognises both problems as a build reports them.
    @Test func datasetUseProblemsAreRecognised() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/fr/finances.md"] = TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\nRien.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let problems = site.build().diagnostics.filter(Self.isDatasetUseProblem)
        guard problems.count == 1, case let .markdown(.chartInOneLanguage(id, language, other, _, count)) = problems[0].problem else {
            Issue.record("\(problems)")
            return
        }
        #expect(id == "challenge-frequency" && language == "Dutch" && other == "French" && count == 2)
        #expect(problems[0].message == #"chart "challenge-frequency" is placed in Dutch only"#)
    }

    @Test func dutchAndFrenchPagesCarryTheSameChartsInTheSameOrder() throws {
        // In the whole report, ids are prefixed with the chapter's slug (which is translated).
        func chartIds(_ html: String) -> [String] {
            html.components(separatedBy: "<figure class=\"chart").dropFirst().compactMap { chunk in
                chunk.range(of: "id=\"").map { start in String(chunk[start.upperBound...].prefix { $0 != "\"" }) }
                    .map { $0.components(separatedBy: "--").last ?? $0 }
            }
        }
        let files = Dictionary(uniqueKeysWithValues: Self.result.files.map { ($0.path, $0.contents) })
        // Every page of the sitemap (a chart's embed is shown inside other sites, not listed).
        let nlPages = files.keys.filter { $0.hasPrefix("nl/") && $0.hasSuffix("index.html") && !$0.hasSuffix("/embed/index.html") }
        #expect(nlPages.count >= 10)
        var total = 0
        let sitemap = try #require(files["sitemap.xml"])
        for nlPath in nlPages.sorted() {
            // The French page is the nl page's fr-BE alternate in the sitemap.
            let nlURL = "https://patientenverenigingen.kbs-frb.be/" + nlPath.dropLast("index.html".count)
            let entry = try #require(sitemap.components(separatedBy: "<url>").first { $0.contains("<loc>\(nlURL)</loc>") })
            let frURL = try #require(entry.components(separatedBy: "hreflang=\"fr-BE\" href=\"").dropFirst().first?.prefix { $0 != "\"" })
            let frPath = frURL.replacingOccurrences(of: "https://patientenverenigingen.kbs-frb.be/", with: "") + "index.html"
            let nl = chartIds(files[nlPath] ?? ""), fr = chartIds(files[frPath] ?? "")
            #expect(nl == fr, "\(nlPath) vs \(frPath)")
            total += nl.count
        }
        #expect(total >= 45, "the report's charts are on the site")
    }
}
