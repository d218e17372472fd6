import Diagnostics
import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// `theme:` and `study:` in site.yml (issue 16, item 3).
@Suite struct ThemeTests {
    static let study = """
        study:
          partners: {nl: De partners van de test., fr: Les partenaires du test.}
          citation: {nl: Test (2026)., fr: Test (2026).}
          licence: {nl: CC BY 4.0., fr: CC BY 4.0.}
          source: {nl: Testbevraging 2026, fr: Enquête de test 2026}
        """

    static func site(_ theme: String) -> String { TestSite.siteYML + "\n" + theme + "\n" + study }

    @Test func logoColoursAndPaletteReachThePages() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/site.yml"] = Self.site(
            """
            theme:
              logo: files/logo.svg
              colors: {accent: "#8b1e3f", accentDark: "#F4A6BD"}
              palettes:
                categorical: ["#8B1E3F", "#2E7D32"]
                sequential: ["#CC6677", "#A23B72", "#5E2A84", "#3B1F5C"]
            """)
        files["Content/files/logo.svg"] =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\"><circle cx=\"24\" cy=\"24\" r=\"20\"/></svg>"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        let page = try #require(site.read("nl/financien/index.html"))
        #expect(page.contains("<img class=\"site-logo\" src=\"../../files/files/logo.svg\" width=\"48\" height=\"48\" alt=\"\">"))
        #expect(
            page.contains(
                "<style>:root{--accent:#8B1E3F;--accent-strong:#8B1E3F} @media (prefers-color-scheme: dark){:root{--accent:#F4A6BD;--accent-strong:#F4A6BD}}</style>"
            ))
        #expect(site.read("files/files/logo.svg")?.contains("<circle") == true)
        // The logo is the tab's icon too, on every page and the root chooser.
        #expect(page.contains("<link rel=\"icon\" href=\"../../files/files/logo.svg\" type=\"image/svg+xml\">"))
        #expect(site.read("index.html")?.contains("<link rel=\"icon\" href=\"files/files/logo.svg\" type=\"image/svg+xml\">") == true)
        // The root language chooser's buttons are in the accent colour too (they were in the standard blue).
        #expect(
            site.read("index.html")?.contains(
                "<link rel=\"stylesheet\" href=\"assets/style.css\">\n<style>:root{--accent:#8B1E3F;--accent-strong:#8B1E3F}") == true)
        // Three steps of a four-colour ramp: first, (about) middle and last.
        for fill in ["#CC6677", "#5E2A84", "#3B1F5C"] { #expect(page.contains("fill=\"\(fill)\""), "\(fill)") }
        #expect(!page.contains("fill=\"#3496E7\""), "the standard ramp is not used")
        // Study texts come from site.yml, in the page's language.
        #expect(page.contains("De partners van de test."))
        #expect(page.contains("Testbevraging 2026"))
        #expect(site.read("fr/finances/index.html")?.contains("Les partenaires du test.") == true)
    }

    /// `icon:` gives the tab's icon (SVG or PNG) apart from the logo.
    @Test func anIconOfItsOwn() throws {
        var files = TestSite.minimal
        files["Content/site.yml"] = Self.site("theme:\n  icon: files/icon.png\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try site.write("Content/files/icon.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(site.messages(site.build()) == [])
        #expect(site.read("nl/index.html")?.contains("<link rel=\"icon\" href=\"../files/files/icon.png\" type=\"image/png\">") == true)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("files/files/icon.png").path))
        try site.write("Content/site.yml", Self.site("theme:\n  icon: files/icon.gif\n"))
        #expect(site.build().diagnostics.map(\.problem).contains(.site(.iconNotSVGOrPNG("files/icon.gif"))))
    }

    @Test func withoutThemeNothingChanges() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [])
        let page = try #require(site.read("nl/index.html"))
        #expect(!page.contains("<style>") && !page.contains("site-logo"))
        #expect(page.contains("<link rel=\"icon\" href=\"../assets/favicon.svg\" type=\"image/svg+xml\">"))
        #expect(site.read("index.html")?.contains("<style>") == false)
    }

    @Test func badColoursAreErrorsWhereTheyAreWritten() throws {
        var files = TestSite.minimal
        files["Content/site.yml"] = Self.site(
            """
            theme:
              logo: files/logo.png
              colors: {accent: "#E0A0B0", accentDark: "#3B1F5C", brand: "#000000"}
              palettes:
                categorical: ["#8B1E3F", "#E0A0B0", "#777777", red]
                diverging: ["#8B1E3F", "#FFFFFF", "#3B1F5C"]
                neutral: ["#8A8A8A", "#777777"]
            """)
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            site.messages(result) == [
                "Content/site.yml:7:9: error: theme logo \"files/logo.png\" is not an SVG file (give an .svg file of Content/, e.g. logo: files/logo.svg)",
                "Content/site.yml:8:20: error: theme colour accent #E0A0B0 has a contrast of 2.13:1 with the white page background #FFFFFF; link text needs at least 4.5:1 (choose a darker colour)",
                "Content/site.yml:8:43: error: theme colour accentDark #3B1F5C has a contrast of 1.30:1 with the dark page background #111820; link text needs at least 4.5:1 (choose a lighter colour)",
                "Content/site.yml:8:54: error: unknown theme colour key \"brand\" (known keys: accent, accentDark)",
                "Content/site.yml:10:30: error: colour #E0A0B0 in palette categorical has a contrast of 2.13:1 with the white chart background; a fill needs at least 3:1 (choose a darker or more saturated colour (the theme section of Rapport's README gives the rules))",
                "Content/site.yml:10:41: error: colour #777777 in palette categorical leaves its labels at 4.47:1 (white or dark text, whichever is better); labels need at least 4.5:1 (choose a darker or more saturated colour (the theme section of Rapport's README gives the rules))",
                "Content/site.yml:10:52: error: colour in palette categorical \"red\" is not a colour (write it as \"#RRGGBB\" (in quotes: # starts a comment))",
                "Content/site.yml:12:14: error: palette neutral must be one colour (write it as neutral: \"#8A8A8A\")",
            ])
    }

    @Test func studyTextsInTheUIStringsAreAnErrorWithTheFix() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let nl = try String(contentsOf: site.content.appendingPathComponent("i18n/nl.yml"), encoding: .utf8)
        try site.write("Content/i18n/nl.yml", nl + "footer_partners: Oude partners\n")
        let lines = nl.split(separator: "\n", omittingEmptySubsequences: false).count
        let messages = site.messages(site.build())
        #expect(
            messages == [
                "Content/i18n/nl.yml:\(lines):1: error: \"footer_partners\" is a text of the study, not of the interface: it belongs in site.yml now (move it to site.yml as study: {partners: {nl: …, fr: …}} and delete it here)"
            ])
    }

    /// The README's examples (item 6): its `study:` and `theme:` blocks build as they are.
    @Test func theREADMEExamplesBuild() throws {
        let readme = try String(contentsOf: TestSite.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let theme = try #require(blocks.first { $0.hasPrefix("theme:") })
        #expect(readme.contains("rapport new ../my-study") && readme.contains("rsync -av --delete "))
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/site.yml"] = TestSite.siteYML + "\n" + theme + Self.study
        files["Content/files/logo.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try site.write("Content/files/icon.png", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(site.messages(site.build()) == [])
    }
}
