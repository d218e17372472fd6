/// Small pieces of wording used by several families of problems.

/// A language as a message names it: its code (`fr`, `en-GB`) and its English name (`French`).
public struct LanguageName: Hashable, Sendable {
    public var code: String
    public var english: String

    public init(code: String, english: String) {
        self.code = code
        self.english = english
    }
}

/// `1 cell`, `3 cells`.
func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
    "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
}

/// `"a", "b"`.
func quotedList(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }

/// "German", "German and English", "Dutch, German and English".
func list(_ items: [String]) -> String {
    items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
}
