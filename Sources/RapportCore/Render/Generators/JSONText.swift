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

    /// The text with a final line break.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case let .string(text): Self.appendQuoted(text, to: &out)
        case let .integer(number): out += String(number).utf8
        case let .bool(flag): out += (flag ? "true" : "false").utf8
        case let .array(items):
            out += "[\n".utf8
            for (index, item) in items.enumerated() {
                out += [UInt8](repeating: 0x20, count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                if index < items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            if items.isEmpty { out.append(0x0A) }
            out += [UInt8](repeating: 0x20, count: indent)
            out.append(UInt8(ascii: "]"))
        case let .object(fields):
            out += "{\n".utf8
            let keys = fields.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += [UInt8](repeating: 0x20, count: indent + 2)
                Self.appendQuoted(key, to: &out)
                out += " : ".utf8
                fields[key]?.write(into: &out, indent: indent + 2)
                if index < keys.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            if keys.isEmpty { out.append(0x0A) }
            out += [UInt8](repeating: 0x20, count: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string as Foundation escapes it: `"` and `\`, control characters (`\n`, `\r`,
    /// `\t`, `\b`, `\f`, else `\u00xx`); `/` and everything else as it is.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x00..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
