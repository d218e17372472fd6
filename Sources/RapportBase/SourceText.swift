import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#else
#error("Rapport needs a POSIX C library (Glibc, Musl or Darwin)")
#endif

/// What every reader of a text file shares so that lines and columns mean the same thing in the
/// YAML, CSV and Markdown readers and under the caret: line ends of any kind, and characters an
/// editor cannot see.

/// The lines of `text`, without their line ends: `\n`, `\r\n` and a lone `\r` (an old Mac's)
/// each end a line, as libyaml, cmark and the CSV reader count them.
public func sourceLines(_ text: Substring) -> [Substring] {
    var lines: [Substring] = []
    var start = text.utf8.startIndex
    var index = start
    let end = text.utf8.endIndex
    while index < end {
        let byte = text.utf8[index]
        if byte == 0x0A || byte == 0x0D {
            lines.append(Substring(text.utf8[start..<index]))
            var next = text.utf8.index(after: index)
            if byte == 0x0D, next < end, text.utf8[next] == 0x0A { next = text.utf8.index(after: next) }
            start = next
            index = next
        } else {
            index = text.utf8.index(after: index)
        }
    }
    lines.append(Substring(text.utf8[start..<end]))
    return lines
}

/// `text` with every lone `\r` (a line end of an old Mac, or of a file saved by some
/// spreadsheets) made a `\n`, so that every reader splits the same lines. `\r\n` stays.
public func normalizingLoneCarriageReturns(_ text: String) -> String {
    // memchr: a byte-by-byte `contains` cost more than reading the file.
    var text = text
    guard text.withUTF8({ utf8 in utf8.baseAddress.map { memchr($0, 0x0D, utf8.count) != nil } ?? false }) else { return text }
    var bytes = Array(text.utf8)
    for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
        bytes[index] = 0x0A
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Characters that take no room on screen but change the text (a byte order mark left where
/// two files were joined, a zero-width space pasted from a web page): an editor cannot see them,
/// so a diagnostic names them by code point.
public enum InvisibleCharacters {
    /// Every invisible character of `text`, each an error at its line and column (the text's
    /// first line is line `firstLine` of `file`), and the text without them.
    public static func removing(from text: String, file: String, firstLine: Int = 1) -> (text: String, diagnostics: [Diagnostic]) {
        // They all start with the byte 0xE2 or 0xEF: most texts are passed through after one scan.
        guard text.containsByte(where: { $0 == 0xE2 || $0 == 0xEF }),
            text.unicodeScalars.contains(where: { InvisibleCharacter($0) != nil })
        else { return (text, []) }
        var diagnostics: [Diagnostic] = []
        var kept = String.UnicodeScalarView()
        var line = firstLine
        // The column of the next character (`SourceColumn`: the invisible one counts, as it
        // does in an editor).
        var column = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let character = InvisibleCharacter(scalar) {
                defer { column += SourceColumn.width(of: scalar) }
                diagnostics.append(
                    .error(
                        SourceLocation(file: file, line: line, column: column),
                        .file(.invisibleCharacter(codePoint: scalar.codePoint, character))))
                continue
            }
            kept.append(scalar)
            if scalar == "\n" || scalar == "\r" {
                if !(scalar == "\n" && previous == "\r") { line += 1 }
                column = 1
            } else {
                column += SourceColumn.width(of: scalar)
            }
            previous = scalar
        }
        guard !diagnostics.isEmpty else { return (text, []) }
        return (String(kept), diagnostics)
    }
}

extension SourceLocation {
    /// The text of line `line` (1-based) in `text`, without its line break, when it exists.
    public static func line(_ line: Int, in text: String) -> String? {
        let lines = sourceLines(Substring(text))
        return lines.indices.contains(line - 1) ? String(lines[line - 1]) : nil
    }
}
