/// The one text escaper of Rapport, for SVG, HTML and XML alike (the charts, the pages' template
/// values, the data tables, the sitemap, the preview's error pages).
public enum Markup {
    /// Appends `s` escaped for element content and attribute values: `& < > " '` become
    /// entities (`'` as `&#39;`, which HTML and XML both know), characters XML 1.0 forbids (C0
    /// controls other than tab/newline, U+FFFE, U+FFFF) are dropped, tab, newline and carriage
    /// return become spaces. Everything else (emoji, RTL) passes intact.
    public static func appendEscaped<S: StringProtocol>(_ s: S, to bytes: inout [UInt8]) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &bytes) }
        if done == nil {
            let copy = Array(s.utf8)
            copy.withUnsafeBufferPointer { appendEscaped($0, to: &bytes) }
        }
    }

    /// `s` escaped; `s` itself when nothing needs escaping (most labels).
    public static func escaped(_ s: String) -> String {
        let clean: Bool? = s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isPlain) }
        if clean == true { return s }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        appendEscaped(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A byte copied as it is (the start of U+FFFE and U+FFFF, 0xEF, is looked at).
    @inline(__always)
    static func isPlain(_ b: UInt8) -> Bool {
        b >= 0x20 && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x22 && b != 0x27 && b != 0xEF
    }

    public static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var i = 0
        var start = 0
        let n = utf8.count
        func entity(_ s: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }
        while i < n {
            let b = utf8[i]
            // Most bytes need nothing: copy them in runs.
            if isPlain(b) {
                i += 1
                continue
            }
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
            switch b {
            case UInt8(ascii: "&"): entity("&amp;")
            case UInt8(ascii: "<"): entity("&lt;")
            case UInt8(ascii: ">"): entity("&gt;")
            case UInt8(ascii: "\""): entity("&quot;")
            case UInt8(ascii: "'"): entity("&#39;")
            case 0x09, 0x0A, 0x0D: bytes.append(UInt8(ascii: " "))
            case 0x00..<0x20: break
            case 0xEF where i + 2 < n && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                i += 2  // U+FFFE, U+FFFF: not characters in XML
            default: bytes.append(b)
            }
            i += 1
            start = i
        }
        if n > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<n])) }
    }
}
