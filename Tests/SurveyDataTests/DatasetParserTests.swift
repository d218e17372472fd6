import Diagnostics
import Foundation
import RapportBase
import SurveyData
import Testing

/// A well-formed dataset; each bad-input case changes one thing.
private let goodYAML = """
    kind: stacked-bars
    title:
      nl: Hoe vaak
      fr: À quelle fréquence
    finding:
      nl: Meestal soms.
      fr: Le plus souvent parfois.
    base: 120
    scale: frequency
    series:
      - key: never
        nl: Nooit
        fr: Jamais
      - key: often
        nl: Vaak
        fr: Souvent
      - key: dk
        nl: Weet niet
        fr: Ne sait pas
        role: dont-know
    """

private let goodCSV = """
    key,nl,fr,n,never,often,dk
    staff,Personeel vinden,Trouver du personnel,118,40,50,10
    money,Geld vinden,Trouver de l'argent,,30,69,1
    """

private func parse(yaml: String = goodYAML, csv: String = goodCSV) -> (Dataset?, [String]) {
    let (dataset, diagnostics) = DatasetParser.parse(
        id: "freq", metadata: yaml, metadataFile: "d/freq.yml",
        data: csv, dataFile: "d/freq.csv")
    return (dataset, diagnostics.map(\.description))
}

@Test func goodDatasetParses() throws {
    let (dataset, diagnostics) = parse()
    #expect(diagnostics.isEmpty)
    let data = try #require(dataset)
    #expect(data.rows.map(\.key) == ["staff", "money"])
    #expect(data.rows[0].values == [40, 50, 10])
    #expect(data.rows[0].base == 118)
    #expect(data.rows[1].base == nil)
    #expect(data.series[2].role == .dontKnow)
    #expect(data.rows[1].valueLocations[1] == SourceLocation(file: "d/freq.csv", line: 3, column: 43))
    #expect(data.needsRoundingNote == false)
}

@Test func belgianSpreadsheetCSVIsRead() throws {
    let csv = "key;nl;fr;n;never;often;dk\nstaff;Personeel;Personnel;118;40,5;49,5;10\nmoney;Geld;Argent;;30;69;1\n"
    let (dataset, diagnostics) = parse(csv: csv)
    #expect(diagnostics.isEmpty)
    #expect(dataset?.rows[0].values == [40.5, 49.5, 10])
}

/// A file saved with Windows line ends (\r\n) is read, and its values are located where they are.
@Test func windowsLineEndsKeepLocations() throws {
    let csv = goodCSV.replacingOccurrences(of: "\n", with: "\r\n")
    let (dataset, diagnostics) = parse(csv: csv)
    #expect(diagnostics.isEmpty)
    let data = try #require(dataset)
    #expect(data.rows[0].values == [40, 50, 10])
    #expect(data.rows[1].valueLocations[1] == SourceLocation(file: "d/freq.csv", line: 3, column: 43))
    let (_, problems) = parse(csv: csv.replacingOccurrences(of: ",40,", with: ",8O,"))
    #expect(
        problems.map(\.description) == [
            #"d/freq.csv:2:49: error: value "8O" is not a number (write digits with a decimal point, e.g. 12.5)"#
        ])
}

@Test func roundingWithinToleranceAddsNote() throws {
    let csv = goodCSV.replacingOccurrences(of: "30,69,1", with: "30,69,2")
    let (dataset, diagnostics) = parse(csv: csv)
    #expect(diagnostics.isEmpty)
    #expect(dataset?.needsRoundingNote == true)
}

