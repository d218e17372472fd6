import Diagnostics


/// One of the site's languages, as `site.yml` lists it: a BCP 47 code (`nl`, `de`, `en-GB`)
/// and what the site writes for it. The facts of a language live here, not in `if`s elsewhere.
public struct Language: Hashable, Sendable, CustomStringConvertible {
    /// The code as written in `site.yml`: the folder `Content/<code>/`, `Content/i18n/<code>.yml`,
    /// the label column of a dataset's CSV file and the first segment of the language's URLs.
    public let code: String
    let facts: LanguageFacts

    /// A language Rapport knows (nl, fr, de, en, with or without a region: `en-GB`), or nil.
    public init?(code: String) {
        guard Self.isWellFormed(code), let facts = LanguageFacts.known[Self.primary(of: code)] else { return nil }
        self.code = code
        self.facts = facts
    }

    private init(known code: String) {
        self.code = code
        facts = LanguageFacts.known[code]!
    }

    public static let nl = Language(known: "nl")
    public static let fr = Language(known: "fr")
    public static let de = Language(known: "de")
    public static let en = Language(known: "en")

    /// The languages of a site whose `site.yml` does not say (or could not be read): today's
    /// Dutch and French, the first the default.
    public static let fallback: [Language] = [.nl, .fr]

    /// The primary languages Rapport has the facts of (number format, dates, names).
    public static let supportedCodes = ["nl", "fr", "de", "en"]

    /// `nl`, `de-BE`, `en-GB`: a primary language subtag of 2–3 lower-case letters, optionally a
    /// region of 2 upper-case letters.
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
            parts[0].unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })
        else { return false }
        return parts.count == 1 || (parts[1].count == 2 && parts[1].unicodeScalars.allSatisfy { ("A"..."Z").contains($0) })
    }

    static func primary(of code: String) -> String { String(code.split(separator: "-").first ?? "") }

    public var description: String { code }

    /// The language's name in English, for diagnostics ("missing its French text").
    public var englishName: String { facts.englishName }
    /// The language as a diagnostic names it (`Wording/`): its code and English name.
    public var named: LanguageName { LanguageName(code: code, english: englishName) }

    /// The language with its region, for `<html lang>` and `hreflang` (`nl-BE`, `en-GB`): the
    /// region of the code, else the Belgian one (British for English).
    public var htmlLang: String { code.contains("-") ? code : code + "-" + facts.region }

    /// The Open Graph locale (`og:locale`): `nl_BE`.
    public var ogLocale: String { String(htmlLang.map { $0 == "-" ? "_" : $0 }) }

    /// How numbers and dates are written in this language (`42%` or `42 %`); the chart
    /// module's locale of the same name is made from it (SurveyData: `chartLocale`).
    public var writing: Writing { facts.writing }

    /// French spacing before `; : ! ?` and `%`, inside `« »` (Typography).
    public var usesFrenchSpacing: Bool { facts.writing == .frBE }

    /// The space between a number and `%` as the language writes it (as `NumberFormat` does):
    /// none in Dutch and English, U+202F in French, U+00A0 in German.
    public var spaceBeforePercent: Unicode.Scalar? {
        switch facts.writing {
        case .nlBE, .enGB: nil
        case .frBE: "\u{202F}"
        case .deBE: "\u{00A0}"
        }
    }

    /// The space between a number and a following `€`: U+00A0 in French and German; nil where
    /// the sign goes first (Dutch, English), so a space is left as written.
    public var spaceBeforeEuro: Unicode.Scalar? {
        switch facts.writing {
        case .nlBE, .enGB: nil
        case .frBE, .deBE: "\u{00A0}"
        }
    }

    /// The opening and closing double quotes: “…” (nl, fr, en), „…“ (de).
    public var doubleQuotes: (open: Unicode.Scalar, close: Unicode.Scalar) { facts.doubleQuotes }

    /// The name of `other` in this language, lower-case where the language writes it so
    /// ("Frans", "allemand", "Englisch"): for the language switch's label.
    public func name(of other: Language) -> String { facts.names[Self.primary(of: other.code)] ?? other.code }

    /// A date as this language writes it in running text: "1 mei 2024", "1er mai 2024",
    /// "1. Mai 2024", "1 May 2024".
    public func longDate(year: Int, month: Int, day: Int) -> String {
        let monthName = facts.months[month - 1]
        switch facts.writing {
        case .frBE: return "\(day == 1 ? "1er" : String(day)) \(monthName) \(year)"
        case .deBE: return "\(day). \(monthName) \(year)"
        case .nlBE, .enGB: return "\(day) \(monthName) \(year)"
        }
    }

    /// The URL segment of the whole report and of the search page.
    public var reportSlug: String { facts.reportSlug }
    public var searchSlug: String { facts.searchSlug }
    /// The name of the study's citation files (`nl/citeer.bib`, `fr/citer.ris`).
    public var citeFileName: String { facts.citeFileName }
}

/// The ways of writing numbers and dates Rapport knows, by the locale whose rules they follow.
public enum Writing: String, Sendable, CaseIterable {
    case nlBE = "nl-BE", frBE = "fr-BE", deBE = "de-BE", enGB = "en-GB"
}

/// What Rapport knows of one primary language.
struct LanguageFacts: Sendable {
    var englishName: String
    var region: String
    var writing: Writing
    var months: [String]
    var names: [String: String]
    var doubleQuotes: (open: Unicode.Scalar, close: Unicode.Scalar) = ("“", "”")
    var reportSlug: String
    var searchSlug: String
    var citeFileName: String

    static let known: [String: LanguageFacts] = [
        "nl": LanguageFacts(
            englishName: "Dutch", region: "BE", writing: .nlBE,
            months: [
                "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
            ],
            names: ["nl": "Nederlands", "fr": "Frans", "de": "Duits", "en": "Engels"],
            reportSlug: "volledig-rapport", searchSlug: "zoeken", citeFileName: "citeer"),
        "fr": LanguageFacts(
            englishName: "French", region: "BE", writing: .frBE,
            months: [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
            ],
            names: ["nl": "néerlandais", "fr": "français", "de": "allemand", "en": "anglais"],
            reportSlug: "rapport-complet", searchSlug: "recherche", citeFileName: "citer"),
        "de": LanguageFacts(
            englishName: "German", region: "BE", writing: .deBE,
            months: [
                "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
            ],
            names: ["nl": "Niederländisch", "fr": "Französisch", "de": "Deutsch", "en": "Englisch"],
            doubleQuotes: ("„", "“"), reportSlug: "gesamtbericht", searchSlug: "suche", citeFileName: "zitieren"),
        "en": LanguageFacts(
            englishName: "English", region: "GB", writing: .enGB,
            months: [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
            ],
            names: ["nl": "Dutch", "fr": "French", "de": "German", "en": "English"],
            reportSlug: "full-report", searchSlug: "search", citeFileName: "cite"),
    ]
}

extension Language {
    public static func == (a: Language, b: Language) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
