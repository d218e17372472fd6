import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// One mistake an editor can make, applied to the minimal site, and the exact diagnostic.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var change: @Sendable (TestSite) throws -> Void
    var expected: String
    /// Other errors the same change causes on their own (another cause, not a follow-up).
    var alsoExpected: [String] = []
    /// The expected diagnostic as the terminal shows it (the source line and the caret), when
    /// where the caret lands is the point.
    var shown: String? = nil
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
    files(
        more.merging([
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

/// The chart fixture with one of its files changed by `edit`.
private func chartFile(_ path: String, _ edit: @escaping @Sendable (String) -> String) -> @Sendable (TestSite) throws -> Void {
    { site in
        try withChart(site)
        try site.write(path, edit(ChartFixtures.files[path] ?? ""))
    }
}

private let chartCSV = "Content/data/challenges/challenge-frequency.csv"
private let chartYAML = "Content/data/challenges/challenge-frequency.yml"

/// Line ends of `text` as an old Mac writes them: a carriage return only.
private func crOnly(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r") }

/// The chart fixture with its YAML file changed by `edit`.
private func dataset(_ edit: @escaping @Sendable (String) -> String) -> @Sendable (TestSite) throws -> Void {
    { site in
        try withChart(site)
        try site.write("Content/data/challenges/challenge-frequency.yml", edit(ChartFixtures.yaml))
    }
}

let badInputs: [BadInput] = [
    BadInput(
        name: "page in one language only",
        change: page("Content/nl/extra.md", TestSite.page("Extra", order: 3)),
        expected: #"Content/nl/extra.md:1:1: error: page "extra.md" exists in Dutch only (add its translation as Content/fr/extra.md)"#),
    BadInput(
        name: "broken YAML front matter",
        change: page("Content/fr/volunteers.md", "---\ntitle: Volontaires\norder: [1\n---\nTexte.\n"),
        expected:
            #"Content/fr/volunteers.md:3:8: error: the "[" that opens a list is never closed (add "]" after the last item, or put a value that starts with "[" in quotes)"#
    ),
    BadInput(
        name: "missing title",
        change: page("Content/fr/volunteers.md", "---\norder: 1\nslug: volontaires\n---\nTexte.\n"),
        expected: "Content/fr/volunteers.md:2:1: error: missing title (add title: … to the front matter)"),
    BadInput(
        name: "missing front matter",
        change: page("Content/fr/volunteers.md", "Texte.\n"),
        expected: "Content/fr/volunteers.md:1:1: error: missing front matter (start the file with ---, then title: …, order: …, then ---)"),
    BadInput(
        name: "two pages with the same slug",
        change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "vrijwilligers", "## Inkomsten")),
        expected:
            #"Content/nl/volunteers.md:4:7: error: two pages with the slug "vrijwilligers" in Dutch (Content/nl/finances.md has it too; give one of them another slug)"#
    ),
    BadInput(
        name: "slug of the data page",
        change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "data", "## Inkomsten\n\nGeld.")),
        expected: #"Content/nl/finances.md:4:7: error: the slug "data" is taken by the data page (/nl/data/) (give the page another slug)"#),
    BadInput(
        name: "file name of the data page",
        change: files([
            "Content/nl/data.md": TestSite.page("Data", order: 3),
            "Content/fr/data.md": TestSite.page("Données", order: 3, slug: "donnees"),
        ]),
        expected:
            #"Content/nl/data.md:1:1: error: the slug "data" is taken by the data page (/nl/data/) (add slug: … with another address)"#),
    BadInput(
        name: "slug with a slash",
        change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "geld/financien", "## Inkomsten")),
        expected:
            #"Content/nl/finances.md:4:7: error: slug "geld/financien" must not contain "/" or ".." (use one path segment, e.g. vrijwilligers)"#
    ),
    BadInput(
        name: "slug with dots",
        change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "..", "## Inkomsten")),
        expected: #"Content/nl/finances.md:4:7: error: slug ".." must not contain "/" or ".." (use one path segment, e.g. vrijwilligers)"#),
    BadInput(
        name: "unknown template",
        change: page("Content/nl/finances.md", "---\ntitle: Financiën\norder: 2\nslug: financien\ntemplate: pgae\n---\n## Inkomsten\n"),
        expected: #"Content/nl/finances.md:5:11: error: unknown template "pgae" (did you mean "page"?)"#),
    // Over small templates of their own, so that editing Templates/ breaks none of these rows.
    BadInput(
        name: "unknown partial",
        change: files([
            "Templates/partials/note.mustache": "<p>{{title}}</p>\n",
            "Templates/page.mustache": "<h1>{{title}}</h1>\n{{> partials/ntoe}}\n{{{content}}}\n",
        ]),
        expected: #"Templates/page.mustache:2:1: error: unknown partial "partials/ntoe" in template "page" (did you mean "partials/note"?)"#
    ),
    BadInput(
        name: "template syntax error",
        change: page("Templates/page.mustache", "<h1>{{#title}}</h1>\n{{{content}}}\n"),
        expected: #"Templates/page.mustache:1:5: error: template syntax error: section "title" is never closed (add {{/title}})"#),
    BadInput(
        name: "variable the context lacks",
        change: page("Templates/page.mustache", "<h1>{{title}}</h1>\n<p>{{titel}}</p>\n{{{content}}}\n"),
        expected: #"Templates/page.mustache:2:4: error: template "page" uses "titel", which the context of a chapter page does not have (did you mean "title"?)"#),
    BadInput(
        name: "variable the context lacks, in a partial",
        change: files([
            "Templates/partials/note.mustache": "<p>{{#previous}}{{url}}{{/previous}} {{nxet}}</p>\n",
            "Templates/page.mustache": "<h1>{{title}}</h1>\n{{> partials/note}}\n{{{content}}}\n",
        ]),
        expected:
            #"Templates/partials/note.mustache:1:38: error: template "partials/note" uses "nxet", which the context of a chapter page does not have (did you mean "next"?)"#),
    BadInput(
        name: "UI string missing in one language",
        change: { site in
            let text = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
            try site.write("Content/i18n/fr.yml", text.replacingOccurrences(of: "toc_title: Sur cette page\n", with: ""))
        },
        expected:
            #"Content/i18n/fr.yml:1:1: error: UI string "toc_title" is missing in French (add toc_title: …, as in Content/i18n/nl.yml:10:1)"#
    ),
    BadInput(
        name: "file that is not UTF-8",
        change: {
            try $0.write("Content/fr/finances.md", Data("---\ntitle: Financ".utf8) + Data([0xE9]) + Data("s\norder: 2\n---\n".utf8))
        },
        expected:
            #"Content/fr/finances.md:2:14: error: file is not valid UTF-8: byte 0xE9 is probably "é" saved as Windows-1252 (save it as UTF-8: in your text editor, Save As with the encoding UTF-8)"#
    ),
    BadInput(
        name: "link to a page that does not exist",
        change: page(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [vrijwilligers](vrijwiligers.md).")),
        expected:
            #"Content/nl/finances.md:8:5: error: link to a page that does not exist: "vrijwiligers.md" (link to a file of Content/nl/)"#),
    BadInput(
        name: "link to a page that does not exist, close to one that does",
        change: page(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nZie [vrijwilligers](volunteer.md).")),
        expected: #"Content/nl/finances.md:8:5: error: link to a page that does not exist: "volunteer.md" (did you mean "volunteers.md"?)"#),
    BadInput(
        name: "link to a heading that does not exist",
        change: page("Content/fr/volunteers.md", TestSite.page("Volontaires", slug: "volontaires", "Voir [finances](finances.md#revenu).")),
        expected:
            ##"Content/fr/volunteers.md:6:6: error: link to a heading that does not exist: "#revenu" in finances.md (did you mean "#revenus"? the headings of finances.md: #revenus)"##
    ),
    BadInput(
        name: "unknown dataset in a chapter",
        change: page(
            "Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart incom-sources\n```")
        ),
        expected:
            #"Content/nl/finances.md:8:1: error: unknown dataset "incom-sources" (add Content/data/<chapter>/incom-sources.yml and .csv)"#),
    BadInput(
        name: "dataset id that tries to leave Content",
        change: page(
            "Content/nl/finances.md",
            TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart ../../etc/passwd\n```")),
        expected:
            #"Content/nl/finances.md:8:1: error: "../../etc/passwd" is not a valid dataset id (ids use a-z, 0-9 and - only, and name a file in Content/data)"#
    ),
    BadInput(
        name: "data reference to an unknown row",
        change: page("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nHet is {{x:y}}.")),
        expected: #"Content/nl/finances.md:8:8: error: unknown dataset "x" (add Content/data/<chapter>/x.yml and .csv)"#),
    BadInput(
        name: "site.yml with an updated date that does not exist",
        change: page("Content/site.yml", TestSite.siteYML + "\nupdated: 2024-02-30\n"),
        expected: #"Content/site.yml:6:10: error: updated "2024-02-30" is not a date (write it as YYYY-MM-DD, e.g. updated: 2024-05-15)"#),
    BadInput(
        name: "site.yml with an updated date in another format",
        change: page("Content/site.yml", TestSite.siteYML + "\nupdated: 15/05/2024\n"),
        expected: #"Content/site.yml:6:10: error: updated "15/05/2024" is not a date (write it as YYYY-MM-DD, e.g. updated: 2024-05-15)"#),
    // `{{…}}` that cannot be resolved, in every context text can stand in (issue 13, item 1).
    BadInput(
        name: "unknown row quoted in a table cell",
        change: chapter("| a | b |\n|---|---|\n| Bijna | {{challenge-frequency:volunters:often}} |"),
        expected:
            #"Content/nl/volunteers.md:8:11: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(
        name: "unknown row quoted in a heading",
        change: chapter("## Taken van {{challenge-frequency:volunters}}"),
        expected:
            #"Content/nl/volunteers.md:6:14: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(
        name: "unknown series quoted in link text",
        change: chapter("Zie [wat {{challenge-frequency:money:oftn}} zegt](finances.md)."),
        expected: #"Content/nl/volunteers.md:6:10: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#),
    BadInput(
        name: "unknown dataset quoted in image alt text",
        change: chapter("Één ![beeld van {{challenge-frequenc:money}}](/assets/favicon.svg)"),
        expected: #"Content/nl/volunteers.md:6:17: error: unknown dataset "challenge-frequenc" (did you mean "challenge-frequency"?)"#),
    BadInput(
        name: "unknown row quoted in a footnote",
        change: chapter("Tekst.[^1]\n\n[^1]: Zie {{challenge-frequency:mony}}."),
        expected: #"Content/nl/volunteers.md:8:11: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#),
    BadInput(
        name: "unknown row quoted in emphasis",
        change: chapter("Dit is *{{challenge-frequency:mony}}*."),
        expected: #"Content/nl/volunteers.md:6:9: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#),
    BadInput(
        name: "unknown row quoted in a dataset note",
        change: dataset {
            $0.replacingOccurrences(
                of: "inferred:",
                with: "  - nl: Zie {{challenge-frequency:mony}}.\n    fr: \"Voir {{challenge-frequency:money:oftn}}.\"\ninferred:")
        },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:31:13: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#,
        alsoExpected: [
            #"Content/data/challenges/challenge-frequency.yml:32:15: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#
        ]),
    BadInput(
        name: "unknown series quoted in a dataset note, quoted text",
        change: dataset {
            $0.replacingOccurrences(
                of: "inferred:",
                with: "  - nl: Zie {{challenge-frequency:mony}}.\n    fr: \"Voir {{challenge-frequency:money:oftn}}.\"\ninferred:")
        },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:32:15: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#,
        alsoExpected: [
            #"Content/data/challenges/challenge-frequency.yml:31:13: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#
        ]),
    BadInput(
        name: "unknown dataset quoted in a dataset finding",
        change: dataset {
            $0.replacingOccurrences(of: "nl: Vrijwilligers vinden is het vaakst een probleem.", with: "nl: Vaak {{volunteer-tasks:board}}.")
        },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:9:12: error: unknown dataset "volunteer-tasks" (add Content/data/<chapter>/volunteer-tasks.yml and .csv)"#
    ),
    BadInput(
        name: "unknown row quoted in a page title",
        change: { site in
            try withChart(site)
            try site.write(
                "Content/fr/volunteers.md",
                "---\ntitle: Volontaires ({{challenge-frequency:volunters}})\norder: 1\nslug: volontaires\n---\nTexte.\n")
        },
        expected:
            #"Content/fr/volunteers.md:2:21: error: dataset "challenge-frequency" has no row "volunters" (did you mean "volunteers"?)"#),
    BadInput(
        name: "unknown dataset quoted in the site description",
        change: { site in
            try site.write(
                "Content/site.yml",
                TestSite.siteYML.replacingOccurrences(
                    of: "description: {nl: Een test., fr: Un test.}",
                    with: "description:\n  nl: Een test.\n  fr: \"{{enquete:total}} associations\""))
        },
        expected: #"Content/site.yml:4:8: error: unknown dataset "enquete" (add Content/data/<chapter>/enquete.yml and .csv)"#),
    // A placeholder cut in pieces by Markdown or HTML is not published as text (issue 12, item 11).
    BadInput(
        name: "placeholder with HTML inside",
        change: chapter("Een “{{lang fr: <b>démocratie</b> sanitaire}}”."),
        expected:
            #"Content/nl/volunteers.md:6:6: error: placeholder "{{lang fr: " has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#
    ),
    BadInput(
        name: "placeholder with emphasis inside, in a table cell",
        change: chapter("| a | b |\n|---|---|\n| x | {{lang fr: *démocratie* sanitaire}} |"),
        expected:
            #"Content/nl/volunteers.md:8:7: error: placeholder "{{lang fr: " has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#
    ),
    BadInput(
        name: "placeholder over two lines",
        change: chapter("Het is {{challenge-frequency:\nmoney}}."),
        expected:
            #"Content/nl/volunteers.md:6:8: error: placeholder "{{challenge-frequency:" has no "}}" in the same text (write the whole placeholder on one line, with no Markdown or HTML inside it, e.g. {{lang fr: texte}} or {{dataset:row}}; to show "{{" itself, put it in `backticks`)"#
    ),
    // A value that cannot be shown is refused where it is read (issue 12, item 10).
    BadInput(
        name: "value too large to show",
        change: { site in
            try withChart(site)
            try site.write(
                "Content/data/challenges/challenge-frequency.csv",
                ChartFixtures.csv.replacingOccurrences(of: ",130,12.5,", with: ",130,1" + String(repeating: "0", count: 400) + ","))
        },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:2:61: error: value "10000000000000000000…" is too large to show (write at most 15 digits before the decimal point; quote big amounts in a larger unit)"#
    ),
    BadInput(
        name: "site.yml without a base URL",
        change: page("Content/site.yml", "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nlanguages: [nl, fr]\ndefaultLanguage: nl\n"),
        expected: #"Content/site.yml:1:1: error: missing key "baseURL""#),
    BadInput(
        name: "a language Rapport cannot write",
        change: page(
            "Content/site.yml",
            "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: [nl, fr, es]\n"),
        expected:
            #"Content/site.yml:4:21: error: language "es" is not one Rapport can write yet (numbers, dates and typography are known for nl, fr, de, en) (use one of nl, fr, de, en, optionally with a region (en-GB))"#
    ),
    BadInput(
        name: "a language code in capitals",
        change: page(
            "Content/site.yml",
            "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: [nl, fr, DE]\n"),
        expected: #"Content/site.yml:4:21: error: "DE" is not a language code (write de)"#),
    BadInput(
        name: "a language listed twice",
        change: page(
            "Content/site.yml",
            "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: [nl, fr, nl]\n"),
        expected: #"Content/site.yml:4:21: error: language "nl" is listed twice (list each language once)"#),
    BadInput(
        name: "an empty list of languages",
        change: page(
            "Content/site.yml", "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: []\n"),
        expected:
            #"Content/site.yml:4:12: error: languages must be a list of one or more language codes (write e.g. languages: [nl, fr, de])"#),
    BadInput(
        name: "a default language the site does not have",
        change: page(
            "Content/site.yml",
            "title: {nl: T, fr: T}\ndescription: {nl: D, fr: D}\nbaseURL: https://example.org/\nlanguages: [nl, fr]\ndefaultLanguage: de\n"),
        expected:
            #"Content/site.yml:5:18: error: defaultLanguage "de" is not one of the site's languages (nl, fr) (write one of them, or add de to languages)"#
    ),
    BadInput(
        name: "reference to a row that does not exist",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: ReferenceTests.share),
            "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,tasks:bord:share\n",
        ]),
        expected:
            #"Content/data/org/tiles.csv:2:23: error: tasks:bord:share points nowhere: dataset "tasks" has no row "bord" (did you mean "board"?)"#
    ),
    BadInput(
        name: "reference to a dataset that does not exist",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "taks:base", series: ReferenceTests.share),
            "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
        ]),
        expected: #"Content/data/org/tiles.yml:4:7: error: taks:base points to an unknown dataset "taks" (did you mean "tasks"?)"#),
    BadInput(
        name: "reference to a study fact that does not exist",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "study:answerd", series: ReferenceTests.share),
            "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
        ]),
        expected:
            #"Content/data/org/tiles.yml:4:7: error: study:answerd points nowhere: Content/data/study.yml has no fact "answerd" (did you mean "study:answered"?)"#
    ),
    BadInput(
        name: "series from a series that does not exist",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset(
                "tiles", base: "tasks:base", series: "  - {key: total, nl: T, fr: T, from: \"tasks:shares\"}"),
            "Content/data/org/tiles.csv": "key,nl,fr\nboard,Bestuur,Conseil\n",
        ]),
        expected:
            #"Content/data/org/tiles.yml:6:38: error: tasks:shares points nowhere: dataset "tasks" has no series "shares" (did you mean "share"?)"#
    ),
    BadInput(
        name: "a copy beside the series it is taken from",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset(
                "tiles", base: "tasks:base", series: "  - {key: total, nl: T, fr: T, from: \"tasks:share\"}"),
            "Content/data/org/tiles.csv": "key,nl,fr,total\nboard,Bestuur,Conseil,87\n",
        ]),
        expected:
            #"Content/data/org/tiles.csv:1:11: error: column "total" is a copy: series "total" takes its values from tasks:share (remove the column from the CSV file (or the from: line from the YAML file))"#
    ),
    BadInput(
        name: "cycle of references",
        change: withTasks([
            "Content/data/org/a.yml": ReferenceTests.dataset("a", base: "b:base", series: ReferenceTests.share),
            "Content/data/org/a.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
            "Content/data/org/b.yml": ReferenceTests.dataset("b", base: "a:base", series: ReferenceTests.share),
            "Content/data/org/b.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
        ]),
        expected:
            #"Content/data/org/a.yml:4:7: error: reference cycle: a:base → b:base → a:base (one of these values must be a number, not a reference)"#
    ),
    BadInput(
        name: "a value that refers to itself",
        change: withTasks([
            "Content/data/org/a.yml": ReferenceTests.dataset("a", base: "12", series: ReferenceTests.share),
            "Content/data/org/a.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,a:board\n",
        ]),
        expected:
            #"Content/data/org/a.csv:2:23: error: reference cycle: a:board:share → a:board:share (one of these values must be a number, not a reference)"#
    ),
    BadInput(
        name: "study fact that is not a value",
        change: withTasks(["Content/data/study.yml": "answered: 16two\n"]),
        expected:
            #"Content/data/study.yml:1:11: error: fact "answered" is not a number, a date or a text in both languages (write a number (162), a date (2023-11-06), {value: 2009, unit: year} or {nl: …, fr: …})"#
    ),
    BadInput(
        name: "a date where a base goes",
        change: withTasks([
            "Content/data/study.yml": "answered: 162\nfieldwork-start: 2023-11-06\n",
            "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "study:fieldwork-start", series: ReferenceTests.share),
            "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
        ]),
        expected:
            #"Content/data/org/tiles.yml:4:7: error: study:fieldwork-start is a date or a text, not a number (quote it in a text as {{study:fieldwork-start}})"#
    ),
    BadInput(
        name: "a count taken where a share goes",
        change: withTasks([
            "Content/data/org/tiles.yml": ReferenceTests.dataset("tiles", base: "tasks:base", series: ReferenceTests.share),
            "Content/data/org/tiles.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,tasks:base\n",
        ]),
        expected: #"Content/data/org/tiles.csv:2:23: error: tasks:base is 162, outside 0–100 for a percentage (take a share, not a count)"#),
    BadInput(
        name: "a stack that no longer adds up with a taken value",
        change: withTasks([
            "Content/data/org/stack.yml": ReferenceTests.dataset(
                "stack", base: "tasks:base", series: "  - {key: yes, nl: Ja, fr: Oui}\n  - {key: no, nl: Nee, fr: Non}"
            )
            .replacingOccurrences(of: "kind: bars", with: "kind: stacked-bars"),
            "Content/data/org/stack.csv": "key,nl,fr,yes,no\nx,X,X,tasks:board:share,40\n",
        ]),
        expected:
            #"Content/data/org/stack.csv:2:1: error: shares in row "x" sum to 127, not 100 (± 2) (check the values of this stack against the report)"#
    ),
    BadInput(
        name: "a dataset named study",
        change: withTasks([
            "Content/data/org/study.yml": ReferenceTests.dataset("study", base: "12", series: ReferenceTests.share),
            "Content/data/org/study.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,40\n",
        ]),
        expected:
            #"Content/data/org/study.csv:1:1: error: the name "study" is kept for the study's facts (give this dataset another id; the facts live in Content/data/study.yml)"#
    ),
    BadInput(
        name: "chapter quotes a study fact that does not exist",
        change: withTasks([
            "Content/nl/finances.md": TestSite.page(
                "Financiën", order: 2, slug: "financien", "## Inkomsten\n\nHet zijn er {{study:answerd}}.")
        ]),
        expected: #"Content/nl/finances.md:8:13: error: Content/data/study.yml has no fact "answerd" (did you mean {{study:answered}}?)"#),
    BadInput(
        name: "site.yml quotes a study fact that does not exist",
        change: withTasks([
            "Content/site.yml": TestSite.siteYML.replacingOccurrences(
                of: "{nl: Een test., fr: Un test.}", with: "{nl: \"{{study:contacted}} verenigingen\", fr: Un test.}")
        ]),
        expected: #"Content/site.yml:2:20: error: Content/data/study.yml has no fact "contacted" (facts: answered)"#),

    // Diagnostics that point at the cause, once (issue 13, item 5).
    BadInput(
        name: "misspelled chart id: no follow-up about the other language's charts",
        change: chartFile("Content/nl/finances.md") {
            $0.replacingOccurrences(of: "```chart challenge-frequency", with: "```chart challenge-frequenc")
        },
        expected: #"Content/nl/finances.md:10:1: error: unknown dataset "challenge-frequenc" (did you mean "challenge-frequency"?)"#),
    BadInput(
        name: "misspelled chart id: no follow-up about a dataset used in one language",
        change: { site in
            try withChart(site)
            try site.write(
                "Content/nl/finances.md",
                TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n```chart challenge-frequenc\n```"))
        },
        expected: #"Content/nl/finances.md:8:1: error: unknown dataset "challenge-frequenc" (did you mean "challenge-frequency"?)"#),
    BadInput(
        name: "chart placed in one language only is one error, at the chart",
        change: { site in
            try withChart(site)
            try site.write("Content/fr/finances.md", TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\nRien."))
        },
        expected:
            #"Content/nl/finances.md:10:1: error: chart "challenge-frequency" is placed in Dutch only (place it in Content/fr/finances.md too, in the same order)"#
    ),
    BadInput(
        name: "page missing in one language: no follow-ups about its charts and the links to it",
        change: { site in
            try withChart(site)
            try site.remove("Content/fr/finances.md")
        },
        expected:
            #"Content/nl/finances.md:1:1: error: page "finances.md" exists in Dutch only (add its translation as Content/fr/finances.md)"#),
    BadInput(
        name: "misspelled CSV column is not also a missing one",
        change: chartFile(chartCSV) { $0.replacingOccurrences(of: "sometimes,often,dk", with: "sometimes,oftn,dk") },
        expected: #"Content/data/challenges/challenge-frequency.csv:1:29: error: unknown column "oftn" (did you mean "often"?)"#),
    BadInput(
        name: "misspelled front matter key is not also a missing one",
        change: page("Content/fr/volunteers.md", "---\ntitel: Volontaires\norder: 1\nslug: volontaires\n---\n## Tâches\n"),
        expected: #"Content/fr/volunteers.md:2:1: error: unknown front matter key "titel" (did you mean "title"?)"#),
    BadInput(
        name: "misspelled order key is not also a missing order",
        change: page("Content/fr/volunteers.md", "---\ntitle: Volontaires\nordre: 1\nslug: volontaires\n---\n## Tâches\n"),
        expected: #"Content/fr/volunteers.md:3:1: error: unknown front matter key "ordre" (did you mean "order"?)"#),
    BadInput(
        name: "misspelled dataset key is not also a missing one",
        change: dataset { $0.replacingOccurrences(of: "kind: stacked-bars", with: "knd: stacked-bars") },
        expected: #"Content/data/challenges/challenge-frequency.yml:1:1: error: unknown metadata key "knd" (did you mean "kind"?)"#),
    BadInput(
        name: "misspelled language key is not also a missing text",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fe: À quelle fréquence ?") },
        expected: #"Content/data/challenges/challenge-frequency.yml:4:3: error: unknown language key "fe" (did you mean "fr"?)"#),
    BadInput(
        name: "placeholder closed with one brace",
        change: chapter("Het is {{challenge-frequency:money}. Meer {{challenge-frequency:volunteers}}."),
        expected:
            #"Content/nl/volunteers.md:6:8: error: placeholder "{{challenge-frequency:money" is not closed with "}}" (write {{challenge-frequency:money}})"#
    ),
    BadInput(
        name: "dataset id used twice is one error",
        change: { site in
            try withChart(site)
            try site.write("Content/data/other/challenge-frequency.yml", ChartFixtures.yaml)
            try site.write("Content/data/other/challenge-frequency.csv", ChartFixtures.csv)
        },
        expected:
            #"Content/data/other/challenge-frequency.csv:1:1: error: two datasets with the id "challenge-frequency" (the other one is in Content/data/challenges; rename one of them)"#
    ),
    BadInput(
        name: "empty UI string: no follow-up in the templates",
        change: { site in
            let text = try String(contentsOf: site.content.appendingPathComponent("i18n/fr.yml"), encoding: .utf8)
            try site.write("Content/i18n/fr.yml", text.replacingOccurrences(of: "skip_link: Aller au contenu\n", with: "skip_link:\n"))
        },
        expected: #"Content/i18n/fr.yml:2:1: error: UI string "skip_link" is empty (write its French text, as in Content/i18n/nl.yml:2:1)"#),
    BadInput(
        name: "broken front matter of a chapter with a chart: no follow-ups",
        change: chartFile("Content/fr/finances.md") { $0.replacingOccurrences(of: "title: Finances", with: "title: \"Finances") },
        expected:
            #"Content/fr/finances.md:2:8: error: the quote (") that opens this value is never closed (add " at the end of the value, or remove this one)"#,
        shown: "    title: \"Finances\n           ^"),
    BadInput(
        name: "link to a heading that does not exist, none close",
        change: files([
            "Content/fr/finances.md": TestSite.page("Finances", order: 2, slug: "finances", "## Revenus\n\n## Dépenses\n\n## Avenir"),
            "Content/fr/volunteers.md": TestSite.page("Volontaires", slug: "volontaires", "Voir [finances](finances.md#budget)."),
        ]),
        expected:
            ##"Content/fr/volunteers.md:6:6: error: link to a heading that does not exist: "#budget" in finances.md (the headings of finances.md: #revenus, #depenses, #avenir)"##
    ),
    BadInput(
        name: "link to a heading of a page that has none",
        change: files([
            "Content/fr/finances.md": TestSite.page("Finances", order: 2, slug: "finances", "Argent."),
            "Content/nl/volunteers.md": TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Tekst."),
            "Content/fr/volunteers.md": TestSite.page("Volontaires", slug: "volontaires", "Voir [finances](finances.md#revenus)."),
        ]),
        expected:
            ##"Content/fr/volunteers.md:6:6: error: link to a heading that does not exist: "#revenus" in finances.md (finances.md has no ## headings; link to the page itself: finances.md)"##
    ),
    BadInput(
        name: "order missing",
        change: page("Content/fr/volunteers.md", "---\ntitle: Volontaires\nslug: volontaires\n---\n## Tâches\n"),
        expected: "Content/fr/volunteers.md:2:1: error: missing order (add order: 1 to the front matter, as in Content/nl/volunteers.md)"),
    BadInput(
        name: "order duplicated within a language",
        change: files([
            "Content/nl/finances.md": TestSite.page("Financiën", order: 1, slug: "financien", "## Inkomsten"),
            "Content/fr/finances.md": TestSite.page("Finances", order: 1, slug: "finances", "## Revenus"),
        ]),
        expected:
            "Content/nl/volunteers.md:3:8: error: two chapters with order 1 in Dutch (Content/nl/finances.md has it too; give each chapter its own place)",
        alsoExpected: [
            "Content/fr/volunteers.md:3:8: error: two chapters with order 1 in French (Content/fr/finances.md has it too; give each chapter its own place)"
        ]),
    BadInput(
        name: "order different between the languages of a page",
        change: page("Content/fr/finances.md", TestSite.page("Finances", order: 3, slug: "finances", "## Revenus")),
        expected:
            "Content/fr/finances.md:3:8: error: order 3 is not the order of the Dutch version (2, at Content/nl/finances.md:3:8) (give the page the same order in both languages)"
    ),
    BadInput(
        name: "unbalanced quote in a CSV cell",
        change: chartFile(chartCSV) { $0.replacingOccurrences(of: "volunteers,Vrijwilligers", with: "volunteers,\"Vrijwilligers") },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:2:12: error: the quote (") that opens this cell is never closed (add " at the end of the cell, or remove this one)"#,
        shown: "    volunteers,\"Vrijwilligers vinden,Trouver des volontaires,130,12.5,30,50.5,7\n               ^"),
    BadInput(
        name: "unbalanced quote in YAML, closed by a quote lines later",
        change: dataset { $0.replacingOccurrences(of: "  nl: Hoe vaak komt het voor?", with: "  nl: \"Hoe vaak komt het voor?") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:3:7: error: the quote (") that opens this value is never closed (add " at the end of the value, or remove this one)"#,
        shown: "      nl: \"Hoe vaak komt het voor?\n          ^"),
    BadInput(
        name: "CSV file with CR-only line ends",
        change: chartFile(chartCSV) { crOnly($0.replacingOccurrences(of: ",50.5,", with: ",5O.5,")) },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:2:69: error: value "5O.5" is not a number (write digits with a decimal point, e.g. 12.5)"#,
        shown: "    volunteers,Vrijwilligers vinden,Trouver des volontaires,130,12.5,30,5O.5,7\n" + String(repeating: " ", count: 72) + "^"),
    BadInput(
        name: "YAML file with CR-only line ends",
        change: dataset { crOnly($0.replacingOccurrences(of: "base: 136", with: "base: 13x")) },
        expected: #"Content/data/challenges/challenge-frequency.yml:11:7: error: base must be a whole number, not "13x""#,
        shown: "    base: 13x\n          ^"),
    BadInput(
        name: "chapter with CR-only line ends",
        change: page(
            "Content/fr/volunteers.md",
            crOnly(TestSite.page("Volontaires", slug: "volontaires", "## Tâches\n\nVoir [finances](financs.md)."))),
        expected: #"Content/fr/volunteers.md:8:6: error: link to a page that does not exist: "financs.md" (did you mean "finances.md"?)"#,
        shown: "    Voir [finances](financs.md).\n         ^"),
    BadInput(
        name: "byte order mark in mid-file, in a CSV cell",
        change: chartFile(chartCSV) { $0.replacingOccurrences(of: "\nmoney,", with: "\n\u{FEFF}money,") },
        expected:
            "Content/data/challenges/challenge-frequency.csv:3:1: error: invisible character U+FEFF (a byte order mark) (delete it: retype this part of the line; it often comes from pasting or joining files)"
    ),
    BadInput(
        name: "byte order mark in mid-file, in YAML",
        change: dataset { $0.replacingOccurrences(of: "\nbase: 136", with: "\n\u{FEFF}base: 136") },
        expected:
            "Content/data/challenges/challenge-frequency.yml:11:1: error: invisible character U+FEFF (a byte order mark) (delete it: retype this part of the line; it often comes from pasting or joining files)"
    ),
    BadInput(
        name: "byte order mark in mid-file, in a chapter",
        change: page(
            "Content/fr/volunteers.md",
            TestSite.page("Volontaires", slug: "volontaires", "## Tâches\n\nVoir\u{FEFF} [finances](finances.md#revenus).")),
        expected:
            "Content/fr/volunteers.md:8:5: error: invisible character U+FEFF (a byte order mark) (delete it: retype this part of the line; it often comes from pasting or joining files)"
    ),
    BadInput(
        name: "YAML key indented more than the one above",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "   fr: À quelle fréquence ?") },
        expected:
            "Content/data/challenges/challenge-frequency.yml:4:4: error: this line is indented by 3 spaces, the line above by 2 (indent the keys of one block by the same number of spaces)"
    ),
    BadInput(
        name: "YAML key indented less than the one above",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: " fr: À quelle fréquence ?") },
        expected:
            "Content/data/challenges/challenge-frequency.yml:4:2: error: this line is indented by 1 space, the line above by 2 (indent the keys of one block by the same number of spaces)"
    ),
    BadInput(
        name: "YAML value with a colon",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fr: À quelle fréquence : souvent ?") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:4:26: error: a value with ": " in it must be in quotes (write fr: "À quelle fréquence : souvent ?")"#
    ),
    BadInput(
        name: "YAML indented with a tab",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "\tfr: À quelle fréquence ?") },
        expected:
            "Content/data/challenges/challenge-frequency.yml:4:1: error: a tab in the indentation (indent with spaces only: YAML does not allow tabs)"
    ),
    BadInput(
        name: "YAML value that starts with a reserved character",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fr: @fréquence") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:4:7: error: a value cannot start with "@" (put it in quotes: fr: "@fréquence")"#
    ),
    BadInput(
        name: "YAML text after a closing quote",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fr: \"À quelle\" fréquence ?") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:4:18: error: text after the closing quote of a value (quote the whole value, and write the quotes inside it as “ ” or « »)"#
    ),
    BadInput(
        name: "YAML line that is neither a key nor a continuation",
        change: dataset { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fr: À quelle fréquence ?\n  encore") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:5:3: error: this line has no "key:" and does not continue the value above (write key: value, or indent a continued text more than its key)"#
    ),
    BadInput(
        name: "CSV file that is not UTF-8",
        change: { site in
            try withChart(site)
            try site.write(
                chartCSV,
                Data(
                    "key,nl,fr,n,never,sometimes,often,dk\nvolunteers,Vrijwilligers vinden,Trouver des volontaires,130,12.5,30,50.5,7\nmoney,Geld,Argent et d"
                        .utf8) + Data([0xE9]) + Data("penses,,20,41,39,0\n".utf8))
        },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:3:23: error: file is not valid UTF-8: byte 0xE9 is probably "é" saved as Windows-1252 (save it as UTF-8: in Excel, Save As (Opslaan als, Enregistrer sous) with the file type "CSV UTF-8"; in LibreOffice, Save As with "Edit filter settings" ticked (Filterinstellingen bewerken, Éditer les paramètres du filtre), then the character set Unicode (UTF-8))"#
    ),
]

/// Warnings: the build succeeds, and says this once.
let badInputWarnings: [BadInput] = [
    BadInput(
        name: "a series that repeats another dataset's",
        change: files(
            ReferenceTests.files.merging([
                "Content/data/org/tasks.csv":
                    "key,nl,fr,share\nboard,Bestuur,Conseil,87\nevents,Activiteiten,Activités,64\nadmin,Administratie,Administration,41\n",
                "Content/data/org/groups.yml": ReferenceTests.dataset(
                    "groups", base: "tasks:base",
                    series: "  - {key: total, nl: Totaal, fr: Total}\n  - {key: nl-speaking, nl: Nederlandstalig, fr: Néerlandophones}"),
                "Content/data/org/groups.csv":
                    "key,nl,fr,total,nl-speaking\nboard,Bestuur,Conseil,87,92\nevents,Activiteiten,Activités,64,70\nadmin,Administratie,Administration,41,40\n",
            ]) { $1 }),
        expected:
            #"Content/data/org/groups.csv:2:23: warning: series "total" repeats tasks:share (3 values) (take it instead: from: tasks:share in the series of groups, and remove the column)"#
    ),
    BadInput(
        name: "survey chart without a base",
        change: dataset { $0.replacingOccurrences(of: "base: 136\n", with: "") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:5:1: warning: survey chart without a base: the question is asked, but not of how many (add base: the number who answered, e.g. base: study:answered)"#
    ),
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
    // One diagnostic per cause: nothing that only follows from it.
    let errors = site.messages(result).filter { $0.contains(": error: ") }
    #expect(errors.sorted() == ([input.expected] + input.alsoExpected).sorted(), "errors: \(errors)")
    #expect(site.read("nl/vrijwilligers/index.html") == before, "a failed build left Public/ as it was")
    if let shown = input.shown {
        let detailed = result.diagnostics.map { $0.detailed.replacingOccurrences(of: site.root.path + "/", with: "") }
        #expect(detailed.contains(input.expected + "\n" + shown), "shown: \(detailed)")
    }
}

@Test(arguments: badInputWarnings)
func badInputIsAWarning(_ input: BadInput) throws {
    let site = try TestSite(TestSite.minimal)
    defer { site.cleanUp() }
    try input.change(site)
    let result = site.build()
    #expect(result.succeeded, "\(site.messages(result))")
    #expect(site.messages(result) == [input.expected])
}

@Test func allErrorsInOneRun() throws {
    let site = try TestSite(TestSite.minimal)
    defer { site.cleanUp() }
    try site.write("Content/nl/extra.md", TestSite.page("Extra", order: 3))
    try site.write("Content/fr/finances.md", "---\norder: 2\n---\n")
    try site.write("Content/nl/finances.md", TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\n[x](nope.md)"))
    let result = site.build()
    // One error each: the chapter in Dutch only, the French chapter without a title, the link to no page.
    let errors = result.diagnostics.filter { $0.severity == .error }.map { diagnostic -> String in
        switch diagnostic.problem {
        case .page(.missingTranslation(page: "extra", _, _)): "extra.md in one language"
        case .page(.missingTitle): "no title"
        case .link(.missingPage(path: "nope.md", _, _)): "no page nope.md"
        default: diagnostic.description
        }
    }
    #expect(errors.sorted() == ["extra.md in one language", "no page nope.md", "no title"], "\(site.messages(result))")
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
