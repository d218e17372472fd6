/// An XLIFF 1.2 document (OASIS, `urn:oasis:names:tc:xliff:document:1.2`): the version memoQ,
/// Trados Studio, OmegaT and Phrase all read and write (their own formats, `.mqxliff`,
/// `.sdlxliff`, `.mxliff`, are XLIFF 1.2 with extensions), where XLIFF 2 is not read by every
/// one of them. One `<file>` per translated file, one `<trans-unit>` per segment.
struct XLIFFDocument {
    struct Unit {
        var id: String
        var what: String
        var source: InlineText
        var target: InlineText?
        /// Where the translation is (or goes), and where its source is.
        var file: String
        var line: Int
        var sourcePlace: String
    }

    struct File {
        var original: String
        var sourceLanguage: String
        var targetLanguage: String
        var units: [Unit]
    }

    var files: [File]

    static let namespace = "urn:oasis:names:tc:xliff:document:1.2"

    var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"\(Self.namespace)\">\n"
        for file in files {
            out += "  <file original=\"\(Self.escape(file.original))\" source-language=\"\(Self.escape(file.sourceLanguage))\""
            out += " target-language=\"\(Self.escape(file.targetLanguage))\" datatype=\"x-markdown\">\n"
            out += "    <header><tool tool-id=\"rapport\" tool-name=\"Rapport\"/></header>\n    <body>\n"
            for unit in file.units {
                out += "      <trans-unit id=\"\(Self.escape(unit.id))\" xml:space=\"preserve\">\n"
                out += "        <source>\(Self.inline(unit.source))</source>\n"
                if let target = unit.target {
                    out += "        <target state=\"needs-review-translation\">\(Self.inline(target))</target>\n"
                }
                out += "        <context-group purpose=\"location\" name=\"translation\">"
                out += "<context context-type=\"sourcefile\">\(Self.escape(unit.file))</context>"
                out += "<context context-type=\"linenumber\">\(unit.line)</context></context-group>\n"
                out += "        <note from=\"rapport\">\(Self.escape("\(unit.what); source: \(unit.sourcePlace)"))</note>\n"
                out += "      </trans-unit>\n"
            }
            out += "    </body>\n  </file>\n"
        }
        return out + "</xliff>\n"
    }

    /// A segment's text with its codes as `<ph>`, `<bpt>`, `<ept>`.
    static func inline(_ text: InlineText) -> String {
        text.pieces.map { piece in
            switch piece {
            case let .text(text): escape(text)
            case let .code(code): "<\(code.kind.rawValue) id=\"\(code.id)\">\(escape(code.shown))</\(code.kind.rawValue)>"
            }
        }.joined()
    }

    /// Text for XML 1.0 content or a double-quoted attribute: `&`, `<`, `>` (so `]]>` cannot
    /// appear) and `"` as references, line ends and tabs as character references (an attribute keeps
    /// them), and what XML cannot hold even as a reference (control characters) as `U+0001`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if InlineScan.isControl(scalar) {
                    out += "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
