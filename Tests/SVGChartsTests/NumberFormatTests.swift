import Testing

@testable import SVGCharts

/// U+00A0 and U+202F spelled out so the expectations are unambiguous.
private let nb = "\u{00A0}"
private let nnb = "\u{202F}"

@Suite("NumberFormat")
struct NumberFormatTests {
    func f(_ v: Double, _ unit: ValueUnit, _ decimals: Int = 0, _ locale: ChartLocale) -> String {
        NumberFormat.format(v, unit: unit, decimals: decimals, locale: locale)
    }

    @Test func percent() {
        #expect(f(42, .percent, 0, .nlBE) == "42%")
        #expect(f(42, .percent, 0, .frBE) == "42\(nnb)%")
        #expect(f(42.25, .percent, 1, .nlBE) == "42,3%")
        #expect(f(100, .percent, 0, .frBE) == "100\(nnb)%")
        #expect(f(0, .percent, 0, .nlBE) == "0%")
    }

    @Test func numbers() {
        #expect(f(1234.5, .number, 1, .nlBE) == "1.234,5")
        #expect(f(1234.5, .number, 1, .frBE) == "1\(nnb)234,5")
        #expect(f(1234567.891, .number, 2, .nlBE) == "1.234.567,89")
        #expect(f(1234567.891, .number, 2, .frBE) == "1\(nnb)234\(nnb)567,89")
        #expect(f(999, .number, 0, .nlBE) == "999")
        #expect(f(0.5, .number, 0, .nlBE) == "1")
        #expect(f(12.5, .number, 3, .nlBE) == "12,500")
    }

    @Test func counts() {
        #expect(f(1234, .count, 0, .nlBE) == "1.234")
        #expect(f(1234, .count, 0, .frBE) == "1\(nnb)234")
        #expect(f(162, .count, 0, .frBE) == "162")
    }

    @Test func euro() {
        #expect(f(1994.18, .euro, 2, .nlBE) == "€\(nb)1.994,18")
        #expect(f(1994.18, .euro, 2, .frBE) == "1\(nnb)994,18\(nb)€")
        #expect(f(21450, .euro, 0, .nlBE) == "€\(nb)21.450")
        #expect(f(-3, .euro, 2, .nlBE) == "€\(nb)-3,00")
        #expect(f(-3, .euro, 2, .frBE) == "-3,00\(nb)€")
    }

    @Test func units() {
        #expect(f(2.5, .fte, 1, .nlBE) == "2,5\(nb)VTE")
        #expect(f(2.5, .fte, 1, .frBE) == "2,5\(nb)ETP")
        #expect(f(16.5, .millionEuro, 1, .nlBE) == "16,5\(nb)miljoen\(nb)euro")
        #expect(f(16.5, .millionEuro, 1, .frBE) == "16,5\(nb)millions\(nb)d’euros")
        #expect(f(1.5, .millionEuro, 1, .frBE) == "1,5\(nb)million\(nb)d’euros")
        #expect(f(16.5, .millionEuro, 1, .enGB) == "€16.5\(nb)million")
        #expect(f(1, .millionEuro, 0, .deBE) == "1\(nb)Million\(nb)Euro")
        // Hours written out, as in a sentence: "25 uur per week", "25 heures par semaine".
        #expect(f(12, .hours, 0, .nlBE) == "12\(nb)uur")
        #expect(f(12, .hours, 0, .frBE) == "12\(nb)heures")
        #expect(f(1.5, .hours, 1, .frBE) == "1,5\(nb)heure")
        #expect(f(1, .hours, 0, .enGB) == "1\(nb)hour")
        #expect(f(20.5, .hours, 1, .enGB) == "20.5\(nb)hours")
        #expect(f(9, .years, 0, .nlBE) == "9\(nb)jaar")
        #expect(f(9, .years, 0, .frBE) == "9\(nb)ans")
        #expect(f(1, .years, 0, .frBE) == "1\(nb)an")
        #expect(f(1.5, .years, 1, .frBE) == "1,5\(nb)an")
        #expect(f(1, .years, 0, .nlBE) == "1\(nb)jaar")
        #expect(f(5.83, .margin, 2, .nlBE) == "±\(nb)5,83%")
        #expect(f(5.83, .margin, 2, .frBE) == "±\(nb)5,83\(nnb)%")
    }

