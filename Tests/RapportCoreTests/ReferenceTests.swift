import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// One value, one place: datasets take values from other datasets and from the study's facts
/// (`Content/data/study.yml`) instead of copying them.
@Suite struct ReferenceTests {
    static func dataset(_ id: String, base: String, series: String, extra: String = "") -> String {
        """
        kind: bars
        title: {nl: Titel \(id), fr: Titre \(id)}
        finding: {nl: Bevinding., fr: Constat.}
        base: \(base)
        \(extra)series:
        \(series)
        """
    }

    static let share = "  - {key: share, nl: Aandeel, fr: Part}"

    /// A site where one figure (board 87 in `tasks`) and one fact (answered 162) are used by a
    /// second chart, a figures tile, sentences in both languages and the site's description.
    static let files: [String: String] = {
        var files = TestSite.minimal
        files["Content/site.yml"] = TestSite.siteYML.replacingOccurrences(
            of: "description: {nl: Een test., fr: Un test.}",
            with:
                "description: {nl: \"Bevraging van {{study:answered}} verenigingen.\", fr: \"Enquête auprès de {{study:answered}} associations.\"}"
        )
        files["Content/data/study.yml"] = "contacted: 379\nanswered: 162\nfieldwork-start: 2023-11-06\n"
        // Volunteers' tasks: several answers each (board 87% and events 64%).
        files["Content/data/org/tasks.yml"] = dataset(
            "tasks", base: "study:answered", series: share, extra: "acknowledge: [multiple-answers]\n")
        files["Content/data/org/tasks.csv"] = "key,nl,fr,share\nboard,Bestuur,Conseil,87\nevents,Activiteiten,Activités,64\n"
        files["Content/data/org/groups.yml"] = dataset(
            "groups", base: "tasks:base",
            series: """
                  - {key: total, nl: Totaal, fr: Total, from: "tasks:share"}
                  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones, n: 99}
                """)
        files["Content/data/org/groups.csv"] = "key,nl,fr,nl-speaking\nboard,Bestuur,Conseil,92\nevents,Activiteiten,Activités,70\n"
        files["Content/data/org/tiles.yml"] = """
            kind: figures
            title: {nl: Cijfers, fr: Chiffres}
            unit: count
            series:
              - {key: value, nl: Waarde, fr: Valeur}
            """
        files["Content/data/org/tiles.csv"] =
            "key,nl,fr,unit,value\nboard,Bestuur,Conseil,percent,tasks:board:share\ncontacted,Gecontacteerd,Contactées,count,study:contacted\n"
        let charts = "```chart tasks\n```\n\n```chart groups\n```\n\n```chart tiles\n```\n"
        files["Content/nl/volunteers.md"] = TestSite.page(
            "Vrijwilligers", slug: "vrijwilligers",
            "## Taken\n\n{{tasks:board:share}} zit in het bestuur, van {{study:answered}} verenigingen (sinds {{study:fieldwork-start}}).\n\nIn de groepen: {{groups:board:total}}.\n\n\(charts)"
        )
        files["Content/fr/volunteers.md"] = TestSite.page(
            "Volontaires", slug: "volontaires",
            "## Tâches\n\n{{tasks:board:share}} siègent au conseil, sur {{study:answered}} associations (depuis le {{study:fieldwork-start}}).\n\nDans les groupes : {{groups:board:total}}.\n\n\(charts)"
        )
        return files
    }()

