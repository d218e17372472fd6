/// How every column of a diagnostic is counted: UTF-16 code units from the start of the line,
/// plus one. That is the "Col" VS Code shows (and editors built on JavaScript, Java or .NET
/// strings): `é` is one column, an emoji such as 💶 two, `e` followed by a combining accent two.
///
/// Readers locate things in their own units (cmark and the CSV reader in bytes, libyaml in
/// Unicode scalars, Swift in string indices); each converts here, once, and never counts itself.
public enum SourceColumn {
    /// The UTF-16 code units a byte of UTF-8 adds: a byte that continues a sequence none, the
    /// first byte of a four-byte sequence (a scalar above U+FFFF) two, any other byte one.
    @inlinable
    public static func width(ofUTF8Byte byte: UInt8) -> Int {
        byte & 0xC0 == 0x80 ? 0 : byte >= 0xF0 ? 2 : 1
    }

    /// The UTF-16 code units of `scalar`: two above U+FFFF, else one.
    @inlinable
    public static func width(of scalar: Unicode.Scalar) -> Int { UTF16.width(scalar) }

    /// The column just after `prefix`: the UTF-8 bytes of a line from its start to the place.
    public static func after(utf8 prefix: some Sequence<UInt8>) -> Int {
        prefix.reduce(1) { $0 + width(ofUTF8Byte: $1) }
    }

    /// The column just after `prefix`, the text of a line from its start to the place.
    public static func after(_ prefix: some StringProtocol) -> Int { prefix.utf16.count + 1 }

    /// The column of `index` in `line`.
    public static func of(_ index: String.Index, in line: some StringProtocol) -> Int {
        line.utf16.distance(from: line.startIndex, to: index) + 1
    }

    /// The column of a place libyaml gives in Unicode scalars (1-based) on `line`.
    public static func of(scalarColumn: Int, in line: some StringProtocol) -> Int {
        var column = 1
        for scalar in line.unicodeScalars.prefix(max(0, scalarColumn - 1)) { column += width(of: scalar) }
        return column + max(0, scalarColumn - 1 - line.unicodeScalars.count)
    }

    /// Where column `column` falls in `line`: the start of the character it is in, or the end
    /// of the line for a column after it.
    public static func index(of column: Int, in line: Substring) -> String.Index {
        var units = 0
        var index = line.startIndex
        while index < line.endIndex {
            let next = line.index(after: index)
            units += line.utf16.distance(from: index, to: next)
            if units >= column { return index }
            index = next
        }
        return line.endIndex
    }

    /// The caret line under `line` for `column`: as much room as the text before the column
    /// takes on screen (a tab where the line has one, two cells for a wide emoji, one per other
    /// character, combining accents included), then `^`.
    public static func caret(under line: some StringProtocol, column: Int) -> String {
        let text = Substring(line)
        var caret = ""
        for character in text[..<index(of: column, in: text)] {
            if character == "\t" {
                caret.append("\t")
            } else {
                caret += character.unicodeScalars.first?.properties.isEmojiPresentation == true ? "  " : " "
            }
        }
        return caret + "^"
    }
}
