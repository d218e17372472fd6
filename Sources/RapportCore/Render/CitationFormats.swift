import Foundation

/// One work to cite, the study or one of its charts, and its files for reference managers
/// (Zotero, EndNote, Mendeley, JabRef): BibTeX, RIS and CSL-JSON. Every text is escaped for its
/// format, so no title can end a field, a line or an entry early:
///
/// - BibTeX: LaTeX's special characters as commands (`\&`, `$\lbrace$` …), never a bare brace
///   (BibTeX counts `\{` as one too), so braces stay balanced whatever the text; titles in double braces (their case kept);
///   the organisation as author in double braces (a name, not a first and last name);
/// - RIS: one `XX  - value` line per field, CRLF, every line break in a text made a space;
/// - CSL-JSON: `JSONText`'s string escaping.
struct CitationRecord {
    enum Kind {
        /// The study: a report (BibTeX `@techreport`, RIS `RPRT`, CSL `report`).
        case study
        /// A chart of the study: a figure in it (BibTeX `@misc`, RIS `FIGURE`, CSL `figure`).
        case chart
    }

    var kind: Kind
    /// The BibTeX key and CSL id: ASCII letters, digits and `-`.
    var key: String
    var title: String
    /// A chart's study (the site's title), with the words that introduce it (`In:`).
    var container: (title: String, label: String)?
    /// The organisation that publishes the study: its author and publisher.
    var publisher: String?
    var year: Int?
    var url: String
    var doi: String?
    /// BCP 47 (`nl-BE`).
    var language: String
    var abstract: String?

    // MARK: BibTeX

    func bibTeX() -> String {
        var fields: [(String, String)] = [("title", "{" + Self.bibTeXText(title) + "}")]
        if let publisher {
            fields.append(("author", "{" + Self.bibTeXText(publisher) + "}"))
            fields.append((kind == .study ? "institution" : "publisher", Self.bibTeXText(publisher)))
        }
        if let container { fields.append(("howpublished", Self.bibTeXText(container.label + " " + container.title))) }
        if let year { fields.append(("year", String(year))) }
        fields.append(("url", Self.bibTeXURL(url)))
        if let doi { fields.append(("doi", Self.bibTeXURL(doi))) }
        fields.append(("language", Self.bibTeXText(language)))
        if let abstract { fields.append(("abstract", Self.bibTeXText(abstract))) }
        let type = kind == .study ? "techreport" : "misc"
        return "@\(type){\(key),\n" + fields.map { "  \($0.0) = {\($0.1)}" }.joined(separator: ",\n") + "\n}\n"
    }

    /// A text inside a braced BibTeX value: LaTeX's ten special characters written as commands
    /// (none of them a bare brace), control characters and line breaks as spaces.
    static func bibTeXText(_ text: String) -> String {
        var out = ""
        for scalar in oneLine(text).unicodeScalars {
            switch scalar {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "$\\lbrace$"
            case "}": out += "$\\rbrace$"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "&", "%", "$", "#", "_": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL or DOI as a BibTeX value (read verbatim by `url`): braces and backslashes, which no
    /// URL Rapport writes has, percent-encoded all the same.
    static func bibTeXURL(_ url: String) -> String {
        let url = oneLine(url)
        if !url.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) { return url }
        return url.replacingOccurrences(of: "\\", with: "%5C").replacingOccurrences(of: "{", with: "%7B")
            .replacingOccurrences(of: "}", with: "%7D")
    }

    // MARK: RIS

    func ris() -> String {
        var lines: [(String, String)] = [("TY", kind == .study ? "RPRT" : "FIGURE"), ("TI", title)]
        if let container { lines.append(("T2", container.title)) }
        if let publisher {
            lines.append(("AU", publisher))
            lines.append(("PB", publisher))
        }
        if let year { lines.append(("PY", String(year))) }
        lines.append(("LA", language))
        lines.append(("UR", url))
        if let doi { lines.append(("DO", doi)) }
        if let abstract { lines.append(("AB", abstract)) }
        lines.append(("ER", ""))
        return lines.map { tag, value in "\(tag)  - \(Self.oneLine(value))" }.joined(separator: "\r\n") + "\r\n"
    }

    /// One line: line breaks (CR, LF, NEL, U+2028/2029) and other control characters become
    /// spaces, and the ends are trimmed.
    static func oneLine(_ text: String) -> String {
        func isBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
        }
        let scalars = text.unicodeScalars
        func isBlank(_ scalar: Unicode.Scalar) -> Bool { isBreakOrControl(scalar) || isSpace(scalar) }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        let kept = scalars[first...last]
        if !kept.contains(where: isBreakOrControl) { return String(kept) }
        return String(String.UnicodeScalarView(kept.map { isBreakOrControl($0) ? " " : $0 }))
    }

    /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation's string bridge.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) ? text : String(scalars[first...last])
    }

    /// What Foundation's `.whitespaces` holds: tab, the space separators, and U+200B.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    // MARK: CSL-JSON

    /// A CSL-JSON file: an array holding the one item (what Zotero and citeproc read).
    func cslJSON() -> [UInt8] {
        var item: [String: JSONText] = [
            "id": .string(key), "type": .string(kind == .study ? "report" : "figure"), "title": .string(title),
            "URL": .string(url), "language": .string(language),
        ]
        if let publisher {
            item["author"] = .array([.object(["literal": .string(publisher)])])
            item["publisher"] = .string(publisher)
        }
        if let year { item["issued"] = .object(["date-parts": .array([.array([.integer(year)])])]) }
        if let container { item["container-title"] = .string(container.title) }
        if let doi { item["DOI"] = .string(doi) }
        if let abstract { item["abstract"] = .string(abstract) }
        return JSONText.array([.object(item)]).bytes
    }

    /// The three files, by extension.
    static let extensions = ["bib", "ris", "csl.json"]

    func file(_ fileExtension: String) -> [UInt8] {
        switch fileExtension {
        case "bib": return Array(bibTeX().utf8)
        case "ris": return Array(ris().utf8)
        default: return cslJSON()
        }
    }
}
