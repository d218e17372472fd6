import Foundation
import RapportBase
import RapportTestSupport
import Testing

@testable import RapportCore

/// A build that would change nothing is not made (Cache/UpToDate.swift), and every change of
/// an input, of the output or of the options is built again.
@Suite struct UpToDateTests {
    /// The inode of every file of the output: a file written again (renamed over) has a new one.
    static func inodes(_ site: TestSite) -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for entry in Files.list(site.output.path) where entry.kind == .file {
            inodes[entry.path] = FileStamp(path: site.output.path + "/" + entry.path)?.inode
        }
        return inodes
    }

    @Test func nothingChangedIsNotBuiltAgain() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        let first = site.build()
        #expect(first.succeeded && !first.upToDate && first.diagnostics.isEmpty, "\(site.messages(first))")
        let before = Self.inodes(site)
        let again = site.build()
        #expect(again.upToDate)
        #expect(again.pages == first.pages && again.charts == first.charts && again.languages == first.languages)
        #expect(again.summary(output: "Public", wrote: true).hasPrefix("up to date: 3 nl + 3 fr pages, 0 charts; nothing changed"))
        #expect(Self.inodes(site) == before, "a file was touched")
        // Forced (the tests' `full`), the same site is built.
        #expect(!site.build(full: true).upToDate)
    }

    enum Change: CaseIterable {
        case chapterEdited, templateSavedUnchanged, fileAdded, outputFileRemoved, outputFileAdded, otherBaseURL
    }

    @Test(arguments: Change.allCases)
    func everyChangeIsBuiltAgain(_ change: Change) throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        var options = Pipeline.Options(
            content: site.content, templates: site.templates, destination: .folder(site.output),
            printedReports: Pipeline.printedReports(beside: site.output))
        switch change {
        case .chapterEdited:
            // Same length, same second: only the stamp's change time tells.
            try site.write("Content/nl/finances.md", TestSite.minimal["Content/nl/finances.md"]!.replacingOccurrences(of: "Geld.", with: "Gold."))
        case .templateSavedUnchanged:
            let path = "Templates/page.mustache"
            try site.write(path, try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8))
        case .fileAdded: try site.write("Content/nl/notes.txt", "a note")
        case .outputFileRemoved: try site.remove("Public/fr/index.html")
        case .outputFileAdded: try site.write("Public/fr/stray.html", "not built")
        case .otherBaseURL: options.baseURL = "https://staging.example.org/"
        }
        let result = Pipeline(options).run()
        #expect(result.succeeded, "\(site.messages(result))")
        #expect(!result.upToDate, "\(change) went unnoticed")
        switch change {
        case .chapterEdited: #expect(site.read("nl/financien/index.html")?.contains("Gold.") == true)
        case .outputFileRemoved: #expect(site.read("fr/index.html") != nil)
        case .outputFileAdded: #expect(site.read("fr/stray.html") == nil)
        default: break
        }
        // And then, nothing changed again.
        #expect(Pipeline(options).run().upToDate)
    }

    /// A build with a diagnostic is never taken as up to date: the next one is made, and says
    /// it again.
    @Test func aBuildWithADiagnosticIsMadeAgainAndSaysItAgain() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "Zie [nergens](nergens.md).\n"))
        let broken = site.build()
        #expect(!broken.succeeded && !broken.upToDate)
        let again = site.build()
        #expect(!again.upToDate)
        #expect(site.messages(again) == site.messages(broken) && !site.messages(again).isEmpty)
    }
}
