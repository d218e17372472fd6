import Diagnostics
import SVGCharts

/// The site's two languages. Every reader-facing text exists in both.
public enum Language: String, CaseIterable, Sendable, Comparable {
    case nl, fr

    public static func < (a: Language, b: Language) -> Bool { a.index < b.index }
    private var index: Int {
        switch self {
        case .nl: 0
        case .fr: 1
        }
    }

    /// The site's other language (the language switch, translations to check).
    public var other: Language {
        switch self {
        case .nl: .fr
        case .fr: .nl
        }
    }

    /// The language's name in English, for diagnostics ("missing its French text").
    public var englishName: String {
        switch self {
        case .nl: "Dutch"
        case .fr: "French"
        }
    }

    /// The language as Belgium writes it, for `<html lang>` and `hreflang` (`nl-BE`).
    public var htmlLang: String { chartLocale.rawValue }

    /// The Open Graph locale (`og:locale`): `nl_BE`.
    public var ogLocale: String {
        switch self {
        case .nl: "nl_BE"
        case .fr: "fr_BE"
        }
    }

    /// How numbers are written in this language (`42%` or `42 %`).
    public var chartLocale: ChartLocale {
        switch self {
        case .nl: .nlBE
        case .fr: .frBE
        }
    }
}

/// A text in both languages, e.g. a chart title or a row label.
public struct Localized: Hashable, Sendable {
    public var nl: String
    public var fr: String
    /// Where each text starts in its file, when read from YAML (for `{{…}}` in dataset texts).
    public var locations: [Language: SourceLocation]

    public init(nl: String, fr: String, locations: [Language: SourceLocation] = [:]) {
        self.nl = nl
        self.fr = fr
        self.locations = locations
    }

    public subscript(language: Language) -> String {
        switch language {
        case .nl: nl
        case .fr: fr
        }
    }
}
