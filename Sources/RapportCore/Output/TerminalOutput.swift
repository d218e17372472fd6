import Diagnostics
import Foundation

/// The one way `rapport` and its preview write to the terminal: each line escaped
/// (`TerminalText`), so that nothing quoted from the input (a cell, a file name, an old value)
/// can move the cursor, clear the screen or retitle the window.
public enum TerminalOutput {
    /// Writes `lines`, each ended by a line break, to standard output, or to standard error for
    /// problems. A line break inside a line is escaped too: one line stays one line.
    public static func write(_ lines: [String], error: Bool = false) {
        let text = lines.map { TerminalText.escaped($0) + "\n" }.joined()
        (error ? FileHandle.standardError : FileHandle.standardOutput).write(Data(text.utf8))
    }

    /// `text` line by line (a message with lines of its own, such as a usage text), each escaped.
    public static func write(text: String, error: Bool = false) {
        write(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), error: error)
    }
}
