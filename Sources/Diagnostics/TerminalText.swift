/// Text on its way to a terminal. What Rapport prints quotes its input (a CSV cell, a file name,
/// a value of the last build), and a terminal obeys the control characters in it: `ESC [2J`
/// clears the screen, `ESC ]0;…BEL` retitles the window. Every line Rapport prints goes out
/// through `TerminalOutput` (RapportCore), which shows each control character escaped, as Swift
/// writes it (`\u{1B}`); escaping is idempotent, so a line escaped earlier (for its caret) is
/// printed as it is.
public enum TerminalText {
    /// C0 but the tab, DEL, and C1; a line feed or carriage return inside one line too.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// `line` with every control character written `\u{…}` (hexadecimal, upper case).
    public static func escaped(_ line: some StringProtocol) -> String {
        // Most lines have none: C1 characters start with the byte 0xC2 in UTF-8.
        guard line.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 }),
            line.unicodeScalars.contains(where: isControl)
        else { return String(line) }
        var result = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if isControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `line` escaped, and where its 1-based `column` (`SourceColumn`) is in the escaped line,
    /// for a caret under it.
    public static func escaped(_ line: String, column: Int) -> (line: String, column: Int) {
        let escapedLine = escaped(line)
        guard escapedLine.utf8.count != line.utf8.count else { return (line, column) }
        let text = Substring(line)
        let before = text[..<SourceColumn.index(of: column, in: text)]
        return (escapedLine, SourceColumn.after(escaped(before)))
    }
}
