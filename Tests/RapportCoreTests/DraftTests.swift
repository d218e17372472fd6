import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// Drafts (issue 27, item 4), end to end over inline sites: `draft: true` keeps a chapter out of
/// `rapport build` in every language; a link to it is an error; the preview shows it with its band.
@Suite struct DraftTests {
    /// The minimal site and a draft chapter in both languages, with a chart of its own.
    static func withDraft(french: Bool = true, frenchDraft: Bool = true) -> [String: String] {
        var files = TestSite.minimal
        files["Content/nl/plans.md"] = "---\ntitle: Plannen in opbouw\norder: 3\nslug: plannen\ndraft: true\n---\n## Ambities\n\nConceptzin.\n\n```chart goals\n```\n"
        if french {
            files["Content/fr/plans.md"] =
                "---\ntitle: Projets en chantier\norder: 3\nslug: projets\n\(frenchDraft ? "draft: true\n" : "")---\n## Ambitions\n\nPhrase provisoire.\n\n```chart goals\n```\n"
        }
        files["Content/data/plans/goals.yml"] = """
            kind: bars
            title: {nl: Doelen, fr: Objectifs}
            finding: {nl: Groeien komt eerst., fr: Grandir vient d'abord.}
            unit: percent
            series:
              - key: share
                nl: Aandeel
                fr: Part
            """
        files["Content/data/plans/goals.csv"] = "key,nl,fr,share\ngrow,Groeien,Grandir,40\n"
        return files
    }

    /// Every text file of a memory build that mentions `text`.
    static func files(_ result: Pipeline.Result, mentioning text: String) -> [String] {
        result.files.filter { String(decoding: $0.bytes, as: UTF8.self).contains(text) }.map(\.path)
    }

    @Test func aDraftIsLeftOutOfTheBuildEverywhere() throws {
        let site = try TestSite(Self.withDraft())
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(site.messages(result) == [], "a draft and its chart raise nothing (the chart is not 'unused')")
        #expect(result.succeeded)
        #expect(result.pages[.nl] == 3 && result.pages[.fr] == 3)
        #expect(Self.files(result, mentioning: "Plannen in opbouw") == [], "no page, navigation, sitemap, search, whole report")
        #expect(Self.files(result, mentioning: "Projets en chantier") == [])
        #expect(Self.files(result, mentioning: "plannen/") == [] && Self.files(result, mentioning: "projets/") == [])
        #expect(Self.files(result, mentioning: "draft-band").allSatisfy { $0.hasPrefix("assets/") })
        // The data page does not say the chart is shown in the draft.
        let data = try #require(result.files.first { $0.path == "nl/data/index.html" })
        #expect(!String(decoding: data.bytes, as: UTF8.self).contains("Conceptzin"))
    }

    @Test func aDraftMayBeMissingInOtherLanguages() throws {
        let site = try TestSite(Self.withDraft(french: false))
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(site.messages(result) == [])
        #expect(result.succeeded)
        let preview = site.build(write: false, showDrafts: true)
        #expect(site.messages(preview) == [], "the preview shows a draft without its translation too")
        #expect(preview.files.contains { $0.path == "nl/plannen/index.html" })
    }

    @Test func aLinkToADraftIsAnErrorWithTheFix() throws {
        var files = Self.withDraft()
        files["Content/nl/finances.md"] = TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [de plannen](plans.md).\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            site.messages(result) == [
                "Content/nl/finances.md:8:5: error: link to a draft: \"plans.md\" is not published (draft: true at Content/nl/plans.md:5:8) (remove the link until the page is ready, or remove draft: true from Content/nl/plans.md to publish it)"
            ])
        // The preview shows drafts, so the link works there.
        #expect(site.build(write: false, showDrafts: true).succeeded)
    }

    @Test func thePreviewShowsADraftWithItsBand() throws {
        let site = try TestSite(Self.withDraft())
        defer { site.cleanUp() }
        let result = site.build(write: false, showDrafts: true)
        #expect(site.messages(result) == [])
        let draft = try #require(result.files.first { $0.path == "nl/plannen/index.html" })
        let html = String(decoding: draft.bytes, as: UTF8.self)
        #expect(html.contains("<p class=\"draft-band\" role=\"note\">Concept — deze pagina wordt niet gepubliceerd zolang ze een concept is</p>"))
        let french = try #require(result.files.first { $0.path == "fr/projets/index.html" })
        #expect(String(decoding: french.bytes, as: UTF8.self).contains("class=\"draft-band\""))
        let published = try #require(result.files.first { $0.path == "nl/financien/index.html" })
        #expect(!String(decoding: published.bytes, as: UTF8.self).contains("class=\"draft-band\""))
    }

    @Test func aTranslationOfADraftNotMarkedWaitsWithAWarning() throws {
        let site = try TestSite(Self.withDraft(frenchDraft: false))
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(
            site.messages(result) == [
                "Content/fr/plans.md:2:1: warning: plans.md is a draft in Dutch (draft: true at Content/nl/plans.md:5:8), so this translation is left out of the build too (add draft: true here as well, or remove it from Content/nl/plans.md when the page is ready)"
            ])
        #expect(result.succeeded)
        #expect(Self.files(result, mentioning: "Projets en chantier") == [])
    }

    @Test func draftMustBeTrueOrFalse() throws {
        var files = TestSite.minimal
        files["Content/nl/finances.md"] = "---\ntitle: Financiën\norder: 2\nslug: financien\ndraft: misschien\n---\n## Inkomsten\n"
        files["Content/nl/index.md"] = "---\ntitle: Home\norder: 0\ndraft: true\n---\nWelkom.\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(
            site.messages(result) == [
                "Content/nl/finances.md:5:8: error: draft must be true or false, not \"misschien\" (write draft: true, or remove the line)",
                "Content/nl/index.md:4:8: error: the home page (index.md) cannot be a draft (remove draft: true; the site needs its home page)",
            ])
    }
}
