import Diagnostics
import RapportBase

/// One reading of a CSV text (RFC 4180) that yields every cell with the line and column where it
/// starts: the values and the places of the diagnostics come from the same pass, so they cannot
/// disagree.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as every reader of the project counts them
/// (`sourceLines`); columns are counted as every diagnostic counts them (`SourceColumn`:
/// UTF-16 code units, as editors do). A cell is quoted when it starts with `"`; inside, `""` is a quote and line ends are
/// text. A quote inside a cell that does not start with one is text (as most readers take it).
public struct CSVReader {
    public struct Field: Sendable {
        public var text: String
        public var line: Int
        public var column: Int
        /// The line the cell's text ends on: after `line` when a quoted cell holds a line end.
        public var lastLine: Int
        public var quoted: Bool
        /// Where the cell is in the text's UTF-8 bytes, quotes included (`rapport translations
        /// import` writes a translated label there).
        public var bytes: Range<Int> = 0..<0
    }

    public struct Record: Sendable {
        public var fields: [Field]
        public var line: Int
        /// Text after a closing quote: the cells are not what the editor meant.
        var broken = false

        /// An empty line, or one of spaces only.
        public var isBlank: Bool {
            fields.count == 1 && !fields[0].quoted && fields[0].text.trimmingWhitespace.isEmpty
        }
    }

    enum Problem: Equatable {
        /// A quote that opens a cell and is closed neither on its line nor by a quote that ends
        /// the cell lines later: the reading starts again on the next line.
        case unclosedQuote(line: Int, column: Int)
        /// Text after the quote that closes a cell, at that text; the record is marked broken.
        case textAfterClosingQuote(line: Int, column: Int)
    }

    public private(set) var records: [Record] = []
    private(set) var problems: [Problem] = []

    public init(_ text: String, delimiter: UInt8) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = Scanner(bytes: bytes, delimiter: delimiter)
            scanner.run()
            records = scanner.records
            problems = scanner.problems
        }
    }
}

private let quote = UInt8(ascii: "\""), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    var records: [CSVReader.Record] = []
    var problems: [CSVReader.Problem] = []
    var index = 0
    var line = 1
    var lineStart = 0
    /// The column of byte `countedTo` of the current line (columns are counted forward).
    var countedTo = 0
    var countedColumn = 1
    var buffer: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    mutating func run() {
        while index < bytes.count {
            if let record = readRecord() { records.append(record) }
        }
    }

    /// One record, or nil when a quote left open makes it unreadable (the reading then goes on
    /// at the line after the quote's).
    mutating func readRecord() -> CSVReader.Record? {
        var record = CSVReader.Record(fields: [], line: line)
        while true {
            let column = column(at: index), fieldStart = index
            var field = CSVReader.Field(text: "", line: line, column: column, lastLine: line, quoted: false)
            if index < bytes.count, bytes[index] == quote {
                field.quoted = true
                switch readQuoted(into: &field) {
                case .open: return nil
                case .textAfter: record.broken = true
                case .closed: break
                }
            } else {
                let start = index
                while index < bytes.count, !isFieldEnd(bytes[index]) { index += 1 }
                field.text = text(start..<index)
            }
            field.bytes = fieldStart..<index
            record.fields.append(field)
            if index < bytes.count, bytes[index] == delimiter {
                index += 1
                continue
            }
            endLine()
            return record
        }
    }

    enum Quoted { case closed, textAfter, open }

    /// Reads a quoted cell from its opening quote at `index`.
    mutating func readQuoted(into field: inout CSVReader.Field) -> Quoted {
        let opening = index, openLine = line, openColumn = field.column
        index += 1
        buffer.removeAll(keepingCapacity: true)
        var closed = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote {
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    buffer.append(quote)
                    index += 2
                    continue
                }
                index += 1
                closed = true
                break
            }
            buffer.append(byte)
            index += 1
            if byte == lineFeed || byte == carriageReturn {
                if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed {
                    buffer.append(lineFeed)
                    index += 1
                }
                newLine()
            }
        }
        let wellEnded = closed && (index == bytes.count || isFieldEnd(bytes[index]))
        if !wellEnded, !closed || line > openLine {
            // Open to the end of the file, or "closed" lines later by a quote that does not end
            // a cell: the quote that opened it is the mistake.
            problems.append(.unclosedQuote(line: openLine, column: openColumn))
            restart(afterLineOf: opening, lineNumber: openLine)
            return .open
        }
        field.lastLine = line
        if !wellEnded {
            problems.append(.textAfterClosingQuote(line: line, column: column(at: index)))
            buffer.append(quote)
            while index < bytes.count, !isFieldEnd(bytes[index]) {
                buffer.append(bytes[index])
                index += 1
            }
            field.text = String(decoding: buffer, as: UTF8.self)
            return .textAfter
        }
        field.text = String(decoding: buffer, as: UTF8.self)
        return .closed
    }

    func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == lineFeed || byte == carriageReturn
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Past the line end at `index` (if any), onto the next line.
    mutating func endLine() {
        guard index < bytes.count else { return }
        if bytes[index] == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == lineFeed { index += 1 }
        index += 1
        newLine()
    }

    mutating func newLine() {
        line += 1
        lineStart = index
        countedTo = index
        countedColumn = 1
    }

    /// Goes on reading at the line after the one that holds byte `offset` (line `lineNumber`).
    mutating func restart(afterLineOf offset: Int, lineNumber: Int) {
        index = offset
        while index < bytes.count, bytes[index] != lineFeed, bytes[index] != carriageReturn { index += 1 }
        line = lineNumber
        if index < bytes.count {
            endLine()
        } else {
            lineStart = index
        }
    }

    /// The column (`SourceColumn`) of byte `offset` of the current line. Asked in order along
    /// a line, each byte is counted once.
    mutating func column(at offset: Int) -> Int {
        if offset < countedTo || countedTo < lineStart {
            countedTo = lineStart
            countedColumn = 1
        }
        while countedTo < offset {
            countedColumn += SourceColumn.width(ofUTF8Byte: bytes[countedTo])
            countedTo += 1
        }
        return countedColumn
    }
}
