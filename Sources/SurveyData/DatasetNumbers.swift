/// Numbers as editors write them: read from a CSV cell, and written back in the same form.
extension CSVTable {
    /// Parses a number as an editor types it: `12`, `12.5`, `-3`, and `12,5` in a `;` file.
    /// Rejects anything else (`8O`, `12,5,`, `1e5`, `nan`, `12%`).
    func number(_ text: String) -> Double? {
        // Plain digits with at most a point (most cells): checked on bytes.
        if !text.isEmpty, text.utf8.count <= 24 {
            var points = 0, digits = 0, valid = true
            for (offset, byte) in text.utf8.enumerated() {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
                case UInt8(ascii: "."): points += 1
                case UInt8(ascii: "-") where offset == 0: break
                default: valid = false
                }
                if !valid { break }
            }
            if valid, points == 0, digits > 0 { return Double(text) }
        }
        var text = Substring(text)
        if acceptsDecimalComma, text.filter({ $0 == "," }).count == 1, !text.contains(".") {
            text = Substring(text.replacingFirst(",", with: "."))
        }
        var digitsBefore = 0, digitsAfter = 0, seenPoint = false
        for (offset, character) in text.enumerated() {
            if character == "-", offset == 0 { continue }
            if character == ".", !seenPoint { seenPoint = true; continue }
            guard character.isASCII, character.isNumber else { return nil }
            if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
        }
        guard digitsBefore > 0, !seenPoint || digitsAfter > 0 else { return nil }
        return Double(String(text))
    }
}

extension DatasetParser {
    /// A number as an editor typed it: `12`, `12.5` (also the machine-readable `value` of `<data>`).
    public static func formatNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String((value * 1000).rounded() / 1000)
    }
}

extension Substring {
    func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let index = firstIndex(of: target) else { return String(self) }
        var copy = String(self)
        let offset = distance(from: startIndex, to: index)
        let stringIndex = copy.index(copy.startIndex, offsetBy: offset)
        copy.replaceSubrange(stringIndex...stringIndex, with: String(replacement))
        return copy
    }
}
