import Diagnostics
import RapportBase
import SurveyData
import Testing

/// `Content/data/study.yml`: each kind of fact, written in both languages.
@Test func studyFactsAreWrittenInBothLanguages() {
    let text = """
        answered: 162
        members: 117971
        start: 2023-11-01
        end: 2023-12-06
        year: {value: 2009, unit: year}
        margin: {value: 5.83, unit: margin}
        who: {nl: "Denis & <Mergaert>", fr: Denis et Mergaert}
        """
    let (facts, diagnostics) = StudyFacts.parse(text, file: "study.yml")
    #expect(diagnostics == [])
    let written = ["answered", "members", "start", "end", "year", "margin", "who"].map { key in
        Language.fallback.map { facts.formatted(key, language: $0) ?? "?" }
    }
    #expect(
        written == [
            ["162", "162"], ["117.971", "117\u{202F}971"], ["1 november 2023", "1er novembre 2023"],
            ["6 december 2023", "6 décembre 2023"], ["2009", "2009"], ["±\u{A0}5,83%", "±\u{A0}5,83\u{202F}%"],
            ["Denis & <Mergaert>", "Denis et Mergaert"],
        ])
    #expect(facts.wholeNumber("answered") == 162 && facts.wholeNumber("start") == nil && facts.wholeNumber("margin") == nil)
    #expect(facts.machineValue("start") == "2023-11-01")
    #expect(facts.facts["answered"]?.location == SourceLocation(file: "study.yml", line: 1, column: 1))
}

@Test func badStudyFactsAreReported() {
    let (facts, diagnostics) = StudyFacts.parse("answered: 162\nyear: {value: 2009, unit: yaer}\nList: [1, 2]\n", file: "study.yml")
    #expect(
        diagnostics.map(\.description) == [
            #"study.yml:2:27: error: unknown unit "yaer" (did you mean "year"?)"#,
            #"study.yml:3:1: error: fact name "List" may only use a-z, 0-9 and -"#,
        ])
    #expect(facts.isIncomplete && facts.wholeNumber("answered") == 162)
}
