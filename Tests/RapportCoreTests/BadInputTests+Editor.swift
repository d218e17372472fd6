import Foundation
import RapportCore
import RapportTestSupport
import Testing

/// What a new editor got wrong or was misled by (issue 24, "Tried as a new editor would"), in
/// the BadInput pattern: each breaks the minimal site and gives its one exact diagnostic.
/// Columns count UTF-16 code units, as VS Code shows them ("Col"): an accented letter is one,
/// an emoji such as 💶 two, `e` with a combining accent two.

private func write(_ path: String, _ text: String) -> @Sendable (TestSite) throws -> Void {
    { try $0.write(path, text) }
}

private func withChartFixture(_ more: [String: String] = [:]) -> @Sendable (TestSite) throws -> Void {
    { site in
        for (path, text) in ChartFixtures.files.merging(more, uniquingKeysWith: { $1 }) { try site.write(path, text) }
    }
}

/// The chart fixture, and `body` as the Dutch volunteers chapter (its text starts on line 6).
private func dutchChapter(_ body: String) -> @Sendable (TestSite) throws -> Void {
    withChartFixture(["Content/nl/volunteers.md": TestSite.page("Vrijwilligers", slug: "vrijwilligers", body)])
}

private let chartCSVPath = "Content/data/challenges/challenge-frequency.csv"
private let chartYAMLPath = "Content/data/challenges/challenge-frequency.yml"

private func chartYAML(_ edit: @escaping @Sendable (String) -> String) -> @Sendable (TestSite) throws -> Void {
    withChartFixture([chartYAMLPath: edit(ChartFixtures.yaml)])
}

private func chartCSV(_ edit: @escaping @Sendable (String) -> String) -> @Sendable (TestSite) throws -> Void {
    withChartFixture([chartCSVPath: edit(ChartFixtures.csv)])
}

/// The reference fixture (ReferenceTests.files) with some files replaced.
private func references(_ more: [String: String]) -> @Sendable (TestSite) throws -> Void {
    { site in for (path, text) in ReferenceTests.files.merging(more, uniquingKeysWith: { $1 }) { try site.write(path, text) } }
}

private let frenchLine = "Les éléments étudiés décrivent l’été à côté de la réalité économique : voir [finances](financs.md)."

