#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small scanners over the UTF-8 bytes of the HTML Rapport itself rendered (cmark-gfm's output
/// and the figure templates): what the search index needs to find its sections, charts and text.
/// Each one looks at the bytes from a `<` (or `&`) and says where what it recognised ends.
enum HTMLScan {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// `<hN … id="X" …>…</hN>` at `i`: the id and the index after the closing tag.
    static func headingWithId(_ b: Bytes, at i: Int) -> (id: String, end: Int)? {
        guard i + 3 < b.count, b[i + 1] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(b[i + 2]),
            let close = b.first(">", from: i + 3, before: b.count)
        else { return nil }
        // The last ` id="…"` in the tag (with a space, tab or newline before it).
        var id: Range<Int>?
        var k = i + 3
        while let found = b.find(#"id=""#, from: k, before: close) {
            k = found.upperBound
            guard isSpace(b[found.lowerBound - 1]), let quote = b.first("\"", from: k, before: close), quote > k else { continue }
            id = k..<quote
        }
        guard let id else { return nil }
        let closing: [UInt8] = [UInt8(ascii: "<"), UInt8(ascii: "/"), UInt8(ascii: "h"), b[i + 2], UInt8(ascii: ">")]
        guard let end = b.find(closing, from: close + 1, before: b.count) else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: b[id]), as: UTF8.self), end.upperBound)
    }

    /// `<figure class="chart…" id="X" …>` or `<div class="key-figures" id="X" …>` at `i`: the id,
    /// whether it is the key-figure tiles, and the index after the opening tag.
    static func chartOpening(_ b: Bytes, at i: Int) -> (id: String, isTile: Bool, end: Int)? {
        var k: Int
        let isTile: Bool
        if b.hasPrefix(#"<figure class="chart"#, at: i), let quote = b.first("\"", from: i + 20, before: b.count) {
            k = quote + 1
            isTile = false
        } else if b.hasPrefix(#"<div class="key-figures""#, at: i) {
            k = i + 24
            isTile = true
        } else {
            return nil
        }
        guard b.hasPrefix(#" id=""#, at: k) else { return nil }
        k += 5
        guard let quote = b.first("\"", from: k, before: b.count), quote > k,
            let close = b.first(">", from: quote + 1, before: b.count)
        else { return nil }
        return (String(decoding: UnsafeBufferPointer(rebasing: b[k..<quote]), as: UTF8.self), isTile, close + 1)
    }

    /// Markup that is not text at `i`: a footnote mark (`<sup class="footnote-ref">…</sup>`), a
    /// footnote's back-link (`<a … data-footnote-backref …>…</a>`) or an SVG; the index after it.
    static func notTextEnd(_ b: Bytes, at i: Int, before end: Int) -> Int? {
        if b.hasPrefix(#"<sup class="footnote-ref">"#, at: i, before: end) {
            return b.find("</sup>", from: i + 26, before: end)?.upperBound
        }
        if b.hasPrefix("<a ", at: i, before: end), let close = b.first(">", from: i + 3, before: end),
            b.find("data-footnote-backref", from: i + 3, before: close) != nil
        {
            return b.find("</a>", from: close + 1, before: end)?.upperBound
        }
        if b.hasPrefix("<svg", at: i, before: end) {
            return b.find("</svg>", from: i + 4, before: end)?.upperBound
        }
        return nil
    }

    /// Any tag (`<…>`) at `i`: the index after its `>`.
    static func tagEnd(_ b: Bytes, at i: Int, before end: Int) -> Int? {
        b.first(">", from: i + 1, before: end).map { $0 + 1 }
    }

    /// Whether the tag at `i` is one that sits inside a line of text (`<em>`, `</a>` …).
    static func isInlineTag(_ b: Bytes, at i: Int) -> Bool {
        var start = i + 1
        if start < b.count, b[start] == UInt8(ascii: "/") { start += 1 }
        var k = start
        while k < b.count, isWordByte(b[k]) { k += 1 }
        return inlineTags.contains(Array(b[start..<k]))
    }

    private static let inlineTags: Set<[UInt8]> = Set(
        ["a", "abbr", "b", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
         "span", "strong", "sub", "sup", "time", "u"].map { Array($0.utf8) })

    /// An entity (`&amp;`, `&#233;`, `&#xE9;`) at `i`: its text and the index after its `;`.
    /// An unknown or invalid one gives nil and is kept as it is written.
    static func entity(_ b: Bytes, at i: Int, before end: Int) -> (decoded: [UInt8], end: Int)? {
        var k = i + 1
        guard k < end else { return nil }
        var value: UInt32?
        if b[k] == UInt8(ascii: "#") {
            k += 1
            let hex = k < end && b[k] == UInt8(ascii: "x")
            if hex { k += 1 }
            let digits = k
            while k < end, isHexDigit(b[k]) { k += 1 }
            guard k > digits, k < end, b[k] == UInt8(ascii: ";") else { return nil }
            value = UInt32(String(decoding: UnsafeBufferPointer(rebasing: b[digits..<k]), as: UTF8.self), radix: hex ? 16 : 10)
        } else {
            let name = k
            while k < end, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b[k]) { k += 1 }
            guard k > name, k < end, b[k] == UInt8(ascii: ";") else { return nil }
            switch String(decoding: UnsafeBufferPointer(rebasing: b[name..<k]), as: UTF8.self) {
            case "amp": value = 0x26
            case "lt": value = 0x3C
            case "gt": value = 0x3E
            case "quot": value = 0x22
            case "apos": value = 0x27
            case "nbsp": value = 0xA0
            default: value = nil
            }
        }
        guard let scalar = value.flatMap(Unicode.Scalar.init) else { return nil }
        return (Array(String(Character(scalar)).utf8), k + 1)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
    static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The first index of `byte` in `from..<before` (the C library's vectorised `memchr`).
    func first(_ byte: Unicode.Scalar, from: Int, before: Int) -> Int? {
        guard let base = baseAddress, from < before,
            let found = memchr(base + from, Int32(byte.value), before - from)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The first place `needle` occurs wholly inside `from..<before` (`memchr` for its first
    /// byte, `memcmp` for the rest).
    func find<S: Sequence<UInt8>>(_ needle: S, from: Int, before: Int) -> Range<Int>? {
        let needle = Array(needle)
        guard let base = baseAddress, let head = needle.first else { return nil }
        var start = from
        while start + needle.count <= before,
            let found = memchr(base + start, Int32(head), before - start - needle.count + 1)
        {
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if needle.withUnsafeBufferPointer({ memcmp(base + offset, $0.baseAddress!, needle.count) }) == 0 {
                return offset..<(offset + needle.count)
            }
            start = offset + 1
        }
        return nil
    }

    func find(_ needle: String, from: Int, before: Int) -> Range<Int>? { find(needle.utf8, from: from, before: before) }

    func hasPrefix<S: Sequence<UInt8>>(_ prefix: S, at i: Int, before: Int? = nil) -> Bool {
        let limit = before ?? count
        var k = i
        for byte in prefix {
            guard k < limit, self[k] == byte else { return false }
            k += 1
        }
        return true
    }

    func hasPrefix(_ prefix: String, at i: Int, before: Int? = nil) -> Bool { hasPrefix(prefix.utf8, at: i, before: before) }
}
