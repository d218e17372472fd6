// Number formatting for nl-BE, fr-BE, de-BE and en-GB, following CLDR, written out by hand.
//
// Why not Foundation's NumberFormatter / FormatStyle: their output depends on the ICU data of the
// machine (CLDR changed the French group separator from U+00A0 to U+202F in version 34, and
// Linux and macOS ship different ICU versions), and the site must be byte-identical everywhere.
//
// The characters, as in CLDR 44:
// - nl-BE: decimal ",", group ".", percent "42%" (no space), currency "€ 1.994,18" (U+00A0).
// - fr-BE: decimal ",", group U+202F NARROW NO-BREAK SPACE ("1 234,5"), percent "42 %" with
//   U+202F before "%", currency "1 994,18 €" with U+00A0 before "€".
//   U+202F rather than U+00A0 before "%": it is what CLDR prescribes for French (the typographic
//   "espace fine insécable"), it never breaks in browsers (line-break class GL) and Arial /
//   Liberation Sans have the glyph (Liberation Sans: 0.2 em; a browser falls back per glyph
//   for a font that lacks it). One character for group separator and "%" keeps it consistent.
// - de-BE: decimal ",", group ".", percent "42 %" with U+00A0, currency "1.994,18 €" (U+00A0).
// - en-GB: decimal ".", group ",", percent "42%", currency "€1,994.18" ("-€3.00").
// - Units are joined with U+00A0 NO-BREAK SPACE ("2,5 VTE", "12 h", "9 ans", "± 5,83 %"), so a value
//   is never split from its unit.
// - Negative numbers use the ASCII hyphen-minus, as CLDR does for nl, fr, de and en ("-3", "€ -3,00").
// - Rounding is half away from zero on the shortest decimal representation of the Double (the
//   one Swift prints), so 2.675 rounds to 2.68 like a person would, not to 2.67.

/// Formats numbers the way the pages write them (CLDR nl-BE, fr-BE, de-BE, en-GB), deterministically,
/// without depending on the machine's locale data. The site uses it for tables and sentences too.
///
/// ```swift
/// NumberFormat.format(42, unit: .percent, decimals: 0, locale: .nlBE)        // "42%"
/// NumberFormat.format(42, unit: .percent, decimals: 0, locale: .frBE)        // "42\u{202F}%"
/// NumberFormat.format(1994.18, unit: .euro, decimals: 2, locale: .nlBE)      // "€\u{A0}1.994,18"
/// ```
public enum NumberFormat {
    /// U+00A0 NO-BREAK SPACE: between a value and a word unit, and before "€" in French.
    public static let noBreakSpace = "\u{00A0}"
    /// U+202F NARROW NO-BREAK SPACE: French group separator and the space before "%".
    public static let narrowNoBreakSpace = "\u{202F}"
    /// What a missing or non-finite value is written as: U+2013 EN DASH.
    public static let missing = "\u{2013}"

