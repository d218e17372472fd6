import Diagnostics
import Foundation
import RapportBase
import SurveyData

/// A file's bytes with its lines, to turn a diagnostic's place (line, `SourceColumn`) into a
/// byte offset, and back.
struct FileBytes {
    let url: URL
    let bytes: [UInt8]
    private(set) var lineStarts: [Int] = [0]

    init(url: URL, bytes: [UInt8]) {
        self.url = url
        self.bytes = bytes
        for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
    }

    static func read(_ url: URL) -> FileBytes? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return FileBytes(url: url, bytes: Array(data))
    }

    func lineStart(_ line: Int) -> Int { lineStarts[min(max(0, line - 1), lineStarts.count - 1)] }

    /// Where line `line` ends (before `\r\n` or `\n`).
    func lineEnd(_ line: Int) -> Int {
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > 0, end <= bytes.count, end > lineStart(line), bytes[end - 1] == 0x0D { end -= 1 }
        return max(lineStart(line), end)
    }

    /// The byte offset of a place (1-based line, `SourceColumn` column).
    func offset(line: Int, column: Int) -> Int {
        var offset = lineStart(line), counted = 1
        while counted < column, offset < bytes.count, bytes[offset] != 0x0A {
            counted += SourceColumn.width(ofUTF8Byte: bytes[offset])
            offset += 1
        }
        return offset
    }

    /// The line of a byte offset.
    func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}

/// A YAML scalar's place in its file (a UI string, a front matter's title, a dataset's text),
/// found from where the loader saw it and checked against its value, and how a new value is
/// written there.
enum YAMLPlace {
    /// The bytes of the scalar whose text starts at `location` (or whose key `key` does), quotes
    /// included; nil unless they read back as `value` (a value over several lines, a block
    /// scalar: not written in place).
    static func find(in file: FileBytes, at location: SourceLocation, key: String? = nil, value: String) -> (Range<Int>, flow: Bool)? {
        let bytes = file.bytes
        var start = file.offset(line: location.line, column: location.column)
        if let key {
            guard bytes[start...].starts(with: Array(key.utf8)) else { return nil }
            start += key.utf8.count
            while start < bytes.count, bytes[start] == 0x20 { start += 1 }
            guard start < bytes.count, bytes[start] == UInt8(ascii: ":") else { return nil }
            start += 1
            while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        } else if start > 0, bytes[start - 1] == UInt8(ascii: "\"") || bytes[start - 1] == UInt8(ascii: "'") {
            start -= 1
        }
        let lineStart = file.lineStart(location.line)
        let before = bytes[lineStart..<start]
        let flow = before.filter { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }.count
            > before.filter { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "]") }.count
        var end = start
        let lineEnd = file.lineEnd(file.line(of: start))
        if start < bytes.count, let quote = bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'") ? bytes[start] : nil {
            end = start + 1
            while end < lineEnd {
                if bytes[end] == quote {
                    if quote == UInt8(ascii: "'"), end + 1 < lineEnd, bytes[end + 1] == quote {
                        end += 2
                        continue
                    }
                    break
                }
                end += quote == UInt8(ascii: "\"") && bytes[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard end < lineEnd else { return nil }
            end += 1
            return readsBack("v: " + file.string(start..<end), as: value) ? (start..<end, flow) : nil
        }
        while end < lineEnd {
            let byte = bytes[end]
            if byte == UInt8(ascii: "#"), end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { break }
            if flow, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { break }
            end += 1
        }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return file.string(start..<end) == value ? (start..<end, flow) : nil
    }

    /// `text` as a YAML scalar: plain when it reads back as the same text, else double-quoted.
    static func scalar(_ text: String, flow: Bool) -> String {
        if !text.isEmpty, !text.contains("\n"), !text.unicodeScalars.contains(where: InlineScan.isControl),
            text.trimmingCharacters(in: .whitespaces) == text, !(flow && text.contains(where: { ",[]{}".contains($0) })),
            readsBack(flow ? "{v: \(text)}" : "v: \(text)", as: text)
        {
            return text
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\u{85}", "\u{2028}", "\u{2029}": out += "\\u" + String(scalar.value, radix: 16).leftPadded(4)
            default:
                out += InlineScan.isControl(scalar) ? "\\u" + String(scalar.value, radix: 16).leftPadded(4) : String(scalar)
            }
        }
        return out + "\""
    }
}

extension YAMLPlace {
    /// Whether `yaml` (`v: …`) gives `v` the text `text` in any YAML reader: a plain `1`,
    /// `true`, `null` or `2024-01-01` is a number, truth value, nothing or date to most (YAML
    /// 1.1's types), though a text to Rapport's reader.
    static func readsBack(_ yaml: String, as text: String) -> Bool {
        guard let value = YAMLReader.node(of: yaml)?["v"], value.string == text else { return false }
        return value.style != .plain || typed.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) == nil
    }

    /// A plain scalar YAML 1.1 reads as a truth value, number, null or date (Yams' default
    /// resolver's patterns, which wrote this check before).
    private static let typed = try! NSRegularExpression(
        pattern: #"""
            ^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF\#
            |[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+\#
            |[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?\#
            |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)\#
            |~|null|Null|NULL|\#
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\#
            |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$
            """#)
}

/// A label's cell in a dataset's CSV file, and how a new label is written there.
enum CSVPlace {
    /// The bytes of the cell in `column` (the header's name, a language code) of the record on
    /// `line`, and the file's separator; nil unless the cell reads as `value`.
    static func find(in file: FileBytes, line: Int, column: String, value: String) -> (Range<Int>, delimiter: UInt8)? {
        let bom = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: file.bytes[bom...], as: UTF8.self)
        let firstLine = sourceLines(Substring(text)).first { !String($0).trimmingWhitespace.isEmpty } ?? ""
        let delimiter = firstLine.utf8.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        let reader = CSVReader(text, delimiter: delimiter)
        guard let header = reader.records.first(where: { !$0.isBlank }),
            let index = header.fields.firstIndex(where: { $0.text.trimmingWhitespace == column }),
            let record = reader.records.first(where: { $0.line == line }), index < record.fields.count,
            record.fields[index].text == value
        else { return nil }
        let bytes = record.fields[index].bytes
        return ((bytes.lowerBound + bom)..<(bytes.upperBound + bom), delimiter)
    }

    /// `text` as a CSV cell: quoted (RFC 4180) when it holds the separator, a quote, a line end
    /// or spaces at either end.
    static func cell(_ text: String, delimiter: UInt8) -> String {
        let needsQuotes =
            text.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.trimmingCharacters(in: .whitespaces) != text
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
