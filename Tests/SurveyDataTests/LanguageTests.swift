import SurveyData
import Testing

/// What the site writes for each language, in one place (`Language`).
@Test func languageFacts() {
    #expect(Language.nl.other == .fr && Language.fr.other == .nl)
    #expect(Language.allCases.map(\.htmlLang) == ["nl-BE", "fr-BE"])
    #expect(Language.allCases.map(\.ogLocale) == ["nl_BE", "fr_BE"])
    #expect(Language.allCases.map(\.chartLocale) == [.nlBE, .frBE])
    #expect(Language.allCases.map(\.englishName) == ["Dutch", "French"])
    #expect(Language.allCases.sorted() == [.nl, .fr])
}
