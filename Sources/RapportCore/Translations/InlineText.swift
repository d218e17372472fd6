/// A segment's text for a translator: words, and the protected inline codes around them
/// (XLIFF 1.2's `<ph>`, `<bpt>`, `<ept>`) that stand for what must reach the file unchanged:
/// `{{…}}` references, inline code, footnote references, link and image targets, emphasis
/// markers, entities, hard line breaks, control characters.
///
/// Markup is found by a small scan (`InlineScan`) that errs on the side of protecting: a `*`
/// it takes for emphasis that is not is only a code the translator keeps. What it leaves as
/// text is escaped again when a translation is written back (`markdown(escaping:)`).
struct InlineText: Sendable, Equatable {
    struct Code: Sendable, Equatable {
        enum Kind: String, Sendable { case ph, bpt, ept }
        var kind: Kind
        var id: Int
        /// What the code stands for in the file.
        var native: String
        /// What the XLIFF shows (the native text, or `U+0001` for a control character XML cannot hold).
        var shown: String
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        case code(Code)
    }

    var pieces: [Piece]

    var codes: [Code] { pieces.compactMap { if case let .code(code) = $0 { code } else { nil } } }
    var isBlank: Bool {
        pieces.allSatisfy { if case let .text(text) = $0 { text.allSatisfy(\.isWhitespace) } else { false } }
    }

    /// The text as it goes back into a file: codes as their native text; in Markdown the
    /// translator's text with what would be markup escaped (in a table cell also `|`), on one line.
    func markdown(escaping: InlineScan.Mode) -> String {
        var out = ""
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case let .code(code): out += code.native
            case let .text(text):
                guard escaping != .plain else {
                    out += text
                    continue
                }
                out += Self.escape(text, table: escaping == .tableCell, atStart: index == 0)
            }
        }
        return escaping == .plain ? out : out.trimmingCharacters(in: .whitespaces)
    }

    /// A translator's text as Markdown text: markup characters escaped, line ends made spaces.
    static func escape(_ text: String, table: Bool, atStart: Bool) -> String {
        var out = ""
        let chars = Array(text.replacingOccurrences(of: "\r\n", with: " ").map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        let lead = chars.firstIndex { !$0.isWhitespace } ?? chars.count
        for (index, char) in chars.enumerated() {
            let before = index > 0 ? chars[index - 1] : " ", after = index + 1 < chars.count ? chars[index + 1] : " "
            switch char {
            case "\\", "`", "*", "[", "]", "<", "~": out += "\\" + String(char)
            case "_" where !((before.isLetter || before.isNumber) && (after.isLetter || after.isNumber)): out += "\\_"
            case "|" where table: out += "\\|"
            case "&" where InlineScan.entityLength(chars, at: index) > 0: out += "\\&"
            case "#", ">", "-", "+", "=" where atStart && index == lead: out += "\\" + String(char)
            default:
                // `12. ` at the start would begin a list.
                if atStart, index > lead, char == "." || char == ")", chars[lead..<index].allSatisfy(\.isNumber) {
                    out += "\\" + String(char)
                } else {
                    out.append(char)
                }
            }
        }
        return out
    }
}

/// Finds a segment's markup. Markdown mode: everything `InlineText` lists; plain mode (dataset
/// labels and UI strings, which are not Markdown): `{{…}}`, `{name}` placeholders and control
/// characters only.
struct InlineScan {
    enum Mode: Sendable, Equatable { case markdown, tableCell, plain }

    private let chars: [Character]
    private let mode: Mode
    /// Hard line breaks of a joined paragraph: at this character, this native text.
    private let breaks: [Int: String]
    private var pieces: [InlineText.Piece] = []
    private var text = ""
    /// Emphasis delimiter runs, by index in `pieces` (a placeholder code until paired).
    private var runs: [(piece: Int, char: Character, count: Int, opens: Bool, closes: Bool)] = []

