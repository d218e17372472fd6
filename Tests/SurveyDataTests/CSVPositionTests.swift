import Diagnostics
import SurveyData
import Testing

/// Where a dataset's CSV cells are said to be, and what a malformed CSV file is told, read once
/// by one reader (issue 15 item 6): values and positions can no longer disagree.
private let yaml = "kind: bars\ntitle: {nl: a, fr: b}\nfinding: {nl: a, fr: b}\nunit: number\nseries: [{key: v, nl: a, fr: b}]\n"

private func diagnostics(_ csv: String) -> [String] {
    DatasetParser.parse(id: "x", metadata: yaml, metadataFile: "x.yml", data: csv, dataFile: "x.csv").diagnostics.map(\.description)
}

private let notANumber = "is not a number (write digits with a decimal point, e.g. 12.5)"

@Test(
    arguments: [
        // A quote inside an unquoted cell is text (as in csv-spectrum's location_coordinates); the
        // cells after it keep their columns.
        ("key,nl,fr,v\nx,a \"b\" c,b,8O\n", "x.csv:2:13: error: value \"8O\" \(notANumber)"),
        ("key,nl,fr,v\nx,37°36'37.8\"N,b,8O\n", "x.csv:2:18: error: value \"8O\" \(notANumber)"),
        // Columns count UTF-16 code units, as editors do: an emoji with its skin tone is four,
        // é with a combining accent two.
        ("key,nl,fr,v\nx,👋🏽,b,8O\n", "x.csv:2:10: error: value \"8O\" \(notANumber)"),
        ("key,nl,fr,v\nx,e\u{301}e\u{301},b,8O\n", "x.csv:2:10: error: value \"8O\" \(notANumber)"),
        // A quoted cell with the separator and doubled quotes in it.
        ("key,nl,fr,v\nx,\"a, \"\"b\"\"\",b,8O\n", "x.csv:2:16: error: value \"8O\" \(notANumber)"),
        // Empty lines, blank lines and Windows line ends do not shift the lines.
        ("key,nl,fr,v\r\n\r\n   \r\nx,a,b,8O\r\n", "x.csv:4:7: error: value \"8O\" \(notANumber)"),
        // A lone CR ends a line, as every reader of the project counts lines.
        ("key,nl,fr,v\rx,a,b,1\ry,a,b,8O\r", "x.csv:3:7: error: value \"8O\" \(notANumber)"),
        // A cell over two lines is said where it starts; the lines after it keep their numbers.
        ("key,nl,fr,v\nx,\"a\nb\",b,1\ny,a,b,8O\n", "x.csv:2:3: error: a cell spans several lines (keep each row on one line)"),
        ("key,nl,fr,v\nx,\"a\nb\",b,1\ny,a,b,8O\n", "x.csv:4:7: error: value \"8O\" \(notANumber)"),
        // Text after the closing quote of a cell: said there, the row is not read further.
        (
            "key,nl,fr,v\nx,\"a\"b,c,1\n",
            "x.csv:2:6: error: text after the closing quote of a cell (put the whole cell in quotes, and write each quote inside it as \"\")"
        ),
        // A quote left open: said where it opens, however far the file runs on.
        (
            "key,nl,fr,v\nx,\"a,b,1\ny,\"c\",d,2\n",
            "x.csv:2:3: error: the quote (\") that opens this cell is never closed (add \" at the end of the cell, or remove this one)"
        ),
    ] as [(String, String)])
func csvCellsAreLocated(csv: String, expected: String) {
    let found = diagnostics(csv)
    #expect(found.contains(expected), "got: \(found)")
}

/// One diagnostic per cause: a broken row raises no follow-up (a row without it, a value that is
/// not a number); causes elsewhere in the file are still all reported.
@Test func aBrokenCSVRowIsOneErrorAndTheOthersAreStillChecked() {
    let found = diagnostics("key,nl,fr,v\nx,\"a\"b,c,1\ny,a,b,8O\n")
    #expect(
        found == [
            "x.csv:2:6: error: text after the closing quote of a cell (put the whole cell in quotes, and write each quote inside it as \"\")",
            "x.csv:3:7: error: value \"8O\" \(notANumber)",
        ])
    #expect(
        diagnostics("key,nl,fr,v\nx,\"a\"b,c,1\n") == [
            "x.csv:2:6: error: text after the closing quote of a cell (put the whole cell in quotes, and write each quote inside it as \"\")"
        ])
}

/// Every quote left open is reported, each where it opens, and nothing that follows from them.
@Test func everyQuoteLeftOpenIsReported() {
    let open = "error: the quote (\") that opens this cell is never closed (add \" at the end of the cell, or remove this one)"
    #expect(diagnostics("key,nl,fr,v\nx,\"a,b,1\ny,c,\"d,2\n") == ["x.csv:2:3: \(open)", "x.csv:3:5: \(open)"])
}
