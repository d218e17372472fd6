import Foundation
import RapportBase
import RapportTestSupport
import Testing

@testable import RapportCore

/// Sites in any list of languages (issue 16, item 1), end to end over inline sites: three
/// languages with a chart in German numbers, one language only, and what a missing German page,
/// label or UI string gives (one error each, naming German and where to fix it).
@Suite struct LanguageSiteTests {
    static let languages: [Language] = [.nl, .fr, .de]

    /// A site in Dutch, French and German: home page, one chapter with a chart, the dataset.
    static func threeLanguages(site codes: [String] = ["nl", "fr", "de"]) -> [String: String] {
        let languages = codes.compactMap { Language(code: $0) }
        var files: [String: String] = [
            "Content/site.yml": """
            title: {nl: Testsite, fr: Site de test, de: Testseite}
            description: {nl: Een test., fr: Un test., de: Ein Test.}
            baseURL: https://example.org/
            languages: [\(codes.joined(separator: ", "))]
            """,
            "Content/nl/index.md": TestSite.page("Home", order: 0, "Welkom."),
            "Content/fr/index.md": TestSite.page("Accueil", order: 0, "Bienvenue."),
            "Content/de/index.md": TestSite.page("Startseite", order: 0, "Willkommen. Ein \"Zitat\"."),
            "Content/nl/money.md": TestSite.page(
                "Geld", slug: "geld", "## Inkomsten\n\n{{income:gifts:amount}} aan giften.\n\n```chart income\n```\n"),
            "Content/fr/money.md": TestSite.page(
                "Argent", slug: "argent", "## Revenus\n\n{{income:gifts:amount}} de dons.\n\n```chart income\n```\n"),
            "Content/de/money.md": TestSite.page(
                "Geld", slug: "geld", "## Einnahmen\n\n{{income:gifts:amount}} an Spenden.\n\n```chart income\n```\n"),
            "Content/data/money/income.yml": """
            kind: bars
            title: {nl: Inkomsten, fr: Revenus, de: Einnahmen}
            finding: {nl: Giften wegen het zwaarst., fr: Les dons pèsent le plus., de: Spenden wiegen am schwersten.}
            unit: euro
            decimals: 2
            series:
              - key: amount
                nl: Bedrag
                fr: Montant
                de: Betrag
            """,
            "Content/data/money/income.csv": """
            key,nl,fr,de,amount
            gifts,Giften,Dons,Spenden,1994.18
            fees,Bijdragen,Cotisations,Beiträge,1234.5

            """,
        ]
        for language in languages {
            files["Content/i18n/\(language.code).yml"] = StarterFiles.uiStrings(for: language, in: languages)
        }
        return files
    }