    static func scan(_ string: String, mode: Mode, breaks: [Int: String] = [:]) -> InlineText {
        var scanner = InlineScan(chars: Array(string), mode: mode, breaks: breaks)
        scanner.run()
        return InlineText(pieces: scanner.numbered())
    }

    private init(chars: [Character], mode: Mode, breaks: [Int: String]) {
        self.chars = chars
        self.mode = mode
        self.breaks = breaks
    }

    private mutating func flush() {
        if !text.isEmpty { pieces.append(.text(text)) }
        text = ""
    }

    private mutating func code(_ kind: InlineText.Code.Kind, _ native: String) {
        flush()
        let shown = String(native.unicodeScalars.map { Self.isControl($0) ? "U+\(String($0.value, radix: 16, uppercase: true).leftPadded(4))" : String($0) }.joined())
        pieces.append(.code(.init(kind: kind, id: 0, native: native, shown: shown)))
    }

    private func string(_ range: Range<Int>) -> String { String(chars[range]) }

    /// The index after the first `needle` at or after `from`, if any.
    private func after(_ needle: [Character], from: Int) -> Int? {
        var index = from
        while index + needle.count <= chars.count {
            if Array(chars[index..<(index + needle.count)]) == needle { return index + needle.count }
            index += 1
        }
        return nil
    }

    private mutating func run() {
        var index = 0
        // Links open: where their text ends (`]`) and their closing code `](target)`.
        var links: [(textEnd: Int, close: Int)] = []
        while index < chars.count {
            if let open = links.last, open.textEnd == index {
                code(.ept, string(index..<open.close))
                links.removeLast()
                index = open.close
                continue
            }
            if let native = breaks[index] {
                code(.ph, native)
                index += 1
                continue
            }
            let char = chars[index], next = index + 1 < chars.count ? chars[index + 1] : nil
            if char.unicodeScalars.contains(where: Self.isControl) {
                code(.ph, String(char))
                index += 1
                continue
            }
            if char == "{", next == "{", let end = after(["}", "}"], from: index + 2) {
                code(.ph, string(index..<end))
                index = end
                continue
            }
            if mode == .plain {
                if char == "{", let end = chars[index...].firstIndex(of: "}"), end > index + 1,
                    chars[(index + 1)..<end].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
                {
                    code(.ph, string(index..<(end + 1)))
                    index = end + 1
                } else {
                    text.append(char)
                    index += 1
                }
                continue
            }
            if char == "\\", let next, next.isASCII, next.isPunctuation || next.isSymbol {
                text.append(next)
                index += 2
                continue
            }
            if char == "`" {
                let count = chars[index...].prefix { $0 == "`" }.count
                if let end = closingBackticks(count, from: index + count) {
                    code(.ph, string(index..<end))
                    index = end
                } else {
                    text += String(repeating: "`", count: count)
                    index += count
                }
                continue
            }
            if char == "[", next == "^", let end = chars[index...].firstIndex(of: "]") {
                code(.ph, string(index..<(end + 1)))
                index = end + 1
                continue
            }
            let opener = char == "!" && next == "[" ? 2 : char == "[" ? 1 : 0
            if opener > 0, let (textEnd, close) = link(textFrom: index + opener) {
                code(.bpt, string(index..<(index + opener)))
                links.append((textEnd, close))
                index += opener
                continue
            }
            if char == "<", let end = chars[index...].firstIndex(of: ">"),
                case let inside = chars[(index + 1)..<end], !inside.isEmpty, !inside.contains(where: \.isWhitespace),
                inside.contains(":") || inside.contains("@")
            {
                code(.ph, string(index..<(end + 1)))
                index = end + 1
                continue
            }
            if char == "&", case let length = Self.entityLength(chars, at: index), length > 0 {
                code(.ph, string(index..<(index + length)))
                index += length
                continue
            }
            if char == "*" || char == "_" || char == "~" {
                let count = chars[index...].prefix { $0 == char }.count
                let before = index > 0 ? chars[index - 1] : " ", after = index + count < chars.count ? chars[index + count] : " "
                let left = !after.isWhitespace && (!Self.isPunctuation(after) || before.isWhitespace || Self.isPunctuation(before))
                let right = !before.isWhitespace && (!Self.isPunctuation(before) || after.isWhitespace || Self.isPunctuation(after))
                var (opens, closes) = (left, right)
                if char == "_" { (opens, closes) = (left && (!right || Self.isPunctuation(before)), right && (!left || Self.isPunctuation(after))) }
                if opens || closes {
                    code(.ph, string(index..<(index + count)))
                    runs.append((pieces.count - 1, char, count, opens, closes))
                } else {
                    text += String(repeating: char, count: count)
                }
                index += count
                continue
            }
            text.append(char)
            index += 1
        }
        flush()
    }