    @Test func rounding() {
        // Half away from zero on the shortest decimal representation.
        #expect(f(2.675, .number, 2, .nlBE) == "2,68")
        #expect(f(0.125, .number, 2, .nlBE) == "0,13")
        #expect(f(-0.125, .number, 2, .nlBE) == "-0,13")
        #expect(f(9.995, .number, 2, .nlBE) == "10,00")
        #expect(f(999.96, .number, 1, .nlBE) == "1.000,0")
        #expect(f(99.5, .percent, 0, .nlBE) == "100%")
        #expect(f(1.005, .number, 2, .nlBE) == "1,01")
    }

    @Test func signsAndEdges() {
        #expect(f(-1234.56, .number, 1, .nlBE) == "-1.234,6")
        #expect(f(-0.004, .number, 2, .nlBE) == "0,00")  // no "-0,00"
        #expect(f(-0.0, .number, 0, .frBE) == "0")
        #expect(f(0.00001, .number, 2, .nlBE) == "0,00")
        #expect(f(1e-5, .number, 5, .nlBE) == "0,00001")
        #expect(f(1e20, .number, 0, .nlBE) == "100.000.000.000.000.000.000")
        #expect(f(.nan, .percent, 0, .nlBE) == "–")
        #expect(f(.infinity, .number, 0, .frBE) == "–")
        #expect(f(5, .number, -3, .nlBE) == "5")  // decimals clamped
        #expect(NumberFormat.number(1234, decimals: 0, locale: .frBE) == "1\(nnb)234")
    }

    @Test func neverSplitsValueFromUnit() {
        for unit in ValueUnit.allCases {
            for locale in [ChartLocale.nlBE, .frBE] {
                let s = f(12345.6, unit, 1, locale)
                #expect(!s.contains(" "), "\(unit) \(locale): '\(s)' has a breaking space")
            }
        }
    }
}

@Suite("NumberFormat fast path")
struct NumberFormatFastPathTests {
    /// The integer fast path agrees with exact decimal rounding of the shortest representation.
    @Test func agreesWithDecimalRounding() {
        var rng = SplitMix64(seed: 42)
        for i in 0..<20_000 {
            let exponent = Double(Int.random(in: -4...9, using: &rng))
            var v = Double.random(in: 0..<1, using: &rng) * pow10(exponent)
            if i % 3 == 0 { v = (v * 1000).rounded() / 1000 }  // many ties like 2.675
            if i % 5 == 0 { v = Double(Int(v)) + 0.5 }
            let d = Int.random(in: 0...4, using: &rng)
            var fast: [UInt8] = []
            NumberFormat.appendNumber(v, decimals: d, locale: .nlBE, into: &fast)
            let exact = NumberFormat.rounded(v, decimals: d)
            var reference = exact.integer.map { Character(Unicode.Scalar(48 + $0)) }.map(String.init).joined()
            // group like nl-BE
            var grouped = ""
            for (k, ch) in reference.enumerated() {
                if k > 0 && (reference.count - k) % 3 == 0 { grouped += "." }
                grouped.append(ch)
            }
            reference = grouped
            if d > 0 { reference += "," + exact.fraction.map { String($0) }.joined() }
            #expect(String(decoding: fast, as: UTF8.self) == reference, "\(v) with \(d) decimals")
        }
    }

    func pow10(_ e: Double) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<Int(e) { r *= 10 } } else { for _ in 0..<Int(-e) { r /= 10 } }
        return r
    }
}

/// A row's own decimals (`decimals` column of the CSV) hold in a bar chart too: a median of
/// 20,5 hours among whole ones is drawn 20,5, not rounded to 21.
@Suite struct RowDecimalsTests {
    @Test func aBarShowsItsRowsDecimals() throws {
        let chart = Chart(
            kind: .bars, id: "chart-hours", title: "Uren", description: "Uren per week.", locale: .nlBE, unit: .hours,
            categories: [ChartCategory(label: "Met personeel"), ChartCategory(label: "Zonder personeel", decimals: 1)],
            series: [ChartSeries(label: "Mediaan")], values: [[42], [20.5]])
        let svg = try chart.svg()
        #expect(svg.contains(">42\u{A0}uur<"))
        #expect(svg.contains(">20,5\u{A0}uur<"))
        #expect(!svg.contains(">21\u{A0}uur<"))
    }
}
