import Foundation
import RapportTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What `rapport` prints, from hostile input (issue 24, finding 9): a control character in a
/// cell, a file name or a value is shown escaped (`\u{1B}`), never sent to the terminal, in
/// `rapport build` and in the preview; the caret still points at its column.
@Suite struct TerminalOutputTests {
    static let rapport = CommandLineTests.rapport

    /// `rapport` run as a process (CommandLineTests.run).
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        try CommandLineTests.run(arguments, in: folder)
    }

    /// No control character but the line feed (and the tab) reaches the terminal.
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
            .map { "U+\(String($0.value, radix: 16))" }
    }

    static let hostile = "B\u{1B}[2J\u{1B}]0;pwned\u{07}"

    static func site() throws -> TestSite {
        var files = TestSite.minimal
        files["Content/data/org/tasks.yml"] = ReferenceTests.dataset("tasks", base: "100", series: ReferenceTests.share)
        files["Content/data/org/tasks.csv"] = "key,nl,fr,share\nboard,Bestuur,Conseil,87\n"
        return try TestSite(files)
    }

    @Test func aControlCharacterInACellIsPrintedEscaped() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Be\u{01}stuur,Conseil,\(Self.hostile)\n")
        let result = try Self.run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(Self.controls(result.err + result.out) == [], "\(result.err)")
        let lines = result.err.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let error = try #require(lines.firstIndex { $0.contains(" is not a number") })
        #expect(
            lines[error]
                == #"Content/data/org/tasks.csv:2:24: error: value "B\u{1B}[2J\u{1B}]0;pwned\u{7}" is not a number (write digits with a decimal point, e.g. 12.5)"#
        )
        #expect(lines[error + 1] == #"    board,Be\u{1}stuur,Conseil,B\u{1B}[2J\u{1B}]0;pwned\u{7}"#)
        // The caret under the cell's first character, past the escaped \u{1} (5 characters for 1).
        #expect(lines[error + 2] == "    " + String(repeating: " ", count: 27) + "^")
    }

    @Test func oldValuesInWhatChangedArePrintedEscaped() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(try Self.run(["build"], in: site.root).status == 0)
        // The values of the last build, as another program (or a hostile user) left them.
        let values = site.root.appendingPathComponent(".Public.values")
        let kept = try String(contentsOf: values, encoding: .utf8)
        try kept.replacingOccurrences(of: "tasks:board:share\t87", with: "tasks:board:share\t86\(Self.hostile)")
            .write(to: values, atomically: false, encoding: .utf8)
        let result = try Self.run(["build"], in: site.root)
        #expect(result.status == 0)
        #expect(Self.controls(result.err + result.out) == [], "\(result.out)")
        #expect(result.out.contains(#"  tasks:board:share 86B\u{1B}[2J\u{1B}]0;pwned\u{7} → 87"#), "\(result.out)")
    }

    @Test func theFileNamesInAnErrorArePrintedEscaped() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.write("Content/nl/x\u{1B}[2J.md", TestSite.page("X", slug: "x", "Zie [dood](nergens\u{9B}31m.md)."))
        let result = try Self.run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(Self.controls(result.err + result.out) == [], "\(result.err)")
        #expect(result.err.contains(#"Content/nl/x\u{1B}[2J.md:"#), "\(result.err)")
        #expect(result.err.contains(#"nergens\u{9B}31m.md"#), "\(result.err)")
    }

    @Test func thePreviewPrintsEscapedToo() async throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.write("Content/data/org/tasks.csv", "key,nl,fr,share\nboard,Bestuur,Conseil,\(Self.hostile)\n")
        let process = Process()
        process.executableURL = Self.rapport
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = site.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        let printed = Printed()
        err.fileHandleForReading.readabilityHandler = { handle in printed.append(handle.availableData) }
        try process.run()
        defer {
            // SIGKILL: a process started from the test runner may have SIGTERM blocked.
            kill(process.processIdentifier, SIGKILL)
            err.fileHandleForReading.readabilityHandler = nil
            process.waitUntilExit()
        }
        for _ in 0..<1_000 where !printed.text.contains("failed:") { try await Task.sleep(for: .milliseconds(20)) }
        let text = printed.text
        #expect(text.contains(#"value "B\u{1B}[2J\u{1B}]0;pwned\u{7}" is not a number"#), "\(text)")
        #expect(Self.controls(text) == [], "\(text)")
    }
}

/// What a process printed so far, gathered from a pipe's handler.
final class Printed: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
