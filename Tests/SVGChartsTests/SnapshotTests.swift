import Foundation
import Testing
@testable import SVGCharts

/// Golden files in `__Snapshots__/<name>.svg`, next to this file (found via #filePath).
/// Re-record with `RECORD_SNAPSHOTS=1 swift test`; a missing golden fails unless recording.
@Suite("Snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    static let cases: [String] = ChartLocale.allCases.flatMap { locale in
        Fixtures.all(locale).map { "\($0.name)-\(locale.rawValue)" }
    }

    static func chart(named name: String) -> Chart? {
        for locale in ChartLocale.allCases {
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
        let url = Self.directory.appendingPathComponent("\(name).svg")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(svg.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(url.lastPathComponent); run with RECORD_SNAPSHOTS=1 to record it")
            return
        }
        let golden = String(decoding: data, as: UTF8.self)
        if golden != svg {
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = svg.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let expected = line < a.count ? String(a[line]) : "<end>"
            let actual = line < b.count ? String(b[line]) : "<end>"
            Issue.record("\(name).svg differs from its golden at line \(line + 1):\n  golden: \(expected)\n  actual: \(actual)\n(re-record with RECORD_SNAPSHOTS=1 if the change is intended)")
        }
    }

    /// Every kind is covered in both locales.
    @Test func everyKindHasGoldens() {
        for locale in ChartLocale.allCases {
            let kinds = Set(Fixtures.all(locale).map(\.chart.kind))
            #expect(kinds == Set(ChartKind.allCases), "\(locale)")
        }
    }
}
