import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// One mistake an editor can make, applied to the minimal site, and the exact diagnostic.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var change: @Sendable (TestSite) throws -> Void
    var expected: String
    var testDescription: String { name }
}

private func page(_ path: String, _ text: String) -> @Sendable (TestSite) throws -> Void {
    { try $0.write(path, text) }
}

private func files(_ files: [String: String]) -> @Sendable (TestSite) throws -> Void {
    { site in for (path, text) in files { try site.write(path, text) } }
}

/// `tasks` (base from the study's facts) and what a test adds to it.
private func withTasks(_ more: [String: String]) -> @Sendable (TestSite) throws -> Void {
    files(more.merging([
        "Content/data/study.yml": "answered: 162\n",
        "Content/data/org/tasks.yml": ReferenceTests.dataset("tasks", base: "study:answered", series: ReferenceTests.share),
        "Content/data/org/tasks.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,87\n",
    ]) { mine, _ in mine })
}

/// The chart fixture (ChartTests) added to the site.
private func withChart(_ site: TestSite) throws {
    for (path, text) in ChartFixtures.files { try site.write(path, text) }
}

/// The chart fixture, and `body` as the Dutch volunteers chapter (its text starts on line 6).
private func chapter(_ body: String) -> @Sendable (TestSite) throws -> Void {
    { site in
        try withChart(site)
        try site.write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", body))
    }
}

/// The chart fixture with its YAML file changed by `edit`.
private func dataset(_ edit: @escaping @Sendable (String) -> String) -> @Sendable (TestSite) throws -> Void {
    { site in
        try withChart(site)
        try site.write("Content/data/challenges/challenge-frequency.yml", edit(ChartFixtures.yaml))
    }
}

