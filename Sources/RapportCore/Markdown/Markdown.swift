import Diagnostics
import Foundation
import RapportBase

/// Markdown to HTML with cmark-gfm (through `MarkdownTree`, the one file that calls it): GFM
/// extensions and footnotes, raw HTML off. While the tree is walked, hooks let the caller rewrite it:
/// - a fenced block with info string `chart <id>` becomes the HTML the `chart` hook returns;
/// - `{{…}}` in text becomes the (already escaped) HTML the `placeholder` hook returns, in any
///   context text can stand in (MarkdownPlaceholders.swift; its plain text in alt text and
///   heading ids);
/// - every link URL passes through the `link` hook (relative `.md` links become page URLs).
/// Headings get readable ids, tables a scrolling box, and the footnotes a heading and their
/// back-link label in the page's language: all on the tree (MarkdownTreeEdits.swift), but for
/// that label (MarkdownFootnotes.swift).
enum Markdown {
    /// Where in the Markdown file a construct stands (1-based line and column).
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    struct Heading {
        var level: Int
        var text: String
        var id: String
        var position: Position
    }

    struct Hooks {
        /// The figure's HTML (UTF-8).
        var chart: (_ info: String, _ at: Position) -> [UInt8]
        var placeholder: (_ expression: String, _ at: Position) -> Placeholders.Value
        var link: (_ url: String, _ at: Position) -> String
        /// Every image (instead of `link`): its URL, its alt text as plain text; returns the URL
        /// to write, the image's size (written as `width` and `height`) and whether it is
        /// decorative (its alt text is then written empty). Nil: images go to `link`.
        var image: ((_ url: String, _ alt: String, _ at: Position) -> Image)? = nil
        /// A mistake in the Markdown itself (a `{{` cut off by Markdown or HTML).
        var error: (_ problem: Problem, _ at: Position) -> Void
        /// A data reference written with one brace (`{dataset:row}`), left in the text as it is.
        var singleBrace: (_ expression: String, _ at: Position) -> Void = { _, _ in }
        /// Every text node after placeholders are replaced (typography; `rewriteText`); nil: unchanged.
        var text: ((_ text: String, _ afterInline: Bool) -> String?)? = nil
    }

    struct Image {
        var url: String
        var size: ImageSize?
        var decorative = false
    }

    struct Document {
        /// UTF-8.
        var html: [UInt8]
        var headings: [Heading]
        /// The page's text as it reads, for the search index.
        var reading: [Reading] = []
    }

