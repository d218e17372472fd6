import Diagnostics
import RapportBase

/// Scripts in the SVG files a study publishes (issue 24, item 11). An SVG is copied into the
/// site as it is, and opened on its own (a link to it, "open image in new tab") it is a
/// document of the site's origin: a script in it runs there. A study's images never need one,
/// so any of the three ways an SVG runs script is an error at its line and column: a `<script>`
/// element (in any namespace prefix), an event attribute (`onload=`, `onclick=` … or an
/// animation setting one, `attributeName="onclick"`), a `javascript:` URL in any attribute
/// value (character references decoded, spaces and control characters dropped, as browsers do).
package enum SVGScripts {
    package struct Finding: Equatable {
        package var what: LinkProblem.SVGScript
        package var line: Int
        package var column: Int
    }

    /// The diagnostics for the SVG files among `files` (site path → source on disk), each file
    /// read once.
    static func check(_ files: [String: String], shown: (String) -> String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for source in Set(files.values).sorted() where source.lowercased().hasSuffix(".svg") {
            // Read before: a file that cannot be read was reported where it is linked.
            guard case let .success(bytes) = Files.read(source, limit: .published) else { continue }
            for finding in find(in: String(decoding: bytes, as: UTF8.self)) {
                diagnostics.append(
                    .error(
                        SourceLocation(file: shown(source), line: finding.line, column: finding.column), .link(.scriptInSVG(finding.what))))
            }
        }
        return diagnostics
    }

    /// Every script in `text`, in order.
    package static func find(in text: String) -> [Finding] {
        let s = Array(text.unicodeScalars)
        var findings: [Finding] = []
        var locator = Locator(scalars: s)
        func found(_ what: LinkProblem.SVGScript, at index: Int) {
            let (line, column) = locator.place(of: index)
            findings.append(Finding(what: what, line: line, column: column))
        }
        func starts(_ prefix: String, at index: Int) -> Bool {
            var i = index
            for scalar in prefix.unicodeScalars {
                guard i < s.count, s[i] == scalar else { return false }
                i += 1
            }
            return true
        }
        /// The index just after the next `end` from `index` (or the end of the text).
        func skip(to end: String, from index: Int) -> Int {
            var i = index
            while i < s.count, !starts(end, at: i) { i += 1 }
            return min(s.count, i + end.unicodeScalars.count)
        }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" }

        var i = 0
        while i < s.count {
            guard s[i] == "<" else { i += 1; continue }
            if starts("<!--", at: i) { i = skip(to: "-->", from: i + 4); continue }
            if starts("<![CDATA[", at: i) { i = skip(to: "]]>", from: i + 9); continue }
            if starts("<?", at: i) { i = skip(to: "?>", from: i + 2); continue }
            if starts("<!", at: i) {
                // A doctype, with its internal subset in brackets (which may hold `>`).
                var j = i + 2
                while j < s.count, s[j] != ">", s[j] != "[" { j += 1 }
                i = j < s.count && s[j] == "[" ? skip(to: "]", from: j) : j
                i = skip(to: ">", from: i)
                continue
            }
            if i + 1 < s.count, s[i + 1] == "/" { i = skip(to: ">", from: i + 2); continue }
            // A start tag: its name, then its attributes.
            let tag = i
            var j = i + 1
            var name = ""
            while j < s.count, !isSpace(s[j]), s[j] != ">", s[j] != "/" {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            if localName(name) == "script" { found(.element(name), at: tag) }
            while j < s.count {
                while j < s.count, isSpace(s[j]) || s[j] == "/" { j += 1 }
                guard j < s.count, s[j] != ">" else { break }
                let attributeStart = j
                var attribute = ""
                while j < s.count, !isSpace(s[j]), s[j] != "=", s[j] != ">", s[j] != "/" {
                    attribute.unicodeScalars.append(s[j])
                    j += 1
                }
                if j == attributeStart { j += 1; continue }
                while j < s.count, isSpace(s[j]) { j += 1 }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                        j += 1
                    } else {
                        while j < s.count, !isSpace(s[j]), s[j] != ">" {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                    }
                }
                let lowered = localName(attribute)
                let decoded = normalized(value)
                if isEventName(lowered) {
                    found(.eventAttribute(attribute), at: attributeStart)
                } else if lowered == "attributename", isEventName(decoded) {
                    found(.animatedEventAttribute(value), at: attributeStart)
                } else if decoded.contains("javascript:") {
                    found(.javascriptURL(attribute: attribute), at: attributeStart)
                } else if decoded.contains("<script") {
                    found(.scriptInAttribute(attribute), at: attributeStart)
                }
            }
            i = j + 1
        }
        return findings
    }

    /// `svg:script` → `script`, lower-cased.
    private static func localName(_ name: String) -> String {
        String(name.split(separator: ":").last ?? "").lowercased()
    }

    /// `onload`, `onclick`, `onbegin` …: `on` and letters.
    private static func isEventName(_ name: String) -> Bool {
        name.count > 2 && name.hasPrefix("on") && name.unicodeScalars.dropFirst(2).allSatisfy { ("a"..."z").contains($0) }
    }

    /// An attribute value as a browser reads a URL in it: character references decoded, ASCII
    /// spaces and control characters dropped, lower-cased.
    private static func normalized(_ value: String) -> String {
        var result = ""
        let s = Array(value.unicodeScalars)
        var i = 0
        while i < s.count {
            var scalar = s[i]
            i += 1
            if scalar == "&", let semicolon = s[i...].prefix(12).firstIndex(of: ";") {
                let name = String(String.UnicodeScalarView(s[i..<semicolon]))
                if let decoded = decode(name) {
                    scalar = decoded
                    i = semicolon + 1
                }
            }
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            result.unicodeScalars.append(scalar)
        }
        return result.lowercased()
    }

    private static func decode(_ reference: String) -> Unicode.Scalar? {
        let named: [String: Unicode.Scalar] = ["colon": ":", "lt": "<", "gt": ">", "amp": "&", "tab": "\t", "newline": "\n"]
        if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
            return UInt32(reference.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if reference.hasPrefix("#") { return UInt32(reference.dropFirst()).flatMap(Unicode.Scalar.init) }
        return named[reference.lowercased()]
    }

    /// Line and column (in Unicode scalars, as diagnostics count them; `\n`, `\r\n` or a lone
    /// `\r` ends a line) of indices asked for in increasing order, in one pass over the text.
    private struct Locator {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var column = 1

        mutating func place(of target: Int) -> (line: Int, column: Int) {
            while index < target, index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\n", index > 0, scalars[index - 1] == "\r" {
                    // The second half of "\r\n": the line was counted at "\r".
                } else if scalar == "\n" || scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
            return (line, column)
        }
    }
}
