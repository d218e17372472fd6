import Foundation
import RapportCore
import SurveyData
import RapportTestSupport
import Testing

/// The study itself (Content/ and Templates/ of the repository) builds without errors, every
/// dataset is used by both languages, and each chapter carries the same charts in both.
@Suite struct RealSiteTests {
    static let result: Pipeline.Result = {
        let repository = TestSite.repository
        let options = Pipeline.Options(content: repository.appendingPathComponent("Content"),
                                       templates: repository.appendingPathComponent("Templates"),
                                       output: repository.appendingPathComponent(".build/unused-output"), write: false)
        return Pipeline(options).run()
    }()

    /// Rapport's template renderer and swift-mustache's own give the same bytes, for every file
    /// of the real site.
    @Test func bothTemplateRenderersGiveTheSameSite() {
        let repository = TestSite.repository
        var options = Pipeline.Options(content: repository.appendingPathComponent("Content"),
                                       templates: repository.appendingPathComponent("Templates"),
                                       output: repository.appendingPathComponent(".build/unused-output"), write: false)
        options.templateEngine = .swiftMustache
        let reference = Pipeline(options).run()
        #expect(reference.files.map(\.path) == Self.result.files.map(\.path))
        for (ours, theirs) in zip(Self.result.files, reference.files) {
            #expect(ours.bytes == theirs.bytes, "\(ours.path) differs")
        }
    }

    @Test func studyBuildsWithoutErrors() {
        let errors = Self.result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == [])
        #expect(Self.result.pages[.nl] == Self.result.pages[.fr])
        #expect((Self.result.pages[.nl] ?? 0) >= 10)
    }

    @Test func everyDatasetIsUsedInBothLanguages() {
        let unused = Self.result.diagnostics.filter { $0.message.contains("is not used by any chapter") || $0.message.contains(" only (use it in") }
        #expect(unused.map(\.description) == [])
    }

    @Test func dutchAndFrenchPagesCarryTheSameChartsInTheSameOrder() throws {
        func chartIds(_ html: String) -> [String] {
            html.components(separatedBy: "<figure class=\"chart").dropFirst().compactMap { chunk in
                chunk.range(of: "id=\"").map { start in String(chunk[start.upperBound...].prefix { $0 != "\"" }) }
            }
        }
        let files = Dictionary(uniqueKeysWithValues: Self.result.files.map { ($0.path, $0.contents) })
        let nlPages = files.keys.filter { $0.hasPrefix("nl/") && $0.hasSuffix("index.html") }
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
