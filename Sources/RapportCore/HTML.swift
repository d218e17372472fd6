/// Escapes text for HTML and XML element content and attribute values: `&`, `<`, `>`, `"`, `'`.
/// Works on UTF-8 bytes and returns the text itself when nothing needs escaping (most labels).
func escapeHTML(_ text: String) -> String {
    var copy = text
    let clean = copy.withUTF8 { bytes in
        !bytes.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
    }
    if clean { return text }
    var output: [UInt8] = []
    output.reserveCapacity(text.utf8.count + 16)
    appendEscaped(text, to: &output)
    return String(decoding: output, as: UTF8.self)
}
