import Foundation
import Testing

@testable import SVGCharts

/// Golden files in `__Snapshots__/<name>.svg`, next to this file (found via #filePath).
/// Re-record with `RECORD_SNAPSHOTS=1 swift test` (that run fails, every recorded file named; run
/// again without it to check); a missing golden fails.
@Suite("Snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    /// The locales the fixtures have texts in (German and English numbers: NumberFormatLocaleTests
    /// and the three-language site of LanguageSiteTests).
    static let locales: [ChartLocale] = [.nlBE, .frBE]

    static let cases: [String] = locales.flatMap { locale in
        Fixtures.all(locale).map { "\($0.name)-\(locale.rawValue)" }
    }

    static func chart(named name: String) -> Chart? {
        for locale in locales {
            for fixture in Fixtures.all(locale) where "\(fixture.name)-\(locale.rawValue)" == name {
                return fixture.chart
            }
        }
        return nil
    }

    @Test(arguments: cases)
    func snapshot(_ name: String) throws {
        let chart = try #require(Self.chart(named: name))
        let svg = try chart.svg()
        if let failure = try Self.check(svg, against: Self.directory.appendingPathComponent("\(name).svg"), recording: Self.recording) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    /// Why `svg` fails against its golden file at `url`, or nil when it matches. Recording writes
    /// the golden and still fails (as swift-snapshot-testing does), so a run with recording left
    /// on can never pass.
    static func check(_ svg: String, against url: URL, recording: Bool) throws -> String? {
        let name = url.deletingPathExtension().lastPathComponent
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: url)
            return "recorded \(name).svg (RECORD_SNAPSHOTS=1): review it, then run the tests again without RECORD_SNAPSHOTS"
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "missing golden \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it"
        }
        let golden = String(decoding: data, as: UTF8.self)
        guard golden != svg else { return nil }
        let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let b = svg.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let expected = line < a.count ? String(a[line]) : "<end>"
        let actual = line < b.count ? String(b[line]) : "<end>"
        return
            "\(name).svg differs from its golden at line \(line + 1):\n  golden: \(expected)\n  actual: \(actual)\n(re-record with RECORD_SNAPSHOTS=1 if the change is intended)"
    }

    @Test func recordingWritesTheGoldenAndFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-snapshot-\(UUID().uuidString)/chart.svg")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let failure = try Self.check("<svg/>", against: url, recording: true)
        #expect(failure?.hasPrefix("recorded chart.svg") == true)
        #expect(FileManager.default.contents(atPath: url.path) == Data("<svg/>".utf8))
        #expect(try Self.check("<svg/>", against: url, recording: false) == nil)
        #expect(try Self.check("<svg></svg>", against: url, recording: false)?.hasPrefix("chart.svg differs") == true)
    }
}
