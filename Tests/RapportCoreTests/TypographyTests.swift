import Foundation
import RapportBase
import Testing

@testable import RapportCore

/// The generator's typography, rule by rule, in both languages. In the expected texts `⍽` stands
/// for U+00A0 NO-BREAK SPACE and `·` for U+202F NARROW NO-BREAK SPACE.
@Suite struct TypographyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var language: Language
        var before: String
        var after: String
        var afterInline = false
        var testDescription: String { "\(language.code): \(before)" }
    }

    static func visible(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: "⍽").replacingOccurrences(of: "\u{202F}", with: "·")
    }

    static let cases: [Case] = [
        // French: the space before ; ! ? is narrow, before : it is not; missing ones are added.
        Case(language: .fr, before: "Attention !", after: "Attention·!"),
        Case(language: .fr, before: "Attention!", after: "Attention·!"),
        Case(language: .fr, before: "Pourquoi ? Parce que.", after: "Pourquoi·? Parce que."),
        Case(language: .fr, before: "Pourquoi?!", after: "Pourquoi·?!"),
        Case(language: .fr, before: "un ; deux", after: "un·; deux"),
        Case(language: .fr, before: "un; deux", after: "un·; deux"),
        Case(language: .fr, before: "Source : FRB", after: "Source⍽: FRB"),
        Case(language: .fr, before: "Source: FRB", after: "Source⍽: FRB"),
        Case(language: .fr, before: "Question :", after: "Question⍽:"),
        Case(language: .fr, before: "Base\u{202F}: n=136", after: "Base⍽: n=136"),
        Case(language: .fr, before: "un\u{00A0}; deux", after: "un·; deux"),
        Case(language: .fr, before: "trois  : quatre", after: "trois⍽: quatre"),
        // … but not inside times, ratios, addresses or placeholders.
        Case(language: .fr, before: "à 10:30 précises", after: "à 10:30 précises"),
        Case(language: .fr, before: "un rapport 1:3", after: "un rapport 1:3"),
        Case(language: .fr, before: "voir https://www.kbs-frb.be/fr?x=1 : le site", after: "voir https://www.kbs-frb.be/fr?x=1⍽: le site"),
        Case(language: .fr, before: "voir www.luss.be!", after: "voir www.luss.be·!"),
        Case(language: .fr, before: "écrire à mailto:info@luss.be", after: "écrire à mailto:info@luss.be"),
        Case(language: .fr, before: "{{organisation-figures:members}} : soit", after: "{{organisation-figures:members}}⍽: soit"),
        // A sign at the start of a text that follows emphasis or code gets its space too.
        Case(language: .fr, before: ": la suite", after: "⍽: la suite", afterInline: true),
        Case(language: .fr, before: ": la suite", after: ": la suite"),
        Case(language: .fr, before: " ? oui", after: "·? oui", afterInline: true),
        // Guillemets.
        Case(language: .fr, before: "« je ne sais pas »", after: "«⍽je ne sais pas⍽»"),
        Case(language: .fr, before: "«je ne sais pas»", after: "«⍽je ne sais pas⍽»"),
        Case(language: .fr, before: "«\u{00A0}déjà\u{00A0}»", after: "«⍽déjà⍽»"),
        // Numbers and their units.
        Case(language: .fr, before: "42 % des associations", after: "42·% des associations"),
        Case(language: .fr, before: "42% des associations", after: "42·% des associations"),
        Case(language: .fr, before: "42\u{00A0}%", after: "42·%"),
        Case(language: .fr, before: "1 000 €", after: "1·000⍽€"),
        Case(language: .fr, before: "1000€", after: "1000⍽€"),
        Case(language: .fr, before: "entre 10 000 et 50 000 euros", after: "entre 10·000 et 50·000 euros"),
        Case(language: .fr, before: "1 250 000 €", after: "1·250·000⍽€"),
        Case(language: .fr, before: "16,5 millions d'euros", after: "16,5⍽millions d’euros"),
        Case(language: .fr, before: "2 ETP et 12 h par semaine, 9 ans", after: "2⍽ETP et 12⍽h par semaine, 9⍽ans"),
        Case(language: .fr, before: "en 2009 et 2023 136 associations", after: "en 2009 et 2023 136 associations"),
        Case(language: .fr, before: "les 3 hôpitaux", after: "les 3 hôpitaux"),
        // p-values.
        Case(language: .fr, before: "test z ; p<.05", after: "test z·; p⍽<⍽0,05"),
        Case(language: .fr, before: "(p < 0.05)", after: "(p⍽<⍽0,05)"),
        Case(language: .fr, before: "(p=0,001)", after: "(p⍽=⍽0,001)"),
        Case(language: .fr, before: "pas de p < 1", after: "pas de p < 1"),
        // Apostrophes and quotes.
        Case(language: .fr, before: "l'association n'exerce pas", after: "l’association n’exerce pas"),
        Case(language: .fr, before: "aujourd'hui", after: "aujourd’hui"),
        Case(language: .fr, before: "des \"guillemets\"", after: "des “guillemets”"),
        // Already right: unchanged.
        Case(language: .fr, before: "Déjà juste⍽: 42·% «⍽oui⍽» ?", after: "Déjà juste⍽: 42·% «⍽oui⍽»·?"),
        Case(language: .fr, before: "Sans signe ni chiffre", after: "Sans signe ni chiffre"),

        // Dutch: no space before %, curly quotes, ’s and ’t.
        Case(language: .nl, before: "42 % van de verenigingen", after: "42% van de verenigingen"),
        Case(language: .nl, before: "42\u{202F}%", after: "42%"),
        Case(language: .nl, before: "42%", after: "42%"),
        Case(language: .nl, before: "het antwoord 'weet niet'", after: "het antwoord ‘weet niet’"),
        Case(language: .nl, before: "de \"kleine\" verenigingen", after: "de “kleine” verenigingen"),
        Case(language: .nl, before: "'s avonds en 't Kofschip", after: "’s avonds en ’t Kofschip"),
        Case(language: .nl, before: "cmark: ‘s avonds", after: "cmark: ’s avonds"),
        Case(language: .nl, before: "sinds '09", after: "sinds ’09"),
        Case(language: .nl, before: "patiënten's", after: "patiënten’s"),
        Case(language: .nl, before: "Bron: KBS; zie ook!", after: "Bron: KBS; zie ook!"),
        Case(language: .nl, before: "(z-toets; p<.05)", after: "(z-toets; p⍽<⍽0,05)"),
        Case(language: .nl, before: "€ 16,5 miljoen en 10:30 uur", after: "€ 16,5 miljoen en 10:30 uur"),
        Case(language: .nl, before: "zie https://example.org/a'b", after: "zie https://example.org/a'b"),
        // German: „…“ (also from cmark's “…”), no French spacing, the German number and unit untouched.
        Case(language: .de, before: "die \"kleinen\" Vereine", after: "die „kleinen“ Vereine"),
        Case(language: .de, before: "die “kleinen” Vereine", after: "die „kleinen“ Vereine"),
        Case(language: .de, before: "Quelle: KBS; siehe auch!", after: "Quelle: KBS; siehe auch!"),
        Case(language: .de, before: "42⍽% der Vereine", after: "42⍽% der Vereine"),
        Case(language: .de, before: "42 % und 42% und 1.000 €", after: "42⍽% und 42⍽% und 1.000⍽€"),
        Case(language: .en, before: "42 % of them", after: "42% of them"),
        // English: “…”, no French spacing.
        Case(language: .en, before: "the \"small\" associations", after: "the “small” associations"),
        Case(language: .en, before: "Source: KBS; see also!", after: "Source: KBS; see also!"),
    ]

    @Test(arguments: cases)
    func rewrites(_ example: Case) {
        let before = example.before.replacingOccurrences(of: "⍽", with: "\u{00A0}").replacingOccurrences(of: "·", with: "\u{202F}")
        let result = Typography.apply(before, example.language, afterInline: example.afterInline)
        #expect(Self.visible(result) == example.after)
    }

    /// Applying it twice changes nothing more.
    @Test(arguments: cases)
    func isIdempotent(_ example: Case) {
        let once = Typography.apply(example.before, example.language, afterInline: example.afterInline)
        #expect(Typography.apply(once, example.language, afterInline: example.afterInline) == once)
    }
}
