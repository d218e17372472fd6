import Diagnostics
import RapportBase
import Yams

/// One YAML node of a dataset's metadata read as what it must be: a reference where a number
/// goes, a list, one of an enumeration's values (with a suggestion when it is misspelled).
extension DatasetParser {
    /// A bare reference (`study:answered`) where a number is expected, or nil.
    static func reference(_ node: Node) -> Reference? {
        guard case let .scalar(scalar) = node else { return nil }
        return Reference(scalar.string)
    }

    static func sequence(_ node: Node, what: @autoclosure () -> String, reader: inout YAMLReader) -> [Node] {
        guard case let .sequence(items) = node else {
            reader.error(node, "\(what()) must be a list (lines starting with \"- \")")
            return []
        }
        return Array(items)
    }

    static func enumValue<T: RawRepresentable & CaseIterable>(
        _ node: Node, _: T.Type, what: @autoclosure () -> String, reader: inout YAMLReader
    ) -> T?
    where T.RawValue == String {
        guard let text = reader.string(node, what: what()) else { return nil }
        if let value = T(rawValue: text) { return value }
        let known = T.allCases.map(\.rawValue)
        let suggestion = closestMatch(to: text, in: known)
        reader.error(
            node, "unknown \(what()) \"\(text)\"",
            fix: didYouMean(suggestion) ?? "use one of: \(known.joined(separator: ", "))")
        return nil
    }
}
