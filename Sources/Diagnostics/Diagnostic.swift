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
///
/// What is wrong is a case of `Problem` (plain data: names, values, counts); its message and
/// fix are worded in `Wording/`, never where the problem is found. Code and tests that need to
/// know which problem it is switch on `problem`, not on the text.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong: the case, with the names and values it is about.
    public var problem: Problem
    /// The source line the location points into, shown under the message when known.
    public var sourceLine: String?
    /// False for a file Rapport refused to read (a link pointing outside its folder): its
    /// lines are never shown.
    public var quotesSource = true
    /// Where the caret goes under `sourceLine` when that is a window of a long line.
    public var caretColumn: Int?

    /// The message, as `problem` is worded (`Wording/`).
    public var message: String { problem.message }
    /// A suggested fix, printed after the message in parentheses.
    public var fix: String? { problem.fix }

    public init(_ severity: Severity, _ location: SourceLocation, _ problem: Problem, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.problem = problem
        self.sourceLine = sourceLine
    }

    public static func error(_ location: SourceLocation, _ problem: Problem) -> Diagnostic {
        Diagnostic(.error, location, problem)
    }

    public static func warning(_ location: SourceLocation, _ problem: Problem) -> Diagnostic {
        Diagnostic(.warning, location, problem)
    }

    /// `file:line:column: error: message` (one line; the fix, if any, is appended in parentheses).
    public var description: String {
        "\(location): \(severity.rawValue): \(problem.sentence)"
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

    /// Two diagnostics are equal when they print the same (two problems worded alike at one
    /// place are one line for the reader, and `DiagnosticBag.sorted` shows it once).
    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.severity == b.severity && a.location == b.location && a.sourceLine == b.sourceLine
            && a.quotesSource == b.quotesSource && a.caretColumn == b.caretColumn
            && (a.problem == b.problem || (a.message == b.message && a.fix == b.fix))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(location)
        hasher.combine(message)
    }
}

/// Collects diagnostics from every stage so that one run reports all problems at once.
/// Not thread-safe by itself: each stage owns one and they are merged.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }
    public mutating func error(_ location: SourceLocation, _ problem: Problem) { items.append(.error(location, problem)) }
    public mutating func warning(_ location: SourceLocation, _ problem: Problem) { items.append(.warning(location, problem)) }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Diagnostics without duplicates, in file, line, column order (stable and deterministic).
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.filter { seen.insert($0).inserted }.sortedByPlace()
    }
}

extension Array where Element == Diagnostic {
    /// In file, line, column order, then by message (each message worded once, not once per
    /// comparison).
    public func sortedByPlace() -> [Diagnostic] {
        map { (diagnostic: $0, message: $0.message) }
            .sorted { ($0.diagnostic.location, $0.message) < ($1.diagnostic.location, $1.message) }
            .map(\.diagnostic)
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