/// Every invalid input an editor can make in a dataset, with the exact diagnostic.
@Test(
    arguments: [
        // value that is not a number
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,", with: ",8O,"),
            #"d/freq.csv:2:49: error: value "8O" is not a number (write digits with a decimal point, e.g. 12.5)"#
        ),
        (
            goodYAML, "key;nl;fr;n;never;often;dk\nstaff;Personeel;Personnel;118;12,5,;49,5;10\n",
            #"d/freq.csv:2:31: error: value "12,5," is not a number (write digits with a decimal comma, e.g. 12,5)"#
        ),
        // percentage outside 0-100
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",140,50,10"),
            "d/freq.csv:2:49: error: percentage 140 is outside 0–100"
        ),
        // a value that cannot be shown as written: infinite as a Double, or beyond 15 digits
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",1" + String(repeating: "0", count: 400) + ",50,10"),
            #"d/freq.csv:2:49: error: value "10000000000000000000…" is too large to show (write at most 15 digits before the decimal point; quote big amounts in a larger unit)"#
        ),
        (
            "kind: bars\ntitle: {nl: a, fr: b}\nfinding: {nl: a, fr: b}\nunit: number\nseries: [{key: v, nl: a, fr: b}]\n",
            "key,nl,fr,v\nx,a,b,-1234567890123456\n",
            #"d/freq.csv:2:7: error: value "-1234567890123456" is too large to show (write at most 15 digits before the decimal point; quote big amounts in a larger unit)"#
        ),
        // stack that does not sum to 100 ± 2
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",40,40,10"),
            #"d/freq.csv:2:1: error: shares in row "staff" sum to 90, not 100 (± 2) (check the values of this stack against the report)"#
        ),
        // label missing in one language
        (
            goodYAML, goodCSV.replacingOccurrences(of: "Trouver du personnel", with: ""),
            #"d/freq.csv:2:24: error: row "staff" has no French label (fill in the fr column)"#
        ),
        (
            goodYAML.replacingOccurrences(of: "    fr: Souvent\n", with: ""), goodCSV,
            #"d/freq.yml:14:5: error: series "often" is missing its French label (add fr: …)"#
        ),
        (
            goodYAML.replacingOccurrences(of: "  fr: À quelle fréquence\n", with: ""), goodCSV,
            "d/freq.yml:3:3: error: title is missing its French text (add fr: …)"
        ),
        // unknown chart kind, unknown metadata key
        (
            goodYAML.replacingOccurrences(of: "kind: stacked-bars", with: "kind: stacked-bar"), goodCSV,
            #"d/freq.yml:1:7: error: unknown chart kind "stacked-bar" (did you mean "stacked-bars"?)"#
        ),
        (
            goodYAML.replacingOccurrences(of: "base: 120", with: "bsae: 120"), goodCSV,
            #"d/freq.yml:8:1: error: unknown metadata key "bsae" (did you mean "base"?)"#
        ),
        // row with more or fewer cells than the header: a label with a comma, or a number with a
        // decimal comma (the stack adds up to 100 with 10.3)
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",40,50,10,3"),
            #"d/freq.csv:2:55: error: "10,3" is read as two cells: in a file separated by ",", a decimal comma splits the number (write 10.3, with a decimal point; or save the whole file separated by ";", as a Belgian spreadsheet does, where 10,3 is read as a number)"#
        ),
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",40,50,1,2"),
            #"d/freq.csv:2:1: error: row has 8 cells but the header has 7 (quote a label that contains ","; or, if a number has a decimal comma (40,50?), write it with a decimal point (40.50))"#
        ),
        (
            goodYAML, goodCSV.replacingOccurrences(of: "Personeel vinden", with: "Personeel, vinden"),
            #"d/freq.csv:2:1: error: row has 8 cells but the header has 7 (quote a label that contains ",")"#
        ),
        (
            goodYAML, goodCSV.replacingOccurrences(of: ",40,50,10", with: ",40,50"),
            #"d/freq.csv:2:1: error: row has 6 cells but the header has 7 (quote a label that contains ",")"#
        ),
        // empty files
        (goodYAML, "", "d/freq.csv:1:1: error: file is empty (the first line is the header: key,nl,fr, then one column per series)"),
        (
            "", goodCSV,
            "d/freq.yml:1:1: error: file is empty (a dataset's YAML file needs at least kind, title, finding and series (see docs/datasets.md))"
        ),
        // header against series
        (
            goodYAML, goodCSV.replacingOccurrences(of: "never,often", with: "nevr,often"),
            #"d/freq.csv:1:13: error: unknown column "nevr" (did you mean "never"?)"#
        ),
        // invalid YAML
        (
            goodYAML.replacingOccurrences(of: "base: 120", with: "base: [120"), goodCSV,
            #"d/freq.yml:8:7: error: the "[" that opens a list is never closed (add "]" after the last item, or put a value that starts with "[" in quotes)"#
        ),
        // inferred values must name a real cell
        (
            goodYAML + "\ninferred:\n  - row: stafff\n    series: never\n    why: text\n", goodCSV,
            #"d/freq.yml:22:5: error: inferred value names unknown row "stafff" (did you mean "staff"?)"#
        ),
        // a significance mark needs its explanation
        (
            goodYAML,
            goodCSV.replacingOccurrences(of: ",n,", with: ",n,mark,").replacingOccurrences(of: ",118,", with: ",118,*,")
                .replacingOccurrences(of: ",,30", with: ",,,30"),
            #"d/freq.csv:2:1: error: rows carry a significance mark but the YAML file has no "significance" text (add significance: {nl: …, fr: …} saying what the mark means and which test)"#
        ),
        // duplicate row key
        (
            goodYAML, goodCSV.replacingOccurrences(of: "money,", with: "staff,"),
            #"d/freq.csv:3:1: error: duplicate row key "staff""#
        ),
    ] as [(String, String, String)])
