import Foundation
import RapportBase
import Testing

@testable import SurveyData

/// The build cache keeps parsed datasets (`Dataset+CacheCoding.swift`): what comes back must be
/// the very dataset that went in, and anything else in the cache must read as nothing.
@Suite struct DatasetCodingTests {
    static let studyData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Content/data")

    /// Every dataset of the study, with all it holds (locations, links, notes, inferred values,
    /// acknowledgements), comes back the same: written again, it gives the same bytes (and the
    /// codec writes every property, below).
    @Test func everyDatasetOfTheStudyComesBackTheSame() throws {
        let (datasets, _, _) = DatasetLoader(directory: Self.studyData, languages: [.nl, .fr]).load()
        #expect(datasets.count > 50)
        var seen = (links: 0, notes: 0, inferred: 0, locations: 0)
        for dataset in datasets.values {
            let decoded = try #require(Dataset.decoded(dataset.encoded()), "\(dataset.id)")
            #expect(decoded.encoded() == dataset.encoded(), "\(dataset.id)")
            #expect(decoded.rows.map(\.values) == dataset.rows.map(\.values) && decoded.title == dataset.title, "\(dataset.id)")
            seen.links += dataset.links.count
            seen.notes += dataset.notes.count
            seen.inferred += dataset.inferred.count
            seen.locations += dataset.series.compactMap(\.location).count
        }
        // The study exercises the parts a careless codec would drop.
        #expect(seen.links > 0 && seen.notes > 0 && seen.locations > 0)
    }

    /// A property added to a dataset or one of its parts must be written to the cache too: this
    /// counts them (one left out would come back from the cache as its default value).
    @Test func theCodecWritesEveryStoredProperty() throws {
        let (datasets, _, _) = DatasetLoader(directory: Self.studyData, languages: [.nl, .fr]).load()
        let dataset = try #require(datasets.values.first { !$0.links.isEmpty && !$0.rows.isEmpty && !$0.series.isEmpty })
        let counts = Dataset.codedProperties
        #expect(Mirror(reflecting: dataset).children.count == counts.dataset)
        #expect(Mirror(reflecting: dataset.series[0]).children.count == counts.series)
        #expect(Mirror(reflecting: dataset.rows[0]).children.count == counts.row)
        #expect(Mirror(reflecting: Dataset.Inferred(row: "", series: "", why: "")).children.count == counts.inferred)
        #expect(Mirror(reflecting: dataset.links[0]).children.count == counts.link)
        #expect(Mirror(reflecting: dataset.links[0].reference).children.count == counts.reference)
    }

    /// A cut or damaged entry reads as nothing, never as a wrong dataset or a crash.
    @Test func aDamagedEntryReadsAsNothing() throws {
        let (datasets, _, _) = DatasetLoader(directory: Self.studyData, languages: [.nl, .fr]).load()
        let bytes = try #require(datasets.values.min { $0.id < $1.id }).encoded()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(Dataset.decoded(Array(bytes[..<length])) == nil)
        }
        #expect(Dataset.decoded(bytes + [0]) == nil)
        var flipped = bytes
        flipped[8] ^= 0xFF  // inside the length of the id
        #expect(Dataset.decoded(flipped) == nil)
    }
}
