import RapportBase
import SurveyData

/// The search index of one language (`search-index.json`), made from the chapters' text as the
/// Markdown stage read it, and written as bytes.
enum SearchIndex {
    enum Kind: String { case chapter, section, chart }

    struct Entry {
        var kind: Kind
        /// Index of the chapter in the language's list.
        var chapter: Int
        var title: String
        var url: String
        var text: String
    }

    /// The chapter (its text before the first heading), each section (its text up to the next
    /// heading) and each chart, in the order they appear, from the chapter's text as the
    /// Markdown stage read it (`Markdown.Reading`).
    static func entries(
        of chapter: RenderedChapter, number: Int, url: String, language: Language,
        shownDatasets datasets: [String: Dataset]
    ) -> [Entry] {
        var entries = [Entry(kind: .chapter, chapter: number, title: chapter.page.title, url: url, text: "")]
        var current = 0
        var text = ""
        func close() {
            entries[current].text = String(decoding: WhiteSpace.collapsed(Array(text.utf8)), as: UTF8.self)
            text = ""
        }
        var chartNumber = 0
        for piece in chapter.reading {
            switch piece {
            case let .text(words): text += words
            case let .heading(index):
                close()
                let heading = chapter.headings[index]
                entries.append(
                    Entry(
                        kind: .section, chapter: number, title: heading.text, url: url + "#" + heading.id,
                        text: ""))
                current = entries.count - 1
            case .figure:
                // A chart: its texts come from its dataset; its id is the figure's.
                text += " "
                guard chapter.charts.indices.contains(chartNumber) else { continue }
                let anchor = chapter.charts[chartNumber]
                chartNumber += 1
                guard let dataset = datasets[anchor.dataset] else { continue }
                var words = [dataset.finding?[language], dataset.question?[language]].compactMap { $0 }
                words += dataset.rows.map { $0.label[language] } + dataset.series.map { $0.label[language] }
                entries.append(
                    Entry(
                        kind: .chart, chapter: number, title: dataset.title[language],
                        url: url + "#" + anchor.id, text: joined(words.filter { !$0.isEmpty })))
            }
        }
        close()
        return entries
    }

    /// The text of an HTML entity's name (`amp`, `#233`, `#xE9`), or nil for one it does not know.
    static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// A chart's texts in one line: "; " between them, a space after one that ends a sentence.
    static func joined(_ texts: [String]) -> String {
        var line = ""
        for text in texts {
            if !line.isEmpty { line += ".?!…:".contains(line.last ?? " ") ? " " : "; " }
            line += text
        }
        return line
    }

    /// `{"chapters":[[title, url], …],"entries":[[kind, chapter, title, fragment, text], …]}`:
    /// kind is c, s or g (a chart); an entry's address is its chapter's URL and its fragment.
    /// `parts`: each chapter's entries as `json(_:)` wrote them.
    static func json(_ parts: [[UInt8]], chapters: [(title: String, url: String)]) -> [UInt8] {
        var json: [UInt8] = []
        json += "{\"chapters\":[".utf8
        for (index, chapter) in chapters.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "["))
            appendQuoted(chapter.title, to: &json)
            json.append(UInt8(ascii: ","))
            appendQuoted(chapter.url, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        json += "],\"entries\":[\n".utf8
        var first = true
        for part in parts where !part.isEmpty {
            if !first { json += ",\n".utf8 }
            first = false
            json += part
        }
        json += "]}\n".utf8
        return json
    }

    /// Entries as the index lists them, one per line, with a comma between them.
    static func json(_ entries: [Entry]) -> [UInt8] {
        var json: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            if index > 0 { json += ",\n".utf8 }
            let kind = entry.kind == .chapter ? "c" : entry.kind == .section ? "s" : "g"
            let fragment = entry.url.firstIndex(of: "#").map { String(entry.url[$0...]) } ?? ""
            json += "[\"\(kind)\",\(entry.chapter),".utf8
            appendQuoted(entry.title, to: &json)
            json.append(UInt8(ascii: ","))
            appendQuoted(fragment, to: &json)
            json.append(UInt8(ascii: ","))
            appendQuoted(entry.text, to: &json)
            json.append(UInt8(ascii: "]"))
        }
        return json
    }

    /// A JSON string; `<` escaped too, so the text is harmless wherever it ends up. The bytes
    /// between two that need escaping are copied as one run (the index is megabytes of text).
    static func appendQuoted(_ text: String, to json: inout [UInt8]) {
        json.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0  // the first byte not yet copied
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<") || byte == 0xE2
                else {
                    i += 1
                    continue
                }
                // U+2028 and U+2029 end a line in JavaScript: escaped; any other E2 sequence is copied.
                let separator = byte == 0xE2 && i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)
                if byte == 0xE2 && !separator {
                    i += 1
                    continue
                }
                json.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                switch byte {
                case UInt8(ascii: "\""): json += #"\""#.utf8
                case UInt8(ascii: "\\"): json += #"\\"#.utf8
                case UInt8(ascii: "<"): json += #"\u003c"#.utf8
                case UInt8(ascii: "\n"): json += #"\n"#.utf8
                case 0xE2:
                    json += (utf8[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    i += 2
                default: json += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
                }
                i += 1
                run = i
            }
            json.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        json.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// White space as `Character.isWhitespace` sees it, on UTF-8 bytes.
enum WhiteSpace {
    /// The bytes with every run of white space made one space, and none at either end.
    static func collapsed(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        var i = 0
        while i < bytes.count {
            let length = whiteSpaceLength(bytes, at: i)
            if length > 0 {
                space = !out.isEmpty
                i += length
                continue
            }
            if space { out.append(0x20) }
            space = false
            // The run up to the next byte that may start white space, copied at once.
            var end = i + 1
            while end < bytes.count, !mayStartWhiteSpace(bytes[end]) { end += 1 }
            out.append(contentsOf: bytes[i..<end])
            i = end
        }
        return out
    }

    /// Whether a white-space scalar can begin with `byte` (ASCII space and controls, or the lead
    /// byte of U+0085, U+00A0, U+1680, U+2000…, U+3000).
    @inline(__always) static func mayStartWhiteSpace(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3
    }

    /// The length of the white-space scalar at `i` (Unicode White_Space), or 0.
    static func whiteSpaceLength(_ b: [UInt8], at i: Int) -> Int {
        let byte = b[i]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        func next(_ k: Int) -> UInt8 { i + k < b.count ? b[i + k] : 0 }
        switch byte {
        case 0xC2: return next(1) == 0x85 || next(1) == 0xA0 ? 2 : 0
        case 0xE1: return next(1) == 0x9A && next(2) == 0x80 ? 3 : 0
        case 0xE2:
            if next(1) == 0x80 { return (0x80...0x8A).contains(next(2)) || [0xA8, 0xA9, 0xAF].contains(next(2)) ? 3 : 0 }
            return next(1) == 0x81 && next(2) == 0x9F ? 3 : 0
        case 0xE3: return next(1) == 0x80 && next(2) == 0x80 ? 3 : 0
        default: return 0
        }
    }
}