func invalidDatasetIsReported(yaml: String, csv: String, expected: String) {
    let (dataset, diagnostics) = parse(yaml: yaml, csv: csv)
    #expect(dataset == nil)
    #expect(diagnostics.contains(expected), "got: \(diagnostics)")
}

@Test func smallBasesWarnAndFlagLowN() throws {
    let csv = goodCSV.replacingOccurrences(of: ",118,", with: ",8,").replacingOccurrences(
        of: "money,Geld vinden,Trouver de l'argent,,", with: "money,Geld vinden,Trouver de l'argent,25,")
    let (dataset, diagnostics) = parse(csv: csv)
    let data = try #require(dataset)
    #expect(data.rows[0].isLowBase)
    #expect(!data.rows[1].isLowBase)
    #expect(
        diagnostics == [
            #"d/freq.csv:2:45: warning: small base n=8 for row "staff" (shown as low n)"#,
            #"d/freq.csv:3:39: warning: small base n=25 for row "money""#,
        ])
}

/// `acknowledge: [small-base]`: the editors have looked at the small bases; the low-n mark
/// stays, the warnings go.
@Test func acknowledgedSmallBasesDoNotWarn() throws {
    let csv = goodCSV.replacingOccurrences(of: ",118,", with: ",8,").replacingOccurrences(
        of: "money,Geld vinden,Trouver de l'argent,,", with: "money,Geld vinden,Trouver de l'argent,25,")
    let yaml = goodYAML.replacingOccurrences(of: "base: 120\n", with: "base: 120\nacknowledge: [small-base]\n")
        .replacingOccurrences(of: "    fr: Souvent\n", with: "    fr: Souvent\n    n: 12\n")
    let (dataset, diagnostics) = parse(yaml: yaml, csv: csv)
    let data = try #require(dataset)
    #expect(diagnostics == [])
    #expect(data.rows[0].isLowBase)
    #expect(data.acknowledged == [.smallBase])
    let (_, problems) = parse(yaml: yaml.replacingOccurrences(of: "[small-base]", with: "[small-bse]"), csv: csv)
    #expect(problems.contains(#"d/freq.yml:9:15: error: unknown warning to acknowledge "small-bse" (did you mean "small-base"?)"#))
}

