import Foundation
import Testing

@testable import SVGCharts

/// German (Belgium) and British English, next to Dutch and French, and all four against
/// Foundation's NumberFormatter (ICU's CLDR data) as an oracle.
@Suite("NumberFormat de-BE and en-GB")
struct NumberFormatLocaleTests {
    func f(_ v: Double, _ unit: ValueUnit, _ decimals: Int = 0, _ locale: ChartLocale) -> String {
        NumberFormat.format(v, unit: unit, decimals: decimals, locale: locale)
    }

    @Test func german() {
        #expect(f(42, .percent, 0, .deBE) == "42\u{A0}%")
        #expect(f(1234.5, .number, 1, .deBE) == "1.234,5")
        #expect(f(1994.18, .euro, 2, .deBE) == "1.994,18\u{A0}€")
        #expect(f(-3, .euro, 2, .deBE) == "-3,00\u{A0}€")
        #expect(f(2.5, .fte, 1, .deBE) == "2,5\u{A0}VZÄ")
        #expect(f(12, .hours, 0, .deBE) == "12\u{A0}Stunden")
        #expect(f(1, .hours, 0, .deBE) == "1\u{A0}Stunde")
        #expect(f(1, .years, 0, .deBE) == "1\u{A0}Jahr")
        #expect(f(1.5, .years, 1, .deBE) == "1,5\u{A0}Jahre")
        #expect(f(5.83, .margin, 2, .deBE) == "±\u{A0}5,83\u{A0}%")
        #expect(ChartLocale.deBE.labelSeparator == ": ")
    }

    @Test func english() {
        #expect(f(42, .percent, 0, .enGB) == "42%")
        #expect(f(1234.5, .number, 1, .enGB) == "1,234.5")
        #expect(f(1994.18, .euro, 2, .enGB) == "€1,994.18")
        #expect(f(-3, .euro, 2, .enGB) == "-€3.00")
        #expect(f(-0.001, .euro, 2, .enGB) == "€0.00")
        #expect(f(2.5, .fte, 1, .enGB) == "2.5\u{A0}FTE")
        #expect(f(1, .years, 0, .enGB) == "1\u{A0}year")
        #expect(f(9, .years, 0, .enGB) == "9\u{A0}years")
        #expect(f(1234567.891, .number, 2, .enGB) == "1,234,567.89")
    }

    /// ICU as the oracle, on a sample of values: numbers, percentages and euros. The one
    /// deliberate difference: French writes U+202F before `%` (NumberFormat.swift says why),
    /// where ICU's CLDR data has U+00A0.
    @Test(arguments: ChartLocale.allCases) func agreesWithICU(_ locale: ChartLocale) {
        let identifier = locale.rawValue.replacingOccurrences(of: "-", with: "_")
        func formatter(_ style: NumberFormatter.Style, decimals: Int) -> NumberFormatter {
            let formatter = NumberFormatter()
            formatter.locale = Locale(identifier: identifier)
            formatter.numberStyle = style
            formatter.currencyCode = "EUR"
            formatter.minimumFractionDigits = decimals
            formatter.maximumFractionDigits = decimals
            formatter.roundingMode = .halfUp
            return formatter
        }
        // Rounded half away from zero before ICU sees it: Foundation's NumberFormatter on Linux
        // does not honour maximumFractionDigits (it shows every digit), so it only writes.
        func rounded(_ value: Double, _ decimals: Int) -> NSDecimalNumber {
            var exact = Decimal(string: "\(value)") ?? 0, result = Decimal()
            NSDecimalRound(&result, &exact, decimals, .plain)
            return NSDecimalNumber(decimal: result)
        }
        var rng = SplitMix64(seed: 7)
        let values =
            [0, 1, 42, 999, 1000, 1234.5, 1994.18, 21450, 117971, 1_234_567.891, -3, -1234.5]
            + (0..<40).map { _ in (Double.random(in: -2e6..<2e6, using: &rng) * 100).rounded() / 100 }
        for value in values {
            for decimals in [0, 1, 2] {
                let number = formatter(.decimal, decimals: decimals).string(from: rounded(value, decimals))
                #expect(f(value, .number, decimals, locale) == number, "\(locale) \(value) \(decimals)")
                let euro = formatter(.currency, decimals: decimals).string(from: rounded(value, decimals))
                #expect(f(value, .euro, decimals, locale) == euro, "\(locale) € \(value) \(decimals)")
                guard value >= 0, value <= 100 else { continue }
                var percent = formatter(.percent, decimals: decimals).string(from: rounded(value, decimals).dividing(by: 100)) ?? ""
                if locale == .frBE { percent = percent.replacingOccurrences(of: "\u{A0}%", with: "\u{202F}%") }
                #expect(f(value, .percent, decimals, locale) == percent, "\(locale) \(value) % \(decimals)")
            }
        }
    }
}
