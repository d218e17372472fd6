import Diagnostics

/// Decodes UTF-8 bytes, or returns the location (line, column) of the first invalid byte.
public func decodeUTF8(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
    // Valid files (nearly all) are checked once, by the standard library; only an invalid one
    // is walked again to say where.
    if var text = String(validating: bytes, as: UTF8.self) {
        if text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst() }
        return .success(normalizingLoneCarriageReturns(text))
    }
    var line = 1
    var column = 1
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        let length: Int
        switch byte {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: length = 0
        }
        var valid = length > 0 && index + length <= bytes.count
        if valid {
            for k in 1..<length where bytes[index + k] & 0xC0 != 0x80 { valid = false }
            if valid, length == 3 {
                let b1 = bytes[index + 1]
                if byte == 0xE0 && b1 < 0xA0 || byte == 0xED && b1 > 0x9F { valid = false }
            }
            if valid, length == 4 {
                let b1 = bytes[index + 1]
                if byte == 0xF0 && b1 < 0x90 || byte == 0xF4 && b1 > 0x8F { valid = false }
            }
        }
        if !valid {
            return .failure(
                .error(
                    SourceLocation(file: file, line: line, column: column),
                    .file(.notUTF8(byte: byte, windows1252: windows1252(byte), file: file))))
        }
        if byte == 0x0A && !(index > 0 && bytes[index - 1] == 0x0D) || byte == 0x0D {
            line += 1
            column = 1
        } else {
            column += SourceColumn.width(ofUTF8Byte: byte)
        }
        index += length
    }
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return .success(normalizingLoneCarriageReturns(text))
}

/// The character `byte` stands for in Windows-1252, the encoding Excel's plain "CSV" and older
/// Windows editors save in (for 0xA0 and above the same as Latin-1): what an editor typed where
/// a file is not UTF-8. Nil for an ASCII byte and for the five bytes Windows-1252 leaves unused.
func windows1252(_ byte: UInt8) -> String? {
    let high: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
    switch byte {
    case 0x80...0x9F: return high[Int(byte - 0x80)].map { String(Character($0)) }
    case 0xA1...0xFF: return String(Character(Unicode.Scalar(byte)))
    default: return nil
    }
}
