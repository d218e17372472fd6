extension Markdown {
    /// The one place Rapport edits cmark's HTML. cmark-gfm writes the footnotes section (`html`,
    /// the footnote definitions rendered on their own) without a heading and with its back-links
    /// labelled in English (`aria-label="Back to content"`), and has no way to say otherwise.
    /// Here the section gets a heading (for screen readers and the outline) and the label is put
    /// in the page's language. MarkdownTreeTests checks cmark's output still has this shape.
    static func localizedFootnotes(_ html: [UInt8], title: String, backLabel: String) -> [UInt8] {
        let opening = Array("<section class=\"footnotes\" data-footnotes>\n".utf8)
        let english = Array("aria-label=\"Back to content\"".utf8)
        let localized = Array("aria-label=\"\(escapeHTML(backLabel))\"".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(html.count + 128)
        var index = 0
        if html.starts(with: opening) {
            output += opening
            output += "<h2 class=\"visually-hidden\">\(escapeHTML(title))</h2>\n".utf8
            index = opening.count
        }
        var copied = index
        while let found = html[index...].firstIndex(of: english[0]) {
            if html[found...].starts(with: english) {
                output += html[copied..<found]
                output += localized
                index = found + english.count
                copied = index
            } else {
                index = found + 1
            }
        }
        output += html[copied...]
        return output
    }
}