    /// The end of a code span opened by `count` backticks: after the next run of exactly as many.
    private func closingBackticks(_ count: Int, from start: Int) -> Int? {
        var index = start
        while index < chars.count {
            guard chars[index] == "`" else {
                index += 1
                continue
            }
            let run = chars[index...].prefix { $0 == "`" }.count
            if run == count { return index + run }
            index += run
        }
        return nil
    }

    /// A link's or image's text from `start`: where the text ends (its `]`) and the index after
    /// its `(target)`; nil when the brackets are not a link.
    private func link(textFrom start: Int) -> (Int, Int)? {
        var depth = 1, index = start
        while index < chars.count {
            switch chars[index] {
            case "\\": index += 1
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 {
                    guard index + 1 < chars.count, chars[index + 1] == "(" else { return nil }
                    var parens = 1, end = index + 2
                    while end < chars.count {
                        if chars[end] == "\\" { end += 1 } else if chars[end] == "(" { parens += 1 } else if chars[end] == ")" {
                            parens -= 1
                            if parens == 0 { return (index, end + 1) }
                        }
                        end += 1
                    }
                    return nil
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The pieces with their codes numbered in order; emphasis runs that open and close each
    /// other become a pair (`bpt`, `ept` with the same id), the others stay single codes.
    private func numbered() -> [InlineText.Piece] {
        var pieces = self.pieces
        var pairedWith: [Int: Int] = [:]
        var open: [Int] = []
        for (index, run) in runs.enumerated() {
            if run.closes, let match = open.lastIndex(where: { runs[$0].char == run.char && runs[$0].count == run.count }) {
                pairedWith[runs[open[match]].piece] = run.piece
                pairedWith[run.piece] = -1
                open.removeSubrange(match...)
            } else if run.opens {
                open.append(index)
            }
        }
        var next = 1
        var pending: [Int] = []  // ids of open link codes
        var idOf: [Int: Int] = [:]
        for index in pieces.indices {
            guard case var .code(code) = pieces[index] else { continue }
            if let partner = pairedWith[index] {
                if partner >= 0 {
                    code.kind = .bpt
                    code.id = next
                    idOf[partner] = next
                    next += 1
                } else {
                    code.kind = .ept
                    code.id = idOf[index] ?? 0
                }
            } else if code.kind == .bpt {
                code.id = next
                pending.append(next)
                next += 1
            } else if code.kind == .ept {
                code.id = pending.popLast() ?? 0
            } else {
                code.id = next
                next += 1
            }
            pieces[index] = .code(code)
        }
        return pieces
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE
            || scalar.value == 0xFFFF
    }

    static func isPunctuation(_ char: Character) -> Bool { char.isPunctuation || char.isSymbol }

    /// The length of an HTML entity (`&amp;`, `&#233;`) at `index`, 0 if none.
    static func entityLength(_ chars: [Character], at index: Int) -> Int {
        var end = index + 1
        while end < chars.count, end - index <= 32, chars[end].isASCII, chars[end].isLetter || chars[end].isNumber || chars[end] == "#" {
            end += 1
        }
        return end > index + 1 && end < chars.count && chars[end] == ";" ? end + 1 - index : 0
    }
}
