extension Markdown {
    /// What a reader reads on the page, in document order, for the search index (SearchPage.swift):
    /// taken from the tree, so the index needs no second reading of the HTML.
    enum Reading: Equatable {
        /// Text as it reads (placeholders as their values' text; white space as it is, a space
        /// wherever the HTML has a tag between blocks, a line break, an image or a footnote mark).
        case text(String)
        /// The start of the section of the page's `index`-th heading (its text is not in `text`).
        case heading(Int)
        /// A chart's figure (none when the chart could not be made); its texts are its dataset's.
        case figure
    }

    /// The reading of the tree, taken after typography and before the tree edits. `values` are
    /// the placeholders' values as text (`readableText(ofHTML:)`); `charts` the chart blocks,
    /// true for those that have a figure.
    static func reading(
        of root: MarkdownNode, headings: [MarkdownNode], charts: [MarkdownNode: Bool], values: [[UInt8]], footnotesTitle: String
    ) -> [Reading] {
        var pieces: [Reading] = []
        var text = ""
        func flush() {
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
        }
        let headingIndex = Dictionary(headings.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var skipping: MarkdownNode?
        var footnotes = false
        root.walk { node, entering in
            if let skipped = skipping {
                if !entering, node == skipped { skipping = nil }
                return
            }
            switch node.kind {
            case .heading:
                guard entering, let index = headingIndex[node] else { return }
                flush()
                pieces.append(.heading(index))
                skipping = node
            case .image:
                // An image is a tag: its alt text is not read here.
                text += " "
                if entering { skipping = node }
            case .text: text += Markdown.textWithValues(node, values)
            case .code: text += node.literal
            case .codeBlock:
                switch charts[node] {
                case true?:
                    flush()
                    pieces.append(.figure)
                case false?: text += " "
                case nil: text += " " + node.literal + " "
                }
            case .emphasis, .strong, .link, .strikethrough, .customInline: break
            case .footnoteDefinition:
                // The footnotes section starts with its (hidden) heading, which has no id.
                if !footnotes { text += " " + footnotesTitle + " " }
                footnotes = true
                text += " "
            default: text += " "
            }
        }
        flush()
        return pieces
    }

    /// The text of a placeholder's HTML as the index reads HTML: tags inside a line of text
    /// (`<span>`, `<data>`, `<a>` …) go without a trace, the others leave a space; `&amp;`,
    /// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references are decoded.
    static func readableText(ofHTML html: [UInt8]) -> [UInt8] {
        guard html.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return html }
        var output: [UInt8] = []
        output.reserveCapacity(html.count)
        var index = 0
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<"), let end = html[index...].firstIndex(of: UInt8(ascii: ">")) {
                var name = index + 1
                if name < end, html[name] == UInt8(ascii: "/") { name += 1 }
                var nameEnd = name
                while nameEnd < end, isWordByte(html[nameEnd]) { nameEnd += 1 }
                let tag = String(decoding: html[name..<nameEnd], as: UTF8.self)
                if !inlineTags.contains(tag) { output.append(UInt8(ascii: " ")) }
                index = end + 1
            } else if byte == UInt8(ascii: "&"), let end = html[index...].prefix(40).firstIndex(of: UInt8(ascii: ";")),
                isEntityName(html[(index + 1)..<end]),
                let decoded = SearchIndex.decode(String(decoding: html[(index + 1)..<end], as: UTF8.self))
            {
                output += decoded.utf8
                index = end + 1
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private static let inlineTags: Set<String> = [
        "a", "abbr", "b", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span", "strong",
        "sub", "sup", "time", "u",
    ]

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// `#` and hexadecimal digits (an optional `x` first), or lower-case letters.
    private static func isEntityName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first else { return false }
        if first == UInt8(ascii: "#") {
            var digits = name.dropFirst()
            if digits.first == UInt8(ascii: "x") { digits = digits.dropFirst() }
            return !digits.isEmpty && digits.allSatisfy { $0 < 128 && Character(Unicode.Scalar($0)).isHexDigit }
        }
        return name.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
    }
}
