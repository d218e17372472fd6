import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// Typography in the built pages: in text, headings, the table of contents, titles and
/// descriptions, never in code, URLs or attributes that are not text; and the real French site
/// has no ordinary space, or no space at all, before `;` `!` `?` `:` `%`.
@Suite struct TypographySiteTests {
    @Test func frenchPageGetsTypographyOutsideCodeAndURLs() throws {
        var files = TestSite.minimal
        files["Content/fr/volunteers.md"] = """
            ---
            title: "Volontaires : qui ?"
            order: 1
            slug: volontaires
            description: "L'essentiel : 42 % des associations"
            ---
            ## Tâches : le détail

            ## Deux

            ## Trois

            Voir [le site](https://www.luss.be/?a=1:2) ; c'est *important*: 42% ou `x ; y : 'z'`.

            ```
            code : intact ; 'non'
            ```

            <https://www.kbs-frb.be/fr?x=1>
            """
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        let page = try #require(site.read("fr/volontaires/index.html"))
        let nbsp = "\u{00A0}", narrow = "\u{202F}"
        #expect(page.contains("<title>Volontaires\(nbsp): qui\(narrow)? · Site de test</title>"))
        #expect(page.contains("<meta name=\"description\" content=\"L’essentiel\(nbsp): 42\(narrow)% des associations\">"))
        #expect(page.contains("<h2 id=\"taches-le-detail\">Tâches\(nbsp): le détail</h2>"))
        #expect(page.contains("<a href=\"#taches-le-detail\">Tâches\(nbsp): le détail</a>"), "the table of contents")
        #expect(
            page.contains(
                "<a href=\"https://www.luss.be/?a=1:2\">le site</a>\(narrow); c’est <em>important</em>\(nbsp): 42\(narrow)% ou <code>x ; y : 'z'</code>."
            ))
        #expect(page.contains("<pre><code>code : intact ; 'non'\n</code></pre>"))
        #expect(page.contains("<a href=\"https://www.kbs-frb.be/fr?x=1\">https://www.kbs-frb.be/fr?x=1</a>"))
        #expect(page.contains("Lire cette page en néerlandais\(nbsp): </span>"), "a UI string")
    }

    @Test func dutchPageGetsItsOwnTypography() throws {
        var files = TestSite.minimal
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers",
            "Het antwoord 'weet niet' van 42 % van de vzw's: zie `'code'`.")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(page.contains("Het antwoord ‘weet niet’ van 42% van de vzw’s: zie <code>'code'</code>."))
    }

    @Test func lastUpdatedDateIsInTheFooterInEachLanguage() throws {
        var files = TestSite.minimal
        files["Content/site.yml"] = TestSite.siteYML + "\nupdated: 2024-05-15\n"
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded, "\(site.messages(result))")
        #expect(site.read("nl/index.html")?.contains("Laatst bijgewerkt: <time datetime=\"2024-05-15\">15 mei 2024</time>") == true)
        #expect(
            site.read("fr/index.html")?.contains("Dernière mise à jour\u{00A0}: <time datetime=\"2024-05-15\">15 mai 2024</time>") == true)
        #expect(SiteDate(iso: "2024-05-01")?.text(.fr) == "1er mai 2024")
        #expect(SiteDate(iso: "2024-02-29")?.text(.nl) == "29 februari 2024")
        #expect(SiteDate(iso: "2023-02-29") == nil)
    }

    @Test func noDateNoLine() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("nl/index.html")?.contains("site-updated") == false)
    }

    /// The text of a page as a reader sees it: no tags, no code, no script or style, no web
    /// addresses, entities decoded.
    static func readerText(_ html: String) -> String {
        var text = html
        // A text box holds code to copy (a chart's embed code), not prose.
        for element in ["script", "style", "pre", "code", "textarea"] {
            text = text.replacingOccurrences(of: "(?s)<\(element)\\b.*?</\(element)>", with: " ", options: [.regularExpression])
        }
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: "(https?://|www\\.)[^\\s<]+", with: " ", options: .regularExpression)
    }

    @Test func builtFrenchSiteHasTheRightSpaceBeforeEverySign() throws {
        let french = RealSiteTests.result.files.filter { $0.path.hasPrefix("fr/") && $0.path.hasSuffix(".html") }
        #expect(french.count >= 10)
        var problems: [String] = []
        for file in french {
            let text = Self.readerText(file.contents)
            // An ordinary space before a sign, or a sign used as punctuation (a space or the end
            // after it) with no space at all before it.
            let pattern = "(.{0,20})( [;!?:%]|[^\\s\\u00A0\\u202F;!?:][;!?:%](?=\\s|$))"
            let expression = try NSRegularExpression(pattern: pattern)
            let range = NSRange(text.startIndex..., in: text)
            for match in expression.matches(in: text, range: range) {
                problems.append("\(file.path): …\(String(text[Range(match.range, in: text)!]))")
            }
        }
        #expect(problems == [])
    }

    /// Dutch: no space of any kind between a number and `%`; in both languages no straight quote
    /// or apostrophe is left in the text.
    @Test func builtSiteHasNoStraightQuotesAndNoDutchSpaceBeforePercent() throws {
        var problems: [String] = []
        for file in RealSiteTests.result.files where file.path.hasSuffix(".html") {
            let text = Self.readerText(file.contents)
            for pattern in ["[0-9][ \\u00A0\\u202F]%", "['\"]"] where file.path.hasPrefix("nl/") || !pattern.hasPrefix("[0-9]") {
                if let range = text.range(of: ".{0,20}" + pattern, options: .regularExpression) {
                    problems.append("\(file.path): …\(text[range])")
                }
            }
        }
        #expect(problems == [])
    }
}