let editorBadInputs: [BadInput] = [
    // Columns: UTF-16 code units, whatever computed them (cmark's byte columns, the CSV and
    // YAML readers, placeholders, templates, invisible characters, image files).
    BadInput(
        name: "column of a link after accented letters",
        change: write("Content/fr/volunteers.md", TestSite.page("Volontaires", slug: "volontaires", frenchLine)),
        expected: #"Content/fr/volunteers.md:6:77: error: link to a page that does not exist: "financs.md" (did you mean "finances.md"?)"#,
        shown: "    " + frenchLine + "\n    " + String(repeating: " ", count: 76) + "^"),
    BadInput(
        name: "column of a placeholder after an emoji",
        change: dutchChapter("💶 Zie {{challenge-frequency:money:oftn}}."),
        expected: #"Content/nl/volunteers.md:6:8: error: dataset "challenge-frequency" has no series "oftn" (did you mean "often"?)"#,
        shown: "    💶 Zie {{challenge-frequency:money:oftn}}.\n           ^"),
    BadInput(
        name: "column of a CSV cell after an emoji",
        change: chartCSV { $0.replacingOccurrences(of: ",39,0", with: ",39,x") },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:3:65: error: value "x" is not a number (write digits with a decimal point, e.g. 12.5)"#
    ),
    BadInput(
        name: "column of a YAML mark after an emoji",
        change: chartYAML { $0.replacingOccurrences(of: "  fr: À quelle fréquence ?", with: "  fr: 💶 fréquence : souvent ?") },
        expected: #"Content/data/challenges/challenge-frequency.yml:4:20: error: a value with ": " in it must be in quotes (write fr: "💶 fréquence : souvent ?")"#
    ),
    BadInput(
        name: "column of a template tag after an emoji",
        change: write("Templates/page.mustache", "<h1>{{title}}</h1>\n<p>💶 {{titel}}</p>\n{{{content}}}\n"),
        expected: #"Templates/page.mustache:2:7: error: template "page" uses "titel", which the context of a chapter page does not have (did you mean "title"?)"#),
    BadInput(
        name: "column of an invisible character after a combining accent",
        change: write(
            "Content/fr/volunteers.md",
            TestSite.page("Volontaires", slug: "volontaires", "## Tâches\n\nVoir cafe\u{301}\u{FEFF} [finances](finances.md#revenus).")),
        expected:
            "Content/fr/volunteers.md:8:11: error: invisible character U+FEFF (a byte order mark) (delete it: retype this part of the line; it often comes from pasting or joining files)"
    ),
    BadInput(
        name: "column of a placeholder in a dataset note after an emoji",
        change: chartYAML {
            $0.replacingOccurrences(of: "inferred:", with: "  - nl: Zie 💶 {{challenge-frequency:mony}}.\n    fr: Voir.\ninferred:")
        },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:31:16: error: dataset "challenge-frequency" has no row "mony" (did you mean "money"?)"#
    ),
    BadInput(
        name: "column of a byte that is not UTF-8, after an emoji",
        change: {
            try $0.write("Content/fr/finances.md", Data("---\ntitle: 💶 Financ".utf8) + Data([0xE9]) + Data("s\norder: 2\n---\n".utf8))
        },
        expected:
            #"Content/fr/finances.md:2:17: error: file is not valid UTF-8: byte 0xE9 is probably "é" saved as Windows-1252 (save it as UTF-8: in your text editor, Save As with the encoding UTF-8)"#
    ),
    // Messages that misled.
    BadInput(
        name: "a decimal comma in a comma-separated CSV file",
        change: chartCSV { $0.replacingOccurrences(of: ",130,12.5,", with: ",130,12,5,") },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:2:61: error: "12,5" is read as two cells: in a file separated by ",", a decimal comma splits the number (write 12.5, with a decimal point; or save the whole file separated by ";", as a Belgian spreadsheet does, where 12,5 is read as a number)"#
    ),
    BadInput(
        name: "a key of a list item indented unlike the key after its dash",
        change: chartYAML { $0.replacingOccurrences(of: "    nl: Soms\n", with: "   nl: Soms\n") },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:19:4: error: this line is indented by 3 spaces, the key "key" of the list item above by 4 (indent the keys of one list item as far as the first, the one after "- ")"#
    ),
    BadInput(
        name: "a chapter quotes a dataset's base, typed in its YAML file",
        change: dutchChapter("Van {{challenge-frequency:base}} verenigingen."),
        expected:
            #"Content/nl/volunteers.md:6:5: error: "{{challenge-frequency:base}}" quotes the base of dataset "challenge-frequency", which a text cannot quote (a base is a number of its YAML file (base: 136 in Content/data/challenges/challenge-frequency.yml): to quote it, make it a fact of Content/data/study.yml, write {{study:<name>}} here and base: study:<name> there)"#
    ),
    BadInput(
        name: "a chapter quotes a dataset's base, taken from the study's facts",
        change: references([
            "Content/nl/finances.md": TestSite.page("Financiën", order: 2, slug: "financien", "## Inkomsten\n\nVan {{groups:base}}.")
        ]),
        expected:
            #"Content/nl/finances.md:8:5: error: "{{groups:base}}" quotes the base of dataset "groups", which a text cannot quote (write {{study:answered}}: the base of groups is study:answered)"#
    ),
    BadInput(
        name: "a reference to a row that is not close to any",
        change: dutchChapter("Zie {{challenge-frequency:nope}}."),
        expected:
            #"Content/nl/volunteers.md:6:5: error: dataset "challenge-frequency" has no row "nope" (the closest is "money"; the rows of challenge-frequency: volunteers, money)"#
    ),
    BadInput(
        name: "a chapter's image written relative to Content/",
        change: { site in
            try site.write("Content/files/carte.svg", "<svg viewBox=\"0 0 4 3\"/>")
            try site.write(
                "Content/fr/volunteers.md", TestSite.page("Volontaires", slug: "volontaires", "Voir ![Carte](files/carte.svg)."))
        },
        expected:
            #"Content/fr/volunteers.md:6:6: error: link to a file that does not exist: "files/carte.svg" (did you mean "../files/carte.svg"? A link is relative to the chapter's folder, Content/fr/)"#
    ),
    BadInput(
        name: "a translation saved under a translated file name",
        change: { site in
            try site.write("Content/nl/leden.md", TestSite.page("Leden", order: 3))
            try site.write("Content/fr/membres.md", TestSite.page("Membres", order: 3))
        },
        expected:
            #"Content/fr/membres.md:1:1: error: page "membres.md" has no Dutch version, and "leden.md" has no French version (pages pair by file name across languages: rename Content/fr/membres.md to Content/fr/leden.md, and keep its address with slug: membres)"#
    ),
    BadInput(
        name: "a CSV file saved as Windows-1252",
        change: { site in
            try withChartFixture()(site)
            try site.write(
                chartCSVPath,
                Data("key,nl,fr,n,never,sometimes,often,dk\nvolunteers,Vrijwilligers vinden,".utf8) + Data([0xC9])
                    + Data("tudier,130,12.5,30,50.5,7\nmoney,Geld,Argent,,20,41,39,0\n".utf8))
        },
        expected:
            #"Content/data/challenges/challenge-frequency.csv:2:33: error: file is not valid UTF-8: byte 0xC9 is probably "É" saved as Windows-1252 (save it as UTF-8: in Excel, Save As (Opslaan als, Enregistrer sous) with the file type "CSV UTF-8"; in LibreOffice, Save As with "Edit filter settings" ticked (Filterinstellingen bewerken, Éditer les paramètres du filtre), then the character set Unicode (UTF-8))"#
    ),
]

/// Mistakes that used to reach the site without a word: now a warning, with the fix.
let editorWarnings: [BadInput] = [
    BadInput(
        name: "a data reference with single braces",
        change: dutchChapter("Groepen van {challenge-frequency:money} leden."),
        expected:
            #"Content/nl/volunteers.md:6:13: warning: "{challenge-frequency:money}" is printed as it is: a data reference takes two braces (did you mean {{challenge-frequency:money}}?)"#
    ),
    BadInput(
        name: "a data reference with single braces in a dataset text",
        change: chartYAML {
            $0.replacingOccurrences(
                of: "nl: Vrijwilligers vinden is het vaakst een probleem.", with: "nl: Vaak {challenge-frequency:money:often}.")
        },
        expected:
            #"Content/data/challenges/challenge-frequency.yml:9:12: warning: "{challenge-frequency:money:often}" is printed as it is: a data reference takes two braces (did you mean {{challenge-frequency:money:often}}?)"#
    ),
    BadInput(
        name: "a link from the root of the host to a chapter",
        change: write("Content/nl/volunteers.md", TestSite.page("Vrijwilligers", slug: "vrijwilligers", "Zie [financiën](/nl/financien/#inkomsten).")),
        expected:
            ##"Content/nl/volunteers.md:6:5: warning: link "/nl/financien/#inkomsten" starts at the root of the host: it breaks when the site is opened from disk or published in a subfolder (link to the chapter's file instead: finances.md#inkomsten)"##
    ),
    BadInput(
        name: "a value with more decimals than its chart shows",
        change: references(["Content/data/org/tasks.csv": "key,nl,fr,share\nboard,Bestuur,Conseil,31.5\nevents,Activiteiten,Activités,64\n"]),
        expected:
            #"Content/data/org/tasks.csv:2:23: warning: value 31.5 is shown as 32%: the chart shows 0 decimals (add decimals: 1 to Content/data/org/tasks.yml, or a decimals column with 1 on this row)"#
    ),
    BadInput(
        name: "a bar chart of shares of one answer that add up to far more than 100",
        change: references(["Content/data/org/tasks.yml": ReferenceTests.dataset("tasks", base: "study:answered", series: ReferenceTests.share)]),
        expected:
            #"Content/data/org/tasks.csv:1:11: warning: the shares of "tasks" add up to 151%, but a share of one answer per respondent adds up to 100 at most (if answers may be multiple, say so in a note (e.g. "Meerdere antwoorden mogelijk." / "Plusieurs réponses possibles.") or add acknowledge: [multiple-answers]; otherwise check the values)"#
    ),
]

@Test(arguments: editorBadInputs)
func editorBadInputIsReportedAndKeepsOutput(_ input: BadInput) throws {
    try badInputIsReportedAndKeepsOutput(input)
}

@Test(arguments: editorWarnings)
func editorMistakeIsAWarning(_ input: BadInput) throws {
    try badInputIsAWarning(input)
}

/// What the warnings above leave alone: answers that may be multiple, a large amount rounded
/// to whole units.
@Test func multipleAnswersAndRoundedAmountsAreNotWarnedAbout() throws {
    let note = "notes:\n  - {nl: Meerdere antwoorden mogelijk., fr: Plusieurs réponses possibles.}\n"
    for yaml in [
        ReferenceTests.dataset("tasks", base: "study:answered", series: ReferenceTests.share, extra: note),
        ReferenceTests.dataset("tasks", base: "study:answered", series: ReferenceTests.share, extra: "acknowledge: [multiple-answers]\n"),
    ] {
        let site = try TestSite(ReferenceTests.files.merging(["Content/data/org/tasks.yml": yaml]) { $1 })
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded && site.messages(result) == [], "\(site.messages(result))")
    }
    let site = try TestSite(
        ReferenceTests.files.merging([
            "Content/data/org/tiles.csv":
                "key,nl,fr,unit,value\nboard,Bestuur,Conseil,percent,tasks:board:share\ncontacted,Gecontacteerd,Contactées,euro,1001239.83\n"
        ]) { $1 })
    defer { site.cleanUp() }
    let result = site.build()
    #expect(result.succeeded && site.messages(result) == [], "\(site.messages(result))")
}
