import Foundation

/// Golden files: a test's output compared with the file recorded beside the test. Re-record
/// with `RECORD_SNAPSHOTS=1 swift test`: that run writes the files and fails, every recorded
/// file named (as swift-snapshot-testing does), so a run with recording left on never passes.
public enum GoldenFile {
    public static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    /// Why `text` fails against its golden file at `url`, or nil when it matches; while
    /// recording, the golden is written and the check fails.
    public static func check(_ text: String, against url: URL, recording: Bool = recording) throws -> String? {
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return "recorded \(url.lastPathComponent) (RECORD_SNAPSHOTS=1): review it, then run the tests again without RECORD_SNAPSHOTS"
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "missing golden \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it"
        }
        let golden = String(decoding: data, as: UTF8.self)
        guard golden != text else { return nil }
        let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let expected = line < a.count ? String(a[line]) : "<end>"
        let actual = line < b.count ? String(b[line]) : "<end>"
        return
            "\(url.lastPathComponent) differs from its golden at line \(line + 1):\n  golden: \(expected)\n  actual: \(actual)\n(re-record with RECORD_SNAPSHOTS=1 if the change is intended)"
    }
}
