import Diagnostics
import Testing

/// The diagnostics every stage reports with: their one-line and detailed forms, the caret
/// window on long lines, the cap per kind, "did you mean", sorting without duplicates.
@Suite struct DiagnosticsTests {
    let here = SourceLocation(file: "Content/nl/a.md", line: 3, column: 5)

    @Test func oneLineAndDetailedForms() {
        var diagnostic = Diagnostic.error(here, .markdown(.unknownDataset("x", suggestion: "y")))
        #expect(diagnostic.description == #"Content/nl/a.md:3:5: error: unknown dataset "x" (did you mean "y"?)"#)
        diagnostic.sourceLine = "abc x"
        #expect(diagnostic.detailed == diagnostic.description + "\n    abc x\n        ^")
        #expect(Diagnostic.warning(here, .template(.missing("w"))).description == "Content/nl/a.md:3:5: warning: missing template \"w\"")
    }

    @Test func locationsStartAtOneAndSortByFileLineColumn() {
        #expect(SourceLocation(file: "f", line: 0, column: -3).description == "f:1:1")
        let a = SourceLocation(file: "a", line: 9, column: 9), b = SourceLocation(file: "b", line: 1, column: 1)
        #expect(a < b && SourceLocation(file: "a", line: 2, column: 1) < SourceLocation(file: "a", line: 2, column: 7))
    }

    @Test func aLongLineIsShownAsAWindowAroundTheColumn() {
        let line = String(repeating: "a", count: 400) + "X" + String(repeating: "b", count: 400)
        var diagnostic = Diagnostic.error(SourceLocation(file: "f", line: 1, column: 401), .csv(.noRows))
        diagnostic.showSource(Substring(line))
        let shown = diagnostic.sourceLine ?? ""
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.count == Diagnostic.sourceWindow + 2)
        // The caret still points at the X.
        let caret = diagnostic.caretColumn ?? 0
        #expect(Array(shown)[caret - 1] == "X")
        // A short line is shown whole, the caret at the column.
        var short = Diagnostic.error(SourceLocation(file: "f", line: 1, column: 3), .csv(.noRows))
        short.showSource("abcdef")
        #expect(short.sourceLine == "abcdef" && short.caretColumn == nil)
    }

    @Test func manyOfOneKindInOneFileAreCappedWithACount() throws {
        let many = (1...25).map { Diagnostic.error(SourceLocation(file: "f.csv", line: $0), .csv(.notANumber("x\($0)", decimalComma: false))) }
        let other = Diagnostic.error(SourceLocation(file: "g.csv", line: 1), .csv(.notANumber("y", decimalComma: false)))
        let capped = (many + [other]).capped(perKind: 10)
        #expect(capped.count == 12)
        let summary = try #require(capped.first { $0.problem == .omitted(count: 15, severity: .error) })
        #expect(summary.location.file == "f.csv")
        // Its wording is a promise to the editor.
        #expect(summary.message == "… and 15 more like the errors above in this file" && summary.fix == "fix the first ones and run again")
        #expect(capped.contains(other))
    }

    @Test func didYouMeanFindsTheClosestNameOrNothing() {
        #expect(closestMatch(to: "titel", in: ["title", "url", "next"]) == "title")
        #expect(closestMatch(to: "nxet", in: ["title", "url", "next"]) == "next")
        #expect(closestMatch(to: "Volunteers", in: ["volunteer", "volunteers"]) == "volunteers")
        #expect(closestMatch(to: "zzzzzz", in: ["title", "url"]) == nil)
        #expect(closestMatch(to: "a", in: [String]()) == nil)
        // Ties go to the first in alphabetical order, so the suggestion never depends on order.
        #expect(closestMatch(to: "cat", in: ["cot", "cut"]) == closestMatch(to: "cat", in: ["cut", "cot"]))
    }

    @Test func sortedDropsDuplicatesAndOrdersByPlace() {
        var bag = DiagnosticBag()
        bag.error(SourceLocation(file: "b", line: 1), .template(.missing("two")))
        bag.error(SourceLocation(file: "a", line: 2), .template(.missing("one")))
        bag.error(SourceLocation(file: "b", line: 1), .template(.missing("two")))
        bag.warning(SourceLocation(file: "a", line: 1), .template(.missing("zero")))
        #expect(bag.sorted.map(\.problem) == ["zero", "one", "two"].map { .template(.missing($0)) })
        #expect(bag.hasErrors)
    }

    @Test func twoProblemsWordedAlikeAtOnePlaceAreShownOnce() {
        // A CSV's unit and a fact's unit are two cases, and one line for the editor.
        let place = SourceLocation(file: "f", line: 2, column: 3)
        let csv = Diagnostic.error(place, .csv(.unknownUnit("procent", suggestion: "percent")))
        let fact = Diagnostic.error(place, .yaml(.unknownValue(field: "unit", value: "procent", suggestion: "percent", known: [])))
        #expect(csv.problem != fact.problem && csv.description == fact.description)
        var bag = DiagnosticBag()
        bag.append(contentsOf: [csv, fact])
        #expect(bag.sorted.count == 1)
    }

    @Test func aDiagnosticIsKnownByItsCaseAndPrintedFromItsWording() {
        let diagnostic = Diagnostic.error(here, .csv(.cellCount(cells: 1, header: 4, delimiter: ";")))
        guard case let .csv(.cellCount(cells, header, _)) = diagnostic.problem else {
            Issue.record("not the case it was made from: \(diagnostic.problem)")
            return
        }
        #expect(cells == 1 && header == 4)
        #expect(diagnostic.message == "row has 1 cell but the header has 4")
        #expect(diagnostic.fix == "quote a label that contains \";\"")
        #expect(diagnostic.problem.sentence == "row has 1 cell but the header has 4 (quote a label that contains \";\")")
    }

    @Test func numbersAndCodePointsAsDiagnosticsWriteThem() {
        #expect(groupedThousands(99990) == "99,990" && groupedThousands(12) == "12" && groupedThousands(1_000_000) == "1,000,000")
        #expect(Unicode.Scalar(0xFEFF)!.codePoint == "U+FEFF" && Unicode.Scalar(0x0)!.codePoint == "U+0000")
    }
}