    /// Formats `value` with its unit in the page's locale. Non-finite values give `missing` ("–");
    /// `decimals` is clamped to 0…10.
    ///
    /// ```swift
    /// NumberFormat.format(1234.5, unit: .number, decimals: 1, locale: .frBE)   // "1\u{202F}234,5"
    /// NumberFormat.format(9, unit: .years, decimals: 0, locale: .frBE)         // "9\u{A0}ans"
    /// NumberFormat.format(5.83, unit: .margin, decimals: 2, locale: .nlBE)     // "±\u{A0}5,83%"
    /// ```
    public static func format(_ value: Double, unit: ValueUnit, decimals: Int, locale: ChartLocale) -> String {
        guard value.isFinite else { return missing }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        append(value, unit: unit, decimals: decimals, locale: locale, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `format`, appended to UTF-8 bytes (for callers that build a whole table or file at once).
    public static func append(_ value: Double, unit: ValueUnit, decimals: Int, locale: ChartLocale, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: missing.utf8)
            return
        }
        switch unit {
        case .percent:
            appendNumber(value, decimals: decimals, locale: locale, into: &out)
            out.append(contentsOf: locale.percentSuffix.utf8)
        case .count, .number:
            appendNumber(value, decimals: decimals, locale: locale, into: &out)
        case .euro:
            switch locale {
            case .nlBE:
                out.append(contentsOf: "€\u{00A0}".utf8)
                appendNumber(value, decimals: decimals, locale: locale, into: &out)
            case .enGB:
                // CLDR en: the sign before the symbol ("-€3.00").
                var number: [UInt8] = []
                appendNumber(value, decimals: decimals, locale: locale, into: &number)
                if number.first == UInt8(ascii: "-") {
                    out.append(UInt8(ascii: "-"))
                    number.removeFirst()
                }
                out.append(contentsOf: "€".utf8)
                out.append(contentsOf: number)
            case .frBE, .deBE:
                appendNumber(value, decimals: decimals, locale: locale, into: &out)
                out.append(contentsOf: "\u{00A0}€".utf8)
            }
        case .fte:
            appendNumber(value, decimals: decimals, locale: locale, into: &out)
            out.append(contentsOf: "\u{00A0}".utf8)
            out.append(contentsOf: locale.fteUnit.utf8)
        case .millionEuro:
            if locale == .enGB { out.append(contentsOf: "€".utf8) }
            let wholeIsZeroOrOne = appendNumber(value, decimals: decimals, locale: locale, into: &out)
            out.append(contentsOf: "\u{00A0}".utf8)
            out.append(contentsOf: locale.millionEuro(one: locale == .frBE ? wholeIsZeroOrOne : value == 1 && decimals == 0).utf8)
        case .hours, .years:
            let start = out.count
            let wholeIsZeroOrOne = appendNumber(value, decimals: decimals, locale: locale, into: &out)
            // Written out, as an editor writes them in a sentence ("25 uur per week", not "25 u").
            // CLDR plural rules: French "one" when the integer part is 0 or 1 ("1,5 an"); German
            // and English "one" for exactly 1 without decimals ("1 Jahr", "1.5 years"); Dutch
            // writes "jaar" and "uur" after any number.
            let isExactlyOne = out.count - start == 1 && out.last == UInt8(ascii: "1")
            let word: String =
                switch (locale, unit == .hours) {
                case (.nlBE, false): "jaar"
                case (.nlBE, true): "uur"
                case (.frBE, false): wholeIsZeroOrOne ? "an" : "ans"
                case (.frBE, true): wholeIsZeroOrOne ? "heure" : "heures"
                case (.deBE, false): isExactlyOne ? "Jahr" : "Jahre"
                case (.deBE, true): isExactlyOne ? "Stunde" : "Stunden"
                case (.enGB, false): isExactlyOne ? "year" : "years"
                case (.enGB, true): isExactlyOne ? "hour" : "hours"
                }
            out.append(contentsOf: "\u{00A0}".utf8)
            out.append(contentsOf: word.utf8)
        case .margin:
            out.append(contentsOf: "±\u{00A0}".utf8)
            appendNumber(value, decimals: decimals, locale: locale, into: &out)
            out.append(contentsOf: locale.percentSuffix.utf8)
        }
    }

