import RapportBase
import Testing

/// What the site writes for each language, in one place (`Language`).
@Test func languageFacts() {
    let all: [Language] = [.nl, .fr, .de, .en]
    #expect(all.map(\.htmlLang) == ["nl-BE", "fr-BE", "de-BE", "en-GB"])
    #expect(all.map(\.ogLocale) == ["nl_BE", "fr_BE", "de_BE", "en_GB"])
    #expect(all.map(\.writing) == [Writing.nlBE, .frBE, .deBE, .enGB])
    #expect(all.map(\.englishName) == ["Dutch", "French", "German", "English"])
    #expect(all.map(\.usesFrenchSpacing) == [false, true, false, false])
    #expect(all.map(\.reportSlug) == ["volledig-rapport", "rapport-complet", "gesamtbericht", "full-report"])
    #expect(Language.nl.name(of: .de) == "Duits" && Language.de.name(of: .fr) == "Französisch")
    #expect(all.map { $0.longDate(year: 2024, month: 5, day: 1) } == ["1 mei 2024", "1er mai 2024", "1. Mai 2024", "1 May 2024"])
}

/// Codes as BCP 47 writes them; a region is kept for `lang` and `hreflang`.
@Test func languageCodes() {
    #expect(Language(code: "de") == .de)
    #expect(Language(code: "en-GB")?.htmlLang == "en-GB")
    #expect(Language(code: "en-GB")?.writing == .enGB)
    #expect(Language(code: "nl-NL")?.ogLocale == "nl_NL")
    #expect(Language(code: "en-GB") != .en)
    for bad in ["", "NL", "nl_BE", "nl-be", "n", "nl-BE-x", "es"] { #expect(Language(code: bad) == nil, "\(bad)") }
    #expect(Language.isWellFormed("es") && !Language.isWellFormed("nl_BE"))
}

/// A text per language; a language without one reads as empty.
@Test func localizedTexts() {
    var text = Localized([.nl: "Ja", .fr: "Oui"])
    #expect(text[.nl] == "Ja" && text[.de] == "")
    text[.de] = "Ja"
    #expect(text.texts.count == 3)
    #expect(Localized(same: "k", in: [.nl, .de]).texts == [.nl: "k", .de: "k"])
}
