/// Ids and keys of the content (dataset ids, row and series keys, slugs, page file names):
/// lower-case letters, digits and `-`, not starting or ending with `-`.
public enum Keys {
    public static func isValid(_ key: String) -> Bool {
        !key.isEmpty && key.first != "-" && key.last != "-"
            && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
