// Text measurement and line wrapping.
//
// The SVG cannot ask the browser how wide a text is, so the layout measures text itself with the
// advance widths of Liberation Sans (Regular and Bold, from the fonts' hmtx tables, 1/2048 em).
// Liberation Sans is metric-compatible with Arial and Helvetica, the first fonts of the chart's
// font-family list (Arial, "Liberation Sans", Helvetica, sans-serif), so the widths hold wherever
// one of them is used. Characters outside the table are estimated: 0.54 em (0.59 em bold) for
// other letters (Greek, Cyrillic, Arabic, Hebrew …), 1 em for CJK and other wide characters,
// 1.25 em for emoji, 0 for combining marks, joiners and variation selectors. Estimates err on the
// wide side so that a label wraps a little early rather than overflow.
//
// Wrapping breaks at spaces (and after a hyphen or slash between letters), never inside a
// no-break space, so "42 %" and "(lage n)" stay together; a single word wider than the line is
// broken between characters (grapheme clusters) as a last resort. Labels are never truncated.

enum TextMetrics {
    /// Width of `text` in viewBox units at font size `size`.
    static func width<S: StringProtocol>(_ text: S, size: Double, bold: Bool = false) -> Double {
        Double(units(text, bold: bold)) * size / 2048
    }

    /// Width of `text` in 1/2048 em.
    static func units<S: StringProtocol>(_ text: S, bold: Bool) -> Int {
        var total = 0
        var afterJoiner = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x200D {
                afterJoiner = true
                continue
            }
            let w = advance(scalar, bold: bold)
            // The emoji after a zero-width joiner is drawn as one glyph with the one before it.
            if afterJoiner && w >= 2048 {
                afterJoiner = false
                continue
            }
            afterJoiner = false
            total += w
        }
        return total
    }

    /// Advance width of one scalar in 1/2048 em.
    static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x180 {
            return Int(bold ? boldLatin[Int(v - 0x20)] : regularLatin[Int(v - 0x20)])
        }
        if v >= 0x2000 && v < 0x2200 {
            if let w = bold ? boldPunctuation(v) : regularPunctuation(v) { return Int(w) }
        }
        if v < 0x20 { return 0 }
        // Zero-width: joiners, direction marks, variation selectors, tags, skin-tone modifiers.
        if (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v) || (0x2060...0x206F).contains(v)
            || (0xFE00...0xFE0F).contains(v) || (0xE0000...0xE01EF).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
            || v == 0xFEFF
        {
            return 0
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .control, .format:
            return 0
        default:
            break
        }
        if scalar.properties.isEmojiPresentation || (0x1F000...0x1FAFF).contains(v) {
            return 2560
        }
        if isWide(v) { return 2048 }
        return bold ? 1210 : 1110
    }

    /// East Asian wide and fullwidth ranges (approximate, generous).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// True when the first strong directional character of `text` is right-to-left (Hebrew,
    /// Arabic, Syriac, Thaana, N'Ko …), the rule HTML's `dir="auto"` uses.
    static func isRightToLeft<S: StringProtocol>(_ text: S) -> Bool {
        for scalar in text.unicodeScalars {
            if let rtl = strongDirection(scalar) { return rtl }
        }
        return false
    }

    /// The same over the words of a line.
    static func isRightToLeft(_ words: ArraySlice<Word>) -> Bool {
        for word in words {
            for scalar in word.text.unicodeScalars {
                if let rtl = strongDirection(scalar) { return rtl }
            }
        }
        return false
    }

    /// true: strong right-to-left; false: strong left-to-right (a letter); nil: neutral.
    @inline(__always)
    static func strongDirection(_ scalar: Unicode.Scalar) -> Bool? {
        let v = scalar.value
        if v < 0x80 {
            let lower = v | 0x20
            return lower >= 0x61 && lower <= 0x7A ? false : nil
        }
        if (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
            || (0x10800...0x10FFF).contains(v) || (0x1E800...0x1EFFF).contains(v)
        {
            return true
        }
        if v < 0x0590 {
            // Latin-1, Latin Extended, IPA, Greek, Cyrillic, Armenian: letters are LTR.
            if v == 0xD7 || v == 0xF7 || (0x0300...0x036F).contains(v) || v < 0xC0 { return nil }
            return false
        }
        return scalar.properties.isAlphabetic ? false : nil
    }

    /// Advance widths of U+0020…U+017F in Liberation Sans Regular (1/2048 em; 0 = control character).
    static let regularLatin: [UInt16] = [
        569, 569, 727, 1139, 1139, 1821, 1366, 391, 682, 682, 797, 1196, 569, 682, 569, 569,  // U+0020
        1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 569, 569, 1196, 1196, 1196, 1139,  // U+0030
        2079, 1366, 1366, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1024, 1366, 1139, 1706, 1479, 1593,  // U+0040
        1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 569, 569, 569, 961, 1139,  // U+0050
        682, 1139, 1139, 1024, 1139, 1139, 569, 1139, 1139, 455, 455, 1024, 455, 1706, 1139, 1139,  // U+0060
        1139, 1139, 682, 1024, 569, 1139, 1024, 1479, 1024, 1024, 1024, 684, 532, 684, 1196, 0,  // U+0070
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // U+0080
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // U+0090
        569, 682, 1139, 1139, 1139, 1139, 532, 1139, 682, 1509, 758, 1139, 1196, 682, 1509, 1131,  // U+00A0
        819, 1124, 682, 682, 682, 1180, 1100, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251,  // U+00B0
        1366, 1366, 1366, 1366, 1366, 1366, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569,  // U+00C0
        1479, 1479, 1593, 1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251,  // U+00D0
        1139, 1139, 1139, 1139, 1139, 1139, 1821, 1024, 1139, 1139, 1139, 1139, 569, 569, 569, 569,  // U+00E0
        1139, 1139, 1139, 1139, 1139, 1139, 1139, 1124, 1251, 1139, 1139, 1139, 1139, 1024, 1139, 1024,  // U+00F0
        1366, 1139, 1366, 1139, 1366, 1139, 1479, 1024, 1479, 1024, 1479, 1024, 1479, 1024, 1479, 1259,  // U+0100
        1479, 1139, 1366, 1139, 1366, 1139, 1366, 1139, 1366, 1139, 1366, 1139, 1593, 1139, 1593, 1139,  // U+0110
        1593, 1139, 1593, 1139, 1479, 1139, 1479, 1139, 569, 569, 569, 569, 569, 569, 569, 455,  // U+0120
        569, 569, 1505, 909, 1024, 455, 1366, 1024, 1024, 1139, 455, 1139, 455, 1139, 597, 1139,  // U+0130
        684, 1139, 455, 1479, 1139, 1479, 1139, 1479, 1139, 1237, 1481, 1139, 1593, 1139, 1593, 1139,  // U+0140
        1593, 1139, 2048, 1933, 1479, 682, 1479, 682, 1479, 682, 1366, 1024, 1366, 1024, 1366, 1024,  // U+0150
        1366, 1024, 1251, 569, 1251, 768, 1251, 569, 1479, 1139, 1479, 1139, 1479, 1139, 1479, 1139,  // U+0160
        1479, 1139, 1479, 1139, 1933, 1479, 1366, 1024, 1366, 1251, 1024, 1251, 1024, 1251, 1024, 455,  // U+0170
    ]

    /// Advance widths of common punctuation in Liberation Sans Regular (1/2048 em).
    static func regularPunctuation(_ v: UInt32) -> UInt16? {
        switch v {
        case 0x2007: return 1139
        case 0x2008: return 569
        case 0x2009: return 410
        case 0x200A: return 171
        case 0x2010: return 682
        case 0x2012: return 1139
        case 0x2013: return 1139
        case 0x2014: return 2048
        case 0x2015: return 2048
        case 0x2018: return 455
        case 0x2019: return 455
        case 0x201A: return 455
        case 0x201C: return 682
        case 0x201D: return 682
        case 0x201E: return 682
        case 0x2020: return 1139
        case 0x2021: return 1139
        case 0x2022: return 717
        case 0x2026: return 2048
        case 0x202F: return 410
        case 0x2030: return 2048
        case 0x2032: return 384
        case 0x2033: return 725
        case 0x2039: return 682
        case 0x203A: return 682
        case 0x20AC: return 1139
        case 0x2122: return 2048
        case 0x2212: return 1196
        default: return nil
        }
    }

    /// Advance widths of U+0020…U+017F in Liberation Sans Bold (1/2048 em; 0 = control character).
    static let boldLatin: [UInt16] = [
        569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569,  // U+0020
        1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 682, 682, 1196, 1196, 1196, 1251,  // U+0030
        1997, 1479, 1479, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1139, 1479, 1251, 1706, 1479, 1593,  // U+0040
        1366, 1593, 1479, 1366, 1251, 1479, 1366, 1933, 1366, 1366, 1251, 682, 569, 682, 1196, 1139,  // U+0050
        682, 1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569, 1139, 569, 1821, 1251, 1251,  // U+0060
        1251, 1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797, 573, 797, 1196, 0,  // U+0070
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // U+0080
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // U+0090
        569, 682, 1139, 1139, 1139, 1139, 573, 1139, 682, 1509, 758, 1139, 1196, 682, 1509, 1131,  // U+00A0
        819, 1124, 682, 682, 682, 1180, 1139, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251,  // U+00B0
        1479, 1479, 1479, 1479, 1479, 1479, 2048, 1479, 1366, 1366, 1366, 1366, 569, 569, 569, 569,  // U+00C0
        1479, 1479, 1593, 1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251,  // U+00D0
        1139, 1139, 1139, 1139, 1139, 1139, 1821, 1139, 1139, 1139, 1139, 1139, 569, 569, 569, 569,  // U+00E0
        1251, 1251, 1251, 1251, 1251, 1251, 1251, 1124, 1251, 1251, 1251, 1251, 1251, 1139, 1251, 1139,  // U+00F0
        1479, 1139, 1479, 1139, 1479, 1139, 1479, 1139, 1479, 1139, 1479, 1139, 1479, 1139, 1479, 1472,  // U+0100
        1479, 1251, 1366, 1139, 1366, 1139, 1366, 1139, 1366, 1139, 1366, 1139, 1593, 1251, 1593, 1251,  // U+0110
        1593, 1251, 1593, 1251, 1479, 1251, 1479, 1251, 569, 569, 569, 569, 569, 569, 569, 569,  // U+0120
        569, 569, 1607, 1139, 1139, 569, 1479, 1139, 1139, 1251, 569, 1251, 569, 1251, 789, 1251,  // U+0130
        981, 1251, 569, 1479, 1251, 1479, 1251, 1479, 1251, 1451, 1481, 1251, 1593, 1251, 1593, 1251,  // U+0140
        1593, 1251, 2048, 1933, 1479, 797, 1479, 797, 1479, 797, 1366, 1139, 1366, 1139, 1366, 1139,  // U+0150
        1366, 1139, 1251, 682, 1251, 981, 1251, 682, 1479, 1251, 1479, 1251, 1479, 1251, 1479, 1251,  // U+0160
        1479, 1251, 1479, 1251, 1933, 1593, 1366, 1139, 1366, 1251, 1024, 1251, 1024, 1251, 1024, 569,  // U+0170
    ]

    /// Advance widths of common punctuation in Liberation Sans Bold (1/2048 em).
    static func boldPunctuation(_ v: UInt32) -> UInt16? {
        switch v {
        case 0x2007: return 1139
        case 0x2008: return 569
        case 0x2009: return 410
        case 0x200A: return 171
        case 0x2010: return 682
        case 0x2012: return 1139
        case 0x2013: return 1139
        case 0x2014: return 2048
        case 0x2015: return 2048
        case 0x2018: return 569
        case 0x2019: return 569
        case 0x201A: return 569
        case 0x201C: return 1024
        case 0x201D: return 1024
        case 0x201E: return 1024
        case 0x2020: return 1139
        case 0x2021: return 1139
        case 0x2022: return 717
        case 0x2026: return 2048
        case 0x202F: return 410
        case 0x2030: return 2048
        case 0x2032: return 491
        case 0x2033: return 981
        case 0x2039: return 682
        case 0x203A: return 682
        case 0x20AC: return 1139
        case 0x2122: return 2048
        case 0x2212: return 1196
        default: return nil
        }
    }
}
