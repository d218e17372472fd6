import RapportBase


/// The typography the writers should not have to type: spaces, quotes and apostrophes per
/// language, applied by the generator to every text it writes.
///
/// French (Imprimerie nationale, as CLDR and the Belgian press apply it):
/// - U+202F NARROW NO-BREAK SPACE before `;` `!` `?`, U+00A0 NO-BREAK SPACE before `:`;
/// - U+00A0 inside `« »`;
/// - a no-break space between a number and `%` (U+202F, the same as `NumberFormat` writes in the
///   charts and tables, so one page has one kind of space before `%`), `€` or a unit word (U+00A0:
///   `12 h`, `3 ETP`, `16,5 millions`), and U+202F between groups of thousands (`10 000`);
/// - `p < 0,05`, not `p<.05` (in Dutch too, which also writes the decimal comma).
///
/// Dutch: no space before `%`; `'s`, `'t`, `'n` keep their apostrophe.
///
/// All: straight quotes become `‘…’` / `“…”` (German `„…“`, cmark's `“…”` too) and the apostrophe `’`,
/// as cmark-gfm's smart punctuation already does for Markdown, so UI strings and chart texts match
/// the chapters. French spacing applies to French only (`Language.usesFrenchSpacing`).
///
/// An existing space before a sign (ordinary, no-break or thin) becomes the right one; a missing
/// one is added only where the sign is punctuation: before `:` only when a space or the end follows,
/// so `10:30`, `1:3` and `https://` stay as they are. Web addresses (`http://`, `https://`,
/// `mailto:`, `www.`) and `{{…}}` are copied unchanged.
///
/// Why here, on plain text, and not as a pass over the finished HTML: the places that make text
/// already know what is text (cmark's text nodes, never code or URLs; a chart's labels; a UI
/// string) and what is not (an `href`, a `class`), so no HTML has to be parsed again and nothing
/// in `<code>`, `<pre>` or an attribute that is not text can be touched by mistake. The callers:
/// Markdown text nodes (`Markdown.Hooks.text`), the UI strings, site and page titles and
/// descriptions and every text of a dataset once per build (`Typography+Content.swift`), and the
/// table of contents. Text without any sign, quote, digit or non-ASCII byte is returned after one
/// scan of its UTF-8, without a copy.
enum Typography {
    /// `text` with the typography of `language`. `afterInline`: the text continues inline
    /// content without a space (emphasis, code, a value), so a sign at its start follows a word.
    static func apply(_ text: String, _ language: Language, afterInline: Bool = false) -> String {
        rewritten(text, language, afterInline: afterInline) ?? text
    }

    /// `apply`, or nil when the text stays as it is (no new string, no comparison of strings).
    static func rewritten(_ text: String, _ language: Language, afterInline: Bool = false) -> String? {
        var text = text
        let count = text.utf8.count
        guard text.withUTF8({ needsWork($0) }) else { return nil }
        var input: [Unicode.Scalar] = []
        input.reserveCapacity(count)
        for scalar in text.unicodeScalars { input.append(scalar) }
        var rewriter = Rewriter(input: input, language: language, afterInline: afterInline)
        rewriter.run()
        guard rewriter.output != input else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 16)
        for scalar in rewriter.output { UTF8.encode(scalar) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `utf8` holds anything a rule could change: a sign, a quote, a digit followed by a
    /// space, or a character whose UTF-8 starts with 0xC2 or 0xE2 (no-break spaces, `« »`, `€`,
    /// curly quotes); accented letters (0xC3 …) alone need nothing.
    static func needsWork<C: Collection>(_ utf8: C) -> Bool where C.Element == UInt8 {
        var previousIsDigit = false
        for byte in utf8 {
            switch byte {
            case 0x22, 0x27, 0x3A, 0x3B, 0x21, 0x3F, 0x25, 0x3C, 0x3E, 0x3D, 0xC2, 0xE2: return true
            case 0x20 where previousIsDigit: return true
            default: previousIsDigit = (0x30...0x39).contains(byte)
            }
        }
        return false
    }

    static let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"

    /// French unit words that a number is tied to.
    static let frenchUnits: [[Unicode.Scalar]] = [
        "ETP", "h", "heure", "heures", "min", "minutes", "jour", "jours", "semaines", "mois", "an", "ans",
        "km", "m", "m²", "kg", "k€", "million", "millions", "milliard", "milliards",
    ].map { Array($0.unicodeScalars) }

    private struct Rewriter {
        let input: [Unicode.Scalar]
        let language: Language
        let french: Bool
        /// The language's double quotes: “…” or „…“ (German).
        let quotes: (open: Unicode.Scalar, close: Unicode.Scalar)
        let afterInline: Bool
        var output: [Unicode.Scalar] = []
        var index = 0

        init(input: [Unicode.Scalar], language: Language, afterInline: Bool) {
            self.input = input
            self.language = language
            french = language.usesFrenchSpacing
            quotes = language.doubleQuotes
            self.afterInline = afterInline
            output.reserveCapacity(input.count + 8)
        }

        func at(_ i: Int) -> Unicode.Scalar? { input.indices.contains(i) ? input[i] : nil }

        static func isSpace(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c == " " || c == Typography.noBreakSpace || c == Typography.narrowNoBreakSpace || c == "\u{2009}"
        }
        static func isBreak(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return true }
            return isSpace(c) || c == "\n" || c == "\t" || c == "\r"
        }
        static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        static func isLetter(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            if c.isASCII { return (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value) }
            return c.properties.isAlphabetic
        }
        static func isOpening(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return true }
            switch c {
            case "(", "[", "{", "–", "—", "/", "«", "‘", "“": return true
            default: return isBreak(c)
            }
        }

