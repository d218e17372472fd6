import Diagnostics
import RapportBase

/// What the loader checks in a chapter's text as it reads it.
extension ContentLoader {
    /// The Markdown body without its invisible characters, each reported at its place (the
    /// body's first line is line `firstLine` of the file).
    mutating func withoutInvisibleCharacters(_ body: [UInt8], file: String, firstLine: Int) -> [UInt8] {
        guard body.contains(where: { $0 == 0xE2 || $0 == 0xEF }) else { return body }
        let (text, found) = InvisibleCharacters.removing(from: String(decoding: body, as: UTF8.self), file: file, firstLine: firstLine)
        guard !found.isEmpty else { return body }
        diagnostics.append(contentsOf: found)
        return Array(text.utf8)
    }
}