    @Test func threeLanguagesBuildWithGermanNumbers() throws {
        let site = try TestSite(Self.threeLanguages())
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        #expect(result.succeeded && result.charts == 3)
        #expect(result.summary(output: "Public", wrote: true).hasPrefix("built 2 nl + 2 fr + 2 de pages, 3 charts in "))
        let german = try #require(site.read("de/geld/index.html"))
        #expect(german.contains("<html lang=\"de-BE\">"))
        #expect(german.contains("1.994,18\u{A0}€"), "German currency, in the sentence and the chart")
        #expect(german.contains("1.234,50\u{A0}€"))
        #expect(german.contains("<meta property=\"og:locale\" content=\"de_BE\">"))
        #expect(german.contains("<meta property=\"og:locale:alternate\" content=\"nl_BE\">"))
        #expect(german.contains("<meta property=\"og:locale:alternate\" content=\"fr_BE\">"))
        for (lang, href) in [("nl-BE", "nl/geld/"), ("fr-BE", "fr/argent/"), ("de-BE", "de/geld/"), ("x-default", "")] {
            #expect(german.contains("<link rel=\"alternate\" hreflang=\"\(lang)\" href=\"https://example.org/\(href)\">"), "\(lang)")
        }
        // The language switch: one link per other language, labelled in German.
        #expect(
            german.contains(
                "<a class=\"language-switch\" href=\"../../nl/geld/index.html\" hreflang=\"nl-BE\"><span class=\"visually-hidden\">Diese Seite auf Niederländisch lesen: </span><span lang=\"nl-BE\">Nederlands</span></a>"
            ))
        #expect(
            german.contains(
                "href=\"../../fr/argent/index.html\" hreflang=\"fr-BE\"><span class=\"visually-hidden\">Diese Seite auf Französisch lesen: </span><span lang=\"fr-BE\">Français</span>"
            ))
        #expect(site.read("de/index.html")?.contains("„Zitat“") == true, "German quotes")
        let dutch = try #require(site.read("nl/geld/index.html"))
        #expect(dutch.contains("€\u{A0}1.994,18") && dutch.contains("Lees deze pagina in het Duits: "))
        #expect(try #require(site.read("fr/argent/index.html")).contains("1\u{202F}994,18\u{A0}€"))
        let root = try #require(site.read("index.html"))
        for code in ["nl", "fr", "de"] { #expect(root.contains("href=\"\(code)/index.html\""), "the chooser offers \(code)") }
        #expect(root.contains("<span lang=\"de-BE\">Testseite</span>"))
        let sitemap = try #require(site.read("sitemap.xml"))
        #expect(sitemap.contains("<loc>https://example.org/de/geld/</loc>"))
        #expect(sitemap.contains("hreflang=\"de-BE\" href=\"https://example.org/de/gesamtbericht/\""))
        #expect(site.read("de/data/income.csv") != nil && site.read("de/suche/index.html") != nil)
        #expect(site.read("404.html")?.contains("lang=\"de-BE\"") == true, "the 404 page speaks every language")
    }

    @Test func oneLanguageOnly() throws {
        var files = Self.threeLanguages(site: ["de"])
        for key in files.keys where key.hasPrefix("Content/nl/") || key.hasPrefix("Content/fr/") { files[key] = nil }
        files["Content/site.yml"] = "title: {de: Testseite}\ndescription: {de: Ein Test.}\nbaseURL: https://example.org/\nlanguages: [de]\n"
        files["Content/data/money/income.yml"] =
            "kind: bars\ntitle: {de: Einnahmen}\nfinding: {de: Spenden wiegen am schwersten.}\nunit: euro\ndecimals: 2\nseries:\n  - {key: amount, de: Betrag}\n"
        files["Content/data/money/income.csv"] = "key,de,amount\ngifts,Spenden,1994.18\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try site.remove("Content/i18n/nl.yml")
        try site.remove("Content/i18n/fr.yml")
        let result = site.build()
        #expect(site.messages(result) == [])
        #expect(result.succeeded && result.summary(output: "Public", wrote: true).hasPrefix("built 2 de pages, 1 charts in "))
        let page = try #require(site.read("de/geld/index.html"))
        #expect(!page.contains("class=\"language-switch\"") && !page.contains("og:locale:alternate"))
        #expect(page.contains("hreflang=\"de-BE\"") && page.contains("1.994,18\u{A0}€"))
    }

    /// Each missing German text is one error that names German and the place to fix.
    static let missingGerman: [(what: String, expected: String)] = [
        ("a page", "Content/nl/money.md:1:1: error: page \"money.md\" is missing in German (add its translation as Content/de/money.md)"),
        ("a row label", "Content/data/money/income.csv:2:19: error: row \"gifts\" has no German label (fill in the de column)"),
        (
            "a label column",
            "Content/data/money/income.csv:1:1: error: missing column \"de\" (the German labels) (the header starts with key,nl,fr,de)"
        ),
        ("a series label", "Content/data/money/income.yml:7:5: error: series \"amount\" is missing its German label (add de: …)"),
        ("a title", "Content/data/money/income.yml:2:8: error: title is missing its German text (add de: …)"),
        (
            "a UI string",
            "Content/i18n/de.yml:1:1: error: UI string \"chart_download\" is missing in German (add chart_download: …, as in Content/i18n/nl.yml:22:1)"
        ),
        (
            "the UI strings",
            "Content/i18n/de.yml:1:1: error: missing UI strings for German (create Content/i18n/de.yml with the same keys as Content/i18n/nl.yml, in German)"
        ),
        ("a site text", "Content/site.yml:2:14: error: site description is missing its German text (add de: …)"),
        (
            "a chart",
            "Content/nl/money.md:10:1: error: chart \"income\" is placed in Dutch but not in German (place it in Content/de/money.md too, in the same order)"
        ),
    ]

    static func removeGerman(_ what: String, from files: inout [String: String]) {
        switch what {
        case "a page": files["Content/de/money.md"] = nil
        case "a row label":
            files["Content/data/money/income.csv"] =
                "key,nl,fr,de,amount\ngifts,Giften,Dons,,1994.18\nfees,Bijdragen,Cotisations,Beiträge,1234.5\n"
        case "a label column":
            files["Content/data/money/income.csv"] = "key,nl,fr,amount\ngifts,Giften,Dons,1994.18\nfees,Bijdragen,Cotisations,1234.5\n"
        case "a series label":
            files["Content/data/money/income.yml"] = files["Content/data/money/income.yml"]?.replacingOccurrences(
                of: "\n    de: Betrag", with: "")
        case "a title":
            files["Content/data/money/income.yml"] = files["Content/data/money/income.yml"]?.replacingOccurrences(
                of: ", de: Einnahmen", with: "")
        case "a UI string":
            files["Content/i18n/de.yml"] = files["Content/i18n/de.yml"]?.replacingOccurrences(
                of: "chart_download: Zahlen herunterladen (CSV)\n", with: "")
        case "the UI strings": files["Content/i18n/de.yml"] = nil
        case "a chart":
            files["Content/de/money.md"] = TestSite.page("Geld", slug: "geld", "## Einnahmen\n\n{{income:gifts:amount}} an Spenden.\n")
        case "a site text":
            files["Content/site.yml"] = files["Content/site.yml"]?.replacingOccurrences(of: ", de: Ein Test.", with: "")
        default: Issue.record("no such case: \(what)")
        }
    }

    @Test(arguments: missingGerman.map(\.what))
    func aMissingGermanTextIsOneError(_ what: String) throws {
        var files = Self.threeLanguages()
        Self.removeGerman(what, from: &files)
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [Self.missingGerman.first { $0.what == what }?.expected ?? ""], "\(what)")
        #expect(!result.succeeded)
    }

    /// A folder of chapters for a language site.yml does not list is said, not silently left out.
    @Test func aLanguageFolderTheSiteDoesNotListIsAWarning() throws {
        var files = TestSite.minimal
        files["Content/de/index.md"] = TestSite.page("Startseite", order: 0)
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(
            site.messages(result) == [
                "Content/site.yml:4:12: warning: Content/de/ holds chapters, but de is not one of the site's languages: they are left out (add de to languages: [nl, fr, de], or remove the folder)"
            ])
        #expect(result.succeeded)
    }

    /// With three languages, a switch label that names one language is an error with the fix.
    @Test func aSwitchLabelForTwoLanguagesIsAnErrorWithThree() throws {
        var files = Self.threeLanguages()
        files["Content/i18n/nl.yml"] = files["Content/i18n/nl.yml"]?.replacingOccurrences(
            of: "Lees deze pagina in het {language}:", with: "Lees deze pagina in het Frans:")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build(write: false)
        #expect(
            site.messages(result) == [
                "Content/i18n/nl.yml:8:1: error: UI string \"language_switch_label\" names one language, but the site has 3 (write {language} where the language's name goes (Lees deze pagina in het {language}:))"
            ])
    }

    /// Templates copied by an earlier `rapport new` (one switch link, `switchURL`, `otherLang`,
    /// `ogLocaleAlternate`) still build a two-language site as before.
    @Test func templatesWrittenForTwoLanguagesStillBuild() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let header = try String(contentsOf: site.templates.appendingPathComponent("partials/header.mustache"), encoding: .utf8)
        let old =
            "    <a class=\"language-switch\" href=\"{{switchURL}}\" hreflang=\"{{otherLang}}\"><span class=\"visually-hidden\">{{t_language_switch_label}} </span><span lang=\"{{otherLang}}\">{{t_language_switch}}</span></a>\n"
        let new = header.components(separatedBy: "{{#languageSwitch}}")
        try #require(new.count == 2)
        let after = new[1].components(separatedBy: "{{/languageSwitch}}\n")
        try site.write("Templates/partials/header.mustache", new[0] + old + after[1])
        let head = try String(contentsOf: site.templates.appendingPathComponent("partials/head.mustache"), encoding: .utf8)
        try site.write(
            "Templates/partials/head.mustache",
            head.replacingOccurrences(
                of: "{{#ogLocaleAlternates}}\n<meta property=\"og:locale:alternate\" content=\"{{locale}}\">\n{{/ogLocaleAlternates}}\n",
                with: "<meta property=\"og:locale:alternate\" content=\"{{ogLocaleAlternate}}\">\n"))
        let result = site.build()
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(
            page.contains(
                "<a class=\"language-switch\" href=\"../../fr/volontaires/index.html\" hreflang=\"fr-BE\"><span class=\"visually-hidden\">Lees deze pagina in het Frans: </span><span lang=\"fr-BE\">Français</span></a>"
            ))
        #expect(page.contains("<meta property=\"og:locale:alternate\" content=\"fr_BE\">"))
    }
}