let badInputs: [BadInput] = [
    BadInput(name: "page in one language only",
             change: page("Content/nl/extra.md", TestSite.page("Extra")),
             expected: #"Content/nl/extra.md:1:1: error: page "extra.md" exists in Dutch only (add its translation as Content/fr/extra.md)"#),
    BadInput(name: "broken YAML front matter",
             change: page("Content/fr/volunteers.md", "---\ntitle: Volontaires\norder: [1\n---\nTexte.\n"),
             expected: "Content/fr/volunteers.md:4:1: error: invalid YAML: while parsing a flow sequence did not find expected ',' or ']' (check indentation and quote values that contain ':' or '#')"),
    BadInput(name: "missing title",
             change: page("Content/fr/volunteers.md", "---\norder: 1\nslug: volontaires\n---\nTexte.\n"),
             expected: "Content/fr/volunteers.md:2:1: error: missing title (add title: … to the front matter)"),
    BadInput(name: "missing front matter",
             change: page("Content/fr/volunteers.md", "Texte.\n"),
             expected: "Content/fr/volunteers.md:1:1: error: missing front matter (start the file with ---, then title: …, order: …, then ---)"),
    BadInput(name: "two pages with the same slug",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "vrijwilligers")),
             expected: #"Content/nl/volunteers.md:4:7: error: two pages with the slug "vrijwilligers" in Dutch (Content/nl/finances.md has it too; give one of them another slug)"#),
    BadInput(name: "slug of the data page",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "data")),
             expected: #"Content/nl/finances.md:4:7: error: the slug "data" is taken by the data page (/nl/data/) (give the page another slug)"#),
    BadInput(name: "file name of the data page",
             change: files(["Content/nl/data.md": TestSite.page("Data", order: 3), "Content/fr/data.md": TestSite.page("Données", order: 3, slug: "donnees")]),
             expected: #"Content/nl/data.md:1:1: error: the slug "data" is taken by the data page (/nl/data/) (add slug: … with another address)"#),
    BadInput(name: "slug with a slash",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "geld/financien")),
             expected: #"Content/nl/finances.md:4:7: error: slug "geld/financien" must not contain "/" or ".." (use one path segment, e.g. vrijwilligers)"#),
    BadInput(name: "slug with dots",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "..")),
             expected: #"Content/nl/finances.md:4:7: error: slug ".." must not contain "/" or ".." (use one path segment, e.g. vrijwilligers)"#),
    BadInput(name: "unknown template",
             change: page("Content/nl/finances.md", "---\ntitle: Financiën\norder: 2\nslug: financien\ntemplate: pgae\n---\nGeld.\n"),
             expected: #"Content/nl/finances.md:5:11: error: unknown template "pgae" (did you mean "page"?)"#),
    // Over small templates of their own, so that editing Templates/ breaks none of these rows.
    BadInput(name: "unknown partial",
             change: files(["Templates/partials/note.mustache": "<p>{{title}}</p>\n",
                            "Templates/page.mustache": "<h1>{{title}}</h1>\n{{> partials/ntoe}}\n{{{content}}}\n"]),
             expected: #"Templates/page.mustache:2:1: error: unknown partial "partials/ntoe" in template "page" (did you mean "partials/note"?)"#),
    BadInput(name: "template syntax error",
             change: page("Templates/page.mustache", "<h1>{{#title}}</h1>\n{{{content}}}\n"),
             expected: #"Templates/page.mustache:1:5: error: template syntax error: section "title" is never closed (add {{/title}})"#),
    BadInput(name: "variable the context lacks",
             change: page("Templates/page.mustache", "<h1>{{title}}</h1>\n<p>{{titel}}</p>\n{{{content}}}\n"),
             expected: #"Templates/page.mustache:2:4: error: template uses "titel" but the page has no such value (did you mean "title"?)"#),
    BadInput(name: "variable the context lacks, in a partial",
             change: files(["Templates/partials/note.mustache": "<p>{{#previous}}{{url}}{{/previous}} {{nxet}}</p>\n",
                            "Templates/page.mustache": "<h1>{{title}}</h1>\n{{> partials/note}}\n{{{content}}}\n"]),
             expected: #"Templates/partials/note.mustache:1:38: error: template uses "nxet" but the page has no such value (did you mean "next"?)"#),
    BadInput(name: "UI string missing in one language",
             change: { site in
                 let text = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
                 try site.write("Content/i18n/fr.yml", text.replacingOccurrences(of: "toc_title: Sur cette page\n", with: ""))
             },
             expected: #"Content/i18n/fr.yml:1:1: error: UI string "toc_title" is missing in French (add toc_title: …, as in Content/i18n/nl.yml:10:1)"#),
    BadInput(name: "file that is not UTF-8",
             change: { try $0.write("Content/fr/finances.md", Data("---\ntitle: Financ".utf8) + Data([0xE9]) + Data("s\norder: 2\n---\n".utf8)) },
             expected: "Content/fr/finances.md:2:14: error: file is not valid UTF-8 (byte 0xE9) (save the file as UTF-8)"),
    BadInput(name: "link to a page that does not exist",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [vrijwilligers](vrijwiligers.md).")),
             expected: #"Content/nl/finances.md:8:5: error: link to a page that does not exist: "vrijwiligers.md" (link to a file of Content/nl/)"#),
    BadInput(name: "link to a page that does not exist, close to one that does",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [vrijwilligers](volunteer.md).")),
             expected: #"Content/nl/finances.md:8:5: error: link to a page that does not exist: "volunteer.md" (did you mean "volunteers.md"?)"#),
    BadInput(name: "link to a heading that does not exist",
             change: page("Content/fr/volunteers.md", TestSite.page("Volontaires", slug: "volontaires", "Voir [finances](finances.md#revenu).")),
             expected: ##"Content/fr/volunteers.md:6:6: error: link to a heading that does not exist: "#revenu" in finances.md (did you mean "#revenus"?)"##),
    BadInput(name: "unknown dataset in a chapter",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart incom-sources\n```")),
             expected: #"Content/nl/finances.md:8:1: error: unknown dataset "incom-sources" (add Content/data/<chapter>/incom-sources.yml and .csv)"#),
    BadInput(name: "dataset id that tries to leave Content",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart ../../etc/passwd\n```")),
             expected: #"Content/nl/finances.md:8:1: error: "../../etc/passwd" is not a valid dataset id (ids use a-z, 0-9 and - only, and name a file in Content/data)"#),
    BadInput(name: "data reference to an unknown row",
             change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nHet is {{x:y}}.")),
             expected: #"Content/nl/finances.md:8:8: error: unknown dataset "x" (add Content/data/<chapter>/x.yml and .csv)"#),
    BadInput(name: "site.yml with an updated date that does not exist",
             change: page("Content/site.yml", TestSite.siteYML + "\nupdated: 2024-02-30\n"),
             expected: #"Content/site.yml:6:10: error: updated "2024-02-30" is not a date (write it as YYYY-MM-DD, e.g. updated: 2024-05-15)"#),
    BadInput(name: "site.yml with an updated date in another format",
             change: page("Content/site.yml", TestSite.siteYML + "\nupdated: 15/05/2024\n"),
             expected: #"Content/site.yml:6:10: error: updated "15/05/2024" is not a date (write it as YYYY-MM-DD, e.g. updated: 2024-05-15)"#),
    // `{{…}}` that cannot be resolved, in every context text can stand in (issue 13, item 1).
    BadInput(name: "unknown row quoted in a table cell",
             change: chapter("| a | b |\n|---|---|\n| Bijna | {{challenge-frequency:volunters:often}} |"),
             expected: #"Content/nl/volunteers.md:8:11: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(name: "unknown row quoted in a heading",
             change: chapter("## Taken van {{challenge-frequency:volunters}}"),
             expected: #"Content/nl/volunteers.md:6:14: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(name: "unknown series quoted in link text",
             change: chapter("Zie [wat {{challenge-frequency:money:oftn}} zegt](finances.md)."),
             expected: #"Content/nl/volunteers.md:6:10: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#),
    BadInput(name: "unknown dataset quoted in image alt text",
             change: chapter("Één ![beeld van {{challenge-frequenc:money}}](/assets/favicon.svg)"),
             expected: #"Content/nl/volunteers.md:6:17: error: unknown dataset "challenge-frequenc" (did you mean "challenge-frequency"?)"#),
    BadInput(name: "unknown row quoted in a footnote",
             change: chapter("Tekst.[^1]\n\n[^1]: Zie {{challenge-frequency:mony}}."),
             expected: #"Content/nl/volunteers.md:8:11: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#),
    BadInput(name: "unknown row quoted in emphasis",
             change: chapter("Dit is *{{challenge-frequency:mony}}*."),
             expected: #"Content/nl/volunteers.md:6:9: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#),
    BadInput(name: "unknown row quoted in a dataset note",
             change: dataset { $0.replacingOccurrences(of: "inferred:", with: "  - nl: Zie {{challenge-frequency:mony}}.\n    fr: \"Voir {{challenge-frequency:money:oftn}}.\"\ninferred:") },
             expected: #"Content/data/challenges/challenge-frequency.yml:31:13: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#),
    BadInput(name: "unknown series quoted in a dataset note, quoted text",
             change: dataset { $0.replacingOccurrences(of: "inferred:", with: "  - nl: Zie {{challenge-frequency:mony}}.\n    fr: \"Voir {{challenge-frequency:money:oftn}}.\"\ninferred:") },
             expected: #"Content/data/challenges/challenge-frequency.yml:32:15: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#),
    BadInput(name: "unknown dataset quoted in a dataset finding",
             change: dataset { $0.replacingOccurrences(of: "nl: Vrijwilligers vinden is het vaakst een probleem.", with: "nl: Vaak {{volunteer-tasks:board}}.") },
             expected: #"Content/data/challenges/challenge-frequency.yml:9:12: error: unknown dataset "volunteer-tasks" (add Content/data/<chapter>/volunteer-tasks.yml and .csv)"#),
    BadInput(name: "unknown row quoted in a page title",
             change: { site in
                 try withChart(site)
                 try site.write("Content/fr/volunteers.md", "---\ntitle: Volontaires ({{challenge-frequency:volunters}})\norder: 1\nslug: volontaires\n---\nTexte.\n")
             },
             expected: #"Content/fr/volunteers.md:2:21: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(name: "unknown dataset quoted in the site description",
             change: { site in
                 try site.write("Content/site.yml", TestSite.siteYML.replacingOccurrences(of: "description: {nl: Een test., fr: Un test.}",
                                                                                          with: "description:\n  nl: Een test.\n  fr: \"{{enquete:total}} associations\""))
             },
             expected: #"Content/site.yml:4:8: error: unknown dataset "enquete" (add Content/data/<chapter>/enquete.yml and .csv)"#),
    // A placeholder cut in pieces by Markdown or HTML is not published as text (issue 12, item 11).
    BadInput(name: "placeholder with HTML inside",
             change: chapter("Een “{{lang fr: <b>démocratie</b> sanitaire}}”."),
             expected: #"Content/nl/volunteers.md:6:6: error: placeholder "{{lang fr: " has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#),
    BadInput(name: "placeholder with emphasis inside, in a table cell",
             change: chapter("| a | b |\n|---|---|\n| x | {{lang fr: *démocratie* sanitaire}} |"),
             expected: #"Content/nl/volunteers.md:8:7: error: placeholder "{{lang fr: " has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#),
    BadInput(name: "placeholder over two lines",
             change: chapter("Het is {{challenge-frequency:\nmoney}}."),
             expected: #"Content/nl/volunteers.md:6:8: error: placeholder "{{challenge-frequency:" has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#),
    // A value that cannot be shown is refused where it is read (issue 12, item 10).
    BadInput(name: "value too large to show",
             change: { site in
                 try withChart(site)
                 try site.write("Content/data/challenges/challenge-frequency.csv", ChartFixtures.csv.replacingOccurrences(of: ",130,12.5,", with: ",130,1" + String(repeating: "0", count: 400) + ","))
             },
             expected: #"Content/data/challenges/challenge-frequency.csv:2:61: error: value "10000000000000000000…" is too large to show (write at most 15 digits before the decimal point; quote big amounts in a larger unit)"#),
    BadInput(name: "site.yml without a base URL",
             change: page("Content/site.yml", "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nlanguages: [nl, fr]\ndefaultLanguage: nl\n"),
             expected: #"Content/site.yml:1:1: error: missing key "baseURL""#),
    BadInput(name: "reference to a row that does not exist",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: ReferenceTests.share),
                                "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,tasks:bord:share\n"]),
             expected: #"Content/data/org/tiles.csv:2:23: error: tasks:bord:share points nowhere: dataset "tasks" has no row "bord" (did you mean "board"?)"#),
    BadInput(name: "reference to a dataset that does not exist",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "taks:base", series: ReferenceTests.share),
                                "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n"]),
             expected: #"Content/data/org/tiles.yml:4:7: error: taks:base points to an unknown dataset "taks" (did you mean "tasks"?)"#),
    BadInput(name: "reference to a study fact that does not exist",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "study:answerd", series: ReferenceTests.share),
                                "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n"]),
             expected: #"Content/data/org/tiles.yml:4:7: error: study:answerd points nowhere: Content/data/study.yml has no fact "answerd" (did you mean "study:answered"?)"#),
    BadInput(name: "series from a series that does not exist",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: "  - {key: total, nl: T, fr: T, from: \"tasks:shares\"}"),
                                "Content/data/org/tiles.csv": "key,nl,fr\nboard,Bestuur,Conseil\n"]),
             expected: #"Content/data/org/tiles.yml:6:38: error: tasks:shares points nowhere: dataset "tasks" has no series "shares" (did you mean "share"?)"#),
    BadInput(name: "a copy beside the series it is taken from",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: "  - {key: total, nl: T, fr: T, from: \"tasks:share\"}"),
                                "Content/data/org/tiles.csv": "key,nl,fr,total\nboard,Bestuur,Conseil,87\n"]),
             expected: #"Content/data/org/tiles.csv:1:11: error: column "total" is a copy: series "total" takes its values from tasks:share (remove the column from the CSV file (or the from: line from the YAML file))"#),
    BadInput(name: "cycle of references",
             change: withTasks(["Content/data/org/a.yml": ReferenceTests.dataset("a", base: "b:base", series: ReferenceTests.share),
                                "Content/data/org/a.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
                                "Content/data/org/b.yml": ReferenceTests.dataset("b", base: "a:base", series: ReferenceTests.share),
                                "Content/data/org/b.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n"]),
             expected: #"Content/data/org/a.yml:4:7: error: reference cycle: a:base → b:base → a:base (one of these values must be a number, not a reference)"#),
    BadInput(name: "a value that refers to itself",
             change: withTasks(["Content/data/org/a.yml": ReferenceTests.dataset("a", base: "12", series: ReferenceTests.share),
                                "Content/data/org/a.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,a:board\n"]),
             expected: #"Content/data/org/a.csv:2:23: error: reference cycle: a:board:share → a:board:share (one of these values must be a number, not a reference)"#),
    BadInput(name: "study fact that is not a value",
             change: withTasks(["Content/data/study.yml": "answered: 16two\n"]),
             expected: #"Content/data/study.yml:1:11: error: fact "answered" is not a number, a date or a text in both languages (write a number (162), a date (2023-11-06), {value: 2009, unit: year} or {nl: …, fr: …})"#),
    BadInput(name: "a date where a base goes",
             change: withTasks(["Content/data/study.yml": "answered: 162\nfieldwork-start: 2023-11-06\n",
                                "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "study:fieldwork-start", series: ReferenceTests.share),
                                "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n"]),
             expected: #"Content/data/org/tiles.yml:4:7: error: study:fieldwork-start is a date or a text, not a number (quote it in a text as {{study:fieldwork-start}})"#),
    BadInput(name: "a count taken where a share goes",
             change: withTasks(["Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: ReferenceTests.share),
                                "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,tasks:base\n"]),
             expected: #"Content/data/org/tiles.csv:2:23: error: tasks:base is 162, outside 0–100 for a percentage (take a share, not a count)"#),
    BadInput(name: "a stack that no longer adds up with a taken value",
             change: withTasks(["Content/data/org/stack.yml": ReferenceTests.dataset("stack", base: "tasks:base", series: "  - {key: yes, nl: Ja, fr: Oui}\n  - {key: no, nl: Nee, fr: Non}")
                                    .replacingOccurrences(of: "kind: bars", with: "kind: stacked-bars"),
                                "Content/data/org/stack.csv": "key,nl,fr,yes,no\nx,X,X,tasks:board:share,40\n"]),
             expected: #"Content/data/org/stack.csv:2:1: error: shares in row "x" sum to 127, not 100 (± 2) (check the values of this stack against the report)"#),
    BadInput(name: "a dataset named study",
             change: withTasks(["Content/data/org/study.yml": ReferenceTests.dataset("study", base: "12", series: ReferenceTests.share),
                                "Content/data/org/study.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n"]),
             expected: #"Content/data/org/study.csv:1:1: error: the name "study" is kept for the study's facts (give this dataset another id; the facts live in Content/data/study.yml)"#),
    BadInput(name: "chapter quotes a study fact that does not exist",
             change: withTasks(["Content/nl/finances.md": TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nHet zijn er {{study:answerd}}.")]),
             expected: #"Content/nl/finances.md:8:13: error: Content/data/study.yml has no fact "answerd" (did you mean {{study:answered}}?)"#),
    BadInput(name: "site.yml quotes a study fact that does not exist",
             change: withTasks(["Content/site.yml": TestSite.siteYML.replacingOccurrences(of: "{nl: Een test., fr: Un test.}", with: "{nl: \"{{study:contacted}} verenigingen\", fr: Un test.}")]),
             expected: #"Content/site.yml:2:20: error: Content/data/study.yml has no fact "contacted" (facts: answered)"#),
]

@Test(arguments: badInputs)
func badInputIsReportedAndKeepsOutput(_ input: BadInput) throws {
    let site = try TestSite(TestSite.minimal)
    defer { site.cleanUp() }
    #expect(site.build().succeeded)
    let before = site.read("nl/vrijwilligers/index.html")
    try input.change(site)
    let result = site.build()
    #expect(!result.succeeded)
    #expect(site.messages(result).contains(input.expected), "got: \(site.messages(result))")
    #expect(site.read("nl/vrijwilligers/index.html") == before, "a failed build left Public/ as it was")
}

@Test func allErrorsInOneRun() throws {
    let site = try TestSite(TestSite.minimal)
    defer { site.cleanUp() }
    try site.write("Content/nl/extra.md", TestSite.page("Extra"))
    try site.write("Content/fr/finances.md", "---\norder: 2\n---\n")
    try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n[x](nope.md)"))
    let result = site.build()
    #expect(site.messages(result).filter { $0.contains(": error: ") }.count == 3, "\(site.messages(result))")
}

/// A missing required template is one error (where the templates are read), not one per page.
@Test func missingPageTemplateIsOneError() throws {
    let site = try TestSite(TestSite.minimal)
    defer { site.cleanUp() }
    try site.remove("Templates/page.mustache")
    let result = site.build()
    let errors = site.messages(result).filter { $0.contains(": error: ") }
    #expect(errors == [#"Templates/page.mustache:1:1: error: missing template "page""#], "\(errors)")
}