        /// Removes the horizontal spaces at the end of the output; returns how many.
        mutating func trimSpaces() -> [Unicode.Scalar] {
            var removed: [Unicode.Scalar] = []
            while let last = output.last, Self.isSpace(last) { removed.append(output.removeLast()) }
            return removed.reversed()
        }

        /// Whether something stands before the current position (in this text or just before it).
        var hasPrevious: Bool { !output.isEmpty || afterInline }
        /// The character before the current position; a letter stands for preceding inline content.
        var previous: Unicode.Scalar? { output.last ?? (afterInline ? "x" : nil) }
        /// A `p` here could start a p-value (it does not end a word).
        var isPStart: Bool { !Self.isLetter(previous) && !Self.isDigit(previous) }

        func starts(with prefix: String, at i: Int) -> Bool {
            var j = i
            for scalar in prefix.unicodeScalars {
                // The prefixes are lower-case ASCII: an upper-case letter is 0x20 below.
                guard let c = at(j), c == scalar || c.value + 0x20 == scalar.value else { return false }
                j += 1
            }
            return true
        }

        mutating func run() {
            while index < input.count {
                let c = input[index]
                switch c {
                case "{", "h", "H", "m", "M", "w", "W", "f", "F": if copyProtected() { continue }
                default: break
                }
                index += 1
                switch c {
                case "'": output.append(apostrophe())
                case "\"": output.append(Self.isOpening(previous) ? quotes.open : quotes.close)
                // cmark's “…” in a language with other quotes (German „…“); a closing “ stays.
                case "“" where quotes.open != "“" && Self.isOpening(previous): output.append(quotes.open)
                case "”" where quotes.close != "”": output.append(quotes.close)
                case "‘" where !french && Self.isOpening(previous) && isDutchElision(at: index): output.append("’")
                case ";" where french, "!" where french, "?" where french:
                    sign(c, space: Typography.narrowNoBreakSpace, follows: ";!?»)]”’.,…")
                case ":" where french: sign(c, space: Typography.noBreakSpace, follows: "")
                case "«" where french:
                    output.append(c)
                    while Self.isSpace(at(index)) { index += 1 }
                    output.append(Typography.noBreakSpace)
                case "»" where french:
                    _ = trimSpaces()
                    if hasPrevious { output.append(Typography.noBreakSpace) }
                    output.append(c)
                case "%", "€":
                    let spaces = trimSpaces()
                    if Self.isDigit(output.last) {
                        // The language's space (none in Dutch and English before `%`; as written before `€`).
                        let space = c == "%" ? language.spaceBeforePercent : language.spaceBeforeEuro
                        if let space {
                            output.append(space)
                        } else if c == "€" {
                            output.append(contentsOf: spaces)
                        }
                    } else {
                        output.append(contentsOf: spaces)
                    }
                    output.append(c)
                case "p" where isPStart, "P" where isPStart:
                    if !pValue() { output.append(c) }
                default:
                    if french, Self.isSpace(output.last) { tieNumber(before: c) }
                    output.append(c)
                }
            }
        }

