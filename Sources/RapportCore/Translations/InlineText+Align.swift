extension InlineText {
    /// A translation's text with its codes numbered as the source's: a code (or a pair) the
    /// source has with the same text takes the source's id, whatever its place; one the source
    /// lacks (a link's anchor in the target language, a `{{lang …}}` left out) a new id after them.
    func aligned(to source: InlineText) -> InlineText {
        func units(_ codes: [Code]) -> [(id: Int, key: String)] {
            var seen: [Int] = []
            return codes.compactMap { code in
                guard !seen.contains(code.id) else { return nil }
                seen.append(code.id)
                let natives = codes.filter { $0.id == code.id }.map { "\($0.kind.rawValue)\u{0}\($0.native)" }
                return (code.id, natives.joined(separator: "\u{1}"))
            }
        }
        var free = units(source.codes)
        var next = (source.codes.map(\.id).max() ?? 0) + 1
        var ids: [Int: Int] = [:]
        for unit in units(codes) {
            if let match = free.firstIndex(where: { $0.key == unit.key }) {
                ids[unit.id] = free[match].id
                free.remove(at: match)
            } else {
                ids[unit.id] = next
                next += 1
            }
        }
        return InlineText(pieces: pieces.map { piece in
            guard case var .code(code) = piece else { return piece }
            code.id = ids[code.id] ?? code.id
            return .code(code)
        })
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
