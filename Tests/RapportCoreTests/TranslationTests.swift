import Diagnostics
import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// Translations that stay in step (issue 27, items 1 and 2), end to end over inline sites: mark
/// every translation done, edit the source, build.
@Suite struct TranslationTests {
    /// The minimal site with a dataset, every translation marked done.
    static func markedSite(_ extra: [String: String] = [:]) throws -> TestSite {
        var files = TestSite.minimal
        files["Content/nl/finances.md"] = TestSite.page(
            "Financiën", order: 2, slug: "financien", "## Inkomsten\n\nGeld komt van *giften*.\n\n## Uitgaven\n\nGeld gaat naar huur.\n")
        files["Content/fr/finances.md"] = TestSite.page(
            "Finances", order: 2, slug: "finances", "## Revenus\n\nL'argent vient de *dons*.\n\n## Dépenses\n\nL'argent va au loyer.\n")
        files["Content/data/money/income.yml"] = """
            kind: bars
            title: {nl: Inkomsten, fr: Revenus}
            finding: {nl: Giften wegen het zwaarst., fr: Les dons pèsent le plus.}
            unit: percent
            base: 100
            series:
              - key: share
                nl: Aandeel
                fr: Part
            """
        files["Content/data/money/income.csv"] = "key,nl,fr,share\ngifts,Giften,Dons,60\nfees,Bijdragen,Cotisations,40\n"
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers", "## Taken\n\nZie [financiën](finances.md#inkomsten).\n\n```chart income\n```\n")
        files["Content/fr/volunteers.md"] = TestSite.page(
            "Volontaires", slug: "volontaires", "## Tâches\n\nVoir [finances](finances.md#revenus).\n\n```chart income\n```\n")
        files.merge(extra) { _, new in new }
        let site = try TestSite(files)
        let marked = Translations(content: site.content, templates: site.templates).done([], all: true)
        #expect((try? marked.get())?.count == 5, "3 pages, 1 dataset, 1 UI file: \(marked)")
        return site
    }

    func edit(_ site: TestSite, _ path: String, _ change: (String) -> String) throws {
        let url = site.root.appendingPathComponent(path)
        try site.write(path, change(try String(contentsOf: url, encoding: .utf8)))
    }

