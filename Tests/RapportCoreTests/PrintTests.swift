import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// The printed report (issue 25): figures numbered through the study, the whole report's list
/// of figures and annex of tables, `rapport pdf`'s engine and printer, and the one-line warning
/// when the published PDF is of an older text.
@Suite struct PrintTests {
    /// A dataset of `rows` rows: more than six make a table that goes to the annex.
    static func dataset(_ id: String, rows: Int) -> [String: String] {
        let yaml = """
            kind: bars
            title: {nl: "Titel \(id)", fr: "Titre \(id)"}
            finding: {nl: "Bevinding \(id).", fr: "Constat \(id)."}
            base: 100
            unit: percent
            series:
              - key: share
                nl: Aandeel
                fr: Part
            """
        let csv = "key,nl,fr,share\n" + (1...rows).map { "r\($0),Rij \($0),Ligne \($0),\(rows + $0)" }.joined(separator: "\n") + "\n"
        return ["Content/data/test/\(id).yml": yaml, "Content/data/test/\(id).csv": csv]
    }

    static var files: [String: String] {
        var files = TestSite.minimal
        files.merge(dataset("long", rows: 8)) { $1 }
        files.merge(dataset("short", rows: 3)) { $1 }
        // Volunteers (order 1) comes before finances (order 2): its charts are figures 1 and 2.
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers", "## Taken\n\n```chart short\n```\n\n```chart long\n```\n")
        files["Content/fr/volunteers.md"] = TestSite.page(
            "Volontaires", slug: "volontaires", "## Tâches\n\n```chart short\n```\n\n```chart long\n```\n")
        files["Content/nl/finances.md"] = TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart long\n```\n")
        files["Content/fr/finances.md"] = TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\n```chart long\n```\n")
        return files
    }

    @Test func figuresAreNumberedThroughTheStudyOnEveryPage() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(site.messages(result) == [])
        let volunteers = try #require(site.read("nl/vrijwilligers/index.html"))
        let finances = try #require(site.read("nl/financien/index.html"))
        let french = try #require(site.read("fr/finances/index.html"))
        #expect(volunteers.contains("<span class=\"chart-number\">Figuur\u{A0}1</span>"))
        #expect(volunteers.contains("<span class=\"chart-number\">Figuur\u{A0}2</span>"))
        #expect(finances.contains("<span class=\"chart-number\">Figuur\u{A0}3</span>"), "numbered after the chapters before it")
        #expect(!finances.contains("Figuur\u{A0}1<"))
        #expect(french.contains("<span class=\"chart-number\">Figure\u{A0}3</span>"))
    }

    @Test func theReportListsItsFiguresAndMovesLongTablesToItsAnnex() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let report = try #require(site.read("nl/volledig-rapport/index.html"))
        // The list of figures, in order, each linking to its figure.
        let list = try #require(report.range(of: "<nav class=\"wrap report-figures\""))
        let entries = report[list.lowerBound...].components(separatedBy: "<li><a href=\"#").dropFirst().prefix(3)
            .map { $0.prefix { $0 != "\"" } }
        #expect(entries == ["vrijwilligers--chart-short", "vrijwilligers--chart-long", "financien--chart-long"])
        #expect(report.contains("<span class=\"figure-label\">Figuur\u{A0}2</span> Titel long</a>"))
        // The short table stays with its figure; the long ones are in the annex, linked.
        let short = try #require(report.range(of: "id=\"vrijwilligers--chart-short\""))
        let long = try #require(report.range(of: "id=\"vrijwilligers--chart-long\""))
        #expect(report[short.upperBound..<long.lowerBound].contains("<details class=\"chart-data\" open>"))
        let annex = try #require(report.range(of: "<section class=\"wrap chapter report-chapter report-annex\""))
        #expect(!report[long.upperBound..<annex.lowerBound].contains("<details class=\"chart-data\""))
        #expect(report.contains("<p class=\"chart-annex-link\"><a href=\"#vrijwilligers--chart-long-numbers\">"))
        #expect(report.contains("<p class=\"chart-annex-link\"><a href=\"#financien--chart-long-numbers\">"))
        let inAnnex = report[annex.upperBound...]
        #expect(inAnnex.contains("<section class=\"annex-table\" id=\"vrijwilligers--chart-long-numbers\""))
        #expect(inAnnex.contains("<a href=\"#vrijwilligers--chart-long\">Figuur\u{A0}2</a>"))
        #expect(inAnnex.contains("<th scope=\"row\">Rij 8</th>"))
        #expect(!inAnnex.contains("chart-short"), "the short table is not in the annex")
        #expect(report.contains("<li><a href=\"#report-annex-title\">Bijlage: de tabellen met de cijfers</a></li>"))
        let ids = ReaderPagesTests.ids(report)
        #expect(Set(ids).count == ids.count, "duplicate ids")
    }

    @Test func inPrintFootnotesGoToTheFootOfTheirPageWhenTheyAreText() throws {
        var files = ReaderPagesTests.files
        // Finances: a note of two paragraphs, which cannot sit inside a sentence.
        files["Content/nl/finances.md"] = TestSite.page(
            "Financiën", order: 2, slug: "financien", "## Inkomsten\n\nGeld.[^a]\n\n[^a]: Eerste alinea.\n\n    Tweede alinea.\n")
        files["Content/fr/finances.md"] = TestSite.page(
            "Finances", order: 2, slug: "finances", "## Revenus\n\nArgent.[^a]\n\n[^a]: Premier alinéa.\n\n    Second alinéa.\n")
        files["Content/data/challenges/challenge-frequency.yml"] = nil
        files["Content/data/challenges/challenge-frequency.csv"] = nil
        let site = try TestSite(files)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [])
        let report = try #require(site.read("nl/volledig-rapport/index.html"))
        #expect(
            report.contains(
                "<a href=\"#vrijwilligers--fn-1\" id=\"vrijwilligers--fnref-1\" data-footnote-ref>1</a></sup><span class=\"page-footnote\"><span class=\"page-footnote-number\">1</span> Een voetnoot.</span>"
            ))
        #expect(report.contains("<section class=\"footnotes footnotes-moved\" data-footnotes>"))
        #expect(report.contains("<li id=\"vrijwilligers--fn-1\">"), "the list stays, for the screen")
        #expect(report.contains("<section class=\"footnotes\" data-footnotes>"), "the note of two paragraphs stays at the end")
        #expect(!report.contains("<span class=\"page-footnote\"><span class=\"page-footnote-number\">1</span> Eerste"))
        // The chapter's own page is as before.
        #expect(!(site.read("nl/vrijwilligers/index.html") ?? "").contains("page-footnote"))
    }

    @Test func aPDFOfAnOlderTextIsOneWarning() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.messages(site.build()) == [], "no PDF printed yet: nothing to say")
        let folder = Pipeline.printedReports(beside: site.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for language in ["nl/volledig-rapport", "fr/rapport-complet"] {
            let page = try #require(site.read(language + "/index.html"))
            let fingerprint = try #require(page.components(separatedBy: "data-print-source=\"").dropFirst().first?.prefix(16))
            try Data("%PDF-1.7 \(language)".utf8).write(to: folder.appendingPathComponent("\(fingerprint).pdf"))
        }
        #expect(site.messages(site.build()) == [], "both printed from the pages built")
        // Another text in Dutch: its PDF is not published, and the build says why, once.
        try site.write(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nAnder geld.\n\n```chart long\n```\n"))
        let result = site.build()
        #expect(result.succeeded)
        let warnings = result.diagnostics.map(\.description)
        #expect(warnings.count == 1, "\(warnings)")
        #expect(
            warnings.first?.hasSuffix(".Public.pdf:1:1: warning: the PDF of /nl/volledig-rapport/ is out of date: run rapport pdf") == true)
        #expect(site.read("nl/volledig-rapport.pdf") == nil)
        #expect(site.read("fr/rapport-complet.pdf") == "%PDF-1.7 fr/rapport-complet")
    }

    // MARK: The engine and the printer

    /// A stand-in for WeasyPrint: says its version, or writes the page's path into the PDF
    /// (exits 1 with a message when the page's path holds "fail").
    static func fakeEngine(in folder: URL, version: String = "70.0") throws -> URL {
        let script = folder.appendingPathComponent("weasyprint")
        try """
        #!/bin/sh
        if [ "$1" = --version ]; then echo "WeasyPrint version \(version)"; exit 0; fi
        for last; do :; done
        page=$6
        case "$page" in *fail*) echo "ERROR: cannot lay out" >&2; exit 1;; esac
        [ "$1 $2 $3 $4 $5" = "--pdf-variant pdf/ua-1 --quiet --allowed-protocols file" ] || exit 3
        printf '%%PDF-1.7 %s' "$page" > "$last"
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    @Test func aMissingOrOldEngineIsOneMessageWithTheInstallLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case let .failure(missing) = PrintEngine.find(environment: ["PATH": folder.path]) else {
            Issue.record("an engine was found in an empty folder")
            return
        }
        #expect(missing.message.contains("no print engine") && missing.message.hasSuffix(PrintEngine.installLine))
        _ = try Self.fakeEngine(in: folder, version: "57.2")
        guard case let .failure(old) = PrintEngine.find(environment: ["PATH": "/nonexistent:" + folder.path]) else {
            Issue.record("WeasyPrint 57 was taken")
            return
        }
        #expect(old.message.contains("is WeasyPrint 57, too old") && old.message.hasSuffix(PrintEngine.installLine))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("weasyprint"))
        let recent = try Self.fakeEngine(in: folder)
        #expect((try? PrintEngine.find(environment: ["PATH": folder.path]).get())?.executable == recent)
        #expect((try? PrintEngine.find(environment: ["PATH": "", "WEASYPRINT": recent.path]).get())?.executable == recent)
        guard case .failure = PrintEngine.find(environment: ["WEASYPRINT": folder.appendingPathComponent("none").path]) else {
            Issue.record("WEASYPRINT naming nothing was taken")
            return
        }
    }

    @Test func rapportPDFPrintsEveryLanguageAndTheBuildPublishesIt() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let engine = try #require(try? PrintEngine.find(environment: ["WEASYPRINT": Self.fakeEngine(in: site.root).path]).get())
        let folder = Pipeline.printedReports(beside: site.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A PDF of an older text goes; what rapport pdf did not make stays.
        try Data("%PDF old".utf8).write(to: folder.appendingPathComponent("fedcba9876543210.pdf"))
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        var said: [String] = []
        let printer = ReportPrinter(site: site.output, engine: engine)
        #expect(printer.reports().map(\.path) == ["fr/rapport-complet/index.html", "nl/volledig-rapport/index.html"])
        #expect(try printer.print(into: folder) { said.append($0) }.get() == 2)
        #expect(said.count == 2 && said[1].hasPrefix("printed nl/volledig-rapport/ ("))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left.count == 3 && left.contains("notes.txt") && !left.contains("fedcba9876543210.pdf"), "\(left)")
        #expect(site.messages(site.build()) == [])
        #expect(site.read("nl/volledig-rapport.pdf")?.hasSuffix("nl/volledig-rapport/index.html") == true)
        #expect(site.read("fr/rapport-complet.pdf")?.hasSuffix("fr/rapport-complet/index.html") == true)
    }

    @Test func anEngineThatFailsLeavesNoPDFAndSaysWhy() throws {
        var files = Self.files
        files["Content/site.yml"] = TestSite.siteYML
        let site = try TestSite(files)
        defer { site.cleanUp() }
        // The output folder's name holds "fail": the stand-in engine fails on its pages.
        let output = site.root.appendingPathComponent("fail")
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(output))
        options.waitLimit = .seconds(5)
        #expect(Pipeline(options).run().succeeded)
        let engine = try #require(try? PrintEngine.find(environment: ["WEASYPRINT": Self.fakeEngine(in: site.root).path]).get())
        let folder = Pipeline.printedReports(beside: output)
        guard case let .failure(failure) = ReportPrinter(site: output, engine: engine).print(into: folder, progress: { _ in }) else {
            Issue.record("a failing engine printed")
            return
        }
        #expect(failure.message.contains("ERROR: cannot lay out"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) == [])
    }
}
