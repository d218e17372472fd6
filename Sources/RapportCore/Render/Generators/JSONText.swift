/// JSON written as Foundation's `JSONEncoder` writes it with `[.sortedKeys, .prettyPrinted,
/// .withoutEscapingSlashes]` (two-space indents, `"key" : value`, keys in order), straight into
/// bytes: the data package of every language is made on each build, and the encoder's
/// reflection cost more than the rest of the data page.
enum JSONText {
    indirect case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONText])
    /// Keys are written sorted.
    case object([String: JSONText])
    /// A value already written (`written(indent:)`) for the very place it stands in: the data
    /// page writes each dataset's part on all cores, then puts them together.
    case raw([UInt8])

    /// The text with a final line break.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    /// The value as it is written `indent` spaces in (no final line break).
    func written(indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case let .raw(bytes): out += bytes
        case let .string(text): Self.appendQuoted(text, to: &out)
        case let .integer(number): out += String(number).utf8
        case let .bool(flag): out += (flag ? "true" : "false").utf8
        case let .array(items):
            out += "[\n".utf8
            for (index, item) in items.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                item.write(into: &out, indent: indent + 2)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            if items.isEmpty { out.append(0x0A) }
            Self.appendSpaces(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case let .object(fields):
            out += "{\n".utf8
            // Sorted as pairs: no lookup of each key again.
            let sorted = fields.sorted { $0.key < $1.key }
            for (index, field) in sorted.enumerated() {
                Self.appendSpaces(indent + 2, to: &out)
                Self.appendQuoted(field.key, to: &out)
                out += " : ".utf8
                field.value.write(into: &out, indent: indent + 2)
                if index < sorted.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            if sorted.isEmpty { out.append(0x0A) }
            Self.appendSpaces(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string as Foundation escapes it: `"` and `\`, control characters (`\n`, `\r`,
    /// `\t`, `\b`, `\f`, else `\u00xx`); `/` and everything else as it is.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var run = 0  // start of the bytes not yet copied
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                out.append(0x5C)
                switch byte {
                case 0x22, 0x5C: out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default: out += [UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(0x22)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendSpaces(_ count: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0x20, count: count))
    }
}
