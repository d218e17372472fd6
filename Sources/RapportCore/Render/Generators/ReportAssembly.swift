/// The whole report put together from its page without the chapters (the "skeleton": the
/// layout, the title page, the contents, rendered by the templates with a stand-in for each
/// chapter's body) and the chapters' bodies as bytes. The templates never hold the report as
/// one text, and the page is put together once.
///
/// A stand-in is `U+0001 B<number> U+0001`: the text escaper drops every C0 control character,
/// so no text of the site can make one; only Rapport's own raw values carry them.
struct ReportAssembly {
    /// Each chapter's body, embedded in the report.
    let bodies: [[UInt8]]

    static func bodyStandIn(_ number: Int) -> String { "\u{1}B\(number)\u{1}" }

    /// The page with every body in place, as pieces handed over in order: a folder gets it
    /// written piece by piece, never as one array (it is tens of megabytes for a long study).
    func contents(_ skeleton: [UInt8]) -> FileContents {
        var count = 0
        walk(skeleton) { count += $0.count }
        return FileContents(count: count) { take in walk(skeleton, take) }
    }

    /// FNV-1a of the page (with every body in place), followed by `extra`, without putting the
    /// page together.
    func fingerprint(_ skeleton: [UInt8], extra: [[UInt8]]) -> String {
        var hash = FNV1a()
        walk(skeleton) { hash.add($0) }
        for bytes in extra { hash.add(bytes) }
        return hash.hex
    }

    /// Hands over the page's bytes in order: the skeleton's, with each stand-in's body in its place.
    private func walk(_ skeleton: [UInt8], _ take: (UnsafeBufferPointer<UInt8>) -> Void) {
        skeleton.withUnsafeBufferPointer { bytes in
            var position = 0
            while let open = bytes.first("\u{1}", from: position, before: bytes.count),
                let close = bytes.first("\u{1}", from: open + 1, before: bytes.count)
            {
                take(UnsafeBufferPointer(rebasing: bytes[position..<open]))
                let name = bytes[open + 1..<close]
                if name.first == UInt8(ascii: "B"), let number = Int(String(decoding: name.dropFirst(), as: UTF8.self)),
                    bodies.indices.contains(number)
                {
                    bodies[number].withUnsafeBufferPointer(take)
                }
                position = close + 1
            }
            take(UnsafeBufferPointer(rebasing: bytes[position...]))
        }
    }
}

/// FNV-1a, 64 bits, fed in pieces: tells one rendering from another (not a security measure).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        value = hash
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { add($0) } }

    /// Sixteen hexadecimal digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