        /// Copies a web address or a `{{…}}` unchanged; true when it did.
        mutating func copyProtected() -> Bool {
            let c = input[index]
            if c == "{", at(index + 1) == "{" {
                var end = index + 2
                while end + 1 < input.count, !(input[end] == "}" && input[end + 1] == "}") { end += 1 }
                end = min(end + 2, input.count)
                output.append(contentsOf: input[index..<end])
                index = end
                return true
            }
            guard !Self.isLetter(previous), !Self.isDigit(previous),
                starts(with: "http://", at: index) || starts(with: "https://", at: index) || starts(with: "ftp://", at: index)
                    || starts(with: "mailto:", at: index) || starts(with: "www.", at: index)
            else { return false }
            var end = index
            while end < input.count, !Self.isBreak(input[end]), !"<>\"«»".unicodeScalars.contains(input[end]) { end += 1 }
            // Punctuation right after an address is the sentence's, not the address's.
            while end > index, ".,;:!?)’”".unicodeScalars.contains(input[end - 1]) { end -= 1 }
            output.append(contentsOf: input[index..<end])
            index = end
            return true
        }

        /// `'` as a typographic apostrophe or single quote.
        mutating func apostrophe() -> Unicode.Scalar {
            if !Self.isOpening(previous) { return "’" }
            // At the start of a word: Dutch 's, 't, 'n and years ('09) are elisions, not quotes.
            if Self.isDigit(at(index)) || (!french && isDutchElision(at: index)) { return "’" }
            return "‘"
        }

        func isDutchElision(at i: Int) -> Bool {
            guard let c = at(i), c == "s" || c == "t" || c == "n" || c == "k" else { return false }
            return !Self.isLetter(at(i + 1))
        }

        /// A French `;` `!` `?` `:` with the right space before it. `follows`: what may come right
        /// after the sign, besides a space or the end, for a missing space to be added.
        mutating func sign(_ c: Unicode.Scalar, space: Unicode.Scalar, follows: String) {
            let spaces = trimSpaces()
            let next = at(index)
            let before = previous
            let isSign = before.map { ";:!?".unicodeScalars.contains($0) } ?? false
            if !hasPrevious || Self.isBreak(before) || isSign {
                output.append(contentsOf: spaces)
            } else if !spaces.isEmpty || Self.isBreak(next) || (next.map { follows.unicodeScalars.contains($0) } ?? true) {
                output.append(space)
            }
            output.append(c)
        }

        /// `p<.05`, `p < 0.05`, `p=0,01` → `p < 0,05` with no-break spaces; false when no p-value
        /// starts here (the `p` was consumed: the caller writes it).
        mutating func pValue() -> Bool {
            var i = index
            while Self.isSpace(at(i)) { i += 1 }
            guard let op = at(i), "<>=≤≥".unicodeScalars.contains(op) else { return false }
            i += 1
            while Self.isSpace(at(i)) { i += 1 }
            var digits: [Unicode.Scalar] = []
            while Self.isDigit(at(i)) { digits.append(input[i]); i += 1 }
            guard let mark = at(i), mark == "." || mark == ",", Self.isDigit(at(i + 1)), digits.allSatisfy({ $0 == "0" }) else {
                return false
            }
            i += 1
            output.append(contentsOf: ["p", Typography.noBreakSpace, op, Typography.noBreakSpace, "0", ","])
            while Self.isDigit(at(i)) { output.append(input[i]); i += 1 }
            index = i
            return true
        }

        /// French: the spaces just written between a number and a unit word, or between groups of
        /// thousands, become no-break spaces. `c` is the character after them.
        mutating func tieNumber(before c: Unicode.Scalar) {
            var spaceCount = 0
            while spaceCount < output.count, Self.isSpace(output[output.count - 1 - spaceCount]) { spaceCount += 1 }
            let digitEnd = output.count - spaceCount
            guard digitEnd > 0, Self.isDigit(output[digitEnd - 1]) else { return }
            let start = index - 1
            if Self.isDigit(c) {
                // Thousands: 1–3 digits that start a number, then groups of exactly 3.
                guard spaceCount == 1, (start..<start + 3).allSatisfy({ Self.isDigit(at($0)) }), !Self.isDigit(at(start + 3)) else {
                    return
                }
                var run = 0
                while run < digitEnd, Self.isDigit(output[digitEnd - 1 - run]) { run += 1 }
                let before = digitEnd - run > 0 ? output[digitEnd - run - 1] : nil
                guard run <= 3, before != "," && before != "." && !Self.isLetter(before),
                    run == 3 || before != Typography.narrowNoBreakSpace
                else { return }
                output.removeLast(spaceCount)
                output.append(Typography.narrowNoBreakSpace)
                return
            }
            for unit in Typography.frenchUnits
            where unit.first == c && unit.count + start <= input.count
                && Array(input[start..<start + unit.count]) == unit && !Self.isLetter(at(start + unit.count))
            {
                output.removeLast(spaceCount)
                output.append(Typography.noBreakSpace)
                return
            }
        }
    }
}
