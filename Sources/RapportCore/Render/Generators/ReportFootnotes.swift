/// The whole report's footnotes at the foot of their page, in print: a copy of each note's text
/// goes right after its first call (`<span class="page-footnote">`, which the print stylesheet
/// floats to the page foot and the screen never shows), and the chapter's list of notes is
/// marked `footnotes-moved` (left out in print). On screen the page is as before.
///
/// Only a chapter whose every note is text (a single paragraph: no list, table or second
/// paragraph, which cannot sit inside a sentence) gets its notes moved; the others keep them at
/// the chapter's end, in print too. Works on the HTML cmark-gfm writes for footnotes, with the
/// chapter's ids prefixed (ReportHTML.embed).
enum ReportFootnotes {
    static func atPageFoot(_ body: [UInt8]) -> [UInt8] {
        let sectionOpen = Array("<section class=\"footnotes\" data-footnotes>".utf8)
        guard let section = body.firstRange(of: sectionOpen),
            let sectionEnd = body[section.upperBound...].firstRange(of: Array("</section>".utf8))
        else { return body }
        // Each note: its id and its text without the paragraph and the link back.
        var notes: [String: [UInt8]] = [:]
        var rest = body[section.upperBound..<sectionEnd.lowerBound]
        while let open = rest.firstRange(of: Array("<li id=\"".utf8)) {
            guard let idEnd = rest[open.upperBound...].firstIndex(of: UInt8(ascii: "\"")),
                let tagEnd = rest[idEnd...].firstIndex(of: UInt8(ascii: ">")),
                let close = rest[tagEnd...].firstRange(of: Array("</li>".utf8))
            else { return body }
            let id = String(decoding: rest[open.upperBound..<idEnd], as: UTF8.self)
            guard let text = noteText(rest[(tagEnd + 1)..<close.lowerBound]) else { return body }
            notes[id] = text
            rest = rest[close.upperBound...]
        }
        guard !notes.isEmpty else { return body }
        var output: [UInt8] = []
        output.reserveCapacity(body.count + notes.values.reduce(0) { $0 + $1.count + 64 })
        var position = 0
        let call = Array("<sup class=\"footnote-ref\"><a href=\"#".utf8), supClose = Array("</sup>".utf8)
        var placed: Set<String> = []
        while let found = body[position..<section.lowerBound].firstRange(of: call),
            let idEnd = body[found.upperBound...].firstIndex(of: UInt8(ascii: "\"")),
            let end = body[idEnd...].firstRange(of: supClose)
        {
            output += body[position..<end.upperBound]
            let id = String(decoding: body[found.upperBound..<idEnd], as: UTF8.self)
            if let text = notes[id], !placed.contains(id) {
                placed.insert(id)
                // The call's number (`…>1</a></sup>`), in front of the note at the page foot.
                let linkEnd = end.lowerBound - 4
                let numberStart = (body[idEnd..<linkEnd].lastIndex(of: UInt8(ascii: ">")) ?? linkEnd - 1) + 1
                output += Array("<span class=\"page-footnote\"><span class=\"page-footnote-number\">".utf8)
                output += body[numberStart..<linkEnd] + Array("</span> ".utf8) + text + Array("</span>".utf8)
            }
            position = end.upperBound
        }
        output += body[position..<section.lowerBound]
        output += Array("<section class=\"footnotes footnotes-moved\" data-footnotes>".utf8)
        output += body[section.upperBound...]
        return output
    }

    /// `<p>text <a … class="footnote-backref" …>↩</a></p>` → the note's number and text; nil for a
    /// note that is more than one paragraph of text.
    static func noteText(_ item: ArraySlice<UInt8>) -> [UInt8]? {
        var inner = item.drop { $0 == 0x0A || $0 == 0x20 }
        while let last = inner.last, last == 0x0A || last == 0x20 { inner = inner.dropLast() }
        let open = Array("<p>".utf8), close = Array("</p>".utf8)
        guard inner.starts(with: open), inner.suffix(close.count).elementsEqual(close) else { return nil }
        inner = inner.dropFirst(open.count).dropLast(close.count)
        for block in ["<p>", "<p ", "<ul", "<ol", "<table", "<div", "<blockquote", "<pre", "<figure", "<h"]
        where inner.firstRange(of: Array(block.utf8)) != nil {
            return nil
        }
        if let back = inner.firstRange(of: Array(" <a href=\"#".utf8)),
            inner[back.upperBound...].firstRange(of: Array("class=\"footnote-backref\"".utf8)) != nil,
            let backEnd = inner[back.upperBound...].firstRange(of: Array("</a>".utf8)),
            inner[backEnd.upperBound...].allSatisfy({ $0 == 0x20 || $0 == 0x0A })
        {
            inner = inner[..<back.lowerBound]
        }
        return Array(inner)
    }
}
