import Diagnostics

/// `{{…}}` placeholders in a text, on bytes, in one pass (no C library here; Markdown.swift
/// feeds them from cmark's text nodes, RenderContext from dataset texts).
///
/// In Markdown, each placeholder is replaced in its text node by a marker: U+FDD0, the
/// placeholder's number in hexadecimal written with the noncharacters U+FDE0…U+FDEF (no ASCII
/// digit, so nothing that rewrites text, such as typography's grouping of thousands, can touch
/// it), U+FDD1. Noncharacters are reserved for a program's internal use, and the
/// page's own U+FDD0…U+FDEF are turned into U+FFFD before cmark sees them, so every marker in
/// cmark's HTML is ours. A marker is a plain text node to cmark: it is allowed wherever text is
/// (table cells, headings, link text, image alt text, footnotes), and `substitute` puts the
/// value's HTML (or, in alt text, its escaped plain text) in its place.
enum Placeholders {
    /// What a placeholder shows: HTML in running text, plain text where only text fits (image
    /// alt text, heading ids and the table of contents, dataset texts).
    struct Value {
        var html: String
        var text: String
    }

    enum Piece {
        /// Bytes to keep as they are.
        case text(Range<Int>)
        /// `{{` at `start`; the expression between the braces (not trimmed).
        case placeholder(start: Int, expression: Range<Int>)
        /// `{{` at `start` with no `}}` after it in the same text.
        case unclosed(start: Int)
        /// A data reference written with one brace, `{dataset:row}` (or `{dataset:row}}`), from
        /// `start` to `end` (excluded): printed as it is, so the editor is told.
        case singleBrace(start: Int, expression: Range<Int>, end: Int)
    }

    /// Splits `bytes` into text and placeholders, in order. Linear: each byte is looked at once
    /// (a `{{` inside an expression is part of it, as before).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ visit: (Piece) -> Void) {
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var index = 0, start = 0
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else {
                if bytes[index] == open, let (expression, end) = singleBrace(bytes, at: index) {
                    if start < index { visit(.text(start..<index)) }
                    visit(.singleBrace(start: index, expression: expression, end: end))
                    index = end
                    start = end
                    continue
                }
                index += 1
                continue
            }
            var end = index + 2
            while end + 1 < bytes.count, !(bytes[end] == close && bytes[end + 1] == close) { end += 1 }
            if start < index { visit(.text(start..<index)) }
            guard end + 1 < bytes.count else {
                visit(.unclosed(start: index))
                visit(.text(index..<bytes.count))
                return
            }
            visit(.placeholder(start: index, expression: (index + 2)..<end))
            index = end + 2
            start = index
        }
        if start < bytes.count { visit(.text(start..<bytes.count)) }
    }

    /// `{dataset:row}`, `{dataset:row:series}` or `{study:fact}` at `index` (a `{` not after
    /// another): what only a data reference looks like, keys of a-z, 0-9 and - joined by `:`.
    /// Its expression and the index after its `}` (or `}}`).
    private static func singleBrace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Range<Int>, Int)? {
        guard index == 0 || bytes[index - 1] != UInt8(ascii: "{") else { return nil }
        var end = index + 1, colons = 0, partLength = 0
        while end < bytes.count, end - index < 200 {
            let byte = bytes[end]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                partLength += 1
            case UInt8(ascii: ":"):
                guard partLength > 0 else { return nil }
                colons += 1
                partLength = 0
            case UInt8(ascii: "}"):
                guard (1...2).contains(colons), partLength > 0 else { return nil }
                let after = end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "}") ? end + 2 : end + 1
                return ((index + 1)..<end, after)
            default:
                return nil
            }
            end += 1
        }
        return nil
    }

    /// What a reference with one brace is told: it is printed as it is.
    static func singleBraceWarning(_ expression: String, at location: SourceLocation) -> Diagnostic {
        .warning(location, .markdown(.singleBrace(expression: expression)))
    }

    /// The start of an unclosed placeholder as an editor sees it in a diagnostic.
    static func excerpt(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        return text.count > 30 ? String(text.prefix(30)) + "…" : text
    }

    // MARK: Markers

    private static let markerOpen: (UInt8, UInt8, UInt8) = (0xEF, 0xB7, 0x90)  // U+FDD0
    private static let markerClose: (UInt8, UInt8, UInt8) = (0xEF, 0xB7, 0x91)  // U+FDD1

    static func appendMarker(_ number: Int, to output: inout [UInt8]) {
        output.append(markerOpen.0); output.append(markerOpen.1); output.append(markerOpen.2)
        for digit in String(number, radix: 16).utf8 {
            let value = digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
            output.append(0xEF); output.append(0xB7); output.append(0xA0 + value)  // U+FDE0 + digit
        }
        output.append(markerClose.0); output.append(markerClose.1); output.append(markerClose.2)
    }

    /// The marker at `index` (its number and the index after it), if one starts there.
    private static func marker(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (number: Int, end: Int)? {
        guard index + 2 < bytes.count, bytes[index] == markerOpen.0, bytes[index + 1] == markerOpen.1,
            bytes[index + 2] == markerOpen.2
        else { return nil }
        var end = index + 3, number = 0, digits = 0
        while end + 2 < bytes.count, bytes[end] == 0xEF, bytes[end + 1] == 0xB7, (0xA0...0xAF).contains(bytes[end + 2]), digits < 15 {
            number = number * 16 + Int(bytes[end + 2] - 0xA0)
            end += 3
            digits += 1
        }
        guard digits > 0, end + 2 < bytes.count, bytes[end] == markerClose.0, bytes[end + 1] == markerClose.1,
            bytes[end + 2] == markerClose.2
        else { return nil }
        return (number, end + 3)
    }

    /// `bytes` with every marker replaced by `values[number]`. The work is that of `bytes` and
    /// of the values its markers name, however many values the page has: it runs for every text
    /// node of a page, and adding up the sizes of all values each time made a long chapter's
    /// rendering grow as the square of its length.
    static func substitute<Values: RandomAccessCollection<[UInt8]>>(
        _ bytes: UnsafeBufferPointer<UInt8>, values: Values
    ) -> [UInt8] where Values.Index == Int {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0, index = 0
        while index < bytes.count {
            guard bytes[index] == markerOpen.0, let (number, end) = marker(in: bytes, at: index), number < values.count else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            output.append(contentsOf: values[number])
            index = end
            copied = end
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return output
    }

    /// `text` with U+FDD0…U+FDEF (the markers' range) turned into U+FFFD, byte for byte the same
    /// length; nil when there are none (almost always).
    static func neutralized(_ bytes: [UInt8]) -> [UInt8]? {
        var copy: [UInt8]?
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xB7, (0x90...0xAF).contains(bytes[index + 2]) {
                if copy == nil { copy = bytes }
                copy![index + 1] = 0xBF
                copy![index + 2] = 0xBD
            }
            index += 1
        }
        return copy
    }
}
