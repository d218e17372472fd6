// Wording that belongs to several families of problems: suggestions of a name.

/// The one wording of a suggestion, for every diagnostic that has one: `did you mean "total"?`.
/// `written` is how the name is written in the file (`{{study:\($0)}}`), quoted by default.
func didYouMean(_ suggestion: String?, written: (String) -> String = { "\"\($0)\"" }) -> String? {
    suggestion.map { "did you mean \(written($0))?" }
}

/// The fix for a name that is not among `candidates` (a row or series key of a dataset): "did
/// you mean …?" when one is close; else the nearest one and a few of them, so that the editor
/// sees what there is: `the closest is "money"; the rows of challenges: volunteers, money`.
/// `what` names them (`the rows of challenges`).
func choiceHint(for word: String, among candidates: [String], what: String, shown: Int = 5) -> String {
    if let close = didYouMean(closestMatch(to: word, in: candidates)) { return close }
    guard !candidates.isEmpty else { return "\(what): none" }
    let lower = word.lowercased()
    // A key that holds the word or is held in it (`chronic` for `chronic-diseases`), else the
    // one fewest edits away.
    let nearest =
        candidates.first { !lower.isEmpty && ($0.lowercased().contains(lower) || lower.contains($0.lowercased())) }
        ?? candidates.min { levenshtein(Array(lower), Array($0.lowercased())) < levenshtein(Array(lower), Array($1.lowercased())) }
    var list = candidates.prefix(shown).joined(separator: ", ")
    if candidates.count > shown { list += " … (\(candidates.count) in all)" }
    return (nearest.map { "the closest is \"\($0)\"; " } ?? "") + "\(what): \(list)"
}

