// Word wrapping on measured widths (see TextMetrics.swift for how text is measured).

/// How a word is drawn.
enum WordStyle: Sendable {
    /// The label's own text.
    case normal
    /// A note appended by the chart (the low-base marker): italic, dark grey.
    case note
}

/// An unbreakable piece of a label.
struct Word: Sendable {
    var text: Substring
    var width: Double
    var style: WordStyle
    /// Follows the previous word without a space (the part after a hyphen or a hard break).
    var joinsPrevious: Bool
}

/// One wrapped line.
struct TextLine: Sendable {
    var words: [Word]
    var width: Double
}

enum Wrap {
    /// Splits `text` into words at whitespace (not at no-break spaces) and after a hyphen or slash
    /// that has at least three characters before it and three letters after it ("Nederlandstalig-
    /// Franstalig" may break, "e-mail" and "0-9" do not).
    static func words(_ text: String, size: Double, bold: Bool, style: WordStyle = .normal) -> [Word] {
        var result: [Word] = []
        var start: String.Index? = nil
        var joins = false
        var previous: Unicode.Scalar? = nil
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func close(_ end: String.Index) {
            if let s = start, s < end {
                let piece = Substring(text.unicodeScalars[s..<end])
                result.append(
                    Word(
                        text: piece, width: TextMetrics.width(piece, size: size, bold: bold),
                        style: style, joinsPrevious: joins))
            }
            start = nil
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if isBreakingSpace(scalar) {
                close(index)
                joins = false
            } else {
                if start == nil { start = index }
                if (scalar == "-" || scalar == "/"), let p = previous, p.properties.isAlphabetic,
                    let s = start, scalars.distance(from: s, to: index) >= 3,
                    lettersFollow(scalars, from: next, count: 3)
                {
                    close(next)
                    joins = true
                    previous = scalar
                    index = next
                    continue
                }
            }
            previous = scalar
            index = next
        }
        close(scalars.endIndex)
        return result
    }

    /// True when `count` letters follow `index` (so "e-mail" and "0-9" stay whole).
    static func lettersFollow(_ scalars: String.UnicodeScalarView, from index: String.Index, count: Int) -> Bool {
        var i = index
        for _ in 0..<count {
            guard i < scalars.endIndex, scalars[i].properties.isAlphabetic else { return false }
            i = scalars.index(after: i)
        }
        return true
    }

    static func isBreakingSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x2028, 0x2029, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Greedy line filling. A word wider than `maxWidth` is broken between grapheme clusters.
    static func lines(_ words: [Word], maxWidth: Double, size: Double, bold: Bool) -> [TextLine] {
        let space = TextMetrics.width(" ", size: size, bold: bold)
        var lines: [TextLine] = []
        var current = TextLine(words: [], width: 0)
        for word in words {
            let gap = word.joinsPrevious ? 0 : space
            if !current.words.isEmpty && current.width + gap + word.width <= maxWidth + 0.001 {
                current.words.append(word)
                current.width += gap + word.width
                continue
            }
            if !current.words.isEmpty {
                lines.append(current)
                current = TextLine(words: [], width: 0)
            }
            if word.width <= maxWidth + 0.001 {
                current.words.append(word)
                current.width = word.width
                continue
            }
            // Hard break: fill lines character by character.
            var chunkStart = word.text.startIndex
            var chunkWidth = 0.0
            var index = word.text.startIndex
            var first = true
            while index < word.text.endIndex {
                let next = word.text.index(after: index)
                let w = TextMetrics.width(word.text[index..<next], size: size, bold: bold)
                if chunkWidth + w > maxWidth + 0.001 && index > chunkStart {
                    let piece = word.text[chunkStart..<index]
                    lines.append(
                        TextLine(
                            words: [
                                Word(
                                    text: piece, width: chunkWidth, style: word.style,
                                    joinsPrevious: first ? word.joinsPrevious : true)
                            ],
                            width: chunkWidth))
                    first = false
                    chunkStart = index
                    chunkWidth = 0
                }
                chunkWidth += w
                index = next
            }
            if chunkStart < word.text.endIndex {
                current.words.append(
                    Word(
                        text: word.text[chunkStart...], width: chunkWidth, style: word.style,
                        joinsPrevious: true))
                current.width = chunkWidth
            }
        }
        if !current.words.isEmpty { lines.append(current) }
        return lines
    }

    /// Wraps plain text.
    static func wrap(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> [TextLine] {
        lines(words(text, size: size, bold: bold), maxWidth: maxWidth, size: size, bold: bold)
    }
}
