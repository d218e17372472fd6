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
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
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
            } else if line.hasPrefix("|") || line.contains(" | ") {
                line = Substring(line.replacingOccurrences(of: "|", with: " "))
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

    /// A label or one line of text: inline markup left out, white space collapsed.
    static func plain(_ text: some StringProtocol) -> String {
        var out = ""
        var chars = Array(text)
        var index = 0
        // `[text](target)` and `![alt](target)`: the text, then the target in angle brackets.
        while index < chars.count {
            let char = chars[index]
            if char == "\\", index + 1 < chars.count, chars[index + 1].isPunctuation || chars[index + 1].isSymbol {
                out.append(chars[index + 1])
                index += 2
                continue
            }
            if char == "]", index + 1 < chars.count, chars[index + 1] == "(",
                let close = chars[(index + 2)...].firstIndex(of: ")")
            {
                let target = String(chars[(index + 2)..<close]).split(separator: " ").first.map(String.init) ?? ""
                out += " <\(target)>"
                index = close + 1
                continue
            }
            let before = index > 0 ? chars[index - 1] : " ", after = index + 1 < chars.count ? chars[index + 1] : " "
            switch char {
            case "*", "`": break
            case "~" where after == "~" || before == "~": break
            case "_" where !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber): break
            case "[" where after != "^": break
            case "!" where after == "[": break
            default: out.append(char)
            }
            index += 1
        }
        chars = []
        return collapse(out)
    }

    static func collapse(_ text: some StringProtocol) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `|---|:---:|` and `---|---`: a table's rule, only markup.
    static func isTableRule(_ line: Substring) -> Bool {
        line.contains("-") && line.contains("|") && line.allSatisfy { "|-: ".contains($0) }
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
