// The locales charts and numbers are written in, and what each writes (NumberFormat.swift).

/// The page language; decides number formatting and the few words the chart writes itself.
///
/// ```swift
/// ChartLocale(rawValue: "fr-BE")   // .frBE
/// ```
public enum ChartLocale: String, Sendable, CaseIterable {
    /// Dutch as written in Belgium (`42%`, `1.234,5`, `€ 1.994,18`).
    case nlBE = "nl-BE"
    /// French as written in Belgium (`42 %`, `1 234,5`, `1 994,18 €`).
    case frBE = "fr-BE"
    /// German as written in Belgium (`42 %` with U+00A0, `1.234,5`, `1.994,18 €`).
    case deBE = "de-BE"
    /// British English (`42%`, `1,234.5`, `€1,994.18`).
    case enGB = "en-GB"

    /// The marker drawn after the label of a category with a small base (`ChartCategory.lowBase`).
    /// The site can use the same words in its footnote.
    ///
    /// ```swift
    /// ChartLocale.frBE.lowBaseMarker   // "(faible n)", as the site writes it (docs/glossary.md)
    /// ```
    public var lowBaseMarker: String {
        switch self {
        case .nlBE: return "(lage\u{00A0}n)"
        case .frBE: return "(faible\u{00A0}n)"
        case .deBE: return "(kleines\u{00A0}n)"
        case .enGB: return "(low\u{00A0}n)"
        }
    }

    /// The separator between a label and its value: `": "` in Dutch, `" : "` (no-break space
    /// before the colon) in French.
    ///
    /// ```swift
    /// "Total" + ChartLocale.frBE.labelSeparator + "42 %"   // "Total : 42 %"
    /// ```
    public var labelSeparator: String { colon + " " }

    /// A colon after a label: `":"`, or `" :"` with U+00A0 in French.
    public var colon: String { self == .frBE ? "\u{00A0}:" : ":" }
}

extension ChartLocale {
    /// Between groups of three digits: "." (nl, de), U+202F (fr), "," (en).
    var groupSeparator: [UInt8] {
        switch self {
        case .nlBE, .deBE: [UInt8(ascii: ".")]
        case .frBE: [0xE2, 0x80, 0xAF]
        case .enGB: [UInt8(ascii: ",")]
        }
    }

    var decimalSeparator: UInt8 { self == .enGB ? UInt8(ascii: ".") : UInt8(ascii: ",") }

    /// What follows a percentage: "%" (nl, en), U+202F "%" (fr), U+00A0 "%" (de).
    var percentSuffix: String {
        switch self {
        case .nlBE, .enGB: "%"
        case .frBE: "\u{202F}%"
        case .deBE: "\u{00A0}%"
        }
    }

    /// "million euro" after a number, in the singular for `one` (CLDR's plural rules); its
    /// words joined by no-break spaces, so a line never breaks inside the amount.
    public func millionEuro(one: Bool) -> String {
        switch self {
        case .nlBE: "miljoen\u{00A0}euro"
        case .frBE: one ? "million\u{00A0}d’euros" : "millions\u{00A0}d’euros"
        case .deBE: one ? "Million\u{00A0}Euro" : "Millionen\u{00A0}Euro"
        case .enGB: "million"
        }
    }

    /// Full-time equivalents: VTE, ETP, VZÄ (Vollzeitäquivalent), FTE.
    var fteUnit: String {
        switch self {
        case .nlBE: "VTE"
        case .frBE: "ETP"
        case .deBE: "VZÄ"
        case .enGB: "FTE"
        }
    }
}
