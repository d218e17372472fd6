/// The blocks of a chapter a translator translates: headings, paragraphs (in list items, quotes
/// and footnotes too) and table cells, each with its place in the file's bytes, found by
/// cmark-gfm (its source positions). Code blocks, charts among them, are not translated.
struct MarkdownBlock: Sendable {
    var what: String
    /// The line where it starts in the file.
    var line: Int
    /// Its text's bytes in the file: the heading without its `#`, the paragraph without its
    /// list marker or quote mark, the cell without its `|` and padding.
    var range: Range<Int>
    var text: InlineText
    var mode: InlineScan.Mode
}

enum MarkdownBlocks {
    /// The blocks of `file`'s body (from line `bodyLine`, after the front matter), in order.
    static func blocks(_ file: FileBytes, bodyLine: Int) -> [MarkdownBlock] {
        let bodyStart = file.lineStart(bodyLine)
        guard bodyStart < file.bytes.count, let tree = MarkdownTree(Array(file.bytes[bodyStart...])) else { return [] }
        let shift = bodyLine - 1
        var found: [MarkdownBlock] = []
        tree.root.walk { node, entering in
            guard entering else { return }
            let (start, end) = (node.start, node.end)
            guard start.line > 0, end.line > 0, start.column > 0 else { return }
            let (first, last) = (start.line + shift, end.line + shift)
            var range: Range<Int>
            var what = node.typeName, mode = InlineScan.Mode.markdown
            switch what {
            case "paragraph":
                range = (file.lineStart(first) + start.column - 1)..<(file.lineStart(last) + end.column)
                switch node.parent?.typeName {
                case "item": what = "list item"
                case "footnote_definition": what = "footnote"
                default: break
                }
            case "heading" where last > first:
                // Setext: its text is the lines above the underline.
                range = file.lineStart(first)..<file.lineEnd(last - 1)
            case "heading":
                var from = file.lineStart(first) + start.column - 1
                while from < file.bytes.count, file.bytes[from] == UInt8(ascii: "#") { from += 1 }
                range = from..<min(file.lineStart(last) + end.column, file.lineEnd(last))
            case "table_cell":
                range = (file.lineStart(first) + start.column - 1)..<min(file.lineStart(last) + end.column, file.lineEnd(last))
                if file.bytes[range].first == UInt8(ascii: "|") { range = (range.lowerBound + 1)..<max(range.lowerBound + 1, range.upperBound) }
                what = "table cell"
                mode = .tableCell
            default: return
            }
            range = trimmed(range, in: file.bytes)
            guard !range.isEmpty else { return }
            let (joined, breaks) = join(file, range)
            let text = InlineScan.scan(joined, mode: mode, breaks: breaks)
            guard !text.isBlank else { return }
            found.append(MarkdownBlock(what: what, line: first, range: range, text: text, mode: mode))
        }
        return found
    }

    static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        var (low, high) = (range.lowerBound, min(range.upperBound, bytes.count))
        while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
        while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 || bytes[high - 1] == 0x0D { high -= 1 }
        return low..<high
    }

    /// A block's lines as one: a line end becomes a space; a hard line break (two spaces or a
    /// backslash before it) a code, kept with what stands before the next line's text; the
    /// next lines' indentation and quote marks are left out.
    static func join(_ file: FileBytes, _ range: Range<Int>) -> (String, [Int: String]) {
        var joined = "", breaks: [Int: String] = [:]
        var line = file.line(of: range.lowerBound), position = range.lowerBound
        while true {
            let lineEnd = min(file.lineEnd(line), range.upperBound)
            if lineEnd >= range.upperBound || line >= file.lineStarts.count {
                joined += file.string(position..<range.upperBound)
                return (joined, breaks)
            }
            var textEnd = lineEnd
            while textEnd > position, file.bytes[textEnd - 1] == 0x20 { textEnd -= 1 }
            let spaces = lineEnd - textEnd
            let backslash = textEnd > position && file.bytes[textEnd - 1] == UInt8(ascii: "\\")
            if backslash { textEnd -= 1 }
            joined += file.string(position..<textEnd)
            var next = file.lineStart(line + 1)
            while next < range.upperBound, [0x20, 0x09, UInt8(ascii: ">")].contains(file.bytes[next]) { next += 1 }
            if spaces >= 2 || backslash {
                breaks[joined.count] = file.string(textEnd..<next)
                joined += "\n"
            } else {
                joined += " "
            }
            position = next
            line += 1
        }
    }
}
