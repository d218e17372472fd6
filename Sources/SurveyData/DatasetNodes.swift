import Diagnostics
import RapportBase

/// One YAML node of a dataset's metadata read as what it must be: a reference where a number
/// goes, a list, one of an enumeration's values (with a suggestion when it is misspelled).
extension DatasetParser {
    /// A bare reference (`study:answered`) where a number is expected, or nil.
    static func reference(_ node: YAMLNode) -> Reference? {
        guard let text = node.string else { return nil }
        return Reference(text)
    }

    static func sequence(_ node: YAMLNode, what: @autoclosure () -> String, reader: inout YAMLReader) -> [YAMLNode] {
        guard let items = node.items else {
            reader.error(node, .yaml(.notAList(field: what())))
            return []
        }
        return Array(items)
    }

    static func enumValue<T: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _: T.Type, what: @autoclosure () -> String, reader: inout YAMLReader
    ) -> T?
    where T.RawValue == String {
        guard let text = reader.string(node, what: what()) else { return nil }
        if let value = T(rawValue: text) { return value }
        let known = T.allCases.map(\.rawValue)
        reader.error(node, .yaml(.unknownValue(field: what(), value: text, suggestion: closestMatch(to: text, in: known), known: known)))
        return nil
    }
}