    func build(_ site: TestSite, strict: Bool = false) -> Pipeline.Result {
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .memory)
        options.strict = strict
        return Pipeline(options).run()
    }

    @Test func untouchedTranslationsRaiseNothing() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        #expect(site.messages(build(site, strict: true)) == [])
        let status = Translations(content: site.content, templates: site.templates).status()
        #expect(status.count == 6 && status[0] == "French (fr), from Dutch:")
        #expect(status.dropFirst().allSatisfy { $0.hasSuffix("  up to date") }, "\(status)")
    }

    @Test func anEditedSourceSectionWarnsAndFailsWithStrict() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        try edit(site, "Content/nl/finances.md") { $0.replacingOccurrences(of: "naar huur", with: "naar huur en personeel") }
        let expected =
            "Content/fr/finances.md:1:1: warning: the French translation is behind its source (Dutch) in 1 section: \"Uitgaven\" (changed, Content/nl/finances.md:10-12) (see the changes with rapport translations diff Content/fr/finances.md, update the translation, then rapport translations done Content/fr/finances.md)"
        let result = build(site)
        #expect(result.succeeded)
        #expect(site.messages(result).map { $0.replacingOccurrences(of: site.root.path + "/", with: "") } == [expected])
        let strict = build(site, strict: true)
        #expect(!strict.succeeded)
        #expect(site.messages(strict) == [expected.replacingOccurrences(of: ": warning: ", with: ": error: ")])
        let translations = Translations(content: site.content, templates: site.templates)
        #expect(translations.status().contains { $0.contains("fr/finances.md ") && $0.hasSuffix("  behind in 1 section") })
        let diff = try translations.diff(site.content.appendingPathComponent("fr/finances.md").path).get()
        #expect(diff.dropFirst() == ["@@ \"Uitgaven\" (changed, \(site.content.path)/nl/finances.md:10-12) @@", "  Uitgaven", "- Geld gaat naar huur.", "+ Geld gaat naar huur en personeel."])
        // Marked done again, the translation is up to date.
        _ = translations.done([site.content.appendingPathComponent("fr/finances.md").path])
        #expect(site.messages(build(site, strict: true)) == [])
    }

    @Test func markupOnlyEditsAndMovesAreNoChange() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        // Emphasis changed, the paragraph reflowed, the sections swapped, a blank line added.
        try site.write(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Uitgaven\n\nGeld gaat\nnaar   huur.\n\n\n## Inkomsten\n\nGeld komt van **giften**.\n"))
        #expect(site.messages(build(site, strict: true)) == [])
    }

    /// A source saved with Windows line ends ("\r\n") has the same sections, and the same
    /// fingerprints, as with "\n" (it was one section: "\r\n" is one character, not "\n").
    @Test func windowsLineEndsAreNoChange() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        try edit(site, "Content/nl/finances.md") { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(site.messages(build(site, strict: true)) == [])
        try edit(site, "Content/nl/finances.md") { $0.replacingOccurrences(of: "naar huur", with: "naar huur en personeel") }
        let diagnostics = build(site).diagnostics
        guard diagnostics.count == 1, case let .translation(.behind(_, _, .page, changes, _)) = diagnostics[0].problem else {
            Issue.record("\(diagnostics)")
            return
        }
        #expect(changes.map(\.name) == ["Uitgaven"] && changes.map(\.kind) == [.changed])
    }

    @Test func newAndRemovedSectionsAreNamed() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        try site.write(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nGeld komt van *giften*.\n\n## Reserves\n\nWeinig.\n"))
        let messages = site.messages(build(site))
        #expect(messages.count == 1)
        #expect(messages.first?.contains("in 2 sections: \"Reserves\" (new, Content/nl/finances.md:10-12), \"Uitgaven\" (removed)") == true, "\(messages)")
    }

    @Test func aChangedLabelOrUIStringWarnsAtItsTranslation() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        try edit(site, "Content/data/money/income.csv") { $0.replacingOccurrences(of: "Bijdragen", with: "Lidgelden") }
        try edit(site, "Content/i18n/nl.yml") { $0.replacingOccurrences(of: "toc_title: Op deze pagina", with: "toc_title: In dit hoofdstuk") }
        let messages = site.messages(build(site))
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Content/data/money/income.csv:3:") && $0.contains("in 1 label: \"row.fees\" (changed, Content/data/money/income.csv:3)") })
        let frLine = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("toc_title:") }.map { $0 + 1 }
        #expect(messages.contains { $0.hasPrefix("Content/i18n/fr.yml:\(frLine ?? 0):") && $0.contains("\"toc_title\" (changed, Content/i18n/nl.yml:") })
    }

    @Test func aPageFirstWrittenInFrenchIsTheSourceOfItsDutch() throws {
        let site = try Self.markedSite([
            "Content/fr/finances.md": "---\ntitle: Finances\norder: 2\nslug: finances\nsource: fr\n---\n## Revenus\n\nL'argent vient de *dons*.\n"
        ])
        defer { site.cleanUp() }
        try edit(site, "Content/fr/finances.md") { $0.replacingOccurrences(of: "de *dons*", with: "des dons et des legs") }
        try edit(site, "Content/nl/finances.md") { $0.replacingOccurrences(of: "naar huur", with: "naar de huur") }
        let messages = site.messages(build(site))
        #expect(messages.count == 1 && messages[0].hasPrefix("Content/nl/finances.md:1:1: warning: the Dutch translation is behind its source (French) in 1 section: \"Revenus\""), "\(messages)")
    }

    @Test func theRecordIsSortedReviewableYAML() throws {
        let site = try Self.markedSite()
        defer { site.cleanUp() }
        let record = try String(contentsOf: site.content.appendingPathComponent("translations.yml"), encoding: .utf8)
        let files = record.split(separator: "\n").filter { $0.hasPrefix("- file: ") }
        #expect(files == ["- file: data/money/income.yml", "- file: fr/finances.md", "- file: fr/index.md", "- file: fr/volunteers.md", "- file: i18n/fr.yml"])
        #expect(record.contains("  source: nl/finances.md\n  sections:\n"))
        #expect(record.contains("  - key: Uitgaven\n    hash: \(Fingerprint.hash("Uitgaven\nGeld gaat naar huur."))\n    text: |-\n      Uitgaven\n      Geld gaat naar huur.\n"))
        // A hand edit of a stored text is caught.
        try site.write("Content/translations.yml", record.replacingOccurrences(of: "Geld gaat naar huur.", with: "Geld gaat naar de huur."))
        #expect(build(site).diagnostics.first?.problem == .translation(.fingerprintMismatch(section: "Uitgaven")))
    }

    @Test(arguments: [
        ("Een *mooie* `zin`\nover **twee** regels.", "Een mooie zin over twee regels."),
        ("## Titel ##", "Titel"),
        ("- een\n- twee\n\n1. drie", "een\ntwee\ndrie"),
        ("| a | b |\n|---|:-:|\n| c | d |", "a b\nc d"),
        ("Zie [de _financiën_](finances.md#x \"t\") en ![kaart](img/k.png).", "Zie de financiën <finances.md#x> en kaart <img/k.png>."),
        ("{{income:gifts}} van snake_case\n\n```chart income\n```", "{{income:gifts}} van snake_case\nchart income"),
        ("> Geciteerd\n> verder", "Geciteerd verder"),
    ])
    func normalisationKeepsWordsOnly(markdown: String, expected: String) {
        #expect(Fingerprint.normalise(markdown: markdown) == expected)
    }

    @Test func theHashIsFNV1a64() {
        #expect(Fingerprint.hash("") == "cbf29ce484222325")
        #expect(Fingerprint.hash("a") == "af63dc4c8601ec8c")
    }

    /// `plain` reads text of one-scalar characters scalar by scalar: it must give what the
    /// grapheme-by-grapheme reading gives, or every recorded fingerprint would change.
    @Test func theScalarReadingGivesTheCharacterReadingsResult() throws {
        var texts = [
            "Een *mooie* `zin`  over\t**twee**\r\nregels.", "« Qu’en pensez-vous ? » — 42 %\u{202F}!", "a\\*b \\_c\\_ snake_case _x_ ~~weg~~ ~n",
            "[link](doel \"titel\") ![alt](img.png) [^1] ]( geen", "€ 1.994,18\u{00A0}en\u{2009}meer\u{2028}lijn", "  \u{85}x\u{3000}",
        ]
        // Every label and paragraph of the study, in both languages.
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Content")
        for case let url as URL in FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)!
        where ["md", "yml", "csv"].contains(url.pathExtension) {
            texts += try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        #expect(texts.count > 1000)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isSpace == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
        for text in texts where text.unicodeScalars.allSatisfy(Fingerprint.isWholeCharacter) {
            #expect(Fingerprint.plain(text) == Fingerprint.plainByCharacter(text), "\(text)")
            #expect(Fingerprint.collapse(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
    }
}
