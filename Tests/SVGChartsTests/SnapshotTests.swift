import Foundation
import GoldenFiles
import Testing

@testable import SVGCharts

/// Golden files in `__Snapshots__/<name>.svg`, next to this file (found via #filePath).
/// Re-record with `RECORD_SNAPSHOTS=1 swift test` (that run fails, every recorded file named; run
/// again without it to check); a missing golden fails.
@Suite("Snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    static let recording = GoldenFile.recording

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
        if let failure = try GoldenFile.check(svg, against: Self.directory.appendingPathComponent("\(name).svg"), recording: Self.recording) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test func recordingWritesTheGoldenAndFails() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-snapshot-\(UUID().uuidString)/chart.svg")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let failure = try GoldenFile.check("<svg/>", against: url, recording: true)
        #expect(failure?.hasPrefix("recorded chart.svg") == true)
        #expect(FileManager.default.contents(atPath: url.path) == Data("<svg/>".utf8))
        #expect(try GoldenFile.check("<svg/>", against: url, recording: false) == nil)
        #expect(try GoldenFile.check("<svg></svg>", against: url, recording: false)?.hasPrefix("chart.svg differs") == true)
    }
}
