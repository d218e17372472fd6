import Foundation
import RapportBase

/// The values of a page's placeholders, by marker number.
struct PlaceholderValues {
    /// What replaces each marker in cmark's HTML (UTF-8): the HTML, or in alt text the escaped text.
    var html: [[UInt8]] = []
    /// Each marker's plain text (UTF-8), for heading ids and the table of contents.
    var texts: [[UInt8]] = []
}

extension Markdown {
    /// Replaces each `{{…}}` of a text node by a marker (see `Placeholders`), asking `hooks` for
    /// its value; reports a `{{` whose `}}` is not in the same text node (cut off by Markdown,
    /// HTML or a line break), which would otherwise be published as it is.
    static func rewritePlaceholders(
        in node: MarkdownNode, inImage: Bool, lineOffset: Int, columns: inout SourceColumns,
        values: inout PlaceholderValues, hooks: Hooks
    ) {
        // Most text has no `{`: looked for in cmark's own bytes, before making a String.
        guard let literal = node.withLiteral({ $0.contains(UInt8(ascii: "{")) ? Array($0) : nil }) else { return }
        let (line, startColumn) = node.start
        // The source is searched for each `{{` from where the node starts: the literal may differ
        // from the source before it (entities, escapes, typographic quotes).
        let nodeStart = columns.offset(line: line, byteColumn: startColumn)
        // Searched no further than the node's end (or, without one, the most an entity could add).
        let end = node.end
        let nodeEnd =
            end.line == line && end.column >= startColumn
            ? columns.offset(line: line, byteColumn: end.column + 1) : nodeStart + 12 * literal.count
        var searchFrom = nodeStart
        /// Where the `{{` (or `needle`) at `literalOffset` of the literal stands in the source.
        func position(_ literalOffset: Int, needle: [UInt8]? = nil) -> Position {
            let found = needle.map { columns.next($0, from: searchFrom, before: nodeEnd) } ?? columns.nextOpening(from: searchFrom, before: nodeEnd)
            let offset = found ?? (nodeStart + literalOffset)
            searchFrom = offset + (needle?.count ?? 2)
            return Position(line: line + lineOffset, column: columns.column(at: offset))
        }
        var rewritten: [UInt8] = []
        rewritten.reserveCapacity(literal.count + 1)
        literal.withUnsafeBufferPointer { literal in
            Placeholders.scan(literal) { piece in
                switch piece {
                case let .text(range):
                    rewritten.append(contentsOf: UnsafeBufferPointer(rebasing: literal[range]))
                case let .placeholder(start, expression):
                    let at = position(start)
                    let value = hooks.placeholder(
                        String(decoding: UnsafeBufferPointer(rebasing: literal[expression]), as: UTF8.self).trimmingWhitespace, at)
                    Placeholders.appendMarker(values.html.count, to: &rewritten)
                    values.html.append(Array((inImage ? escapeHTML(value.text) : value.html).utf8))
                    values.texts.append(Array(value.text.utf8))
                case let .singleBrace(start, expression, end):
                    rewritten.append(contentsOf: UnsafeBufferPointer(rebasing: literal[start..<end]))
                    let written = Array(UnsafeBufferPointer(rebasing: literal[start..<(expression.upperBound + 1)]))
                    hooks.singleBrace(
                        String(decoding: UnsafeBufferPointer(rebasing: literal[expression]), as: UTF8.self), position(start, needle: written))
                case let .unclosed(start):
                    hooks.error(.markdown(.placeholderSplit(excerpt: Placeholders.excerpt(literal, from: start))), position(start))
                }
            }
        }
        node.setLiteral(rewritten)
    }
}
