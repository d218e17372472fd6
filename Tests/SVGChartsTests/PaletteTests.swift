import Testing

@testable import SVGCharts

@Suite("Palette and text")
struct PaletteTests {
    @Test func contrastFormula() {
        #expect(abs(Palette.contrast("#FFFFFF", "#000000") - 21) < 0.001)
        #expect(abs(Palette.contrast("#767676", "#FFFFFF") - 4.54) < 0.01)
        #expect(abs(Palette.relativeLuminance("#FFFFFF") - 1) < 1e-9)
    }

    static var allFills: [String] {
        var fills = Palette.categorical + [Palette.bar, Palette.total, Palette.neutral, Palette.figure]
        for scale in ColorScale.allCases {
            for n in 1...Palette.capacity(scale) { fills += Palette.colors(scale, count: n) ?? [] }
        }
        return fills
    }

    @Test func everyFillHasThreeToOneOnWhite() {
        for fill in Self.allFills {
            #expect(Palette.contrast(fill, Palette.background) >= 3, "\(fill)")
        }
        // The light don't-know grey is always outlined with a 3:1 edge.
        #expect(Palette.contrast(Palette.dontKnowFill, Palette.background) < 3)
        #expect(Palette.contrast(Palette.dontKnowStroke, Palette.background) >= 3)
    }

    @Test func textOnEveryFillHasFourPointFiveToOne() {
        for fill in Self.allFills + [Palette.dontKnowFill] {
            let text = Palette.textColor(on: fill)
            #expect(Palette.contrast(text, fill) >= 4.5, "\(text) on \(fill)")
        }
        for text in [Palette.text, Palette.secondaryText] {
            #expect(Palette.contrast(text, Palette.background) >= 4.5)
        }
    }

    @Test func scalesHaveTheRightShape() {
        #expect(Palette.colors(.frequency, count: 8) == nil)
        #expect(Palette.colors(.agreement, count: 5)?[2] == Palette.neutral)
        #expect(Palette.colors(.agreement, count: 4)?.contains(Palette.neutral) == false)
        // Frequency ramps go from light to dark.
        for n in 2...Palette.capacity(.frequency) {
            let ramp = Palette.colors(.frequency, count: n) ?? []
            let l = ramp.map(Palette.relativeLuminance)
            #expect(l == l.sorted(by: >), "ramp \(n) not light → dark")
        }
    }

    @Test func measuring() {
        // Liberation Sans: "0" is 1139/2048 em, "%" 1821/2048 em.
        #expect(abs(TextMetrics.width("0%", size: 2048) - 2960) < 0.001)
        #expect(TextMetrics.width("👩‍👩‍👧", size: 16) <= TextMetrics.width("🎉🎉", size: 16))
        #expect(TextMetrics.width("e\u{301}", size: 16) == TextMetrics.width("e", size: 16))
    }

    @Test func wrappingKeepsEveryWordAndNoBreakSpaces() {
        let text = "Financiële middelen vinden voor de werking van de vereniging 42\u{202F}% (lage\u{00A0}n)"
        let lines = Wrap.wrap(text, maxWidth: 120, size: 16)
        #expect(lines.count > 1)
        let rebuilt = lines.map { line in
            line.words.enumerated().map { i, w in (i > 0 && !w.joinsPrevious ? " " : "") + w.text }.joined()
        }.joined(separator: " ")
        #expect(rebuilt == text)
        #expect(lines.contains { $0.words.contains { $0.text == "42\u{202F}%" } })
        #expect(
            Wrap.words("e-mail 0-9 Nederlandstalig-Franstalig", size: 16, bold: false).map(\.text)
                == ["e-mail", "0-9", "Nederlandstalig-", "Franstalig"])
    }

    @Test func trig() {
        for i in 0..<64 {
            let a = Double(i) * 0.09 - 2.9
            let t = Trig.sincos(a)
            #expect(abs(t.sin * t.sin + t.cos * t.cos - 1) < 1e-12)
            #expect(abs(Trig.atan2(t.sin, t.cos) - a) < 1e-9)
        }
        #expect(abs(Trig.sincos(Trig.pi / 6).sin - 0.5) < 1e-12)
    }
}
