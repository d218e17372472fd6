import Foundation
import RapportTestSupport
import Testing

/// The README's module table ("For developers") names every module of `Package.swift` that is
/// not a test target, each once, in an order where a module uses only those above it.
@Suite struct ModuleTableTests {
    /// The targets of `Package.swift` with their dependencies that are targets, in file order.
    static func targets() throws -> [(name: String, dependencies: [String])] {
        let manifest = try String(contentsOf: TestSite.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let start = try #require(manifest.range(of: "\n    targets: ["))
        let declarations = manifest[start.upperBound...].components(separatedBy: "\n        .").dropFirst()
        return declarations.compactMap { declaration in
            guard !declaration.hasPrefix("testTarget("),
                let name = declaration.firstMatch(of: /name: "([^"]+)"/)?.1
            else { return nil }
            let dependencies = declaration.firstMatch(of: /dependencies: \[([^\]]*)\]/).map { list in
                list.1.matches(of: /(?:^|[\[,\s])"([^"]+)"/).map { String($0.1) }
            }
            return (String(name), dependencies ?? [])
        }
    }

    /// The first column of the table after `| module | role |`, split at `, `.
    static func tableModules() throws -> [String] {
        let readme = try String(contentsOf: TestSite.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| module | role |"))
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.flatMap { row in
            row.split(separator: "|", omittingEmptySubsequences: true)[0]
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
        }
    }

    @Test func theTableNamesEveryModuleOnce() throws {
        let modules = try Self.targets().map(\.name)
        let table = try Self.tableModules()
        #expect(modules.count > 5)
        #expect(table.sorted() == modules.sorted())
        #expect(Set(table).count == table.count)
    }

    @Test func aModuleUsesOnlyModulesAboveItInTheTable() throws {
        let table = try Self.tableModules()
        for target in try Self.targets() {
            guard let row = table.firstIndex(of: target.name) else { continue }
            for dependency in target.dependencies {
                guard let above = table.firstIndex(of: dependency) else { continue }  // a package's product
                #expect(above < row, "\(target.name) uses \(dependency), which the README lists below it")
            }
        }
    }
}
