import Diagnostics
import Foundation
import RapportTestSupport
import Testing

@testable import RapportCore

/// XLIFF for translation agencies (issue 27, item 3), end to end over inline sites: export what
/// is behind, fill the targets as a translator would, import, compare the files byte for byte.
@Suite struct XLIFFTests {
    /// The marked site of TranslationTests, then edited in Dutch: a paragraph, a new section, a
    /// category label, a UI string.
    static func editedSite() throws -> TestSite {
        let site = try TranslationTests.markedSite()
        try edit(site, "Content/nl/finances.md") {
            $0.replacingOccurrences(of: "Geld gaat naar huur.", with: "Geld gaat naar *huur* en [personeel](volunteers.md).")
                + "\n## Reserves\n\nWeinig {{income:gifts}}.\n"
        }
        try edit(site, "Content/data/money/income.csv") { $0.replacingOccurrences(of: "Bijdragen", with: "Lidgelden") }
        try edit(site, "Content/i18n/nl.yml") { $0.replacingOccurrences(of: "toc_title: Op deze pagina", with: "toc_title: In dit hoofdstuk") }
        return site
    }

    static func edit(_ site: TestSite, _ path: String, _ change: (String) -> String) throws {
        try site.write(path, change(try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)))
    }

    static func export(_ site: TestSite) throws -> (url: URL, xml: String) {
        let url = site.root.appendingPathComponent("fr.xlf")
        _ = try Translations(content: site.content, templates: site.templates).export(to: "fr", output: url).get()
        return (url, try String(contentsOf: url, encoding: .utf8))
    }

    static func importing(_ site: TestSite, _ xml: String) throws -> Translations.ImportOutcome {
        let url = site.root.appendingPathComponent("fr-done.xlf")
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return Translations(content: site.content, templates: site.templates).importXLIFF(url)
    }

    /// Every file of the content, by path.
    static func files(_ site: TestSite) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: site.content, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard !url.hasDirectoryPath, let data = FileManager.default.contents(atPath: url.path) else { continue }
            files[String(url.path.dropFirst(site.content.path.count + 1))] = data
        }
        return files
    }

    /// The XLIFF with these targets (inner XML) for these trans-units, as a CAT tool writes them.
    static func fill(_ xml: String, _ targets: [String: String]) -> String {
        var out = xml
        for (id, target) in targets {
            guard let unit = out.range(of: "<trans-unit id=\"\(id)\""), let end = out.range(of: "</trans-unit>", range: unit.upperBound..<out.endIndex)
            else {
                Issue.record("no trans-unit \(id)")
                continue
            }
            var block = String(out[unit.lowerBound..<end.upperBound])
            if let open = block.range(of: "<target"), let close = block.range(of: "</target>") { block.removeSubrange(open.lowerBound..<close.upperBound) }
            block = block.replacingOccurrences(of: "</source>", with: "</source><target state=\"translated\">\(target)</target>")
            out.replaceSubrange(unit.lowerBound..<end.upperBound, with: block)
        }
        return out
    }

    @Test func exportHoldsWhatIsBehindWithProtectedCodes() throws {
        let site = try Self.editedSite()
        defer { site.cleanUp() }
        let (_, xml) = try Self.export(site)
        let ids = xml.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "<trans-unit id=\"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(
            ids == [
                "fr/finances.md#2.1", "fr/finances.md#2.2", "fr/finances.md#3.1", "fr/finances.md#3.2", "data/money/income.yml#row.fees",
                "i18n/fr.yml#toc_title",
            ])
        #expect(xml.contains("<source>Geld gaat naar <bpt id=\"1\">*</bpt>huur<ept id=\"1\">*</ept> en <bpt id=\"2\">[</bpt>personeel<ept id=\"2\">](volunteers.md)</ept>.</source>"))
        #expect(xml.contains("<target state=\"needs-review-translation\">L'argent va au loyer.</target>"))
        #expect(xml.contains("<source>Weinig <ph id=\"1\">{{income:gifts}}</ph>.</source>\n        <context-group"), "a new section: no target")
        #expect(xml.contains("<context context-type=\"sourcefile\">\(site.content.path)/fr/finances.md</context><context context-type=\"linenumber\">10</context>"))
        #expect(xml.contains("<file original=\"fr/finances.md\" source-language=\"nl\" target-language=\"fr\""))
        // Nothing behind, nothing to export.
        _ = Translations(content: site.content, templates: site.templates).done([], all: true)
        #expect(try Self.export(site).xml.contains("<trans-unit") == false)
    }

    @Test func importWritesOnlyTheTranslatedTextsAndMarksThemDone() throws {
        let site = try Self.editedSite()
        defer { site.cleanUp() }
        let before = try Self.files(site)
        let filled = Self.fill(
            try Self.export(site).xml,
            [
                "fr/finances.md#2.2": "L'argent va au <bpt id=\"1\">*</bpt>loyer<ept id=\"1\">*</ept> et au <bpt id=\"2\">[</bpt>personnel<ept id=\"2\">](volunteers.md)</ept>.",
                "fr/finances.md#3.1": "Réserves",
                "fr/finances.md#3.2": "Peu <ph id=\"1\">{{income:gifts}}</ph> [sic] *.",
                "data/money/income.yml#row.fees": "Cotisations, \"dons\" &amp; &lt;b&gt;",
                "i18n/fr.yml#toc_title": "Dans ce chapitre: \"x\"",
            ])
        let outcome = try Self.importing(site, filled)
        #expect(outcome.diagnostics.map(\.description) == [])
        #expect(outcome.lines.first == "wrote 5 translations into 3 files", "\(outcome.lines)")
        let after = try Self.files(site)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed == ["fr/finances.md", "data/money/income.csv", "i18n/fr.yml", "translations.yml"])
        func text(_ path: String) -> String { String(decoding: after[path] ?? Data(), as: UTF8.self) }
        #expect(
            text("fr/finances.md")
                == TestSite.page(
                    "Finances", order: 2, slug: "finances",
                    "## Revenus\n\nL'argent vient de *dons*.\n\n## Dépenses\n\nL'argent va au *loyer* et au [personnel](volunteers.md).\n\n## Réserves\n\nPeu {{income:gifts}} \\[sic\\] \\*."))
        #expect(text("data/money/income.csv") == "key,nl,fr,share\ngifts,Giften,Dons,60\nfees,Lidgelden,\"Cotisations, \"\"dons\"\" & <b>\",40\n")
        let old = String(decoding: before["i18n/fr.yml"] ?? Data(), as: UTF8.self)
        let tocLine = old.split(separator: "\n").first { $0.hasPrefix("toc_title:") }.map(String.init) ?? "?"
        #expect(text("i18n/fr.yml") == old.replacingOccurrences(of: tocLine, with: "toc_title: \"Dans ce chapitre: \\\"x\\\"\""))
        #expect(outcome.lines.contains("marked Content/fr/finances.md (fr) as translated from nl/finances.md".replacingOccurrences(of: "Content/", with: site.content.path + "/")))
        // Everything translated is marked done: a strict build passes.
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .memory)
        options.strict = true
        #expect(site.messages(Pipeline(options).run()) == [])
    }

    @Test func aBrokenOrStaleXLIFFIsRefusedWithOneDiagnosticPerCauseAndNothingWritten() throws {
        let site = try Self.editedSite()
        defer { site.cleanUp() }
        let xml = try Self.export(site).xml
        let good = "L'argent va au <bpt id=\"1\">*</bpt>loyer<ept id=\"1\">*</ept> et au <bpt id=\"2\">[</bpt>personnel<ept id=\"2\">](volunteers.md)</ept>."
        let removed = ["<bpt id=\"1\">*</bpt>", "<ept id=\"1\">*</ept>", "<bpt id=\"2\">[</bpt>", "<ept id=\"2\">](volunteers.md)</ept>"]
        let cases: [(String, (Problem) -> Bool)] = [
            (Self.fill(xml, ["fr/finances.md#2.2": "L'argent va au loyer et au personnel."]), {
                if case .translation(.codes("fr/finances.md#2.2", .removed(removed, _))) = $0 { true } else { false }
            }),
            (Self.fill(xml, ["fr/finances.md#2.2": good.replacingOccurrences(of: "(volunteers.md)", with: "(nowhere.md)")]), {
                $0 == .translation(.codes(id: "fr/finances.md#2.2", .changed(["<ept id=\"2\">](volunteers.md)</ept> to <ept id=\"2\">](nowhere.md)</ept>"])))
            }),
            (Self.fill(xml, ["fr/finances.md#2.2": good]).replacingOccurrences(of: "id=\"fr/finances.md#3.1\"", with: "id=\"fr/finances.md#9.1\""), {
                $0 == .translation(.unknownSegment(id: "fr/finances.md#9.1"))
            }),
        ]
        let before = try Self.files(site)
        for (variant, expected) in cases {
            let outcome = try Self.importing(site, variant)
            #expect(outcome.diagnostics.count == 1, "\(outcome.diagnostics)")
            let first = outcome.diagnostics.first?.description ?? ""
            #expect(outcome.diagnostics.first.map { expected($0.problem) } == true, "\(first)")
            #expect(first.range(of: #"fr-done\.xlf:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(first)")
            let now = try Self.files(site)
            #expect(now == before, "nothing written: \(now.keys.filter { now[$0] != before[$0] })")
        }
        // The source changed after the export: stale.
        try Self.edit(site, "Content/nl/finances.md") { $0.replacingOccurrences(of: "en [personeel]", with: "en ons [personeel]") }
        let stale = try Self.importing(site, Self.fill(xml, ["fr/finances.md#2.2": good]))
        #expect(stale.diagnostics.count == 1)
        guard case let .translation(.staleSource(id, _, language))? = stale.diagnostics.first?.problem else {
            Issue.record("not a stale source: \(stale.diagnostics)")
            return
        }
        #expect(id == "fr/finances.md#2.2" && language == "fr")
        #expect(try Self.files(site).filter { $0.key != "nl/finances.md" } == before.filter { $0.key != "nl/finances.md" })
    }

    @Test func hostileTextIsEscapedInTheXLIFFAndComesBackIntact() throws {
        let hostile = "A <script>&amp; ]]> \"q\" 'a' end"
        let site = try TranslationTests.markedSite()
        defer { site.cleanUp() }
        try Self.edit(site, "Content/data/money/income.csv") { $0.replacingOccurrences(of: "Bijdragen", with: "\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\"") }
        let (_, xml) = try Self.export(site)
        #expect(!xml.contains("<script>") && !xml.contains("]]>"))
        #expect(xml.contains("<source>A &lt;script&gt;&amp;amp; ]]&gt; &quot;q&quot; 'a' end</source>"), "\(xml)")
        // A control character XML cannot hold (the loaders refuse them in content; a UI string
        // could still carry one): a code showing its number.
        #expect(XLIFFDocument.inline(InlineScan.scan("a\u{1}b", mode: .plain)) == "a<ph id=\"1\">U+0001</ph>b")
        // A translation with the same text and code goes back into the CSV as it was written.
        let filled = Self.fill(xml, ["data/money/income.yml#row.fees": "A &lt;script&gt;&amp;amp; ]]&gt; &quot;q&quot; 'a' fin"])
        #expect(try Self.importing(site, filled).diagnostics.map(\.description) == [])
        let csv = try String(contentsOf: site.content.appendingPathComponent("data/money/income.csv"), encoding: .utf8)
        #expect(csv.contains(",\"A <script>&amp; ]]> \"\"q\"\" 'a' fin\",40\n"), "\(csv)")
    }

    /// A translation never marked: everything is exported with its current translation, whose
    /// own codes (references in another order, a link to its own language's anchor, a
    /// `{{lang …}}` left out) are its own; imported unchanged, not a byte changes. (Found on the
    /// study: its French pages were refused, and its series labels had no place.)
    @Test func anUnchangedExportOfEverythingImportsWithoutChangingAByte() throws {
        let site = try TranslationTests.markedSite([
            "Content/nl/volunteers.md": TestSite.page(
                "Vrijwilligers", slug: "vrijwilligers",
                "## Taken\n\nZie [financiën](finances.md#inkomsten): {{income:gifts}} en {{income:fees}}, {{lang fr: les dons}}.\n"),
            "Content/fr/volunteers.md": TestSite.page(
                "Volontaires", slug: "volontaires", "## Tâches\n\nVoir [finances](finances.md#revenus) : {{income:fees}} et {{income:gifts}}, les dons.\n"),
        ])
        defer { site.cleanUp() }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("translations.yml"))
        let before = try Self.files(site)
        let xml = try Self.export(site).xml
        #expect(xml.contains("<target state=\"needs-review-translation\">Voir <bpt id=\"5\">[</bpt>finances<ept id=\"5\">](finances.md#revenus)</ept> : <ph id=\"3\">{{income:fees}}</ph> et <ph id=\"2\">{{income:gifts}}</ph>, les dons.</target>"), "\(xml)")
        let outcome = try Self.importing(site, xml)
        #expect(outcome.diagnostics.map(\.description) == [])
        let after = try Self.files(site)
        #expect(Set(after.keys.filter { after[$0] != before[$0] }) == ["translations.yml"])
        // A series label has its place too.
        let outcome2 = try Self.importing(site, Self.fill(xml, ["data/money/income.yml#series.share": "Part: totale"]))
        #expect(outcome2.diagnostics.map(\.description) == [])
        let yml = try String(contentsOf: site.content.appendingPathComponent("data/money/income.yml"), encoding: .utf8)
        #expect(yml.hasSuffix("\n    fr: \"Part: totale\""), "\(yml)")
    }

    /// An independent reader, Python's translate-toolkit (installed by .ci/run): it reads every
    /// segment with its location and codes, fills each target keeping the codes, saves; the
    /// import takes its file. Fails (not skipped) when the toolkit is missing.
    @Test func translateToolkitReadsTheExportAndItsFileImports() throws {
        #expect(Python.has(["translate.storage.xliff"]), "pip install translate-toolkit (.ci/run does)")
        guard Python.has(["translate.storage.xliff"]) else { return }
        let site = try Self.editedSite()
        defer { site.cleanUp() }
        let (url, _) = try Self.export(site)
        let filled = site.root.appendingPathComponent("filled.xlf")
        let read = try Python.run(Self.toolkitScript, [url.path, filled.path])
        #expect(
            read.split(separator: "\n").contains(
                "data/money/income.yml#row.fees|Lidgelden|\(site.content.path)/data/money/income.csv:3|category label; source: \(site.content.path)/data/money/income.csv:3"), "\(read)")
        #expect(read.contains("fr/finances.md#2.2|Geld gaat naar *huur* en [personeel](volunteers.md).|\(site.content.path)/fr/finances.md:12|"), "\(read)")
        let outcome = Translations(content: site.content, templates: site.templates).importXLIFF(filled)
        #expect(outcome.diagnostics.map(\.description) == [])
        let page = try String(contentsOf: site.content.appendingPathComponent("fr/finances.md"), encoding: .utf8)
        #expect(page.hasSuffix("## FR Uitgaven\n\nFR Geld gaat naar *huur* en [personeel](volunteers.md).\n\n## FR Reserves\n\nFR Weinig {{income:gifts}}.\n"), "\(page)")
        let csv = try String(contentsOf: site.content.appendingPathComponent("data/money/income.csv"), encoding: .utf8)
        #expect(csv.contains("\nfees,Lidgelden,FR Lidgelden,40\n"))
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .memory)
        options.strict = true
        #expect(site.messages(Pipeline(options).run()) == [])
    }

    /// Prints id|source|location|note per unit, and writes the file with every target "FR " +
    /// the source, codes kept (translate-toolkit's rich text).
    static let toolkitScript = #"""
        import sys
        from translate.storage import xliff
        from translate.storage.placeables import StringElem
        store = xliff.xlifffile.parsefile(sys.argv[1])
        for unit in store.unit_iter():
            ident = unit.getid().split("\x04")[-1]
            print("|".join([ident, unit.source, ",".join(unit.getlocations()), unit.getnotes()]))
            unit.rich_target = [StringElem([StringElem("FR ")] + list(unit.rich_source[0].sub))]
        with open(sys.argv[2], "wb") as out:
            out.write(bytes(store))
        """#

    @Test(arguments: [
        ("Zie *nadruk*, **sterk** en `code`.", "Zie <bpt id=\"1\">*</bpt>nadruk<ept id=\"1\">*</ept>, <bpt id=\"2\">**</bpt>sterk<ept id=\"2\">**</ept> en <ph id=\"3\">`code`</ph>."),
        ("[link](x.md#a \"t\") en ![kaart](k.png)[^1]", "<bpt id=\"1\">[</bpt>link<ept id=\"1\">](x.md#a &quot;t&quot;)</ept> en <bpt id=\"2\">![</bpt>kaart<ept id=\"2\">](k.png)</ept><ph id=\"3\">[^1]</ph>"),
        ("snake_case, 5 * 3 en \\*geen\\* {{a:b}} &amp; <https://x.be>", "snake_case, 5 * 3 en *geen* <ph id=\"1\">{{a:b}}</ph> <ph id=\"2\">&amp;amp;</ph> <ph id=\"3\">&lt;https://x.be&gt;</ph>"),
        ("[geen link] en _los", "[geen link] en <ph id=\"1\">_</ph>los"),
    ])
    func markupBecomesProtectedCodes(markdown: String, xliff: String) {
        let text = InlineScan.scan(markdown, mode: .markdown)
        #expect(XLIFFDocument.inline(text) == xliff)
        // Written back, the same Markdown (text that looked like markup escaped).
        let back = text.markdown(escaping: .markdown)
        #expect(InlineScan.scan(back, mode: .markdown) == text, "\(back)")
    }
}