    @Test func oneChangedValueChangesEverythingThatUsesIt() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let first = site.build()
        #expect(first.succeeded, "\(site.messages(first))")
        #expect(site.messages(first) == [])
        let nl = try #require(site.read("nl/vrijwilligers/index.html"))
        #expect(
            nl.contains(
                "<data value=\"87\">87%</data> zit in het bestuur, van <data value=\"162\">162</data> verenigingen (sinds <time datetime=\"2023-11-06\">6 november 2023</time>)"
            ))
        #expect(site.read("fr/volontaires/index.html")?.contains("<time datetime=\"2023-11-06\">6 novembre 2023</time>") == true)
        #expect(nl.contains("In de groepen: <data value=\"87\">87%</data>."))
        #expect(site.read("nl/data/groups.csv")?.contains("Bestuur;87;92") == true)

        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Bestuur,Conseil,85\nevents,Activiteiten,Activités,64\n")
        try site.write("Content/data/study.yml", "contacted: 380\nanswered: 160\nfieldwork-start: 2023-11-06\n")
        let second = site.build()
        #expect(second.succeeded, "\(site.messages(second))")
        for (page, language) in [("nl/vrijwilligers/index.html", "nl"), ("fr/volontaires/index.html", "fr")] {
            let html = try #require(site.read(page))
            let percent = language == "nl" ? "85%" : "85\u{202F}%"
            // The sentences (the value and its copy in groups), both tables and the tile.
            #expect(html.components(separatedBy: "<data value=\"85\">\(percent)</data>").count - 1 == 2, "\(page)")
            #expect(html.components(separatedBy: "<td>\(percent)</td>").count - 1 == 2, "\(page): the tables of tasks and groups")
            #expect(html.components(separatedBy: ": \(percent)</title>").count - 1 == 3, "\(page): the bars of tasks and groups, the tile")
            let old = language == "nl" ? "87%" : "87\u{202F}%"
            #expect(!html.contains(old) && !html.contains("\"87\""), "\(page) still shows the old value")
            #expect(!html.contains("n=162") && !html.contains(">162<"), "\(page) still shows the old base")
            #expect(html.contains("n=160") && html.contains("<data value=\"160\">160</data>"), "\(page)")
            #expect(html.contains("380"), "\(page): the tile takes study:contacted")
            let csv = try #require(site.read("\(language)/data/groups.csv"))
            #expect(csv.contains(language == "nl" ? "Bestuur;85;92" : "Conseil;85;92"), "\(csv)")
            #expect(site.read("\(language)/data/tasks.csv")?.contains(";85") == true)
        }
        #expect(site.read("index.html")?.contains("Bevraging van 160 verenigingen.") == true)
        #expect(site.read("nl/index.html")?.contains("content=\"Bevraging van 160 verenigingen.\"") == true)
    }

    /// A dataset without references, written before references existed, reads as before.
    @Test func referenceFreeDatasetsAreUnchanged() throws {
        var files = Self.files
        files["Content/data/org/groups.yml"] = Self.dataset(
            "groups", base: "162",
            series: """
                  - {key: total, nl: Totaal, fr: Total}
                  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones, n: 99}
                """)
        files["Content/data/org/groups.csv"] =
            "key,nl,fr,total,nl-speaking\nboard,Bestuur,Conseil,87,92\nevents,Activiteiten,Activités,64,70\n"
        files["Content/data/study.yml"] = nil
        files["Content/data/org/tasks.yml"] = Self.dataset(
            "tasks", base: "162", series: Self.share, extra: "acknowledge: [multiple-answers]\n")
        files["Content/data/org/tiles.csv"] =
            "key,nl,fr,unit,value\nboard,Bestuur,Conseil,percent,87\ncontacted,Gecontacteerd,Contactées,count,379\n"
        for path in ["Content/nl/volunteers.md", "Content/fr/volunteers.md"] {
            files[path] = files[path]?.replacingOccurrences(of: "{{study:answered}}", with: "162")
                .replacingOccurrences(of: "{{study:fieldwork-start}}", with: "2023")
        }
        files["Content/site.yml"] = TestSite.siteYML
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded && site.messages(result) == [], "\(site.messages(result))")
        #expect(site.read("nl/data/groups.csv")?.contains("Bestuur;87;92") == true)
    }
}

/// Quiet by default: acknowledged warnings are not repeated; a stale acknowledgement is.
@Suite struct AcknowledgeTests {
    @Test func acknowledgedSmallBaseIsQuietAndStaleOneIsSaid() throws {
        var files = ReferenceTests.files
        files["Content/data/org/groups.yml"] = ReferenceTests.dataset(
            "groups", base: "tasks:base",
            series: """
                  - {key: total, nl: Totaal, fr: Total, from: "tasks:share"}
                  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones, n: 8}
                """)
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let loud = site.build()
        #expect(
            site.messages(loud) == [#"Content/data/org/groups.yml:7:69: warning: small base n=8 for series "nl-speaking" (shown as low n)"#]
        )
        try site.write(
            "Content/data/org/groups.yml",
            try #require(files["Content/data/org/groups.yml"]).replacingOccurrences(
                of: "series:\n", with: "acknowledge: [small-base]\nseries:\n"))
        let quiet = site.build()
        #expect(quiet.succeeded && site.messages(quiet) == [], "\(site.messages(quiet))")
        #expect(quiet.summary(output: "Public", wrote: true).hasPrefix("built 3 nl + 3 fr pages, 6 charts in "))
        #expect(!quiet.summary(output: "Public", wrote: true).contains("warning"))
        #expect(site.read("nl/vrijwilligers/index.html")?.contains("Nederlandstalig (n=8) (") == true, "the low-n mark stays")
        try site.write(
            "Content/data/org/tasks.yml",
            ReferenceTests.dataset(
                "tasks", base: "study:answered", series: ReferenceTests.share, extra: "acknowledge: [small-base, multiple-answers]\n"))
        let stale = site.build()
        #expect(
            site.messages(stale) == [
                #"Content/data/org/tasks.yml:5:14: warning: acknowledges a small base, but no base of "tasks" is under 30 any more (remove small-base from acknowledge)"#
            ])
    }
}

/// The examples of "One value, one place" in docs/datasets.md are taken from the real Content/:
/// each block follows the line naming its file, and its lines stand there in that order (a line
/// ending in "…" is the start of the real line).
// The examples of docs/datasets.md (and README.md) are checked against the study in DocsTests.