/// A reference where a number goes is kept for the loader to fill in, with its place.
@Test func referencesAreKeptWithTheirPlaces() throws {
    let yaml = goodYAML.replacingOccurrences(of: "base: 120", with: "base: study:complete")
    let csv = goodCSV.replacingOccurrences(of: ",118,40,", with: ",other:staff:n,other:staff:never,")
    let (dataset, diagnostics) = parse(yaml: yaml, csv: csv)
    #expect(diagnostics == [])
    let data = try #require(dataset)
    #expect(data.base == nil && data.rows[0].values[0] == nil && data.rows[0].base == nil)
    #expect(
        data.links.map { "\($0.slot) \($0.reference) \($0.location)" } == [
            "base study:complete d/freq.yml:8:7",
            "rowBase(row: 0) other:staff:n d/freq.csv:2:45",
            "value(row: 0, series: 0) other:staff:never d/freq.csv:2:59",
        ])
}

@Test func allErrorsAtOnce() {
    let csv = goodCSV.replacingOccurrences(of: ",40,", with: ",4O,").replacingOccurrences(of: ",69,", with: ",690,")
    let (_, diagnostics) = DatasetParser.parse(id: "freq", metadata: goodYAML, metadataFile: "d/freq.yml", data: csv, dataFile: "d/freq.csv")
    let errors = diagnostics.filter { $0.severity == .error }.map(\.problem)
    #expect(errors == [.csv(.notANumber("4O", decimalComma: false)), .csv(.percentageOutOfRange("690"))], "\(errors)")
}

@Test func hostileLabelsStayIntact() throws {
    let csv = "key,nl,fr,n,never,often,dk\nx,\"<script>alert(1)</script> & \"\"quotes\"\"\",مرحبا 👋🏽,,40,50,10\n"
    let (dataset, diagnostics) = parse(csv: csv)
    #expect(diagnostics.isEmpty)
    #expect(dataset?.rows[0].label[.nl] == "<script>alert(1)</script> & \"quotes\"")
    #expect(dataset?.rows[0].label[.fr] == "مرحبا 👋🏽")
}

@Test func invalidUTF8IsLocated() {
    let bytes: [UInt8] = Array("key,nl\nab".utf8) + [0xC3, 0x28]
    guard case let .failure(diagnostic) = decodeUTF8(bytes, file: "x.csv") else {
        Issue.record("invalid UTF-8 accepted")
        return
    }
    #expect(
        diagnostic.description
            == "x.csv:2:3: error: file is not valid UTF-8: byte 0xC3 is probably \"Ã\" saved as Windows-1252 (save it as UTF-8: in Excel, Save As (Opslaan als, Enregistrer sous) with the file type \"CSV UTF-8\"; in LibreOffice, Save As with \"Edit filter settings\" ticked (Filterinstellingen bewerken, Éditer les paramètres du filtre), then the character set Unicode (UTF-8))"
    )
}

@Test func numbersAreStrict() {
    let table = ["12": 12.0, "12.5": 12.5, "-3": -3.0, "0": 0]
    for (text, value) in table {
        let csv = "key,nl,fr,v\nx,a,b,\(text)\n"
        let yaml = "kind: bars\ntitle: {nl: a, fr: b}\nfinding: {nl: a, fr: b}\nunit: number\nseries: [{key: v, nl: a, fr: b}]\n"
        let (dataset, _) = DatasetParser.parse(id: "x", metadata: yaml, metadataFile: "x.yml", data: csv, dataFile: "x.csv")
        #expect(dataset?.rows[0].values == [value], "\(text)")
    }
    for text in ["1e5", "nan", "inf", "12%", "0x10", ".5", "5.", "1.2.3", "--1", "١٢"] {
        let csv = "key,nl,fr,v\nx,a,b,\(text)\n"
        let yaml = "kind: bars\ntitle: {nl: a, fr: b}\nfinding: {nl: a, fr: b}\nunit: number\nseries: [{key: v, nl: a, fr: b}]\n"
        let (dataset, diagnostics) = DatasetParser.parse(id: "x", metadata: yaml, metadataFile: "x.yml", data: csv, dataFile: "x.csv")
        #expect(dataset == nil, "\(text) accepted")
        #expect(diagnostics.contains { $0.problem == .csv(.notANumber(text, decimalComma: false)) }, "\(text)")
    }
}
