import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// What changed: a rebuild that changes numbers ends with each changed value, the charts it
/// appears in and the sentences quoting it; the values are kept beside the output, never in it.
@Suite struct ValueReportTests {
    @Test func changedCellIsReportedWithItsChartsAndSentences() throws {
        let site = try TestSite(ReferenceTests.files)
        defer { site.cleanUp() }
        let first = site.build()
        #expect(first.succeeded)
        #expect(first.changes == [], "the first build has nothing to compare with")
        let kept = site.root.appendingPathComponent(".Public.values")
        let text = try String(contentsOf: kept, encoding: .utf8)
        #expect(text.contains("tasks:board:share\t87\n") && text.contains("study:answered\t162\n"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(".Public.values").path))
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: site.output.path)).contains { $0.contains("values") },
            "nothing of it is published")

        #expect(site.build().changes == [], "a rebuild without changes is quiet")

        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Bestuur,Conseil,85\nevents,Activiteiten,Activités,64\n")
        try site.write("Content/data/study.yml", "contacted: 379\nanswered: 160\nfieldwork-start: 2023-11-06\n")
        let second = site.build()
        #expect(second.succeeded)
        #expect(
            second.changes
                == [
                    "what changed since the last build (2 values):",
                    "  study:answered 162 → 160",
                    "    charts: groups, tasks",
                    "    sentences: Content/fr/volunteers.md:8, Content/nl/volunteers.md:8, Content/site.yml:2",
                    "  tasks:board:share 87 → 85",
                    "    charts: groups, tasks, tiles",
                    "    sentences: Content/fr/volunteers.md:8, Content/fr/volunteers.md:10, Content/nl/volunteers.md:8, Content/nl/volunteers.md:10",
                ].map { $0.replacingOccurrences(of: "Content/", with: site.content.path + "/") })
        #expect(site.build().changes == [], "reported once")

        // A failed build reports nothing and keeps the values of the last good one.
        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Bestuur,Conseil,8O\n")
        #expect(site.build().changes == [])
        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Bestuur,Conseil,80\nevents,Activiteiten,Activités,64\n")
        #expect(site.build().changes.prefix(2) == ["what changed since the last build (1 value):", "  tasks:board:share 85 → 80"])
    }
}
