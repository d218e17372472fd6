import Foundation
import MustacheEngine
import Testing

/// The official Mustache specification's required modules, read where the project's shared
/// folder keeps them (`../shared/mustache-spec/specs/`, beside the repository): every case.
@Suite struct SpecificationTests {
    static let specs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/mustache-spec/specs").standardized

    static let required = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    struct Case: Decodable {
        var name: String
        var desc: String
        var data: JSON
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    struct File: Decodable { var tests: [Case] }

    /// The data of a case, as JSON has it.
    enum JSON: Decodable {
        case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSON].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSON].self)) }
        }

        var value: MustacheValue {
            switch self {
            case .null: .absent
            case let .bool(flag): .bool(flag)
            case let .number(number):
                .text(number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number))
            case let .string(text): .text(text)
            case let .array(items): .list(items.map(\.value))
            case let .object(fields): .object(MustacheDictionary(fields.mapValues(\.value)))
            }
        }
    }

    static func cases(_ module: String) throws -> [Case] {
        let data = try Data(contentsOf: specs.appendingPathComponent(module + ".json"))
        return try JSONDecoder().decode(File.self, from: data).tests
    }

    @Test(arguments: required) func module(_ module: String) throws {
        let cases = try Self.cases(module)
        #expect(!cases.isEmpty)
        for test in cases {
            var templates = ["test": try MustacheTemplate(test.template)]
            for (name, text) in test.partials ?? [:] { templates[name] = try MustacheTemplate(text) }
            let library = MustacheLibrary(templates)
            let (output, _) = library.render("test", context: test.data.value)
            #expect(String(decoding: output, as: UTF8.self) == test.expected, "\(module): \(test.name) — \(test.desc)")
        }
    }
}
