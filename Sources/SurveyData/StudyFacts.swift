import Diagnostics
import RapportBase
import SVGCharts

/// The study-wide facts of `Content/data/study.yml` (contacted, answered, field dates …), each
/// written once. Datasets take them as `base: study:answered`, texts quote them as
/// `{{study:answered}}`. The format is documented in `docs/datasets.md`.
public struct StudyFacts: Sendable {
    public enum Value: Sendable, Equatable {
        /// A number with its unit (default `count`) and decimals.
        case number(Double, unit: ValueUnit, decimals: Int)
        /// A year, written without a group separator (`2009`).
        case year(Int)
        /// A calendar date, written out in each language (`6 november 2023`, `6 novembre 2023`).
        case date(year: Int, month: Int, day: Int)
        /// A text in both languages.
        case text(Localized)
    }

    public struct Fact: Sendable {
        public var key: String
        public var value: Value
        public var location: SourceLocation
    }

    /// The file name inside the data folder.
    public static let fileName = "study.yml"

    public var facts: [String: Fact] = [:]
    /// As shown in diagnostics; nil when the content has no study file.
    public var file: String?
    /// The file had errors: unknown facts are then not reported again.
    public var isIncomplete = false

    public init() {}

    /// The fact as a whole number (for a `base` or an `n`), or nil.
    public func wholeNumber(_ key: String) -> Int? {
        guard case let .number(value, _, _)? = facts[key]?.value, value == value.rounded(), abs(value) < 1e9 else { return nil }
        return Int(value)
    }

    /// The fact as a number (for a CSV cell), or nil.
    public func number(_ key: String) -> Double? {
        switch facts[key]?.value {
        case let .number(value, _, _)?: value
        case let .year(year)?: Double(year)
        default: nil
        }
    }

    /// The fact as the page writes it, or nil when there is no such fact.
    public func formatted(_ key: String, language: Language) -> String? {
        guard let fact = facts[key] else { return nil }
        let locale = language.chartLocale
        switch fact.value {
        case let .number(value, unit, decimals): return NumberFormat.format(value, unit: unit, decimals: decimals, locale: locale)
        case let .year(year): return String(year)
        case let .text(text): return text[language]
        case let .date(year, month, day): return language.longDate(year: year, month: month, day: day)
        }
    }

    /// A machine-readable form for `<data value="…">` and `<time datetime="…">`.
    public func machineValue(_ key: String) -> String? {
        switch facts[key]?.value {
        case let .number(value, _, _)?: DatasetParser.formatNumber(value)
        case let .year(year)?: String(year)
        case let .date(year, month, day)?: "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        default: nil
        }
    }

    /// Reads the text of `study.yml`.
    public static func parse(_ text: String, file: String, languages: [Language] = Language.fallback) -> (StudyFacts, [Diagnostic]) {
        var facts = StudyFacts()
        facts.file = file
        var reader = YAMLReader(file: file, languages: languages)
        guard !text.trimmingWhitespace.isEmpty else { return (facts, []) }
        guard let root = reader.parse(text), let pairs = reader.mapping(root, what: "study.yml") else {
            facts.isIncomplete = true
            return (facts, reader.diagnostics)
        }
        for pair in pairs {
            if !Keys.isValid(pair.key) {
                reader.error(pair.keyNode, .reference(.invalidFactName(pair.key)))
                facts.isIncomplete = true
                continue
            }
            if let value = factValue(pair.value, key: pair.key, reader: &reader) {
                facts.facts[pair.key] = Fact(key: pair.key, value: value, location: reader.location(of: pair.keyNode))
            } else {
                facts.isIncomplete = true
            }
        }
        return (facts, reader.diagnostics)
    }

    private static func factValue(_ node: YAMLNode, key: String, reader: inout YAMLReader) -> Value? {
        switch node.value {
        case let .scalar(text):
            let text = text.trimmingWhitespace
            if let date = date(text) { return date }
            if let number = number(text) { return .number(number, unit: .count, decimals: decimals(text)) }
            reader.error(node, .reference(.factNotAValue(key: key)))
            return nil
        case .mapping:
            guard let pairs = reader.mapping(node, what: "fact \"\(key)\"") else { return nil }
            if pairs.contains(where: { Language(code: $0.key) != nil }) {
                return reader.localized(node, what: "fact \"\(key)\"").map(Value.text)
            }
            reader.rejectUnknownKeys(pairs, known: ["value", "unit", "decimals"], what: "fact")
            let values = YAMLReader.index(pairs)
            guard let valueNode = values["value"], let text = reader.string(valueNode, what: "fact \"\(key)\" value") else {
                if values["value"] == nil { reader.error(node, .reference(.factWithoutValue(key: key))) }
                return nil
            }
            guard let number = number(text) else {
                reader.error(valueNode, .reference(.factValueNotANumber(key: key, written: text)))
                return nil
            }
            var unit = ValueUnit.count
            if let unitNode = values["unit"], let name = reader.string(unitNode, what: "fact \"\(key)\" unit") {
                if name == "year", number == number.rounded() { return .year(Int(number)) }
                guard let known = ValueUnit(rawValue: name) else {
                    let names = ["year"] + ValueUnit.allCases.map(\.rawValue)
                    reader.error(
                        unitNode, .yaml(.unknownValue(field: "unit", value: name, suggestion: closestMatch(to: name, in: names), known: names)))
                    return nil
                }
                unit = known
            }
            let places = values["decimals"].flatMap { reader.integer($0, what: "fact \"\(key)\" decimals", range: 0...4) } ?? decimals(text)
            return .number(number, unit: unit, decimals: places)
        default:
            reader.error(node, .reference(.factIsAList(key: key)))
            return nil
        }
    }

    /// `162`, `-3`, `5.83`: digits with at most one decimal point.
    static func number(_ text: String) -> Double? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, pieces.count <= 2, pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        return Double(text)
    }

    private static func decimals(_ text: String) -> Int {
        text.split(separator: ".").dropFirst().first.map { min($0.count, 4) } ?? 0
    }

    /// `2023-11-06`.
    static func date(_ text: String) -> Value? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return .date(year: year, month: month, day: day)
    }
}
