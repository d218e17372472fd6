import Diagnostics

/// The columns of places in a chapter's Markdown (UTF-8), for diagnostics: cmark gives each
/// node's line and column in bytes, and placeholders are found by byte offset; both become
/// columns here, as `SourceColumn` counts them (UTF-16 code units, as editors do), so that a
/// link after fifteen accented letters is not fifteen columns to the right of itself.
///
/// Asked in document order it counts each byte once (a cursor moves forward along the line),
/// so 10,000 placeholders on one line cost one pass over it.
struct SourceColumns {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = []
    private var cursor = (offset: 0, column: 1)

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The byte offset of `line` (1-based) and byte `column` (1-based, as cmark counts).
    mutating func offset(line: Int, byteColumn: Int) -> Int {
        if lineStarts.isEmpty {
            lineStarts = [0]
            for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
        }
        let lineStart = lineStarts[min(max(0, line - 1), lineStarts.count - 1)]
        return min(bytes.count, lineStart + max(0, byteColumn - 1))
    }

    /// The column of cmark's `line` and byte `column`.
    mutating func column(line: Int, byteColumn: Int) -> Int {
        column(at: offset(line: line, byteColumn: byteColumn))
    }

    /// The offset of the next `{{` from `offset` on the same line and before `limit`, if any.
    func nextOpening(from offset: Int, before limit: Int) -> Int? {
        var index = offset
        while index + 1 < min(bytes.count, limit), bytes[index] != 0x0A {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the next `needle` from `offset` on the same line and before `limit`, if any.
    func next(_ needle: [UInt8], from offset: Int, before limit: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = offset
        let end = min(bytes.count, limit)
        while index + needle.count <= end, bytes[index] != 0x0A {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The column (`SourceColumn`) of byte `offset` in its line.
    mutating func column(at offset: Int) -> Int {
        let target = min(max(0, offset), bytes.count)
        if target < cursor.offset || bytes[cursor.offset..<target].contains(0x0A) {
            var start = target
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            cursor = (start, 1)
        }
        var (index, column) = cursor
        while index < target {
            column += SourceColumn.width(ofUTF8Byte: bytes[index])
            index += 1
        }
        cursor = (target, column)
        return column
    }
}