    /// Renders `utf8` (Markdown). `lineOffset` is added to every reported line (the lines of front matter
    /// that were cut off before the Markdown body).
    static func render(
        _ utf8: [UInt8], lineOffset: Int, footnoteBackLabel: String, footnotesTitle: String,
        ids: IdAllocator = IdAllocator(), hooks: Hooks
    ) -> Document {
        // U+FDD0… in the page would pass for placeholder markers: they become U+FFFD.
        let utf8 = Placeholders.neutralized(utf8) ?? utf8
        guard let tree = MarkdownTree(utf8) else { return Document(html: [], headings: []) }

        // cmark's byte columns become columns as editors count them, in one place.
        var columns = SourceColumns(utf8)
        func position(_ node: MarkdownNode) -> Position {
            let start = node.start
            return Position(line: start.line + lineOffset, column: columns.column(line: start.line, byteColumn: max(1, start.column)))
        }

        // Collect first, then rewrite: the walk must not see nodes change under it.
        var headings: [MarkdownNode] = []
        var codeBlocks: [MarkdownNode] = []
        var texts: [(node: MarkdownNode, inImage: Bool)] = []
        var links: [MarkdownNode] = []
        var tables: [MarkdownNode] = []
        var imageDepth = 0
        var nested: Set<MarkdownNode> = []
        tree.root.walk { node, entering in
            let kind = node.kind
            guard entering else {
                if kind == .image { imageDepth -= 1 }
                return
            }
            switch kind {
            case .heading: headings.append(node)
            case .codeBlock: codeBlocks.append(node)
            case .text: texts.append((node, imageDepth > 0))
            case .link: links.append(node)
            case .image:
                links.append(node)
                // An image in alt text is written as its text: it gets no size.
                if imageDepth > 0 { nested.insert(node) }
                imageDepth += 1
            case .table: tables.append(node)
            default: break
            }
        }

        // Placeholders first: headings read their values.
        var placeholders = PlaceholderValues()
        for (node, inImage) in texts {
            rewritePlaceholders(
                in: node, inImage: inImage, lineOffset: lineOffset, columns: &columns, values: &placeholders, hooks: hooks)
        }

        var ids = ids
        let outline = headings.map { node -> Heading in
            let text = plainText(of: node, placeholders: placeholders.texts)
            return Heading(level: node.headingLevel, text: text, id: ids.allocate(for: text), position: position(node))
        }

        var images: [(node: MarkdownNode, image: Image)] = []
        for node in links {
            let url = node.url
            if let image = hooks.image, node.kind == .image {
                let result = image(url, plainText(of: node, placeholders: placeholders.texts), position(node))
                if result.url != url { node.url = result.url }
                images.append((node, result))
                continue
            }
            let rewritten = hooks.link(url, position(node))
            if rewritten != url { node.url = rewritten }
        }

        if let transform = hooks.text { rewriteText(root: tree.root, transform) }

        var figures: [(node: MarkdownNode, html: [UInt8])] = []
        for node in codeBlocks {
            let info = node.fenceInfo.trimmingWhitespace
            guard info == "chart" || info.hasPrefix("chart ") else { continue }
            figures.append((node, hooks.chart(String(info.dropFirst(5)).trimmingWhitespace, position(node))))
        }
        let reading = reading(
            of: tree.root, headings: headings,
            charts: Dictionary(figures.map { ($0.node, !$0.html.isEmpty) }, uniquingKeysWith: { first, _ in first }),
            values: placeholders.html.map(readableText(ofHTML:)), footnotesTitle: footnotesTitle)

        // What cmark cannot write goes in the tree as HTML of ours, inner nodes first: a table is
        // rendered whole, with its images; an image in another's alt text is done (last first)
        // before the outer one drops it.
        for (node, image) in images.reversed() {
            var image = image
            if nested.contains(node) { image.size = nil }
            placeImage(node, image, values: &placeholders)
        }
        for (node, html) in figures {
            // A figure's text is never taken for a placeholder's marker.
            placeFigure(placeholders.html.isEmpty ? html : Placeholders.neutralized(html) ?? html, at: node)
        }
        for (node, heading) in zip(headings, outline) { placeHeading(node, id: heading.id) }
        for node in tables { wrapTable(node, in: tree) }
        let html = html(of: tree, footnotesTitle: footnotesTitle, footnoteBackLabel: footnoteBackLabel)
        // The placeholders' values, in place of their markers (ours: no other text holds U+FDD0).
        return Document(
            html: placeholders.html.isEmpty
                ? html : html.withUnsafeBufferPointer { Placeholders.substitute($0, values: placeholders.html) },
            headings: outline, reading: reading)
    }

    /// A heading's or an image's text as a reader sees it: its text (a placeholder as its plain
    /// text) and code; in alt text also its raw HTML, as cmark writes it there.
    /// A text node's literal with the placeholders' values in place of their markers.
    static func textWithValues(_ node: MarkdownNode, _ values: [[UInt8]]) -> String {
        node.withLiteral { bytes in
            values.isEmpty
                ? String(decoding: bytes, as: UTF8.self)
                : String(decoding: Placeholders.substitute(bytes, values: values), as: UTF8.self)
        }
    }

    static func plainText(of node: MarkdownNode, placeholders: [[UInt8]], withHTML: Bool = false) -> String {
        var text = ""
        node.walk { child, entering in
            guard entering else { return }
            switch child.kind {
            case .text: text += textWithValues(child, placeholders)
            case .code: text += child.literal
            case .htmlInline where withHTML: text += child.literal
            case .softBreak, .lineBreak: text += " "
            default: break
            }
        }
        return text
    }
}
