import Diagnostics
import Testing

@testable import SurveyData

/// References at scale (issue 24, findings 2 and 4): a long chain resolves without recursion
/// (no stack to overflow), and the work grows with the number of links, not its square.
/// `steps` counts what the resolver looks at: links, rows, cells on the way.
@Suite struct ReferenceResolverTests {
    static func dataset(_ id: String, values: [String]) throws -> Dataset {
        let yaml = """
            kind: bars
            title: {nl: Titel, fr: Titre}
            finding: {nl: Bevinding., fr: Constat.}
            base: 100
            series:
              - {key: share, nl: Aandeel, fr: Part}
            """
        var csv = "key,nl,fr,share\n"
        for (row, value) in values.enumerated() { csv += "r\(row),Rij \(row),Ligne \(row),\(value)\n" }
        let (dataset, diagnostics) = DatasetParser.parse(
            id: id, metadata: yaml, metadataFile: "\(id).yml", data: csv, dataFile: "\(id).csv")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics.prefix(3))")
        return try #require(dataset)
    }

    static func resolve(_ datasets: [Dataset]) -> ReferenceResolver {
        let resolver = ReferenceResolver(
            datasets: Dictionary(uniqueKeysWithValues: datasets.map { ($0.id, $0) }), facts: StudyFacts(), invalid: [])
        resolver.resolveAll()
        return resolver
    }

    @Test func aChainOf20000ReferencesIsFollowedToItsEnd() throws {
        let rows = 20_000
        // Row i takes row i + 1; the last one holds the number.
        let values = (0..<rows).map { $0 == rows - 1 ? "7" : "tasks:r\($0 + 1)" }
        let resolver = Self.resolve([try Self.dataset("tasks", values: values)])
        #expect(resolver.diagnostics.map(\.description) == [])
        let resolved = try #require(resolver.datasets["tasks"])
        #expect(resolved.rows.allSatisfy { $0.values == [7] })
        #expect(resolver.steps <= 10 * rows, "\(resolver.steps) steps for \(rows) links")
    }

    @Test func manyRowsTakingOneValueCostOneStepEach() throws {
        let rows = 20_000
        let tasks = try Self.dataset("tasks", values: ["87"])
        let big = try Self.dataset("big", values: Array(repeating: "tasks:r0", count: rows))
        let resolver = Self.resolve([tasks, big])
        #expect(resolver.diagnostics.map(\.description) == [])
        #expect(try #require(resolver.datasets["big"]).rows.allSatisfy { $0.values == [87] })
        #expect(resolver.steps <= 10 * rows, "\(resolver.steps) steps for \(rows) links")
    }

    @Test func aCycleAtTheEndOfALongChainIsOneErrorAtTheReferenceThatCloses() throws {
        // r0 → r1 → … → r4999 → r4997: the last three go round.
        let rows = 5_000
        let values = (0..<rows).map { $0 == rows - 1 ? "tasks:r\(rows - 3)" : "tasks:r\($0 + 1)" }
        let resolver = Self.resolve([try Self.dataset("tasks", values: values)])
        // At the reference of the row that closes the cycle: line rows - 1 (after the header).
        let column = "r\(rows - 3),Rij \(rows - 3),Ligne \(rows - 3),".count + 1
        #expect(
            resolver.diagnostics.map(\.description) == [
                "tasks.csv:\(rows - 1):\(column): error: reference cycle: tasks:r\(rows - 3):share → tasks:r\(rows - 2):share → tasks:r\(rows - 1):share → tasks:r\(rows - 3):share (one of these values must be a number, not a reference)"
            ])
        #expect(resolver.datasets["tasks"] == nil, "the dataset is dropped, as before")
        #expect(resolver.failed == ["tasks"])
    }
}

/// A dataset that quotes others (`{{…}}` anywhere in its files) is known as one when loaded.
@Suite struct PlaceholderScanTests {
    @Test(arguments: [("a {{b:c}}", true), ("{{", true), ("{ {", false), ("{", false), ("x}}", false), ("", false), ("é{{", true)])
    func doubleBracesAreFound(text: String, expected: Bool) {
        #expect(DatasetLoader.hasPlaceholder(text) == expected)
    }
}