/// A broken reference is one error: not one per row of a `from:` column, and none in the
/// chapters that place or quote the dataset.
@Test func brokenReferenceIsOneError() throws {
    var files = ReferenceTests.files
    files["Content/data/org/groups.yml"] = files["Content/data/org/groups.yml"]?.replacingOccurrences(
        of: "from: \"tasks:share\"", with: "from: \"tasks:shares\"")
    let site = try TestSite(files)
    defer { site.cleanUp() }
    let errors = site.messages(site.build()).filter { $0.contains(": error: ") }
    #expect(
        errors == [
            #"Content/data/org/groups.yml:6:47: error: tasks:shares points nowhere: dataset "tasks" has no series "shares" (did you mean "share"?)"#
        ])
}

/// A series or row typed again in another dataset is a warning with the reference to write;
/// a coincidence is acknowledged with `same-values`.
@Test func copiedSeriesAndRowsAreFound() throws {
    var files = ReferenceTests.files
    files["Content/data/org/tasks.csv"] =
        "key,nl,fr,share\nboard,Bestuur,Conseil,87\nevents,Activiteiten,Activités,64\nadmin,Administratie,Administration,41\n"
    files["Content/data/org/groups.yml"] = ReferenceTests.dataset(
        "groups", base: "tasks:base",
        series: """
              - {key: total, nl: Totaal, fr: Total}
              - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones}
            """)
    files["Content/data/org/groups.csv"] =
        "key,nl,fr,total,nl-speaking\nboard,Bestuur,Conseil,87,92\nevents,Activiteiten,Activités,64,70\nadmin,Administratie,Administration,41,40\n"
    files["Content/data/org/again.yml"] = ReferenceTests.dataset(
        "again", base: "12",
        series: """
              - {key: total, nl: Totaal, fr: Total}
              - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones}
            """, extra: "acknowledge: [small-base]\n")
    files["Content/data/org/again.csv"] = "key,nl,fr,total,nl-speaking\nother,Ander,Autre,87,92\n"
    for path in ["Content/nl/volunteers.md", "Content/fr/volunteers.md"] {
        files[path] = files[path].map { $0 + "\n```chart again\n```\n" }
    }
    let site = try TestSite(files)
    defer { site.cleanUp() }
    let found = site.build()
    #expect(
        site.messages(found) == [
            #"Content/data/org/again.yml:5:14: warning: acknowledges a small base, but no base of "again" is under 30 any more (remove small-base from acknowledge)"#,
            #"Content/data/org/groups.csv:2:23: warning: series "total" repeats tasks:share (3 values) (take it instead: from: tasks:share in the series of groups, and remove the column)"#,
        ], "two values are not a row's copy")
    try site.write("Content/data/org/again.csv", "key,nl,fr,total,nl-speaking\nother,Ander,Autre,87,92\nmore,Meer,Plus,64,70\n")
    try site.write(
        "Content/data/org/again.yml",
        ReferenceTests.dataset(
            "again", base: "12",
            series: """
                  - {key: total, nl: Totaal, fr: Total}
                  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones}
                  - {key: fr-speaking, nl: Franstalig, fr: Francophones}
                """))
    try site.write("Content/data/org/again.csv", "key,nl,fr,total,nl-speaking,fr-speaking\nother,Ander,Autre,87,92,10\n")
    try site.write(
        "Content/data/org/groups.yml",
        ReferenceTests.dataset(
            "groups", base: "tasks:base",
            series: """
                  - {key: total, nl: Totaal, fr: Total}
                  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones}
                  - {key: fr-speaking, nl: Franstalig, fr: Francophones}
                """, extra: "acknowledge: [same-values]\n"))
    try site.write(
        "Content/data/org/groups.csv",
        "key,nl,fr,total,nl-speaking,fr-speaking\nboard,Bestuur,Conseil,87,92,10\nevents,Activiteiten,Activités,64,70,1\nadmin,Administratie,Administration,41,40,2\n"
    )
    let rows = site.build()
    #expect(
        site.messages(rows) == [
            #"Content/data/org/again.csv:2:1: warning: row "other" repeats groups:board (3 values) (write each cell as a reference, e.g. groups:board:total)"#
        ], "same-values silences groups' repeated series; the row again repeats is said")
}

/// A fact's text is escaped where a chapter quotes it.
@Test func quotedFactTextIsEscaped() throws {
    var files = ReferenceTests.files
    files["Content/data/study.yml"] =
        "contacted: 379\nanswered: 162\nfieldwork-start: 2023-11-06\nwho: {nl: \"<script>x</script> & co\", fr: \"« vous » & moi\"}\n"
    files["Content/nl/finances.md"] = TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nDoor {{study:who}}.\n")
    let site = try TestSite(files)
    defer { site.cleanUp() }
    #expect(site.build().succeeded)
    #expect(site.read("nl/financien/index.html")?.contains("Door &lt;script&gt;x&lt;/script&gt; &amp; co.") == true)
}
