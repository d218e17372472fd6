#if canImport(Glibc)
import Glibc
#endif

/// Fast search and replace on UTF-8 bytes. Foundation's `range(of:)` and
/// `replacingOccurrences` go through UTF-16 and cost more than the whole Markdown
/// conversion on a long page; these use the C library's `memchr` and `memcmp` on the string's own bytes.
extension String {
    /// The byte offsets at which `needle` starts, left to right, not overlapping.
    func utf8Offsets(of needle: String) -> [Int] {
        var text = self
        var pattern = needle
        return text.withUTF8 { haystack in
            pattern.withUTF8 { needle in
                guard let base = haystack.baseAddress, let target = needle.baseAddress, needle.count > 0 else { return [] }
                var offsets: [Int] = []
                var start = 0
                // memchr finds the first byte (vectorised in the C library), memcmp checks the rest.
                while start + needle.count <= haystack.count,
                    let found = memchr(base + start, Int32(target.pointee), haystack.count - start - needle.count + 1)
                {
                    let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + offset, target, needle.count) == 0 {
                        offsets.append(offset)
                        start = offset + needle.count
                    } else {
                        start = offset + 1
                    }
                }
                return offsets
            }
        }
    }

    /// Replaces every occurrence of `target` with `replacement`; `replacement` may depend on
    /// the occurrence's number (0, 1, …) and returns nil to stop replacing.
    func replacingAll(_ target: String, with replacement: (Int) -> String?) -> String {
        let offsets = utf8Offsets(of: target)
        guard !offsets.isEmpty else { return self }
        let width = target.utf8.count
        var text = self
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + offsets.count * 32)
            var position = 0
            for (number, offset) in offsets.enumerated() {
                guard let text = replacement(number) else { break }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<offset]))
                output.append(contentsOf: text.utf8)
                position = offset + width
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        replacingAll(target) { _ in replacement }
    }
}
