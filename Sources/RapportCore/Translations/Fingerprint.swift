/// What a translation is made from, reduced to its words: the fingerprint of a section (or a
/// label) changes when its text changes, never when only its Markdown markup, its line breaks or
/// its place in the file do. `normalise` keeps one line per block (paragraph, heading, list
/// item, table row, line of code) with emphasis, code ticks, heading and list markers, quote
/// marks and table rules left out and white space collapsed; link and image targets stay (a
/// translation must follow a changed target), as do `{{…}}` references and chart blocks.
/// `hash` is FNV-1a 64 of that text, in hex: stable across runs, machines and Swift versions.
enum Fingerprint {
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A Markdown text's blocks, markup left out, one per line.
    static func normalise(markdown text: some StringProtocol) -> String {
        var blocks: [String] = []
        var paragraph: [Substring] = []
        var fence: Substring?
        func flush() {
            let words = plain(paragraph.joined(separator: " "))
            if !words.isEmpty { blocks.append(words) }
            paragraph = []
        }
        for rawLine in lines(String(text)) {
            var line = Substring(String(rawLine).trimmingWhitespace)
            if let open = fence {
                if line.hasPrefix(open) { fence = nil } else if !line.isEmpty { blocks.append(collapse(line)) }
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                fence = line.prefix(3)
                let info = collapse(line.drop { $0 == "`" || $0 == "~" })
                if !info.isEmpty { blocks.append(info) }
                continue
            }
            if line.isEmpty || isTableRule(line) {
                flush()
                continue
            }
            while line.hasPrefix(">") { line = line.dropFirst().drop { $0 == " " } }
            var standsAlone = false
            if let hashes = line.firstIndex(where: { $0 != "#" }), line.startIndex != hashes,
                line.distance(from: line.startIndex, to: hashes) <= 6, line[hashes] == " "
            {
                line = line[hashes...]
                while line.hasSuffix("#") || line.hasSuffix(" ") { line = line.dropLast() }
                standsAlone = true
            } else if line.hasPrefix("|") || hasCellBorder(line) {
                line = Substring(String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == "|" ? " " : $0 })))
                standsAlone = true
            }
            let marker = listMarkerLength(line)
            if standsAlone || marker > 0 || line.hasPrefix("[^") { flush() }
            paragraph.append(line.dropFirst(marker))
            if standsAlone { flush() }
        }
        flush()
        return blocks.joined(separator: "\n")
    }

    /// A text's lines, split at each line feed (a "\r\n" line keeps its "\r", which trimming
    /// removes; `String.split(separator: "\n")` would not split there at all: "\r\n" is one
    /// character).
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// A label or one line of text: inline markup left out, white space collapsed.
    static func plain(_ text: some StringProtocol) -> String {
        // Text whose every character is one Unicode scalar (all Dutch and French text, typographic
        // quotes and dashes included) is read scalar by scalar: the same result, many times faster
        // than grapheme by grapheme. Other text (combining marks, emoji…) takes the general path.
        let scalars = Array(text.unicodeScalars)
        if scalars.allSatisfy(Self.isWholeCharacter) { return collapsed(withoutMarkup(scalars)) }
        return plainByCharacter(text)
    }

    /// `plain`, grapheme by grapheme: right for any text.
    static func plainByCharacter(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for char in withoutMarkup(Array(text)) { out.append(contentsOf: char.unicodeScalars) }
        return collapse(String(out))
    }

    /// White space collapsed scalar by scalar, as `collapse` does it character by character.
    private static func collapsed(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(scalars.underestimatedCount)
        var pendingSpace = false
        for scalar in scalars {
            if scalar.isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            if scalar.isASCII { out.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { out.append($0) } }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A text's characters (or, when each is one scalar, its scalars) without inline markup.
    private static func withoutMarkup<C: FingerprintCharacter>(_ chars: [C]) -> [C] {
        var out: [C] = []
        out.reserveCapacity(chars.count)
        var index = 0
        func append(_ char: C) { out.append(char) }
        // `[text](target)` and `![alt](target)`: the text, then the target in angle brackets.
        while index < chars.count {
            let char = chars[index]
            if char == "\\", index + 1 < chars.count, chars[index + 1].isPunctuationOrSymbol {
                append(chars[index + 1])
                index += 2
                continue
            }
            if char == "]", index + 1 < chars.count, chars[index + 1] == "(",
                let close = chars[(index + 2)...].firstIndex(of: ")")
            {
                let target = chars[(index + 2)..<close].split { $0 == " " }.first ?? []
                append(" ")
                append("<")
                for char in target { append(char) }
                append(">")
                index = close + 1
                continue
            }
            let before: C = index > 0 ? chars[index - 1] : " ", after: C = index + 1 < chars.count ? chars[index + 1] : " "
            switch char {
            case "*", "`": break
            case "~" where after == "~" || before == "~": break
            case "_" where !before.isLetterOrNumber || !after.isLetterOrNumber: break
            case "[" where after != "^": break
            case "!" where after == "[": break
            default: append(char)
            }
            index += 1
        }
        return out
    }

    /// A scalar that is a character on its own whatever follows it: none of the marks, joiners,
    /// Hangul jamo or emoji parts that combine with a neighbour start below U+0300 or sit among
    /// the general punctuation (but the zero-width joiners), currency and letterlike symbols.
    static func isWholeCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x300 || (0x2000...0x214F).contains(value) && value != 0x200C && value != 0x200D
    }

    static func collapse(_ text: some StringProtocol) -> String {
        if text.unicodeScalars.allSatisfy(Self.isWholeCharacter) { return collapsed(text.unicodeScalars) }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether a line holds ` | `, a table's cell border without the outer pipes.
    static func hasCellBorder(_ line: Substring) -> Bool {
        var last = (UInt8(0), UInt8(0))
        for byte in line.utf8 {
            if last == (0x20, 0x7C), byte == 0x20 { return true }
            last = (last.1, byte)
        }
        return false
    }

    /// `|---|:---:|` and `---|---`: a table's rule, only markup.
    static func isTableRule(_ line: Substring) -> Bool {
        line.utf8.contains(UInt8(ascii: "-")) && line.utf8.contains(UInt8(ascii: "|")) && line.allSatisfy { "|-: ".contains($0) }
    }

    /// The length of a list item's marker (`- `, `* `, `12. `), 0 if none.
    static func listMarkerLength(_ line: Substring) -> Int {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return 2 }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return 0 }
        let rest = line.dropFirst(digits.count)
        guard let dot = rest.first, dot == "." || dot == ")", rest.dropFirst().first == " " else { return 0 }
        return digits.count + 2
    }
}

/// What `Fingerprint.plain` asks of a character: `Character`, or `Unicode.Scalar` when every
/// character of the text is one scalar (the answers are then the same).
protocol FingerprintCharacter: Equatable, ExpressibleByUnicodeScalarLiteral {
    var isSpace: Bool { get }
    var isPunctuationOrSymbol: Bool { get }
    var isLetterOrNumber: Bool { get }
}

extension Character: FingerprintCharacter {
    var isSpace: Bool { isWhitespace }
    var isPunctuationOrSymbol: Bool { isPunctuation || isSymbol }
    var isLetterOrNumber: Bool { isLetter || isNumber }
}

extension Unicode.Scalar: FingerprintCharacter {
    /// Unicode's White_Space property, which `Character.isWhitespace` reads.
    var isSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
    var isPunctuationOrSymbol: Bool {
        if isASCII { return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value) || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value) }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default: return false
        }
    }
    var isLetterOrNumber: Bool {
        if isASCII { return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