/// The UI strings Rapport's code writes (`UIKey`): one that no language's file has (a study
/// made before the key existed) is Rapport's own text with a warning, never empty text.
@Suite struct UIKeyTests {
    @Test func aKeyNoLanguageHasIsRapportsOwnTextWithAWarning() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        for language in ["nl", "fr"] {
            let path = "Content/i18n/\(language).yml"
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.hasPrefix("report_summary:") && !$0.hasPrefix("chart_low_n:") }
            try site.write(path, kept.joined(separator: "\n"))
        }
        let result = site.build()
        #expect(result.succeeded)
        let messages = site.messages(result)
        #expect(
            messages.contains(
                #"Content/i18n/nl.yml:1:1: warning: UI string "chart_low_n" is missing in Dutch; Rapport's own text is used ("lage n") (add chart_low_n: … to Content/i18n/nl.yml to write your own)"#
            ), "\(messages)")
        #expect(
            result.diagnostics.contains {
                if case .site(.builtInStringUsed(key: "report_summary", language: "French", _, _)) = $0.problem { $0.severity == .warning } else { false }
            })
        #expect(site.read("fr/rapport-complet/index.html")?.contains(">Résumé</h2>") == true)
    }

    /// Every key Rapport writes is in the study's and the starter's strings of every language.
    @Test func everyKeyIsInEveryBuiltInLanguage() {
        for code in ["nl", "fr", "de", "en"] {
            let language = Language(code: code)!
            for key in UIKey.allCases {
                #expect(ContentLoader.builtIn(key, language, in: [language]) != nil, "\(code): \(key.rawValue)")
            }
        }
    }
}
