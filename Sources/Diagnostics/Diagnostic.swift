/// A place in an input file: the file path as the user wrote it (relative to the working
/// folder where possible), a 1-based line and a 1-based column (UTF-16 code units, as editors
/// count them: `SourceColumn`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the input, printed compiler-style:
/// `Content/data/organisation/volunteer-tasks.csv:7:3: error: value "8O" is not a number`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The source line the location points into, shown under the message when known.
    public var sourceLine: String?
    /// A suggested fix, printed as a note.
    public var fix: String?
    /// False for a file Rapport refused to read (a link pointing outside its folder): its
    /// lines are never shown.
    public var quotesSource = true
    /// Where the caret goes under `sourceLine` when that is a window of a long line.
    public var caretColumn: Int?

    public init(
        _ severity: Severity, _ location: SourceLocation, _ message: String,
        sourceLine: String? = nil, fix: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.fix = fix
    }

    public static func error(_ location: SourceLocation, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.error, location, message, fix: fix)
    }

    public static func warning(_ location: SourceLocation, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.warning, location, message, fix: fix)
    }

    /// `file:line:column: error: message` (one line; the fix, if any, is appended after `; `).
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let fix { text += " (\(fix))" }
        return text
    }

    /// The diagnostic with the offending source line and a caret under the column, as a
    /// compiler prints it in a terminal.
    public var detailed: String { lines.joined(separator: "\n") }

    /// `detailed` line by line, control characters escaped (`TerminalText`): the caret stays
    /// under its column when characters before it are escaped.
    public var lines: [String] {
        var lines = [TerminalText.escaped(description)]
        if let sourceLine {
            let (line, column) = TerminalText.escaped(sourceLine, column: caretColumn ?? location.column)
            lines.append("    " + line)
            lines.append("    " + SourceColumn.caret(under: line, column: column))
        }
        return lines
    }
}

/// Collects diagnostics from every stage so that one run reports all problems at once.
/// Not thread-safe by itself: each stage owns one and they are merged.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }
    public mutating func error(_ location: SourceLocation, _ message: String, fix: String? = nil) {
        items.append(.error(location, message, fix: fix))
    }
    public mutating func warning(_ location: SourceLocation, _ message: String, fix: String? = nil) {
        items.append(.warning(location, message, fix: fix))
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Diagnostics without duplicates, in file, line, column order (stable and deterministic).
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}

/// Suggests the closest known name for a misspelled one ("did you mean …?"), or nil when
/// nothing is close. Damerau-free Levenshtein distance, at most a third of the length.
public func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let c = Array(candidate.lowercased())
        let distance = levenshtein(target, c)
        let limit = max(2, max(target.count, c.count) / 3)
        if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// The one wording of a suggestion, for every diagnostic that has one: `did you mean "total"?`.
/// `written` is how the name is written in the file (`{{study:\($0)}}`), quoted by default.
public func didYouMean(_ suggestion: String?, written: (String) -> String = { "\"\($0)\"" }) -> String? {
    suggestion.map { "did you mean \(written($0))?" }
}

/// The fix for a name that is not among `candidates` (a row or series key of a dataset): "did
/// you mean …?" when one is close; else the nearest one and a few of them, so that the editor
/// sees what there is: `the closest is "money"; the rows of challenges: volunteers, money`.
/// `what` names them (`the rows of challenges`).
public func choiceHint(for word: String, among candidates: [String], what: String, shown: Int = 5) -> String {
    if let close = didYouMean(closestMatch(to: word, in: candidates)) { return close }
    guard !candidates.isEmpty else { return "\(what): none" }
    let lower = word.lowercased()
    // A key that holds the word or is held in it (`chronic` for `chronic-diseases`), else the
    // one fewest edits away.
    let nearest =
        candidates.first { !lower.isEmpty && ($0.lowercased().contains(lower) || lower.contains($0.lowercased())) }
        ?? candidates.min { levenshtein(Array(lower), Array($0.lowercased())) < levenshtein(Array(lower), Array($1.lowercased())) }
    var list = candidates.prefix(shown).joined(separator: ", ")
    if candidates.count > shown { list += " … (\(candidates.count) in all)" }
    return (nearest.map { "the closest is \"\($0)\"; " } ?? "") + "\(what): \(list)"
}

func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
