import Diagnostics
import Foundation
import RapportBase
import RapportTestSupport
import Testing

@testable import RapportCore

#if canImport(Glibc)
import Glibc
#endif

/// What a careless editor or an attacker can do to a build (issue 12): each case failed before
/// its fix. Nothing Rapport did not make is ever moved, rewritten or deleted; nothing crashes;
/// nothing runs away.
@Suite struct HostileInputTests {
    private func build(_ site: TestSite, output: URL, waiting: (@Sendable (String) -> Void)? = nil) -> Pipeline.Result {
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(output))
        options.waiting = waiting
        return Pipeline(options).run()
    }

    // MARK: 1. The output path

    @Test(arguments: ["file", "link", "foreign staging"])
    func anOutputPathRapportDidNotMakeIsRefusedAndKept(_ case: String) throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let notes = site.root.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: notes)
        var output = notes
        switch `case` {
        case "link":
            output = site.root.appendingPathComponent("Public")
            try FileManager.default.createSymbolicLink(at: output, withDestinationURL: notes)
        case "foreign staging":
            output = site.root.appendingPathComponent("Public")
            try FileManager.default.moveItem(at: notes, to: site.root.appendingPathComponent(".Public.previous"))
        default: break
        }
        for _ in 0..<2 {
            let result = build(site, output: output)
            #expect(!result.succeeded)
            #expect(result.failure?.message.contains("refusing to replace it") == true, "\(String(describing: result.failure))")
        }
        let kept = `case` == "foreign staging" ? site.root.appendingPathComponent(".Public.previous") : notes
        #expect((try? String(contentsOf: kept, encoding: .utf8)) == "my notes\n", "the file is where it was, unchanged")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".notes.txt.previous").path))
    }

    @Test func theSummaryOfAFailureOutsideTheContentSaysWhatHappened() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let file = site.root.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        let summary = build(site, output: file).summary(output: "notes.txt", wrote: true)
        #expect(summary.hasPrefix("failed: the site could not be written (see the error above); notes.txt left as it was"), "\(summary)")
    }

    // MARK: 2. Templates that include each other

    @Test(arguments: [
        (
            ["partials/toc": "{{> partials/toc}}"],
            "Templates/partials/toc.mustache:1:1: error: templates include each other in a cycle: partials/toc → partials/toc (remove one of these {{> …}} includes)"
        ),
        (
            ["partials/a": "A {{> partials/b}}", "partials/b": "B\n  {{> partials/a}}", "partials/toc": "{{> partials/a}}"],
            "Templates/partials/a.mustache:1:3: error: templates include each other in a cycle: partials/a → partials/b → partials/a (remove one of these {{> …}} includes)"
        ),
    ])
    func includeCyclesAreOneErrorNotACrash(_ templates: [String: String], _ expected: String) throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        for (name, text) in templates { try site.write("Templates/\(name).mustache", text) }
        for write in [true, false] {
            let result = site.build(write: write)
            #expect(!result.succeeded)
            #expect(site.messages(result) == [expected])
        }
    }

    // MARK: 3. Two builds at once

    @Test func aSecondBuildWaitsForTheFirst() async throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let lockPath = site.root.appendingPathComponent(".Public.lock").path
        let held = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(flock(held, LOCK_EX) == 0)
        let told = Told()
        let finished = Told()
        var options = Pipeline.Options(content: site.content, templates: site.templates, destination: .folder(site.output))
        options.waiting = { told.say($0) }
        let thread = Thread { [options] in
            let result = Pipeline(options).run()
            finished.say(result.succeeded ? "built" : "failed")
        }
        thread.start()
        for _ in 0..<200 where told.text.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(told.text == "another build is writing Public; waiting for it to finish")
        #expect(finished.text.isEmpty, "it waits while the lock is held")
        #expect(
            !FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".Public.previous").path),
            "nothing is touched while waiting")
        flock(held, LOCK_UN)
        close(held)
        for _ in 0..<500 where finished.text.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(finished.text == "built")
        #expect(site.read("nl/index.html")?.contains("Welkom.") == true)
    }

    @Test func buildsAtTheSameTimeNeverMixTheirPages() throws {
        let one = try TestSite(TestSite.minimal)
        let other = try TestSite(
            TestSite.minimal.mapValues {
                $0.replacingOccurrences(of: "Geld.", with: "Zebrageld.").replacingOccurrences(of: "Welkom.", with: "Zebrawelkom.")
            })
        defer { one.cleanUp(); other.cleanUp() }
        for round in 0..<4 {
            let sites = round % 2 == 0 ? [one, other] : [other, one]
            let results = sites.parallelMap { self.build($0, output: one.output) }
            #expect(results.allSatisfy { $0.succeeded })
            let pages = ["nl/index.html", "nl/financien/index.html"].compactMap { one.read($0) }
            let variants = Set(pages.map { $0.contains("Zebra") })
            #expect(pages.count == 2 && variants.count == 1, "round \(round): pages from both builds")
        }
    }

    // MARK: 6. Hard-link snapshots

    @Test func aHardLinkSnapshotOfTheOutputIsNeverModified() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let snapshot = site.root.appendingPathComponent("snapshot")
        mkdir(snapshot.path, 0o755)
        for round in 1...3 {
            try site.write(
                "Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nRonde \(round).\n"))
            #expect(site.build().succeeded)
            if round == 1 {
                // `cp -al Public snapshot`: every file of the snapshot is the same inode.
                for entry in Files.list(site.output.path) {
                    let target = snapshot.appendingPathComponent(entry.path).path
                    if entry.kind == .folder {
                        mkdir(target, 0o755)
                    } else {
                        #expect(link(site.output.path + "/" + entry.path, target) == 0)
                    }
                }
            }
        }
        let kept = try String(contentsOf: snapshot.appendingPathComponent("nl/financien/index.html"), encoding: .utf8)
        #expect(kept.contains("Ronde 1."), "the snapshot still shows the build it was taken of")
        #expect(site.read("nl/financien/index.html")?.contains("Ronde 3.") == true)
    }

    // MARK: 7. Symbolic links

    @Test func linksInsideAreFollowedAndLinksOutsideRefusedWithoutShowingTheirTarget() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        let secret = site.root.appendingPathComponent("secret.txt")
        try Data("-----BEGIN PRIVATE KEY-----\nabc\n".utf8).write(to: secret)
        let fm = FileManager.default
        // Inside: followed.
        try site.write("Templates/shared/extra.css", "body{}")
        try fm.createSymbolicLink(
            atPath: site.templates.appendingPathComponent("assets/extra.css").path, withDestinationPath: "../shared/extra.css")
        #expect(site.build().succeeded)
        #expect(Files.kind(ofPath: site.output.appendingPathComponent("assets/extra.css").path) == .file, "copied as a file, not a link")
        #expect(site.read("assets/extra.css") == "body{}")
        // Outside: refused, wherever it is.
        try fm.createSymbolicLink(atPath: site.templates.appendingPathComponent("assets/passwd").path, withDestinationPath: secret.path)
        try fm.createSymbolicLink(atPath: site.content.appendingPathComponent("nl/secret.md").path, withDestinationPath: secret.path)
        try fm.removeItem(at: site.content.appendingPathComponent("i18n/fr.yml"))
        try fm.copyItem(
            at: TestSite.repository.appendingPathComponent("Content/i18n/fr.yml"), to: site.root.appendingPathComponent("fr.yml"))
        try fm.createSymbolicLink(
            atPath: site.content.appendingPathComponent("i18n/fr.yml").path,
            withDestinationPath: site.root.appendingPathComponent("fr.yml").path)
        let result = site.build()
        #expect(!result.succeeded)
        #expect(
            site.messages(result) == [
                "Content/i18n/fr.yml:1:1: error: symbolic link pointing outside Content/ is not read (copy the file into Content/ instead of linking to it)",
                "Content/nl/secret.md:1:1: error: symbolic link pointing outside Content/ is not read (copy the file into Content/ instead of linking to it)",
                "Templates/assets/passwd:1:1: error: symbolic link pointing outside Templates/ is not read (copy the file into Templates/ instead of linking to it)",
            ], "\(site.messages(result))")
        for diagnostic in result.diagnostics { #expect(!diagnostic.detailed.contains("PRIVATE"), "\(diagnostic.detailed)") }
        #expect(Files.kind(ofPath: site.output.appendingPathComponent("assets/passwd").path) != .symbolicLink)
        #expect(site.read("assets/passwd") == nil)
    }

    @Test func aDataFolderLinkedFromOutsideIsRefused() throws {
        let site = try TestSite(TestSite.minimal.merging(ChartFixtures.files) { $1 })
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: site.content.appendingPathComponent("data"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: site.content.appendingPathComponent("data"), withDestinationURL: elsewhere)
        let messages = site.messages(site.build())
        #expect(
            messages.first
                == "Content/data:1:1: error: symbolic link pointing outside Content/ is not read (copy the file into Content/ instead of linking to it)",
            "\(messages)")
    }

    // MARK: 8. baseURL

    @Test func aBaseURLWithPercentEscapesIsUsedOnceAndNotDoubled() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write(
            "Content/site.yml", TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: "https://example.org/%C3%A9tude/"))
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/index.html"))
        #expect(page.contains(#"<link rel="canonical" href="https://example.org/%C3%A9tude/nl/">"#), "\(page)")
        #expect(!page.contains("%C3%A9tude/%C3%A9tude"))
        #expect(site.read("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/%C3%A9tude/sitemap.xml\n")
        #expect(site.read("sitemap.xml")?.contains("<loc>https://example.org/%C3%A9tude/nl/</loc>") == true)
    }

    @Test(arguments: [
        (
            "https://example.org/a%0D%0ALocation:%20x/",
            #"Content/site.yml:3:10: error: baseURL "https://example.org/a%0D%0ALocation:%20x/" has a path with control characters or dot segments (e.g. https://example.org/ or https://example.org/studie/)"#
        ),
        (
            "https://example.org/studie?x=1",
            #"Content/site.yml:3:10: error: baseURL "https://example.org/studie?x=1" has a query, fragment or user name (give only the address of the site's folder, e.g. https://example.org/ or https://example.org/studie/)"#
        ),
        (
            "example.org",
            #"Content/site.yml:3:10: error: baseURL "example.org" is not an absolute http(s) URL (e.g. https://example.org/ or https://example.org/studie/)"#
        ),
    ])
    func anInvalidBaseURLIsADiagnostic(_ url: String, _ expected: String) throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        try site.write("Content/site.yml", TestSite.siteYML.replacingOccurrences(of: "https://example.org/", with: url))
        #expect(site.messages(site.build()) == [expected])
    }

    // MARK: 5. CSV downloads

    @Test(arguments: ["-2+3+cmd|' /C calc'!A0", "=1+1", "+1", "@SUM(A1)", "  =1+1", "\"=1+1", "\t=1"])
    func aLabelThatLooksLikeAFormulaIsNeutralised(_ label: String) {
        var out: [UInt8] = []
        ChartFigure.appendCSVField(label, to: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("'") || text.hasPrefix("\"'"), "\(text)")
    }

    @Test func plainLabelsAreWrittenAsTheyAre() {
        for label in ["Vrijwilligers", "2023", "Geld & middelen"] {
            var out: [UInt8] = []
            ChartFigure.appendCSVField(label, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == label)
        }
    }

    @Test func aControlCharacterInACellIsAnErrorAtItsPlace() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/data/challenges/challenge-frequency.csv"] = ChartFixtures.csv.replacingOccurrences(
            of: "Trouver des volontaires", with: "Trouver\u{0} des volontaires")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        #expect(
            site.messages(site.build()) == [
                "Content/data/challenges/challenge-frequency.csv:2:33: error: invisible control character U+0000 in a cell (delete it: retype the cell, or save the file again as plain CSV)"
            ])
    }

    // MARK: 9. Bounded resources

    @Test func aHeaderOfTwentyThousandUnknownColumnsIsReportedInAFewLines() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        let extra = (0..<20_000).map { "c\($0)" }.joined(separator: ",")
        files["Content/data/challenges/challenge-frequency.csv"] = ChartFixtures.csv.replacingOccurrences(
            of: "often,dk\n", with: "often,dk,\(extra)\n")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build(write: false)
        let unknown = result.diagnostics.filter { if case .csv(.unknownColumn) = $0.problem { true } else { false } }
        #expect(unknown.count == 10)
        let more = try #require(result.diagnostics.first { if case .omitted = $0.problem { true } else { false } })
        #expect(more.problem == .omitted(count: 19_990, severity: .error))
        #expect(more.message == "… and 19,990 more like the errors above in this file")
        for diagnostic in result.diagnostics {
            #expect((diagnostic.sourceLine?.count ?? 0) <= Diagnostic.sourceWindow + 2)
        }
        let first = try #require(unknown.first)
        let caret = try #require(first.detailed.split(separator: "\n").last)
        let line = try #require(first.detailed.split(separator: "\n").dropLast().last)
        let at = line.index(line.startIndex, offsetBy: caret.count - 1)
        #expect(line[at...].hasPrefix("c0,"), "the caret points at the column: \(first.detailed)")
    }

    @Test func fiftyThousandEqualHeadingsGetUniqueIds() {
        var ids = IdAllocator()
        let allocated = (0..<50_000).map { _ in ids.allocate(for: "Resultaten") }
        #expect(Set(allocated).count == 50_000)
        #expect(allocated.prefix(3) == ["resultaten", "resultaten-2", "resultaten-3"])
        var mixed = IdAllocator()
        #expect(["A 2", "A", "A", "A"].map { mixed.allocate(for: $0) } == ["a-2", "a", "a-3", "a-4"])
    }

    // MARK: 11. Smaller ones

    @Test func headingsNeverTakeAnIdThePageUses() throws {
        let site = try TestSite(
            TestSite.minimal.merging([
                "Content/nl/finances.md": TestSite.page(
                    "Financiën", order: 2, slug: "financien",
                    "## Inkomsten\n\n## Main\n\n## Toc title\n\n## Chart volunteer tasks\n\n## Fn 1\n\nGeld.[^1]\n\n[^1]: Noot.\n")
            ]) { $1 })
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("nl/financien/index.html"))
        for id in ["main-2", "toc-title-2", "section-chart-volunteer-tasks", "section-fn-1"] {
            #expect(page.contains("<h2 id=\"\(id)\">"), "\(id)")
        }
        for id in ["main", "toc-title"] {
            #expect(page.components(separatedBy: "id=\"\(id)\"").count == 2, "one element with id \(id)")
        }
    }

    @Test func aChapterWithAnUpperCaseExtensionIsNotIgnored() throws {
        let site = try TestSite(TestSite.minimal.merging(["Content/nl/EXTRA.MD": TestSite.page("Extra")]) { $1 })
        defer { site.cleanUp() }
        #expect(
            site.messages(site.build()) == [
                #"Content/nl/EXTRA.MD:1:1: error: chapter file "EXTRA.MD" ends in ".MD", not ".md" (rename it to EXTRA.md)"#
            ])
    }

    @Test func aBrokenYAMLFileDoesNotHideTheErrorsOfItsCSVFile() throws {
        var files = TestSite.minimal.merging(ChartFixtures.files) { $1 }
        files["Content/data/challenges/challenge-frequency.yml"] = "kind: [stacked-bars\n"
        files["Content/data/challenges/challenge-frequency.csv"] = ChartFixtures.csv.replacingOccurrences(
            of: ",130,12.5,", with: ",130,12.S,")
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let messages = site.messages(site.build())
        #expect(messages.contains { $0.hasPrefix("Content/data/challenges/challenge-frequency.yml:") }, "\(messages)")
        #expect(
            messages.contains(
                #"Content/data/challenges/challenge-frequency.csv:2:61: error: value "12.S" is not a number (write digits with a decimal point, e.g. 12.5)"#
            ), "\(messages)")
    }
}

/// What a build told, from another thread.
private final class Told: @unchecked Sendable {
    private let lock = NSLock()
    private var said = ""
    var text: String { lock.withLock { said } }
    func say(_ text: String) { lock.withLock { said = text } }
}

/// A placeholder's marker inside a text node comes out of typography whole, however many
/// placeholders the page has: its number is written without ASCII digits, which typography may
/// rewrite.
@Test func placeholderMarkersSurviveTypography() {
    var bytes = Array("Soit ".utf8)
    Placeholders.appendMarker(123_456, to: &bytes)
    bytes += Array(" % des 10000 associations : 12345".utf8)
    let text = String(decoding: bytes, as: UTF8.self)
    let typeset = Typography.rewritten(text, .fr) ?? text
    var values = [[UInt8]](repeating: [], count: 123_456)
    values.append(Array("<data>42</data>".utf8))
    let out = Array(typeset.utf8).withUnsafeBufferPointer { Placeholders.substitute($0, values: values) }
    #expect(
        String(decoding: out, as: UTF8.self).hasPrefix("Soit <data>42</data> % des 10000 associations\u{00A0}:"),
        "\(String(decoding: out, as: UTF8.self))")
}