    /// Formats a bare number: grouping and decimal comma of the locale, no unit.
    ///
    /// ```swift
    /// NumberFormat.number(-1234.56, decimals: 1, locale: .nlBE)   // "-1.234,6"
    /// NumberFormat.number(1234, decimals: 0, locale: .frBE)       // "1\u{202F}234"
    /// ```
    public static func number(_ value: Double, decimals: Int, locale: ChartLocale) -> String {
        guard value.isFinite else { return missing }
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendNumber(value, decimals: decimals, locale: locale, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let powersOfTen: [Int] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
    ]

    /// Appends the grouped, rounded number (finite `value`); returns whether its integer part is 0 or 1.
    @discardableResult
    static func appendNumber(_ value: Double, decimals: Int, locale: ChartLocale, into out: inout [UInt8]) -> Bool {
        let d = min(max(decimals, 0), 10)
        let group = locale.groupSeparator
        let decimal = locale.decimalSeparator
        let magnitude = value.magnitude

        // Fast path: scale to an integer and round, unless the scaled value is so close to a tie
        // (…5) that the binary error could matter; then use the exact decimal path below.
        let scaled = magnitude * Double(powersOfTen[d])
        if scaled < 1e15 {
            let floor = scaled.rounded(.down)
            let fraction = scaled - floor
            if (fraction - 0.5).magnitude > scaled * 1e-15 + 1e-12 {
                let n = Int(floor) + (fraction > 0.5 ? 1 : 0)
                let whole = n / powersOfTen[d]
                let frac = n % powersOfTen[d]
                if value < 0 && n != 0 { out.append(UInt8(ascii: "-")) }
                var digits = 1
                while digits < 18 && whole >= powersOfTen[digits] { digits += 1 }
                for position in stride(from: digits - 1, through: 0, by: -1) {
                    out.append(48 + UInt8((whole / powersOfTen[position]) % 10))
                    if position > 0 && position % 3 == 0 { out.append(contentsOf: group) }
                }
                if d > 0 {
                    out.append(decimal)
                    for position in stride(from: d - 1, through: 0, by: -1) {
                        out.append(48 + UInt8((frac / powersOfTen[position]) % 10))
                    }
                }
                return whole <= 1
            }
        }

        let digits = rounded(magnitude, decimals: d)
        let isZero = !digits.integer.contains(where: { $0 != 0 }) && !digits.fraction.contains(where: { $0 != 0 })
        if value < 0 && !isZero { out.append(UInt8(ascii: "-")) }
        let count = digits.integer.count
        for (i, digit) in digits.integer.enumerated() {
            if i > 0 && (count - i) % 3 == 0 { out.append(contentsOf: group) }
            out.append(48 + digit)
        }
        if d > 0 {
            out.append(decimal)
            for digit in digits.fraction { out.append(48 + digit) }
        }
        return digits.integer == [0] || digits.integer == [1]
    }

    /// The decimal digits of a non-negative finite `magnitude`, rounded half away from zero to
    /// `decimals` places, from its shortest round-tripping representation.
    static func rounded(_ magnitude: Double, decimals: Int) -> (integer: [UInt8], fraction: [UInt8]) {
        // Swift prints the shortest representation that round-trips: "1234.5", "1e-05",
        // "1.2345e+20", "0.0". Parse it into digits and a decimal point position.
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var pointPosition = -1
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in magnitude.description.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = min(exponent * 10 + Int(byte - 48), 10_000)
                } else {
                    digits.append(byte - 48)
                }
            case UInt8(ascii: "."):
                pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if pointPosition < 0 { pointPosition = digits.count }
                inExponent = true
            case UInt8(ascii: "-"):
                if inExponent { exponentSign = -1 }
            default:
                break
            }
        }
        if pointPosition < 0 { pointPosition = digits.count }
        // value = 0.d1d2d3… × 10^point, with point possibly negative or beyond the digits.
        var point = pointPosition + exponentSign * exponent
        if point < 0 {
            digits.insert(contentsOf: [UInt8](repeating: 0, count: -point), at: 0)
            point = 0
        }
        let cut = point + decimals
        while digits.count < cut { digits.append(0) }
        let roundUp = cut < digits.count && digits[cut] >= 5
        var kept = Array(digits[0..<cut])
        if roundUp {
            var i = kept.count - 1
            var carry = true
            while carry && i >= 0 {
                if kept[i] == 9 {
                    kept[i] = 0
                    i -= 1
                } else {
                    kept[i] += 1
                    carry = false
                }
            }
            if carry {
                kept.insert(1, at: 0)
                point += 1
            }
        }
        var integer = Array(kept[0..<point])
        let fraction = Array(kept[point...])
        // Strip leading zeros, keep one.
        var firstNonZero = 0
        while firstNonZero < integer.count - 1 && integer[firstNonZero] == 0 { firstNonZero += 1 }
        if firstNonZero > 0 { integer.removeFirst(firstNonZero) }
        if integer.isEmpty { integer = [0] }
        return (integer, fraction)
    }
}
