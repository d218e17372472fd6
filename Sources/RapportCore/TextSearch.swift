/// Fast search and replace on UTF-8 bytes. Foundation's `range(of:)` and
/// `replacingOccurrences` go through UTF-16 and cost more than the whole Markdown
/// conversion on a long page; these are plain byte scans.
extension String {
    /// The byte offsets at which `needle` starts, left to right, not overlapping.
    func utf8Offsets(of needle: String) -> [Int] {
        let haystack = Array(utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, pattern.count <= haystack.count else { return [] }
        var offsets: [Int] = []
        var index = 0
        let last = haystack.count - pattern.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + pattern.count)].elementsEqual(pattern) {
                offsets.append(index)
                index += pattern.count
            } else {
                index += 1
            }
        }
        return offsets
    }

    /// Replaces every occurrence of `target` with `replacement`; `replacement` may depend on
    /// the occurrence's number (0, 1, …) and returns nil to stop replacing.
    func replacingAll(_ target: String, with replacement: (Int) -> String?) -> String {
        let offsets = utf8Offsets(of: target)
        guard !offsets.isEmpty else { return self }
        let bytes = Array(utf8)
        let width = target.utf8.count
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + offsets.count * 16)
        var position = 0
        for (number, offset) in offsets.enumerated() {
            guard let text = replacement(number) else { break }
            output.append(contentsOf: bytes[position..<offset])
            output.append(contentsOf: text.utf8)
            position = offset + width
        }
        output.append(contentsOf: bytes[position...])
        return String(decoding: output, as: UTF8.self)
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingAll(target) { _ in replacement }
    }
}
