import Foundation

/// What Rapport adds to cmark's HTML, done on the tree before cmark writes it: each construct
/// becomes a custom node holding cmark's own rendering of its content, so nothing depends on
/// where in cmark's output a tag happens to stand.
extension Markdown {
    /// A heading with its id: `<hN id="…">` and `</hN>` around the heading's own inlines, in a
    /// block that stands where the heading stood (cmark writes headings without attributes).
    static func placeHeading(_ node: MarkdownNode, id: String) {
        let level = node.headingLevel
        guard let block = MarkdownNode.customBlock(), let open = MarkdownNode.customInline("<h\(level) id=\"\(escapeHTML(id))\">"),
            let close = MarkdownNode.customInline("</h\(level)>")
        else { return }
        block.append(open)
        for child in node.children { block.append(child) }
        block.append(close)
        node.replace(with: block)
    }

    /// A box around a Markdown table that scrolls sideways on a narrow screen (not the page)
    /// and takes keyboard focus so it can be scrolled without a mouse; the table in it is
    /// cmark's own rendering of it.
    static func wrapTable(_ node: MarkdownNode, in tree: MarkdownTree) {
        let table = tree.html(node)
        var html = Array(#"<div class="table-scroll" tabindex="0">"#.utf8)
        html.reserveCapacity(table.count + 48)
        // cmark ends a custom block with a line break: it goes after the box.
        html += table.last == UInt8(ascii: "\n") ? table.dropLast() : table[...]
        html += "</div>".utf8
        guard let block = MarkdownNode.customBlock(enter: html[...]) else { return }
        node.replace(with: block)
    }

    /// A chart's figure in place of its fenced block (none when the chart could not be made).
    static func placeFigure(_ html: [UInt8], at node: MarkdownNode) {
        // cmark ends the block with a line break; the figure has its own.
        guard let block = MarkdownNode.customBlock(enter: html.last == UInt8(ascii: "\n") ? html.dropLast() : html[...]) else { return }
        node.replace(with: block)
    }

    /// An image as the `image` hook had it: a decorative one with empty alt text; one of known
    /// size with its `width` and `height` (written here, as cmark writes images: `src`, alt text
    /// as plain text, `title`). The tag goes in as a placeholder's value (a marker in a text
    /// node): a table cell, unlike a paragraph, holds no custom node.
    static func placeImage(_ node: MarkdownNode, _ image: Image, values: inout PlaceholderValues) {
        if image.decorative {
            for child in node.children { child.remove() }
        }
        guard let size = image.size else { return }
        let alt = plainText(of: node, placeholders: values.texts, withHTML: true)
        var html = "<img src=\"\(escapedURL(node.url))\" width=\"\(size.width)\" height=\"\(size.height)\" alt=\"\(escapeHTML(alt))\""
        let title = node.title
        if !title.isEmpty { html += " title=\"\(escapeHTML(title))\"" }
        html += " />"
        var marker: [UInt8] = []
        Placeholders.appendMarker(values.html.count, to: &marker)
        guard let text = MarkdownNode.text(marker) else { return }
        values.html.append(Array(html.utf8))
        values.texts.append(Array(alt.utf8))
        node.replace(with: text)
    }

    /// A link or image URL as cmark writes it in an attribute (`houdini_escape_href`): `&` and
    /// `'` as entities, what is neither a letter, a digit nor one of ``-_.+!*(),%#@?=;:/$~`` as
    /// `%XX`; nothing for a `javascript:`, `vbscript:`, `file:` or `data:` URL but a
    /// `data:image/png|gif|jpeg|webp` one (cmark's safe mode).
    static func escapedURL(_ url: String) -> String {
        let lower = url.lowercased()
        if ["javascript:", "vbscript:", "file:", "data:"].contains(where: { lower.hasPrefix($0) }),
            !["png", "gif", "jpeg", "webp"].contains(where: { lower.hasPrefix("data:image/" + $0) })
        {
            return ""
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                bytes.append(byte)
            case UInt8(ascii: "&"): bytes += "&amp;".utf8
            case UInt8(ascii: "'"): bytes += "&#x27;".utf8
            default:
                if Self.urlSafe.contains(byte) {
                    bytes.append(byte)
                } else {
                    bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let urlSafe = Set("-_.+!*(),%#@?=;:/$~".utf8)

    /// The page's HTML: cmark's rendering of the tree, the footnotes rendered on their own (cmark
    /// keeps them last) and given their heading and label (`localizedFootnotes`).
    static func html(of tree: MarkdownTree, footnotesTitle: String, footnoteBackLabel: String) -> [UInt8] {
        let definitions = tree.root.children.filter { $0.kind == .footnoteDefinition }
        guard !definitions.isEmpty, let footnotes = tree.detach(definitions) else { return tree.html(tree.root) }
        return tree.html(tree.root) + localizedFootnotes(tree.html(footnotes), title: footnotesTitle, backLabel: footnoteBackLabel)
    }
}
